"""The command line's contract under bad input: one clear line, a non-zero exit, no hang."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nightstretch.cli import main


@pytest.mark.timeout(10)
def test_routines_check_on_a_fifo_answers_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "p.toml"
    os.mkfifo(fifo)
    assert main(["--home", str(tmp_path / "home"), "routines", "check", str(fifo)]) != 0
    assert capsys.readouterr().err == f"{fifo}: is not a regular file\n"


# -- the holes the adversarial pass found, each pinned ----------------------------------


def _run(home: Path, *argv: str) -> tuple[int, str, str]:
    """``main`` in this process; (exit code, stdout, stderr) with argparse's exits caught."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["--home", str(home), *argv])
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
    return code, out.getvalue(), err.getvalue()


def _snapshot(folder: Path) -> dict[str, int]:
    """Every file under ``folder`` with its size; logs and SQLite's side files aside."""
    return {
        str(p.relative_to(folder)): p.stat().st_size
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "logs" not in p.parts and not p.name.endswith(("-wal", "-shm"))
    }


@pytest.fixture
def logged(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    assert _run(home, "log", "water", "250", "--at", "2026-11-20T10:00")[0] == 0
    assert (
        _run(home, "log", "cramp", "--leg", "left", "--severity", "6", "--at", "2026-11-20T03:00")[
            0
        ]
        == 0
    )
    return home


@pytest.mark.parametrize(
    "argv",
    [
        ["log", "water", "1_000"],
        ["log", "water", "\u0661\u0662\u0663"],
        ["log", "water", "\u0967\u0968\u0969"],
        ["log", "water", "+250"],
        ["log", "water", "250", "--at", "0900-06-01T12:00"],
        ["log", "water", "250", "--at", "0001-01-01T00:00"],
        ["log", "water", "250", "--at", "9999-12-31T23:59-12:00"],
        ["log", "cramp", "--leg", "left", "--severity", "\u0665"],
        ["log", "cramp", "--leg", "left", "--severity", "5", "--minutes", "1_0"],
        ["history", "--days", "1_4"],
        ["history", "--days", "0"],
        ["history", "--days", "99999999999999999999"],
        ["report", "--weeks", "\u0664", "--out", "r.pdf"],
        ["checkin", "--cramps", "\u0662"],
    ],
)
def test_refused_input_is_one_line_and_writes_nothing(
    logged: Path, tmp_path: Path, argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    before = _snapshot(tmp_path)
    code, out, err = _run(logged, *argv)
    assert code != 0, (argv, out)
    assert err.count("\n") == 1 and err.startswith("nightstretch: "), err
    assert "Traceback" not in err
    assert _snapshot(tmp_path) == before


def test_an_empty_home_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code = main(["--home", "", "log", "water"])
    assert code == 2
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "target",
    ["data/nightstretch.db", "data/nightstretch.db-wal", "data/../data/nightstretch.db", "data"],
)
@pytest.mark.parametrize("command", ["report", "export", "backup"])
def test_no_output_may_overwrite_the_apps_own_files(
    logged: Path, command: str, target: str
) -> None:
    """Hole 2: ``report --out <the logbook> --force`` replaced the logbook with a PDF."""
    before = _snapshot(logged / "data")
    out = logged / target
    extra = {"report": ["--weeks", "2"], "export": ["--format", "json"], "backup": []}[command]
    code, _, err = _run(logged, command, *extra, "--out", str(out), "--force")
    assert code == 1
    assert "one of Nightstretch's own" in err and err.count("\n") == 1
    assert _snapshot(logged / "data") == before
    assert _run(logged, "history", "--json")[0] == 0


def test_a_file_name_too_long_is_one_line(logged: Path, tmp_path: Path) -> None:
    code, _, err = _run(logged, "backup", "--out", str(tmp_path / ("x" * 300)))
    assert code != 0 and err.count("\n") == 1 and "Traceback" not in err


def test_a_closed_pipe_is_quiet(logged: Path) -> None:
    """``nightstretch history --json | head -1``: no BrokenPipeError traceback."""
    import subprocess
    import sys

    for _ in range(3):
        assert _run(logged, "log", "water", "100")[0] == 0
    script = (
        f"{sys.executable} -m nightstretch --home {logged} history --days 400 --json | head -c 1"
    )
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", script], capture_output=True, text=True, check=False
    )
    assert done.stdout == "{"
    assert "Traceback" not in done.stderr and "Error" not in done.stderr, done.stderr


