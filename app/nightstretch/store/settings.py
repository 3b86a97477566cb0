"""A typed settings model stored as human-readable JSON.

A bad value never stops the app: the field falls back to its default, the user is told
which field, and a copy of the file as it was is kept so nothing she wrote is lost.
Problems travel as ``SettingsProblem`` (field, value, message), so the settings dialog can
put a message next to its field and the start notice can say the whole sentence.
Saving goes through ``atomic_write``: a crash mid-write leaves the old or the new file.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from nightstretch.core.i18n import LANGUAGES, N_, _
from nightstretch.core.notification_server import DISPLAYS, ReminderDisplay
from nightstretch.core.presence import PresenceRules
from nightstretch.core.reminders import WEEKDAYS, ReminderConfig, parse_clock_time
from nightstretch.core.routine_loader import ID_RE
from nightstretch.store.files import atomic_write

Theme = Literal["auto", "night", "day"]
THEMES: tuple[Theme, ...] = ("auto", "night", "day")

ProblemKind = Literal["value", "unknown", "together", "file"]
UNKNOWN_SETTING = N_("is not a setting Nightstretch knows")
"""Translated when shown (``SettingsProblem.sentence``): the problems are found before the
language in the settings is known."""


def shown(value: object) -> str:
    """A value as the file spells it (tuples as lists), for "(got ...)"."""
    try:
        return json.dumps(value)
    except (TypeError, ValueError):
        return repr(value)


@dataclass(frozen=True)
class SettingsProblem:
    """One thing wrong with the settings, in pieces: each reader words it for its place.

    The dialog shows ``message`` beside the field named ``field``; the start notice and a
    refused change show the sentence (``str``), which names the field and the value found.
    """

    field: str
    """The setting it is about; "" for the file as a whole."""
    value: object
    """What was found, as the file spells it (None for a problem with the whole file)."""
    message: str
    """Worded to follow the field's name (_("must be true or false")); for the whole file,
    the whole sentence."""
    kind: ProblemKind = "value"
    """How the sentence reads: a bad ``value``, an ``unknown`` name, a rule between fields
    (``together``: the value goes beside the name) or the ``file``."""
    fallback: str = ""
    """What loading did instead ("using the default"); empty when nothing was replaced."""

    def sentence(self, with_fallback: bool = True) -> str:
        """``with_fallback=False`` for a refused change, which falls back to nothing."""
        if self.kind == "file":
            return self.message
        if self.kind == "unknown":
            text = f'"{self.field}" {_(self.message)}'
            return f"{text} ({_(self.fallback)})" if with_fallback and self.fallback else text
        if self.kind == "together":
            text = f'"{self.field}" ({self.value}) {self.message}'
        else:
            text = _('"{field}" {problem} (got {value})').format(
                field=self.field, problem=self.message, value=shown(self.value)
            )
        return f"{text}; {_(self.fallback)}" if with_fallback and self.fallback else text

    def __str__(self) -> str:
        return self.sentence()


def _one_of(*allowed: object) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        if value in allowed:
            return None
        return _("must be one of {values}").format(values=", ".join(json.dumps(a) for a in allowed))

    return check


def _number_between(low: float, high: float) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return _("must be a number")
        if not low <= value <= high:
            return _("must be between {low} and {high}").format(low=f"{low:g}", high=f"{high:g}")
        return None

    return check


def _boolean(value: object) -> str | None:
    return None if isinstance(value, bool) else _("must be true or false")


def _text(value: object) -> str | None:
    return None if isinstance(value, str) else _("must be text")


def _whole_number_between(low: int, high: int) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return _("must be a whole number")
        if not low <= value <= high:
            return _("must be between {low} and {high}").format(low=low, high=high)
        return None

    return check


_CLOCK_TIME = N_("a time of day as HH:MM (00:00 to 23:59)")


def _is_clock_time(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        parse_clock_time(value)
    except ValueError:
        return False
    return True


def _clock_time(value: object) -> str | None:
    return None if _is_clock_time(value) else _("must be {what}").format(what=_(_CLOCK_TIME))


def _clock_time_or_empty(value: object) -> str | None:
    if value == "" or _is_clock_time(value):
        return None
    return _('must be {what}, or "" for 2 hours before bedtime').format(what=_(_CLOCK_TIME))


def _weekday_times(value: object) -> str | None:
    if not isinstance(value, dict):
        return _("must be a table of weekdays to times, like {example}").format(
            example='{"fri": "23:30"}'
        )
    for day, when in value.items():
        if day not in WEEKDAYS:
            return _not_a_weekday(json.dumps(day))
        if not _is_clock_time(when):
            return _('has "{day}": {value}, which must be {what}').format(
                day=day, value=json.dumps(when), what=_(_CLOCK_TIME)
            )
    return None


def _not_a_weekday(day: str) -> str:
    return _("has {day}, which is not a weekday ({days})").format(day=day, days=", ".join(WEEKDAYS))


def _weekdays(value: object) -> str | None:
    if not isinstance(value, list) or not value:
        return _("must be a non-empty list of weekdays ({days})").format(days=", ".join(WEEKDAYS))
    for day in value:
        if day not in WEEKDAYS:
            return _not_a_weekday(json.dumps(day))
    if len(set(value)) != len(value):
        return _("names a weekday twice")
    return None


def _iso_date_or_empty(value: object) -> str | None:
    if value == "":
        return None
    if isinstance(value, str):
        try:
            date.fromisoformat(value)
        except ValueError:
            pass
        else:
            if len(value) == 10:
                return None
    return _('must be a date as YYYY-MM-DD, or "" when not set')


def _routine_id(value: object) -> str | None:
    if isinstance(value, str) and ID_RE.match(value):
        return None
    return _("must be a routine id (lowercase letters, digits and hyphens)")


def _in_week_order(days: Any) -> tuple[str, ...]:
    return tuple(sorted(days, key=WEEKDAYS.index))


def _pairs_in_week_order(table: Any) -> tuple[tuple[str, str], ...]:
    return tuple((day, table[day]) for day in _in_week_order(table))


@dataclass(frozen=True)
class Settings:
    """Every field names its check; ``load``/``dump`` convert where JSON and Python differ.

    Collections are tuples so a ``Settings`` stays immutable and hashable.
    """

    sound: bool = field(default=True, metadata={"check": _boolean})
    voice: bool = field(default=False, metadata={"check": _boolean})
    voice_engine: str = field(default="", metadata={"check": _text})
    """Empty means the platform's default text-to-speech engine."""
    voice_rate: float = field(default=-0.1, metadata={"check": _number_between(-1.0, 1.0)})
    theme: Theme = field(default="auto", metadata={"check": _one_of(*THEMES)})
    font_scale: float = field(default=1.0, metadata={"check": _number_between(0.75, 2.0)})

    # Reminders (issue 3). Times are local wall-clock times, so they follow DST and travel.
    evening_enabled: bool = field(default=True, metadata={"check": _boolean})
    """The evening stretch reminder and its follow-up; off keeps everything else."""
    bedtime: str = field(default="22:30", metadata={"check": _clock_time})
    bedtimes: tuple[tuple[str, str], ...] = field(
        default=(),
        metadata={"check": _weekday_times, "load": _pairs_in_week_order, "dump": dict},
    )
    """Per-weekday bedtimes, like ``{"fri": "23:30"}`` in the file; other days use ``bedtime``.

    A bedtime before 06:00 is after midnight of that weekday's evening.
    """
    evening_lead_min: int = field(default=30, metadata={"check": _whole_number_between(0, 180)})
    evening_weekdays: tuple[str, ...] = field(
        default=WEEKDAYS, metadata={"check": _weekdays, "load": _in_week_order, "dump": list}
    )
    evening_followup_min: int = field(default=20, metadata={"check": _whole_number_between(0, 120)})
    """0 means no follow-up nudge."""
    evening_routine: str = field(default="pre-bed-calf", metadata={"check": _routine_id})
    water_enabled: bool = field(default=True, metadata={"check": _boolean})
    water_start: str = field(default="09:00", metadata={"check": _clock_time})
    water_end: str = field(default="", metadata={"check": _clock_time_or_empty})
    """Empty means 2 hours before that day's bedtime (fewer bathroom trips at night)."""
    water_interval_min: int = field(default=90, metadata={"check": _whole_number_between(15, 480)})
    water_goal_ml: int = field(default=2000, metadata={"check": _whole_number_between(250, 6000)})
    glass_ml: int = field(default=250, metadata={"check": _whole_number_between(50, 1000)})
    checkin_time: str = field(default="08:30", metadata={"check": _clock_time})
    checkin_enabled: bool = field(default=True, metadata={"check": _boolean})
    movement_enabled: bool = field(default=False, metadata={"check": _boolean})
    movement_interval_min: int = field(
        default=60, metadata={"check": _whole_number_between(20, 240)}
    )
    reminder_display: ReminderDisplay = field(
        default="auto", metadata={"check": _one_of(*DISPLAYS)}
    )
    """How reminders appear: desktop "notifications", Nightstretch's "card", or "auto"
    (the card where the notification server hides buttons, like dunst and mako)."""
    # Hold the evening reminder and the check-in while she cannot see them (issue 12);
    # water and movement nudges are dropped instead. Each rule can be switched off.
    hold_when_away: bool = field(default=True, metadata={"check": _boolean})
    hold_when_locked: bool = field(default=True, metadata={"check": _boolean})
    hold_when_busy: bool = field(default=True, metadata={"check": _boolean})
    """Busy: the desktop's do-not-disturb is on."""
    hold_when_full_screen: bool = field(default=True, metadata={"check": _boolean})

    # Start at login (issue 3): an XDG autostart entry on Linux. False never deletes a
    # file the user made by hand; it only removes the one Nightstretch wrote.
    autostart: bool = field(default=False, metadata={"check": _boolean})

    # Pregnancy (issue 5). Either a due date, or a week as given on a date; both empty
    # means unknown, and nothing about weeks is shown or applied.
    due_date: str = field(default="", metadata={"check": _iso_date_or_empty})
    pregnancy_week: int = field(default=0, metadata={"check": _whole_number_between(0, 42)})
    """0 means not given; otherwise the week on ``pregnancy_week_on``."""
    pregnancy_week_on: str = field(default="", metadata={"check": _iso_date_or_empty})
    postpartum: bool = field(default=False, metadata={"check": _boolean})
    """Chosen after the due date passed: routines stay, week rules and week display go."""
    past_due_asked: bool = field(default=False, metadata={"check": _boolean})
    # Who the report is for (issue 14): printed at its top; optional, never required.
    report_name: str = field(default="", metadata={"check": _text})
    report_details_asked: bool = field(default=False, metadata={"check": _boolean})
    """The report dialog has shown her the name and due date once, with why they are asked."""

    # First run (issue 5).
    onboarding_done: bool = field(default=False, metadata={"check": _boolean})

    # Her language (issue 15): "" follows the system (LANGUAGE, LC_ALL, LC_MESSAGES, LANG).
    language: str = field(default="", metadata={"check": _one_of("", *LANGUAGES)})

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> tuple[Settings, list[SettingsProblem]]:
        """Valid fields are taken, bad ones reported and left at their defaults."""
        problems: list[SettingsProblem] = []
        known = {f.name: f for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in data.items():
            spec = known.get(key)
            if spec is None:
                problems.append(
                    SettingsProblem(key, value, UNKNOWN_SETTING, "unknown", N_("ignored"))
                )
                continue
            complaint = spec.metadata["check"](value)
            if complaint is not None:
                problems.append(
                    SettingsProblem(key, value, complaint, fallback=N_("using the default"))
                )
                continue
            load = spec.metadata.get("load", float if isinstance(spec.default, float) else None)
            values[key] = value if load is None else load(value)
        settings, cross_problems = replace(cls(), **values).validate()
        return settings, problems + cross_problems

    def validate(self) -> tuple[Settings, list[SettingsProblem]]:
        """Rules between fields, run after each field passed its own check."""
        problems: list[SettingsProblem] = []
        settings = self
        # Checked HH:MM strings order like the times they name.
        if self.water_end and self.water_end <= self.water_start:
            problems.append(
                SettingsProblem(
                    "water_end",
                    self.water_end,
                    _('must be after "water_start" ({time})').format(time=self.water_start),
                    "together",
                    N_('using the default for "water_end" (2 hours before bedtime)'),
                )
            )
            settings = replace(settings, water_end="")
        return settings, problems

    def to_mapping(self) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        for spec in fields(self):
            value = getattr(self, spec.name)
            mapping[spec.name] = spec.metadata["dump"](value) if "dump" in spec.metadata else value
        return mapping


def reminder_config(settings: Settings) -> ReminderConfig:
    """The planner's view of the settings; they were checked on load, so parsing cannot fail."""
    return ReminderConfig(
        bedtime=parse_clock_time(settings.bedtime),
        evening_enabled=settings.evening_enabled,
        water_enabled=settings.water_enabled,
        bedtimes=tuple(
            (WEEKDAYS.index(day), parse_clock_time(when)) for day, when in settings.bedtimes
        ),
        evening_lead_min=settings.evening_lead_min,
        evening_weekdays=frozenset(WEEKDAYS.index(day) for day in settings.evening_weekdays),
        evening_followup_min=settings.evening_followup_min,
        water_start=parse_clock_time(settings.water_start),
        water_end=parse_clock_time(settings.water_end) if settings.water_end else None,
        water_interval_min=settings.water_interval_min,
        water_goal_ml=settings.water_goal_ml,
        checkin_time=parse_clock_time(settings.checkin_time),
        checkin_enabled=settings.checkin_enabled,
        movement_enabled=settings.movement_enabled,
        movement_interval_min=settings.movement_interval_min,
    )


@dataclass(frozen=True)
class LoadedSettings:
    settings: Settings
    problems: list[SettingsProblem]
    kept_copy: Path | None = None
    copy_named: bool = False
    """A problem already tells her where the old file was kept."""
    copy_problem: str = ""
    """Why no copy could be kept (a read-only folder, a full disk): the file itself is
    left as it is until she saves settings."""

    def notices(self) -> list[str]:
        """What to tell her at start: each problem, and where her old file went."""
        lines = [problem.sentence() for problem in self.problems]
        if self.kept_copy is not None and not self.copy_named:
            lines.append(_("your file as it was is kept as {path}.").format(path=self.kept_copy))
        if self.copy_problem:
            lines.append(self.copy_problem)
        return lines


def _file_problem(sentence: str) -> SettingsProblem:
    return SettingsProblem("", None, sentence, "file")


WriteCopy = Callable[[Path, bytes], None]


class SettingsFile:
    def __init__(self, path: Path, write_copy: WriteCopy | None = None) -> None:
        """``write_copy`` writes the kept copy; tests hand in one that fails like a full disk."""
        self.path = path
        self._write_copy: WriteCopy = write_copy or atomic_write

    def load(self, now: datetime | None = None) -> LoadedSettings:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return LoadedSettings(Settings(), [])
        except OSError as exc:
            return LoadedSettings(
                Settings(),
                [
                    _file_problem(
                        _("{path} cannot be read ({reason})").format(
                            path=self.path, reason=exc.strerror
                        )
                    )
                ],
            )
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            copy, trouble = self._keep_copy(now)
            where = (
                _("the old file is kept as {name}").format(name=copy.name)
                if copy
                else _("the old file is left as it is")
            )
            return LoadedSettings(
                Settings(),
                [
                    _file_problem(
                        _(
                            "{path} is not valid JSON ({reason}, line {line}); "
                            "using defaults, {where}"
                        ).format(path=self.path, reason=exc.msg, line=exc.lineno, where=where)
                    )
                ],
                copy,
                copy_named=True,
                copy_problem=trouble,
            )
        if not isinstance(data, dict):
            copy, trouble = self._keep_copy(now)
            problem = _file_problem(
                _("{path} does not hold a settings table; using defaults").format(path=self.path)
            )
            return LoadedSettings(Settings(), [problem], copy, copy_problem=trouble)
        settings, problems = Settings.from_mapping(data)
        kept, trouble = self._keep_copy(now) if problems else (None, "")
        return LoadedSettings(settings, problems, kept, copy_problem=trouble)

    def save(self, settings: Settings) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        text = json.dumps(settings.to_mapping(), indent=2, sort_keys=True) + "\n"
        atomic_write(self.path, text)

    def _keep_copy(self, now: datetime | None) -> tuple[Path | None, str]:
        """A private copy of the file as it was, and why there is none if it failed.

        The same bad content is kept once: a start that finds it again names the copy
        made before instead of adding a new ``settings.bad-*.json`` each time.
        """
        try:
            content = self.path.read_bytes()
            for earlier in sorted(
                self.path.parent.glob(f"{self.path.stem}.bad-*{self.path.suffix}")
            ):
                if (
                    earlier.is_file()
                    and not earlier.is_symlink()
                    and earlier.read_bytes() == content
                ):
                    return earlier, ""
            stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
            copy = self.path.with_name(f"{self.path.stem}.bad-{stamp}{self.path.suffix}")
            self._write_copy(copy, content)
        except OSError as exc:
            return None, _(
                "your settings file could not be copied aside ({reason}); it is left as it is."
            ).format(reason=exc.strerror or exc)
        return copy, ""


def presence_rules(settings: Settings) -> PresenceRules:
    """When a due reminder waits for her (``core.presence``), from her switches."""
    return PresenceRules(
        hold_when_away=settings.hold_when_away,
        hold_when_locked=settings.hold_when_locked,
        hold_when_busy=settings.hold_when_busy,
        hold_when_full_screen=settings.hold_when_full_screen,
    )


def language_of(path: Path) -> str:
    """The chosen language, read quietly for the command line (no copies kept, no problems
    reported: ``load`` does that at the app's start); "" when unset or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    value = data.get("language", "") if isinstance(data, dict) else ""
    return value if isinstance(value, str) and value in LANGUAGES else ""
