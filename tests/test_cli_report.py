"""``nightstretch report --weeks N --out FILE.pdf``: the contract, its errors, and no display."""

from __future__ import annotations

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
    assert captured.out == f"Wrote the report (1 page) to {out}.\n"
    assert captured.err == ""
    text = pdftext(out)
    # the last night is the night just passed: made on the morning of 22 Nov
    assert "Nights of 8 Nov 2026 to 21 Nov 2026 (2 weeks)" in text
    assert "Pregnancy weeks 28 to 29" in text
    assert "Wed 18 Nov, 02:30 left calf 3/10 - none" in text
    assert "Sun 22 Nov, 03:00 right calf 6/10 4 none" in text
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
