"""``nightstretch cramps discussed``: mark a warning-sign cramp as talked through, take it
back, and ``history --json`` carries the mark."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from nightstretch.store.logbook import Logbook
from nightstretch.store.visit import discussed

from .test_cli_logbook import CET, MORNING, db_path, run

LATER = MORNING + timedelta(days=2, hours=3)  # Tue 24 Nov, 11:00: the visit


def log_two(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("log", "cramp", "--leg", "left", "--severity", "7", "--swelling",
               "--at", "2026-11-20T03:30") == 0  # fmt: skip
    assert run("log", "cramp", "--leg", "right", "--severity", "3") == 0
    capsys.readouterr()


def marks(home: Path) -> dict[int, str]:
    book = Logbook(db_path(home))
    try:
        return {k: v.at_utc for k, v in discussed(book).items()}
    finally:
        book.close()


def test_list_mark_and_take_back(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log_two(capsys)
    assert run("cramps", "discussed", at=LATER) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Cramps with warning signs, newest first:"
    assert out[1] == "     1  Fri 20 Nov, 03:30  7/10  swelling  ⚠ not yet discussed"
    assert "nightstretch cramps discussed ID" in out[2]

    assert run("cramps", "discussed", "1", at=LATER) == 0
    assert capsys.readouterr().out == (
        "Marked the cramp of Fri 20 Nov, 03:30 as discussed with your midwife or doctor "
        "on Tue 24 Nov.\n"
    )
    assert marks(home) == {1: "2026-11-24T10:00:00Z"}
    assert run("cramps", "discussed", "1", at=LATER + timedelta(days=1)) == 0
    assert "already marked as discussed on Tue 24 Nov" in capsys.readouterr().out
    assert marks(home) == {1: "2026-11-24T10:00:00Z"}  # the first time stays
    assert run("cramps", "discussed", at=LATER) == 0
    assert capsys.readouterr().out.splitlines()[1].endswith("swelling  discussed on Tue 24 Nov")

    assert run("cramps", "discussed", "1", "--undo", at=LATER) == 0
    assert "Took back the mark" in capsys.readouterr().out
    assert marks(home) == {}
    assert run("cramps", "discussed", "--undo", "1", at=LATER) == 0
    assert "was not marked" in capsys.readouterr().out


def test_refusals_write_nothing(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log_two(capsys)
    assert run("cramps", "discussed", "2") == 2  # no warning signs
    assert "has no warning signs" in capsys.readouterr().err
    assert run("cramps", "discussed", "9") == 2
    assert "there is no cramp 9" in capsys.readouterr().err
    assert run("cramps", "discussed", "--undo") == 2
    assert "--undo needs the ID" in capsys.readouterr().err
    assert marks(home) == {}


def test_history_json_carries_the_mark(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log_two(capsys)

    def document() -> dict[str, object]:
        assert run("history", "--days", "7", "--json", at=LATER) == 0
        loaded = json.loads(capsys.readouterr().out)
        assert isinstance(loaded, dict)
        return loaded

    before = document()
    assert before["warnings_not_discussed"] == 1
    assert before["warning_cramps"] == [
        {
            "cramp_id": 1,
            "night_date": "2026-11-19",
            "happened_at": "2026-11-20T03:30:00+01:00",
            "discussed_at": None,
        }
    ]
    assert run("cramps", "discussed", "1", at=LATER) == 0
    capsys.readouterr()
    after = document()
    assert after["warnings_not_discussed"] == 0
    listed = after["warning_cramps"]
    assert isinstance(listed, list)
    assert listed[0]["discussed_at"] == datetime(2026, 11, 24, 11, 0, tzinfo=CET).isoformat()
