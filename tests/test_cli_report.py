"""``nightstretch report --weeks N --out FILE.pdf``: the contract, its errors, and no display."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from nightstretch.cli import main
from nightstretch.core.clock import FakeClock

from .conftest import REPO

CET = timezone(timedelta(hours=1))
MORNING = datetime(2026, 11, 22, 8, 0, tzinfo=CET)


def run(*argv: str) -> int:
    return main(list(argv), clock=FakeClock(MORNING), zone=CET)


def pdftext(pdf: Path) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(result.stdout.split())


def logbook_file(home: Path) -> Path:
    return home / "data" / "nightstretch.db"


@pytest.mark.usefixtures("qapp")
def test_report_from_the_command_line(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("log", "water", "1200", "--at", "2026-11-21T12:00") == 0
    assert run("log", "cramp", "--leg", "right", "--severity", "6", "--minutes", "4") == 0
    assert run("log", "cramp", "--leg", "left", "--severity", "3", "--at", "2026-11-18T02:30") == 0
    (home / "config").mkdir()
    settings = {"due_date": "2027-01-31", "water_goal_ml": 1500}
    (home / "config" / "settings.json").write_text(json.dumps(settings))
    capsys.readouterr()
    out = tmp_path / "for-the-midwife.pdf"
    assert run("report", "--weeks", "2", "--out", str(out)) == 0
    captured = capsys.readouterr()
    assert captured.out == f"Wrote the report (2 pages) to {out}.\n"
    assert captured.err == ""
    text = pdftext(out)
    # up to now: made on the morning of 22 Nov, the night of 22 Nov is the last one
    assert "Nights of 9 Nov 2026 to 22 Nov 2026 (2 weeks), up to now, Sun 22 Nov 08:00" in text
    assert "Due 31 Jan 2027 \u00b7 pregnancy weeks 28 to 30" in text
    # each cramp on its night, with its clock time (and the weekday when after midnight)
    assert "Tue 17 Nov Wed 02:30 left calf 3/10 - none" in text
    assert "Sat 21 Nov Sun 03:00 right calf 6/10 4 none" in text
    assert "goal 1 500 ml" in text
    assert "2 cramps on 2 of 2 reported nights; no warning signs logged" in text


@pytest.mark.parametrize(
    ("weeks", "message"),
    [
        ("0", "weeks must be between 1 and 52 (got 0)"),
        ("53", "weeks must be between 1 and 52 (got 53)"),
    ],
)
def test_weeks_out_of_range_write_nothing(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], weeks: str, message: str
) -> None:
    out = tmp_path / "r.pdf"
    assert run("report", "--weeks", weeks, "--out", str(out)) == 2
    assert capsys.readouterr().err == f"nightstretch: {message}\n"
    assert not out.exists()
    assert not logbook_file(home).exists()


def test_bad_targets_are_one_line_and_write_nothing(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = tmp_path / "old.pdf"
    existing.write_bytes(b"keep")
    cases = [
        (existing, f"{existing} already exists; choose another name or use --force."),
        (tmp_path / "nope" / "r.pdf", f"The folder {tmp_path / 'nope'} does not exist."),
        (tmp_path, f"{tmp_path} is a folder; --out names the PDF file to write."),
    ]
    for out, message in cases:
        assert run("report", "--out", str(out)) == 1
        assert capsys.readouterr().err == f"nightstretch: {message}\n"
    assert existing.read_bytes() == b"keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "old.pdf"]
    assert not logbook_file(home).exists()


def test_refusals_do_not_load_qt(home: Path, tmp_path: Path) -> None:
    existing = tmp_path / "old.pdf"
    existing.write_bytes(b"keep")
    commands = [
        ["report", "--weeks", "0", "--out", str(tmp_path / "a.pdf")],
        ["report", "--out", str(existing)],
    ]
    code = (
        "import sys; from nightstretch.cli import main\n"
        f"codes = [main(argv) for argv in {commands!r}]\n"
        "assert codes == [2, 1], codes\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stderr


def test_works_without_a_display_or_qt_platform(home: Path, tmp_path: Path) -> None:
    """The CLI has no QApplication and may run over ssh: the report makes its own, offscreen."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["NIGHTSTRETCH_HOME"] = str(home)
    out = tmp_path / "report.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "nightstretch", "report", "--weeks", "1", "--out", str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Wrote the report (1 page) to {out}.\n"
    assert result.stderr == ""
    assert out.read_bytes().startswith(b"%PDF")
    assert "No cramps were logged in these weeks." in pdftext(out)


EVENING = datetime(2026, 11, 30, 21, 40, tzinfo=CET)


def run_at(moment: datetime, *argv: str) -> int:
    return main(list(argv), clock=FakeClock(moment), zone=CET)


