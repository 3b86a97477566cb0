"""Reading what the app wrote, as a person would check it afterwards (read-only)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from nightstretch.core import resources
from nightstretch.core.routine import Routine
from nightstretch.core.routine_loader import load_catalogue

from tests.xsession import run_cli


def logbook_path(home: Path) -> Path:
    return home / "data" / "nightstretch.db"


def sessions(home: Path) -> list[dict[str, Any]]:
    """Session rows, oldest first; empty while the logbook does not exist yet."""
    db = logbook_path(home)
    if not db.exists():
        return []
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            con.row_factory = sqlite3.Row
            rows = con.execute("SELECT * FROM sessions ORDER BY id").fetchall()
            return [dict(row) for row in rows]
        finally:
            con.close()
    except sqlite3.OperationalError:  # created but not migrated yet
        return []


def history(home: Path, env: dict[str, str]) -> dict[str, Any]:
    """``nightstretch history --json``, through the real command line."""
    result = run_cli(["history", "--json", "--days", "3"], home, env)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert isinstance(document, dict)
    return document


def built_in_routine(routine_id: str) -> Routine:
    catalogue = load_catalogue(resources.routines_dir(), resources.assets_dir(), [])
    return catalogue.routines[routine_id]


def tray_titles() -> list[str]:
    """Routine titles in the order the tray's "Start routine" submenu lists them."""
    catalogue = load_catalogue(resources.routines_dir(), resources.assets_dir(), [])
    return sorted(r.title for r in catalogue.routines.values())
