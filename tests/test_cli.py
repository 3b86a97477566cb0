from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from nightstretch import __version__
from nightstretch.cli import main
from nightstretch.core import resources


def test_routines_list_shows_ids_and_lengths(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["routines", "list"]) == 0
    out = capsys.readouterr().out.splitlines()
    ids = [line.split()[0] for line in out]
    assert ids == sorted(ids)
    assert {"pre-bed-calf", "cramp-rescue", "quick-calf", "daytime-leg-break"} <= set(ids)
    pre_bed = next(line for line in out if line.startswith("pre-bed-calf"))
    assert " min" in pre_bed and pre_bed.rstrip().endswith("evening")


def test_routines_list_reports_bad_user_file_and_shadowing(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    user = home / "config" / "routines"
    user.mkdir(parents=True)
    (user / "broken.toml").write_text('id = "broken"\n')
    original = (resources.routines_dir() / "quick-calf.toml").read_text()
    (user / "quick-calf.toml").write_text(original.replace('title = "', 'title = "My ', 1))
    assert main(["--home", str(home), "routines", "list"]) == 0
    captured = capsys.readouterr()
    assert "quick-calf" in captured.out and "My " in captured.out
    assert "broken" not in captured.out
    assert "broken.toml: title is missing" in captured.err
    assert 'replaces the built-in routine "quick-calf"' in captured.err


def test_routines_check_ok_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["routines", "check", str(resources.routines_dir() / "pre-bed-calf.toml")]) == 0
    assert capsys.readouterr().out == "ok\n"
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'id = "bad"\ntitle = "T"\nsummary = "S"\nkind = "evening"\nsources = ["x"]\n'
        '[[steps]]\nid = "one"\ntitle = "One"\ninstructions = "I"\nduration_s = 0\n'
        'position = "standing"\nillustration = "illustrations/missing.svg"\n'
    )
    assert main(["routines", "check", str(bad)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f'{bad}: step 1 "one": duration_s must be between 3 and 600 (got 0)',
        f'{bad}: step 1 "one": illustration file "illustrations/missing.svg" was not found',
    ]


def test_start_unknown_routine_lists_valid_ids(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["start", "no-such"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith('nightstretch: unknown routine "no-such"; valid ids: cramp-rescue, ')


def test_usage_error_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["routines", "frobnicate"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("nightstretch: ") and err.count("\n") == 1


def test_version_and_module_entry_point(home: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "nightstretch", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == f"nightstretch {__version__}"


def test_file_commands_do_not_load_qt(home: Path) -> None:
    out = home / "out"
    commands = [
        ["routines", "list"],
        ["log", "water"],
        ["log", "water", "0"],
        ["log", "cramp", "--leg", "left", "--severity", "4", "--swelling"],
        ["checkin", "--none"],
        ["history", "--days", "3"],
        ["history", "--json", "--reminders"],
        ["export", "--format", "json", "--out", str(out / "e.json")],
        ["export", "--format", "csv", "--out", str(out / "csv")],
        ["backup", "--out", str(out / "b.db")],
        ["restore", str(out / "b.db")],
    ]
    code = (
        "import sys; from nightstretch.cli import main\n"
        f"codes = [main(argv) for argv in {commands!r}]\n"
        "assert codes == [0, 0, 2] + [0] * 8, codes\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'\n"
    )
    out.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_no_display_is_one_clear_line(home: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "NIGHTSTRETCH_HOME": str(home)}
    result = subprocess.run(
        [sys.executable, "-m", "nightstretch"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("nightstretch: no display to show windows on")
    assert result.stderr.count("\n") == 1


def test_routines_list_shows_the_length_played_this_week(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A step left out from week 20 makes the routine shorter than written."""
    import json
    from datetime import UTC, datetime

    from nightstretch.core.clock import FakeClock

    user = home / "config" / "routines"
    user.mkdir(parents=True)
    original = (resources.routines_dir() / "quick-calf.toml").read_text()
    first_step = original.index("duration_s = 30")  # the first step
    shorter = original[:first_step] + "avoid_from_week = 20\n" + original[first_step:]
    (user / "quick-calf.toml").write_text(shorter)
    (home / "config" / "settings.json").write_text(json.dumps({"due_date": "2027-01-31"}))
    clock = FakeClock(datetime(2026, 11, 30, 20, 0, tzinfo=UTC))  # week 31
    assert main(["--home", str(home), "routines", "list"], clock=clock) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("quick-calf"))
    assert "2 min 21 s (of 3 min 04 s)" in line and line.rstrip().endswith("evening")