@pytest.mark.usefixtures("qapp")
def test_a_cramp_logged_a_minute_ago_is_in_a_report_made_now(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cramp = ("log", "cramp", "--leg", "right", "--severity", "7", "--swelling")
    assert run_at(EVENING, *cramp, "--at", "2026-11-30T21:39") == 0
    capsys.readouterr()
    out = tmp_path / "tonight"  # no .pdf: added, as the app's save dialog does
    assert run_at(EVENING, "report", "--out", str(out)) == 0
    written = tmp_path / "tonight.pdf"
    assert capsys.readouterr().out.endswith(f" to {written}.\n")
    assert not out.exists()
    text = pdftext(written)
    assert "Nights of 3 Nov 2026 to 30 Nov 2026 (4 weeks), up to now, Mon 30 Nov 21:40" in text
    assert "! Mon 30 Nov 21:39 right calf 7/10 - swelling" in text
    assert "1 cramp on 1 of 1 reported night; 1 entry with warning signs" in text
    # an earlier end leaves it out, and says where the range ends
    earlier = tmp_path / "earlier.pdf"
    assert run_at(EVENING, "report", "--until", "2026-11-30T21:00", "--out", str(earlier)) == 0
    text = pdftext(earlier)
    assert "(4 weeks), up to Mon 30 Nov 21:00" in text
    assert "No cramps were logged in these weeks." in text


@pytest.mark.usefixtures("qapp")
def test_report_counts_agree_with_history_json(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Entries and check-in answers both count, the same way in both places."""
    base = ("log", "cramp", "--leg", "left", "--severity", "4")
    assert run_at(EVENING, *base, "--at", "2026-11-20T02:00") == 0  # night of 19 Nov
    assert run_at(EVENING, *base, "--at", "2026-11-20T04:00") == 0
    assert run_at(EVENING, *base, "--at", "2026-11-25T23:00") == 0  # night of 25 Nov
    morning = datetime(2026, 11, 27, 8, 0, tzinfo=CET)
    assert run_at(morning, "checkin", "--cramps", "3") == 0  # night of 26 Nov: answers only
    assert run_at(datetime(2026, 11, 24, 8, 0, tzinfo=CET), "checkin", "--none") == 0
    capsys.readouterr()
    assert run_at(EVENING, "history", "--days", "28", "--json") == 0
    nights = json.loads(capsys.readouterr().out)["nights"]
    total = sum(n["cramps"] or 0 for n in nights)
    cramp_nights = sum(1 for n in nights if n["cramps"])
    reported = sum(1 for n in nights if n["cramps"] is not None)
    logged = sum(n["cramps_logged"] for n in nights)
    assert (total, cramp_nights, reported, logged) == (6, 3, 4, 3)
    out = tmp_path / "r.pdf"
    assert run_at(EVENING, "report", "--weeks", "4", "--out", str(out)) == 0
    text = pdftext(out)
    assert (
        f"{total} cramps on {cramp_nights} of {reported} reported nights "
        f"({logged} logged as entries, {total - logged} from check-in answers only)"
    ) in text
    assert "Showing" not in text  # every logged cramp is listed
    assert text.count(" left calf 4/10 ") == logged


@pytest.mark.usefixtures("qapp")
def test_the_pdf_carries_the_entries_of_its_range(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """pdfdetach (poppler-utils) lists them, and they parse back to the same entries."""
    base = ("log", "cramp", "--leg", "left", "--severity", "4")
    assert run_at(EVENING, *base, "--at", "2026-11-01T02:00") == 0  # before a 1-week range
    assert run_at(EVENING, *base, "--at", "2026-11-27T02:00", "--warmth") == 0
    assert run_at(EVENING, "log", "water", "300", "--at", "2026-11-30T12:00") == 0
    assert run_at(EVENING, "export", "--format", "json", "--out", str(tmp_path / "all.json")) == 0
    out = tmp_path / "r.pdf"
    assert run_at(EVENING, "report", "--weeks", "1", "--out", str(out)) == 0
    capsys.readouterr()
    listed = subprocess.run(
        ["pdfdetach", "-list", str(out)], capture_output=True, text=True, check=True
    )
    assert "nightstretch-entries.json" in listed.stdout
    assert "nightstretch-cramps.csv" in listed.stdout
    folder = tmp_path / "attached"
    folder.mkdir()
    subprocess.run(["pdfdetach", "-saveall", "-o", str(folder), str(out)], check=True)
    document = json.loads((folder / "nightstretch-entries.json").read_text())
    everything = json.loads((tmp_path / "all.json").read_text())["tables"]
    assert document["format"] == "nightstretch-export"
    assert document["first_night"] == "2026-11-24" and document["last_night"] == "2026-11-30"
    assert document["tables"]["cramps"] == everything["cramps"][1:]  # the range's only
    assert document["tables"]["water"] == everything["water"]
    with (folder / "nightstretch-cramps.csv").open(newline="") as rows:
        cramps = list(csv.DictReader(rows))
    assert [(r["id"], r["happened_at"], r["warmth"]) for r in cramps] == [
        (str(c["id"]), c["happened_at"], "true") for c in everything["cramps"][1:]
    ]
    assert "attached to this PDF as CSV and JSON" in pdftext(out)
