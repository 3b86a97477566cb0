"""The one way Nightstretch writes a file: whole or not at all, private unless asked otherwise.

Settings, exports, backups, the report, the desktop launcher and the autostart entry all go
through ``atomic_write``, so every file she owns gets the same guarantees: the new content is
written beside the target under an unpredictable name, flushed to disk, given its mode, then
renamed over the target; any failure (or Ctrl+C) removes the staging copy and leaves the
target untouched.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

__all__ = ["RESTORE_PREFIX", "SALVAGE_PREFIX", "STAGING_SUFFIX", "atomic_write"]

STAGING_SUFFIX = ".part"
RESTORE_PREFIX = ".restore-"
SALVAGE_PREFIX = ".salvage-"
"""The private folders a restore and a salvage work in; ``leftovers`` removes stale ones
(named here so that a start need not load the restore and salvage code to know them)."""
"""Staging copies end with this, so a start after a crash can find and remove them."""


def atomic_write(
    target: Path,
    content: bytes | str | Callable[[Path], None],
    mode: int = 0o600,
) -> None:
    """Write ``content`` to ``target`` atomically and durably.

    ``content`` is the bytes or text to write, or a function that fills the staging path it
    is given (the PDF painter and SQLite's backup API write files themselves). The parent
    folder must exist. Raises ``OSError``; callers turn it into their own one-line message.
    """
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=STAGING_SUFFIX)
    staging = Path(name)
    try:
        if callable(content):
            os.close(fd)
            content(staging)
        else:
            data = content.encode("utf-8") if isinstance(content, str) else content
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        with open(staging, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(staging, mode)
        os.replace(staging, target)
    except BaseException:
        with suppress(OSError):
            staging.unlink()
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Makes the rename itself durable; not every platform or file system allows it."""
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
