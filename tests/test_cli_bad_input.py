"""The command line's contract under bad input: one clear line, a non-zero exit, no hang."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from nightstretch.cli import main


@pytest.mark.timeout(10)
def test_routines_check_on_a_fifo_answers_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "p.toml"
    os.mkfifo(fifo)
    assert main(["--home", str(tmp_path / "home"), "routines", "check", str(fifo)]) != 0
    assert capsys.readouterr().err == f"{fifo}: is not a regular file\n"
