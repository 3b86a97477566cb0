"""The settings dialog's rules without its widgets: choices, defaults, reading back, wording.

The dialog builds widgets from these values and reads them back through these functions,
so what a page offers, which field a switch enables and how a problem is worded can be
tested without Qt. Settings themselves live in ``store``; this floor only sees their
values (``PregnancySettings`` for the pregnancy page), never the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from nightstretch.core import wording
from nightstretch.core.i18n import LANGUAGES, N_, _
from nightstretch.core.pregnancy import Pregnancy, PregnancySettings
from nightstretch.core.reminders import WEEKDAYS
from nightstretch.core.theme import NIGHT_FROM_HOUR, NIGHT_UNTIL_HOUR

SECTIONS: tuple[str, ...] = (
    N_("Reminders"),
    N_("Routine"),
    N_("Water"),
    N_("Check-in"),
    N_("Movement breaks"),
    N_("Pregnancy"),
    N_("Appearance"),
    N_("Sound and voice"),
    N_("Start at login"),
    N_("Data"),
)
"""English, marked: ``_(title)`` where shown, so a language change needs no re-import."""
DAY_NAMES = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)
NOT_EDITED_HERE = frozenset({"past_due_asked", "onboarding_done", "report_details_asked"})
WATER_END_SHOWN = "19:00"
"""Shown (disabled) while water reminders end 2 hours before bedtime, as a starting point."""
ENABLED_BY: Mapping[str, str] = {
    "checkin_time": "checkin_enabled",
    "movement_interval_min": "movement_enabled",
}
"""Field -> the tick box that switches it on; the field is greyed out while it is off."""

Choice = tuple[str, str]
"""(what she reads, the value saved)."""
PregnancyMode = Literal["unset", "due", "week"]


HOLD_RULES: tuple[tuple[str, str], ...] = (
    ("hold_when_away", N_("While I am &away from the computer")),
    ("hold_when_locked", N_("While the screen is loc&ked")),
    ("hold_when_busy", N_("While do not &disturb is on")),
    ("hold_when_full_screen", N_("D&uring full-screen video or slides")),
)
"""The switches for holding a reminder until she is back (``core.presence``)."""
HOLD_NOTE = N_(
    "Hold the evening reminder and the morning check-in until you are back, and show "
    "them once then; water and movement nudges are skipped instead:"
)


def editable_field_names(all_names: Iterable[str]) -> frozenset[str]:
    """The settings the dialog edits; the rest (first-run flags) pass through untouched."""
    return frozenset(all_names) - NOT_EDITED_HERE


def theme_choices() -> tuple[Choice, ...]:
    return (
        (
            _("Automatic: night from {start}:00 to {end}:00").format(
                start=NIGHT_FROM_HOUR, end=NIGHT_UNTIL_HOUR
            ),
            "auto",
        ),
        (_("Always night"), "night"),
        (_("Always day"), "day"),
    )


def language_choices() -> tuple[Choice, ...]:
    """ "" follows the system; each language is named in its own words, so she finds hers."""
    return ((_("The system's language"), ""), *((name, code) for code, name in LANGUAGES.items()))


LANGUAGE_NOTE = N_(
    "A new language is used at once for reminders and new windows; the tray menu and "
    "open windows change when Nightstretch restarts, which Save offers to do."
)


def display_choices() -> tuple[Choice, ...]:
    """How reminders appear (``Settings.reminder_display``)."""
    return (
        (_("Automatic: desktop notifications where they show buttons"), "auto"),
        (_("Desktop notifications"), "notifications"),
        (_("Nightstretch's own reminder card"), "card"),
    )


DISPLAY_NOTE = N_(
    "Some desktops (dunst, mako) hide a notification's buttons in a menu; "
    "there Automatic uses the card. A change applies at the next start."
)


def routine_choices(routines: Sequence[tuple[str, str]], current: str) -> tuple[Choice, ...]:
    """(id, title) pairs as offered; a saved routine that is gone stays visible, marked."""
    choices = tuple((title, routine_id) for routine_id, title in routines)
    if current not in (value for _, value in choices):
        choices += ((_("{routine} (not found)").format(routine=current), current),)
    return choices


def voice_engine_choices(engines: Sequence[str], current: str) -> tuple[Choice, ...]:
    """The system default first; a saved engine this machine lacks stays, marked."""
    choices = ((_("System default"), ""), *((name, name) for name in engines if name))
    if current not in (value for _, value in choices):
        choices += ((_("{engine} (not available)").format(engine=current), current),)
    return choices


def weekday_selection(checked: Mapping[str, bool]) -> tuple[str, ...]:
    """The ticked weekdays, in week order."""
    return tuple(day for day in WEEKDAYS if checked.get(day, False))


def own_bedtimes(
    own: bool, checked: Mapping[str, bool], times: Mapping[str, str]
) -> tuple[tuple[str, str], ...]:
    """The per-weekday bedtimes as ``Settings.bedtimes``: none unless "own bedtimes" is on."""
    if not own:
        return ()
    return tuple((day, times[day]) for day in weekday_selection(checked))


def water_end(at_set_time: bool, shown: str) -> str:
    """``Settings.water_end``: "" means 2 hours before bedtime."""
    return shown if at_set_time else ""


def human_message(message: str | None, names: Mapping[str, str]) -> str:
    """A check's message for her: field names in quotes become their labels, as a sentence."""
    if not message:
        return ""
    for name, label in names.items():
        message = message.replace(f'"{name}"', f"\u201c{label}\u201d")
    return wording.sentence(message)


