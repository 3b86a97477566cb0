"""Private by construction: the folders and files that hold her health data are hers alone.

The umask is only a default, and under ``umask 000`` every file would be world-writable, so
each folder the store makes is created 0700 (its missing parents too) and each file gets an
explicit mode. Folders we own that someone loosened are tightened again; folders we do not
own are never touched, and an unsafe one is reported as False rather than raised.
"""

from __future__ import annotations

import os
import stat
from contextlib import suppress
from pathlib import Path

__all__ = ["PRIVATE_UMASK", "owned_private_dir", "private_dir", "set_private_umask"]

PRIVATE_UMASK = 0o077


def set_private_umask() -> int:
    """Call once at start: whatever a library creates without a mode stays private.

    Returns the previous umask (for tests that put it back).
    """
    return os.umask(PRIVATE_UMASK)


def private_dir(folder: Path) -> None:
    """Create ``folder`` and its missing parents 0700, and tighten it if we own it.

    ``mkdir(mode=...)`` is masked by the umask and ``parents=True`` ignores the mode for
    the parents, so each missing level is made and chmod-ed here. Raises ``OSError``.
    """
    missing: list[Path] = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for level in reversed(missing):
        with suppress(FileExistsError):  # another process was a moment quicker
            level.mkdir(mode=0o700)
            os.chmod(level, 0o700)
    tighten(folder)


def tighten(folder: Path) -> None:
    """0700 for a folder of ours that others may read; someone else's is left alone."""
    if os.name != "posix":
        return
    with suppress(OSError):
        info = folder.lstat()
        if (
            stat.S_ISDIR(info.st_mode)
            and info.st_uid == os.geteuid()
            and stat.S_IMODE(info.st_mode) & 0o077
        ):
            os.chmod(folder, 0o700)


def owned_private_dir(folder: Path) -> bool:
    """True once ``folder`` is a real folder (not a link), owned by us and 0700.

    For places another user could prepare in advance (``/tmp/runtime-<uid>``): a name
    squatted by someone else, a symbolic link or a file is False, never an exception.
    """
    try:
        private_dir(folder)
        info = folder.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    if os.name != "posix":
        return True
    return info.st_uid == os.geteuid() and not stat.S_IMODE(info.st_mode) & 0o077
