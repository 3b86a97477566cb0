"""A player killed with SIGKILL mid-routine leaves a partial session, never nothing."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def _session_rows(db: Path) -> list[tuple[Any, ...]]:
    if not db.exists():
        return []
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return con.execute(
                "SELECT routine_id, status, ended_utc, steps_total FROM sessions"
            ).fetchall()
        finally:
            con.close()
    except sqlite3.OperationalError:  # not created yet
        return []


def test_sigkill_mid_routine_leaves_partial_row(home: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NIGHTSTRETCH_HOME=str(home))
    stderr = home / "stderr.txt"
    db = home / "data" / "nightstretch.db"
    deadline = time.monotonic() + 60
    with (
        stderr.open("wb") as err,
        subprocess.Popen(
            [sys.executable, "-m", "nightstretch", "start", "quick-calf"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
        ) as proc,
    ):
        try:
            while not _session_rows(db):
                assert proc.poll() is None, stderr.read_text()[-2000:]
                assert time.monotonic() < deadline, "the session row never appeared"
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=0.05)  # waits on the process, not on a timer of ours
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    rows = _session_rows(db)
    assert len(rows) == 1
    routine_id, status, ended, total = rows[0]
    assert (routine_id, status, ended) == ("quick-calf", "partial", None)
    assert total >= 2
