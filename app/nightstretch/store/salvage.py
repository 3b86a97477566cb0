"""Salvage: what a damaged logbook still holds comes back into the fresh one, row by row.

A damaged file is moved aside and kept untouched (``logbook_files.move_aside``); this reads a
private copy of it, so not even SQLite's WAL replay changes the kept file, and brings every
readable row that passes the checks a new entry passes into the fresh logbook
(``rowcopy.copy_rows`` with ``salvage=True``). She is told once, in one sentence, how much
came back and where the damaged file is.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from nightstretch.core.i18n import _
from nightstretch.core.wording import count
from nightstretch.store.files import SALVAGE_PREFIX
from nightstretch.store.rowcopy import CopyResult, RowProblem, copy_rows
from nightstretch.store.schema import MIGRATIONS

__all__ = ["SalvageResult", "copy_private", "salvage_into", "salvage_message"]


@dataclass(frozen=True)
class SalvageResult:
    """What came back from the damaged file kept at ``kept``."""

    kept: Path
    rows: CopyResult | None
    """None when nothing at all could be read (``problem`` says why)."""
    problem: str = ""

    @property
    def recovered(self) -> int:
        return self.rows.total_copied if self.rows is not None else 0

    @property
    def lost(self) -> int:
        """Rows seen but skipped, plus rows a damaged page hid (an estimate)."""
        return self.rows.total_lost if self.rows is not None else 0

    @property
    def about(self) -> int:
        return self.recovered + self.lost


def salvage_message(result: SalvageResult) -> str:
    """The one sentence she reads, e.g. "Recovered 664 of about 750 entries; ..."."""
    where = _("the damaged file is kept at {path}.").format(path=result.kept)
    if result.recovered == 0:
        return _("No entries could be recovered; {where}").format(where=where)
    if result.rows is not None and result.rows.open_ended:
        found = count(result.recovered, "entry", "entries")
        return _("Recovered {found}, but more may have been lost; {where}").format(
            found=found, where=where
        )
    if result.lost == 0:
        found = count(result.recovered, "entry", "entries")
        return _("Recovered all {found}; {where}").format(found=found, where=where)
    return _("Recovered {found} of about {about}; {where}").format(
        found=result.recovered, about=count(result.about, "entry", "entries"), where=where
    )


def copy_private(source: Path, target: Path) -> None:
    """A 0600 copy made with ``O_EXCL``: health data staged where nobody else can read it."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out, source.open("rb") as src:
        shutil.copyfileobj(src, out)


def staging_folder(near: Path, prefix: str) -> Path:
    """A private (0700) folder next to ``near``, or in the system's temp if that is read-only.

    Its name starts with ``prefix`` so ``leftovers.clean_leftovers`` finds it after a kill.
    """
    try:
        return Path(tempfile.mkdtemp(dir=near, prefix=prefix))
    except OSError:
        return Path(tempfile.mkdtemp(prefix=f"nightstretch{prefix}"))


def _fit_header(staged: Path) -> None:
    """A truncated file still claims its old size in its header, and SQLite then refuses
    to read even the pages that are there; the private copy is told its real size."""
    with staged.open("r+b") as handle:
        header = handle.read(100)
        if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
            return
        page_size = int.from_bytes(header[16:18], "big")
        page_size = 65536 if page_size == 1 else page_size
        if page_size < 512:
            return
        pages = staged.stat().st_size // page_size
        if 0 < pages < int.from_bytes(header[28:32], "big"):
            handle.seek(28)
            handle.write(pages.to_bytes(4, "big"))


def salvage_into(kept: Path, target: sqlite3.Connection) -> SalvageResult:
    """Copy every readable, valid row of ``kept`` into ``target`` (a fresh logbook).

    Never raises: a file that cannot be read at all gives ``rows=None`` and the reason.
    """
    try:
        folder = staging_folder(kept.parent, SALVAGE_PREFIX)
    except OSError as exc:
        return SalvageResult(kept, None, f"no room to work: {exc.strerror or exc}")
    try:
        staged = folder / "salvage.db"
        copy_private(kept, staged)
        _fit_header(staged)
        wal = Path(f"{kept}-wal")
        if wal.is_file():
            copy_private(wal, Path(f"{staged}-wal"))
        rows = copy_rows(staged, target, MIGRATIONS, salvage=True)
    except (sqlite3.Error, OSError, RowProblem) as exc:
        with suppress(sqlite3.Error):
            if target.in_transaction:
                target.execute("ROLLBACK")
        return SalvageResult(kept, None, str(exc))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return SalvageResult(kept, rows)
