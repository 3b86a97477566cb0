"""The logbook commands of the command line: log, checkin, history, export, backup, restore."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from nightstretch.cli import main
from nightstretch.core import safety
from nightstretch.core.clock import FakeClock
from nightstretch.store.logbook import Logbook
from nightstretch.store.schema import TABLES

from .conftest import REPO

CET = timezone(timedelta(hours=1))
MORNING = datetime(2026, 11, 22, 8, 0, tzinfo=CET)
AFTERNOON = datetime(2026, 11, 21, 15, 0, tzinfo=CET)


def run(*argv: str, at: datetime = MORNING) -> int:
    return main(list(argv), clock=FakeClock(at), zone=CET)


def db_path(home: Path) -> Path:
    return home / "data" / "nightstretch.db"


def opened(home: Path) -> Logbook:
    return Logbook(db_path(home))


def counts(home: Path) -> dict[str, int]:
    book = opened(home)
    try:
        return book.counts()
    finally:
        book.close()


def test_log_water_default_glass_and_amount(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("log", "water", at=AFTERNOON) == 0
    assert capsys.readouterr().out == "Logged 250 ml of water; 250 ml so far today.\n"
    assert run("log", "water", "500", at=AFTERNOON) == 0
    assert capsys.readouterr().out == "Logged 500 ml of water; 750 ml so far today.\n"
    assert run("log", "water", "300", "--at", "2026-11-20T14:00", at=AFTERNOON) == 0
    assert capsys.readouterr().out == "Logged 300 ml of water; 300 ml on Fri 20 Nov.\n"
    book = opened(home)
    rows = book.water()
    book.close()
    assert [(w.ml, w.source, w.night_date) for w in rows] == [
        (300, "cli", "2026-11-20"),
        (250, "cli", "2026-11-21"),
        (500, "cli", "2026-11-21"),
    ]
    assert rows[1].at_utc == "2026-11-21T14:00:00Z" and rows[1].utc_offset_min == 60


BAD_VALUES = [
    (["log", "water", "0"], "water must be between 1 and 2000 ml (got 0)"),
    (["log", "water", "2001"], "water must be between 1 and 2000 ml (got 2001)"),
    (
        ["log", "cramp", "--leg", "left", "--severity", "11"],
        "severity must be between 1 and 10 (got 11)",
    ),
    (
        ["log", "cramp", "--leg", "left", "--severity", "0"],
        "severity must be between 1 and 10 (got 0)",
    ),
    (
        ["log", "cramp", "--leg", "left", "--severity", "5", "--minutes", "241"],
        "minutes must be between 0 and 240 (got 241)",
    ),
    (
        ["log", "cramp", "--leg", "up", "--severity", "5"],
        'leg must be one of left, right, both (got "up")',
    ),
    (
        ["log", "cramp", "--leg", "left", "--severity", "5", "--muscle", "toe"],
        'muscle must be one of calf, foot, thigh (got "toe")',
    ),
    (
        ["log", "cramp", "--leg", "left", "--severity", "5", "--at", "2026-11-22T09:00"],
        "the time 2026-11-22 09:00 is in the future",
    ),
    (["log", "water", "--at", "soon"], "the time must look like"),
    (["checkin", "--cramps", "-1"], "the number of cramps must be between 0 and 50 (got -1)"),
    (["checkin", "--none", "--night", "2026-11-30"], "the night of 2026-11-30 has not come yet"),
    (["history", "--days", "0"], "days must be between 1 and 3660 (got 0)"),
]


@pytest.mark.parametrize(("argv", "message"), BAD_VALUES)
def test_bad_values_are_one_line_exit_2_and_write_nothing(
    home: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert run(*argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"nightstretch: {message}")
    assert captured.err.count("\n") == 1
    assert not db_path(home).exists()


def test_bad_values_leave_an_existing_logbook_as_it_was(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("log", "water") == 0
    before = counts(home)
    for argv, _ in BAD_VALUES:
        assert run(*argv) == 2
    assert counts(home) == before


def test_usage_errors_are_one_line(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        run("log", "cramp", "--leg", "left", "--severity", "bad")
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith('nightstretch: argument --severity: "bad" is not a whole number')
    assert err.count("\n") == 1
    with pytest.raises(SystemExit):
        run("checkin", "--none", "--cramps", "2")
    assert "not allowed with" in capsys.readouterr().err


def test_cramp_in_the_morning_is_last_nights(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("log", "cramp", "--leg", "left", "--severity", "6", "--minutes", "5") == 0
    assert capsys.readouterr().out == (
        "Logged a cramp in the left calf, severity 6/10, lasting 5 min, "
        "at 03:00 on the night of Sat 21 Nov.\n"
    )
    book = opened(home)
    (row,) = book.cramps()
    book.close()
    assert (row.happened_utc, row.logged_utc, row.night_date) == (
        "2026-11-22T02:00:00Z",
        "2026-11-22T07:00:00Z",
        "2026-11-21",
    )
    assert not row.warning_signs


def test_cramp_with_time_muscle_and_both_legs(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["log", "cramp", "--leg", "both", "--severity", "3", "--muscle", "foot"]
    assert run(*argv, "--at", "2026-11-21T23:40", "--helped", "walking") == 0
    assert capsys.readouterr().out == (
        "Logged a cramp in both feet, severity 3/10, at 23:40 on the night of Sat 21 Nov.\n"
    )
    book = opened(home)
    (row,) = book.cramps()
    book.close()
    assert (row.leg, row.muscle, row.helped, row.duration_min) == ("both", "foot", "walking", None)


def test_warning_signs_guidance_comes_before_the_confirmation(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["log", "cramp", "--leg", "right", "--severity", "8", "--swelling", "--pain-not-easing"]
    assert run(*argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "You noted: swelling, pain that does not ease."
    guidance = "\n".join(lines[1:-1])
    assert guidance == safety.clot_text()
    for words in ("swollen, red, warm or tender", "blood clot", "midwife or doctor now"):
        assert words in guidance
    assert "short of breath or have chest pain" in guidance and "emergency" in guidance
    assert lines[-1].startswith("Logged a cramp in the right calf, severity 8/10")
    book = opened(home)
    (row,) = book.cramps()
    book.close()
    assert (row.swelling, row.redness, row.warmth, row.pain_not_easing) == (
        True,
        False,
        False,
        True,
    )


@pytest.mark.parametrize("flag", ["--swelling", "--redness", "--warmth", "--pain-not-easing"])
def test_every_warning_sign_shows_the_guidance(
    home: Path, capsys: pytest.CaptureFixture[str], flag: str
) -> None:
    assert run("log", "cramp", "--leg", "left", "--severity", "4", flag) == 0
    assert "blood clot" in capsys.readouterr().out


def test_checkin_none_cramps_and_replacing(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("checkin", "--none") == 0
    assert capsys.readouterr().out == "Saved the night of Sat 21 Nov: no cramps.\n"
    assert run("checkin", "--cramps", "2") == 0
    assert capsys.readouterr().out == "Updated the night of Sat 21 Nov: 2 cramps.\n"
    assert run("checkin", "--cramps", "1", "--night", "2026-11-19") == 0
    assert capsys.readouterr().out == "Saved the night of Thu 19 Nov: 1 cramp.\n"
    book = opened(home)
    rows = book.checkins()
    book.close()
    assert [(c.night_date, c.cramp_count) for c in rows] == [("2026-11-19", 1), ("2026-11-21", 2)]


def populate(home: Path) -> None:
    book = opened(home)
    book.start_session("pre-bed-calf", datetime(2026, 11, 20, 22, 0, tzinfo=CET), 7)
    done = book.start_session("pre-bed-calf", datetime(2026, 11, 21, 22, 0, tzinfo=CET), 7)
    book.end_session(done, datetime(2026, 11, 21, 22, 9, tzinfo=CET), 7, "completed")
    book.add_reminder_event(datetime(2026, 11, 21, 21, 30, tzinfo=CET), "evening", "shown")
    book.add_reminder_event(datetime(2026, 11, 21, 21, 31, tzinfo=CET), "evening", "started")
    book.set_day_mark("2026-11-19", "sick")
    book.close()
    assert run("log", "water", "1500", "--at", "2026-11-21T12:00") == 0
    assert run("log", "water", "--at", "2026-11-22T07:30") == 0
    assert run("log", "cramp", "--leg", "left", "--severity", "6", "--warmth") == 0
    assert run("checkin", "--none", "--night", "2026-11-20") == 0


def test_history_table(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    populate(home)
    capsys.readouterr()
    assert run("history", "--days", "4") == 0
    assert capsys.readouterr().out.splitlines() == [
        "Night           Routine  Cramps                         Water    Note",
        "Sun 2026-11-22  none     -                              250 ml",
        "Sat 2026-11-21  done     1 (worst 6/10), warning signs  1500 ml",
        "Fri 2026-11-20  partial  none                           -",
        "Thu 2026-11-19  none     -                              -        sick",
    ]


def test_history_with_reminders(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    populate(home)
    capsys.readouterr()
    assert run("history", "--days", "2", "--reminders") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-3:] == [
        "Reminders",
        "Sat 2026-11-21 21:30  evening    shown",
        "Sat 2026-11-21 21:31  evening    started",
    ]


def test_history_json(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    populate(home)
    capsys.readouterr()
    assert run("history", "--days", "3", "--json", "--reminders") == 0
    document = json.loads(capsys.readouterr().out)
    assert document["format"] == "nightstretch-history"
    assert (document["first_night"], document["last_night"]) == ("2026-11-20", "2026-11-22")
    assert [n["night_date"] for n in document["nights"]] == [
        "2026-11-20",
        "2026-11-21",
        "2026-11-22",
    ]
    saturday = document["nights"][1]
    assert saturday["routine"] == "done" and saturday["cramps"] == 1
    assert saturday["warning_signs"] is True and saturday["water_ml"] == 1500
    assert [e["event"] for e in document["reminder_events"]] == ["shown", "started"]
    assert run("history", "--json") == 0
    assert "reminder_events" not in json.loads(capsys.readouterr().out)


def test_history_on_a_new_home_is_calm(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("history", "--days", "2") == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "Sun 2026-11-22  none     -       -",
        "Sat 2026-11-21  none     -       -",
    ]


def test_export_json_and_csv(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    populate(home)
    capsys.readouterr()
    out = tmp_path / "nightstretch.json"
    assert run("export", "--format", "json", "--out", str(out)) == 0
    assert capsys.readouterr().out == f"Exported 9 entries to {out}.\n"
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["tables"]["cramps"][0]["happened_at"] == "2026-11-22T03:00:00+01:00"
    assert run("export", "--format", "json", "--out", str(out)) == 1
    assert capsys.readouterr().err == (
        f"nightstretch: {out} already exists; choose another place or use --force.\n"
    )
    assert run("export", "--format", "json", "--out", str(out), "--force") == 0
    folder = tmp_path / "csv"
    assert run("export", "--format", "csv", "--out", str(folder)) == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    with pytest.raises(SystemExit):
        run("export", "--format", "xml", "--out", str(folder))


def test_backup_and_restore(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    populate(home)
    backup = tmp_path / "backup.db"
    assert run("backup", "--out", str(backup)) == 0
    assert capsys.readouterr().out.endswith(f"Backed up the logbook to {backup}.\n")
    assert run("backup", "--out", str(backup)) == 1
    assert "already exists" in capsys.readouterr().err
    assert run("backup", "--out", str(backup), "--force") == 0
    at_backup = counts(home)
    assert run("log", "water", "700") == 0
    assert run("restore", str(backup)) == 0
    out, back = capsys.readouterr().out.splitlines()[-2:]
    kept = home / "data" / "nightstretch.before-restore-20261122-080000.db"
    assert out == f"Restored the logbook from {backup}; the previous one is kept as {kept}."
    assert back.startswith("Back: ") and "water" in back  # only rows come in, counted
    assert counts(home) == at_backup
    book = Logbook(kept)
    assert 700 in [w.ml for w in book.water()]
    book.close()


def test_restore_refuses_a_bad_file_and_changes_nothing(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    populate(home)
    before = counts(home)
    junk = tmp_path / "junk.db"
    junk.write_text("hello")
    assert run("restore", str(junk)) == 1
    assert capsys.readouterr().err == f"nightstretch: {junk} is not a Nightstretch logbook.\n"
    assert run("restore", str(tmp_path / "missing.db")) == 1
    assert "does not exist" in capsys.readouterr().err
    assert counts(home) == before
    assert not any("before-restore" in p.name for p in (home / "data").iterdir())


def test_corrupt_logbook_is_moved_aside_and_the_command_works(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path(home).parent.mkdir(parents=True)
    db_path(home).write_bytes(b"garbage" * 500)
    assert run("log", "water") == 0
    captured = capsys.readouterr()
    moved = home / "data" / "nightstretch.corrupt-20261122-080000.db"
    assert captured.err == (
        f"nightstretch: the logbook could not be read, so it was kept as {moved} "
        "and a new one was started\n"
    )
    assert captured.out.startswith("Logged 250 ml")
    assert moved.read_bytes() == b"garbage" * 500


def test_read_only_data_folder_is_one_line_and_keeps_what_was_saved(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("log", "water", "400") == 0

    def read_only(book: Logbook) -> sqlite3.Connection:
        return sqlite3.connect(f"file:{book.path}?mode=ro", uri=True, isolation_level=None)

    monkeypatch.setattr(Logbook, "_connect", read_only)  # root ignores chmod: simulate it
    capsys.readouterr()
    assert run("log", "cramp", "--leg", "left", "--severity", "3") == 1
    err = capsys.readouterr().err
    assert err.startswith(
        f"nightstretch: Could not save: the data folder {home / 'data'} is read-only."
    )
    assert err.count("\n") == 1
    monkeypatch.undo()
    assert counts(home)["water"] == 1 and counts(home)["cramps"] == 0


def test_home_option_wins(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other"
    assert run("--home", str(other), "log", "water") == 0
    assert db_path(other).exists() and not db_path(home).exists()


def test_two_processes_writing_at_once_lose_nothing(home: Path) -> None:
    code = (
        "import contextlib, io, sys\n"
        "from nightstretch.cli import main\n"
        "for _ in range(200):\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        assert main(['log', 'water', sys.argv[1]]) == 0\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, ml], cwd=REPO, stderr=subprocess.PIPE, text=True
        )
        for ml in ("100", "200")
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    book = opened(home)
    rows = book.water()
    book.close()
    assert len(rows) == len({w.id for w in rows}) == 400
    assert sorted(w.ml for w in rows) == [100] * 200 + [200] * 200


def test_backup_list_shows_the_automatic_backups(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import date

    from nightstretch.store import auto_backup

    assert run("backup", "--list") == 0
    assert capsys.readouterr().out.startswith("No automatic backups yet in ")
    assert run("log", "water", "300") == 0
    folder = home / "data" / "backups"
    with opened(home) as book:
        auto_backup.make_daily_backup(book, folder, date(2026, 11, 20))
        auto_backup.make_daily_backup(book, folder, date(2026, 11, 21))
    capsys.readouterr()
    assert run("backup", "--list") == 0
    assert capsys.readouterr().out == (
        f"Automatic backups in {folder}, newest first:\n"
        "  Sat 21 Nov 2026  1 entry (cramps 0, water 1, routines 0, morning check-ins 0)  "
        "nightstretch-2026-11-21.db\n"
        "  Fri 20 Nov 2026  1 entry (cramps 0, water 1, routines 0, morning check-ins 0)  "
        "nightstretch-2026-11-20.db\n"
    )