def test_ctrl_c_exits_130_with_one_line(logged: Path, capsys: pytest.CaptureFixture[str]) -> None:
    class Interrupted:
        def now(self) -> datetime:
            raise KeyboardInterrupt

        def monotonic(self) -> float:
            return 0.0

    before = _snapshot(logged)
    assert main(["--home", str(logged), "log", "water"], clock=Interrupted()) == 130
    err = capsys.readouterr().err
    assert err.strip() == "nightstretch: interrupted; nothing was half written"
    assert _snapshot(logged) == before


def test_every_file_and_folder_is_private_whatever_the_umask(tmp_path: Path) -> None:
    """Hole 10: under ``umask 000`` a fresh home gets 0700 folders and 0600 files."""
    import stat

    home = tmp_path / "home"
    old = os.umask(0)
    try:
        assert _run(home, "log", "water", "250")[0] == 0
        assert _run(home, "backup", "--out", str(tmp_path / "b.db"))[0] == 0
        assert _run(home, "export", "--format", "json", "--out", str(tmp_path / "e.json"))[0] == 0
    finally:
        os.umask(old)
    created = [home, *home.rglob("*"), tmp_path / "b.db", tmp_path / "e.json"]
    modes = {str(p.relative_to(tmp_path)): stat.S_IMODE(p.stat().st_mode) for p in created}
    wrong = {
        name: oct(mode)
        for name, mode in modes.items()
        if mode != (0o700 if (tmp_path / name).is_dir() else 0o600)
    }
    assert wrong == {}


# -- every option, any value: the contract holds (seeded, bounded) ------------------------

_VALUES = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "1",
            "-1",
            "250",
            "2000",
            "2001",
            "99999999999999999999",
            "1_000",
            "+5",
            "5.0",
            "1e3",
            "\u0661\u0662",
            "\u0967",
            "\uff15",
            "nan",
            "left",
            "right",
            "both",
            "calf",
            "toe",
            "2026-11-20T03:00",
            "2026-11-20",
            "0900-06-01T12:00",
            "9999-12-31T23:59-12:00",
            "2026-02-30T10:00",
            "x" * 300,
            "../",
            "-",
            "--",
        ]
    ),
    st.text(
        alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
        max_size=12,
    ),
)
_COMMANDS: list[tuple[list[str], list[str]]] = [
    (["log", "water"], ["{v}", "--at", "{v}"]),
    (["log", "cramp", "--leg", "{v}", "--severity", "{v}"], ["--minutes", "{v}", "--at", "{v}"]),
    (["log", "cramp", "--leg", "left", "--severity", "5"], ["--muscle", "{v}", "--helped", "{v}"]),
    (["checkin"], ["--cramps", "{v}", "--night", "{v}"]),
    (["history"], ["--days", "{v}"]),
    (["export", "--format", "{v}", "--out", "{p}"], []),
    (["backup", "--out", "{p}"], []),
    (["restore", "{p}"], []),
    (["routines", "check", "{p}"], []),
    (["start", "{v}"], []),
]


@settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    command=st.sampled_from(_COMMANDS),
    values=st.lists(_VALUES, min_size=6, max_size=6),
    extras=st.integers(min_value=0, max_value=4),
)
def test_any_value_in_any_option_keeps_the_contract(
    tmp_path_factory: pytest.TempPathFactory,
    command: tuple[list[str], list[str]],
    values: list[str],
    extras: int,
) -> None:
    base = tmp_path_factory.mktemp("cli")
    home = base / "home"
    assert _run(home, "log", "water", "250", "--at", "2026-11-20T10:00")[0] == 0
    fill = iter(values)
    required, optional = command
    argv = [
        a.replace("{v}", next(fill, "1")).replace("{p}", str(base / "out" / values[0][:40]))
        for a in [*required, *optional[: 2 * extras]]
    ]
    if argv[0] == "start":
        return  # starting the GUI is the e2e suite's job; only the id check runs here
    before = _snapshot(home)
    code, _out, err = _run(home, *argv)
    assert "Traceback" not in err
    assert code in (0, 1, 2), (argv, code, err)
    if code != 0 and argv[0] not in ("routines",):
        assert err.count("\n") == 1 and err.startswith("nightstretch: "), (argv, err)
        assert _snapshot(home) == before, argv
