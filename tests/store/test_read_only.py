"""Hole 8 of issue 17: reading never needs write access.

History, export, backup and the report's data work on a logbook in a read-only data folder.
Root ignores file modes, so as root the real test runs in a child process as ``nobody``;
an injected connection factory covers the WAL case SQLite can only open ``immutable``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from nightstretch.store.export import export_json
from nightstretch.store.logbook import Logbook, LogbookError
from nightstretch.store.report_data import build_report_data
from nightstretch.store.schema import MIGRATIONS, SCHEMA_VERSION

NOW = datetime(2026, 11, 21, 22, 0, tzinfo=UTC)
NOBODY = 65534


def _filled(path: Path) -> None:
    book = Logbook(path)
    book.add_water(250, NOW)
    book.add_water(300, NOW)
    book.close()


def test_a_missing_logbook_reads_as_empty_and_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "data" / "nightstretch.db"
    book = Logbook.open_read_only(path)
    try:
        assert book.water() == [] and book.version == SCHEMA_VERSION
        with pytest.raises(LogbookError, match="read-only"):
            book.add_water(250, NOW)
    finally:
        book.close()
    assert not path.parent.exists()


def test_an_old_logbook_is_migrated_in_memory_only(tmp_path: Path) -> None:
    path = tmp_path / "nightstretch.db"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    before = path.read_bytes()
    book = Logbook.open_read_only(path)
    try:
        assert book.version == SCHEMA_VERSION and book.water() == []
    finally:
        book.close()
    assert path.read_bytes() == before


def test_a_damaged_logbook_is_salvaged_into_memory_and_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "nightstretch.db"
    path.write_bytes(b"garbage" * 1000)
    book = Logbook.open_read_only(path)
    try:
        assert book.salvage is not None and book.salvage.kept == path
        assert book.water() == []
    finally:
        book.close()
    assert path.read_bytes() == b"garbage" * 1000 and sorted(tmp_path.iterdir()) == [path]


def test_a_wal_logbook_whose_shm_cannot_be_made_opens_immutable(tmp_path: Path) -> None:
    path = tmp_path / "nightstretch.db"
    _filled(path)
    addresses: list[str] = []

    def failing_like_sqlite(address: str) -> sqlite3.Connection:
        addresses.append(address)
        if "immutable=1" not in address:
            error = sqlite3.OperationalError("unable to open database file")
            error.sqlite_errorcode = sqlite3.SQLITE_CANTOPEN
            raise error
        return sqlite3.connect(address, uri=True, isolation_level=None)

    book = Logbook.open_read_only(path, failing_like_sqlite)
    try:
        assert [w.ml for w in book.water()] == [250, 300]
    finally:
        book.close()
    assert addresses[-1].endswith("?mode=ro&immutable=1")


CHILD = """
import json, sys
from datetime import UTC, date, datetime
from pathlib import Path
from nightstretch.store.export import export_json
from nightstretch.store.logbook import Logbook, LogbookError
from nightstretch.store.report_data import build_report_data

path, out = Path(sys.argv[1]), Path(sys.argv[2])
now = datetime(2026, 11, 21, 22, 0, tzinfo=UTC)
try:
    Logbook(path, now)
    writable = True
except LogbookError:
    writable = False
book = Logbook.open_read_only(path)
count = export_json(book, out / "export.json", now)
book.backup_to(out / "backup.db")
report = build_report_data(book, "2026-11-21", 1, 2000, date(2027, 3, 1))
print(json.dumps({"writable": writable, "water": [w.ml for w in book.water()],
                  "exported": count, "nights": len(report.nights)}))
"""


@pytest.fixture
def locked_down() -> Iterator[tuple[Path, Path, int | None]]:
    """A data folder 0500 with a logbook 0400, and an output folder, for a user the
    modes apply to: ``nobody`` when the tests run as root (root ignores modes)."""
    as_root = os.geteuid() == 0
    top = Path(tempfile.mkdtemp(prefix="ns-ro-"))
    os.chmod(top, 0o755)
    data, out = top / "data", top / "out"
    data.mkdir()
    out.mkdir()
    _filled(data / "nightstretch.db")
    if as_root:
        for item in (data, out, *data.iterdir()):
            os.chown(item, NOBODY, NOBODY)
    os.chmod(data / "nightstretch.db", 0o400)
    os.chmod(data, 0o500)
    try:
        yield data / "nightstretch.db", out, NOBODY if as_root else None
    finally:
        os.chmod(data, 0o700)
        subprocess.run(["rm", "-rf", str(top)], check=False)


def test_history_export_backup_and_report_on_a_read_only_folder(
    locked_down: tuple[Path, Path, int | None],
) -> None:
    path, out, user = locked_down
    before = {p.name: p.read_bytes() for p in path.parent.iterdir()}
    app = Path(__file__).resolve().parents[2] / "app"
    site = [p for p in sys.path if p.endswith("site-packages")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(app), *site])}
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    done = None
    # nobody may not reach the venv's interpreter (a link into /root): the system one of
    # the same version runs the store just as well (it needs only platformdirs).
    for interpreter in (sys.executable, f"/usr/bin/{version}"):
        try:
            done = subprocess.run(
                [interpreter, "-B", "-c", CHILD, str(path), str(out)],
                capture_output=True,
                text=True,
                user=user,
                env=env,
                timeout=60,
                check=False,
            )
        except (PermissionError, FileNotFoundError):
            continue
        break
    if done is None:
        pytest.skip(f"no {version} that the user {user} may run")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result == {"writable": False, "water": [250, 300], "exported": 2, "nights": 7}
    assert sorted(p.name for p in out.iterdir()) == ["backup.db", "export.json"]
    assert {p.name: p.read_bytes() for p in path.parent.iterdir()} == before


def test_reading_in_process_through_a_read_only_connection(tmp_path: Path) -> None:
    path = tmp_path / "nightstretch.db"
    _filled(path)
    book = Logbook.open_read_only(path)
    try:
        assert export_json(book, tmp_path / "e.json", NOW) == 2
        book.backup_to(tmp_path / "b.db")
        assert build_report_data(book, "2026-11-21", 1, 2000, date(2027, 3, 1)).water_days == 1
        with pytest.raises(LogbookError, match="read-only"):
            book.add_water(100, NOW)
    finally:
        book.close()
