"""The pseudo-language finds text that skips the catalogue.

Every msgstr of "xx" is its msgid in ⟦⟧, so any word she would read outside ⟦⟧ was never
marked for translation. Covered: the command line (help, answers, errors), the tray menu,
every reminder's title, body and buttons, and the tray and popup status lines. Windows are
not covered yet (README, "Languages": what is left).
"""

from __future__ import annotations

import subprocess
import sys
from contextlib import suppress
from datetime import UTC, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from nightstretch.cli import main
from nightstretch.core import resources, status
from nightstretch.core.clock import FakeClock
from nightstretch.core.reminder_text import context_for, message_for
from nightstretch.core.reminders import Due, ReminderConfig, ReminderKind
from nightstretch.ui.routine_entry import RoutineEntry
from nightstretch.ui.tray import Tray
from pytestqt.qtbot import QtBot

from .pseudo import unwrapped_words

CET = timezone(timedelta(hours=1))
MORNING = datetime(2026, 11, 22, 8, 0, tzinfo=CET)
COMMAND_WORDS = frozenset(
    [
        "nightstretch",
        "start",
        "routines",
        "list",
        "check",
        "log",
        "water",
        "cramp",
        "checkin",
        "cramps",
        "discussed",
        "history",
        "export",
        "backup",
        "doctor",
        "restore",
        "report",
        "install",
        "desktop",
        "entry",
        "left",
        "right",
        "both",
        "calf",
        "foot",
        "thigh",
        "csv",
        "json",
        "pdf",
        "PDF",
    ]
)
"""What she types, not reads: command names and the values options take."""

HELP = [
    ["--help"],
    ["log", "--help"],
    ["log", "water", "--help"],
    ["log", "cramp", "--help"],
    ["checkin", "--help"],
    ["cramps", "discussed", "--help"],
    ["history", "--help"],
    ["export", "--help"],
    ["backup", "--help"],
    ["restore", "--help"],
    ["report", "--help"],
    ["routines", "--help"],
    ["install-desktop-entry", "--help"],
]
ANSWERS = [
    ["log", "water"],
    ["log", "water", "300", "--at", "2026-11-20T14:00"],
    ["log", "cramp", "--leg", "both", "--severity", "4", "--minutes", "3"],
    ["log", "cramp", "--leg", "left", "--severity", "6", "--muscle", "foot"],
    ["checkin", "--none"],
    ["checkin", "--cramps", "2"],
    ["history", "--days", "3"],
    ["cramps", "discussed"],
    ["history", "--days", "3", "--reminders"],
]
ERRORS = [
    ["log", "cramp"],
    ["log", "cramp", "--leg", "up", "--severity", "4"],
    ["log", "cramp", "--leg", "left", "--severity", "11"],
    ["log", "water", "12x"],
    ["log", "water", "--at", "yesterday"],
    ["log", "water", "--at", "1999-01-01T10:00"],
    ["log", "water", "--at", "2027-01-01T10:00"],
    ["checkin", "--none", "--night", "2026-12-30"],
    ["checkin", "--none", "--night", "soon"],
    ["history", "--days", "0"],
    ["cramps", "discussed", "9"],
    ["report", "--weeks", "99", "--out", "r.pdf"],
    ["start", "no-such-routine"],
    ["--home", " ", "history"],
    ["no-such-command"],
    ["log", "cramp", "--leg", "left", "--severity", "4", "--helped", "x" * 300],
]
"""Not yet covered (their words live in files other sessions are rewriting): warning signs
(core/safety.py), doctor and restore (store), routine titles (routines/*.toml, see
test_routine_translations.py)."""


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """Everything printed, whether the command answered, failed or argparse exited."""
    with suppress(SystemExit):
        main(argv, clock=FakeClock(MORNING), zone=CET)
    captured = capsys.readouterr()
    return captured.out + captured.err


@pytest.mark.parametrize("argv", HELP + ANSWERS + ERRORS, ids=" ".join)
def test_command_line_words_are_all_translated(
    argv: list[str], pseudo: str, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    said = _run(argv, capsys)
    assert "⟦" in said
    assert unwrapped_words(said.replace(str(home), " "), COMMAND_WORDS) == []


def test_an_unmarked_line_is_found(pseudo: str) -> None:
    assert unwrapped_words("⟦Logged⟧ 250 ml ⟦so far today⟧, 1.5 litres") == ["litres"]
    assert unwrapped_words("⟦Next: ⟦Water⟧ at 14:30⟧ and then sleep") == ["and", "then", "sleep"]


def test_tray_menu_is_all_translated(qtbot: QtBot, pseudo: str) -> None:
    routines = [RoutineEntry("pre-bed-calf", "⟦Before-bed calf stretch⟧", "s", "9 min", False)]
    tray = Tray(resources.asset("icons"), routines, "cramp-rescue")
    tray.set_available(history=True, settings=True, cramp=True)
    menus = [tray.menu, tray.pause_menu]
    texts = [a.text() for menu in menus for a in menu.actions() if not a.isSeparator()]
    assert len(texts) >= 13
    assert [t for t in texts if unwrapped_words(t)] == []


def _dues() -> list[Due]:
    at = datetime(2026, 11, 21, 21, 0, tzinfo=UTC)
    dues = [Due(kind, at, f"{kind.value}:2026-11-21", "2026-11-21") for kind in ReminderKind]
    snoozed = Due(ReminderKind.EVENING, at, "evening-snooze:2026-11-21@22:10", "2026-11-21")
    assert snoozed.ref is not None and snoozed.ref.repeat
    return [*dues, snoozed]


@pytest.mark.parametrize("night_cramps", [0, 2])
def test_every_reminder_text_and_button_is_translated(pseudo: str, night_cramps: int) -> None:
    config = ReminderConfig(bedtime=time(22, 30))
    for due in _dues():
        context = context_for(due, config, None, water_ml=750, night_cramps=night_cramps)
        message = message_for(due, context)
        texts = [message.title, message.body, *(label for _, label in message.buttons)]
        assert [t for t in texts if unwrapped_words(t)] == [], due.kind


def test_tray_and_popup_status_lines_are_translated(pseudo: str) -> None:
    now = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
    for kind in ReminderKind:
        due = Due(kind, now + timedelta(hours=30), "k", "2026-11-22")
        shown = status.tray_status(
            now, paused_until=None, showing=False, next_due=due, pregnancy=""
        )
        assert unwrapped_words(shown.status_line) == []
    paused = status.tray_status(
        now, paused_until=now + timedelta(hours=1), showing=False, next_due=None, pregnancy=""
    )
    view = status.status_view(
        now,
        paused_until=None,
        next_due=None,
        water_ml=0,
        water_goal_ml=2000,
        streak_nights=0,
        pregnancy="",
        login_hint=True,
    )
    lines = [paused.status_line, view.login_hint, status.streak_text(0), status.streak_text(3)]
    assert [t for t in lines if unwrapped_words(t)] == []


def test_log_water_answers_in_russian_from_the_environment(home: Path) -> None:
    """The real process, as she would type it: ``LANGUAGE=ru nightstretch log water``."""
    done = subprocess.run(
        [sys.executable, "-m", "nightstretch", "log", "water"],
        env={"LANGUAGE": "ru", "NIGHTSTRETCH_HOME": str(home), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Записано 250 мл воды; ")
    helped = subprocess.run(
        [sys.executable, "-m", "nightstretch", "--help"],
        env={"LANGUAGE": "ru", "NIGHTSTRETCH_HOME": str(home), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert helped.stdout.startswith("использование: nightstretch")
    assert "показать эту справку и выйти" in helped.stdout