def section_title(title: str, needs_fix: bool) -> str:
    shown = _(title)
    return _("{section}  \u2022 needs a fix").format(section=shown) if needs_fix else shown


def flagged_sections(problems: Iterable[str], section_of: Mapping[str, int]) -> frozenset[int]:
    """The rows of the sections holding a field with a problem."""
    return frozenset(section_of[name] for name in problems if name in section_of)


def summary(
    problems: Mapping[str, str],
    shown_beside: Iterable[str],
    names: Mapping[str, str],
    flagged: Iterable[int],
) -> str:
    """The line under the pages: problems no field shows, then where to look."""
    beside = set(shown_beside)
    unplaced = [human_message(text, names) for name, text in problems.items() if name not in beside]
    where = ", ".join(_(SECTIONS[row]) for row in sorted(flagged))
    fix = _("To save, fix the marked fields in: {sections}.").format(sections=where)
    lines = [*unplaced, fix if where else ""]
    return " ".join(line for line in lines if line)


def week_status(settings: PregnancySettings, today: date) -> str:
    """What the pregnancy page says about today, from the draft as it stands."""
    label = Pregnancy.from_settings(settings).label(today)
    if settings.postpartum:
        return _("After the birth: routines play in full, without week rules.")
    if label:
        return _("Today: {week}.").format(week=label)
    return _("Week not set: to be safe, steps not advised later in pregnancy are left out.")


@dataclass(frozen=True)
class PregnancyValues:
    due_date: str
    pregnancy_week: int
    pregnancy_week_on: str


@dataclass(frozen=True)
class PregnancyForm:
    """What the pregnancy page shows first, and how it reads back into settings.

    A week that is shown unchanged keeps the date it was given on, so opening and saving
    the dialog never moves the pregnancy on by itself.
    """

    mode: PregnancyMode
    due_shown: date
    due_low: date
    due_high: date
    week_shown: int
    saved_week: int
    saved_week_on: str
    untouched_week: int | None
    today: date

    @classmethod
    def from_settings(cls, settings: PregnancySettings, today: date) -> PregnancyForm:
        pregnancy = Pregnancy.from_settings(settings)
        shown_week = pregnancy.week_on(today) if settings.pregnancy_week else None
        due = date.fromisoformat(settings.due_date) if settings.due_date else None
        # A range around today keeps typos like 2062 out; a saved date is never clamped.
        mode: PregnancyMode = "due" if settings.due_date else "week" if shown_week else "unset"
        return cls(
            mode=mode,
            due_shown=due or today + timedelta(days=140),
            due_low=min(due or today, today - timedelta(days=366)),
            due_high=max(due or today, today + timedelta(days=300)),
            week_shown=shown_week or pregnancy.week_on(today) or 20,
            saved_week=settings.pregnancy_week,
            saved_week_on=settings.pregnancy_week_on,
            untouched_week=shown_week,
            today=today,
        )

    def read(self, mode: PregnancyMode, due: str, week: int) -> PregnancyValues:
        """The three settings fields from the chosen mode, the date shown and the week."""
        if mode != "week":
            return PregnancyValues(due if mode == "due" else "", 0, "")
        if week == self.untouched_week:
            return PregnancyValues("", self.saved_week, self.saved_week_on)
        return PregnancyValues("", week, self.today.isoformat())
