"""Leftovers of a killed restore, salvage, backup or export: health data nobody would find.

A restore or salvage works in a private ``.restore-*`` / ``.salvage-*`` folder and every
atomic write stages a ``.<name>.*.part`` file; a kill (or a power cut) between the start and
the clean-up leaves them behind. At the next start the ones older than a few minutes (so a
second Nightstretch still at work keeps its own) are removed.
"""

from __future__ import annotations

import shutil
import stat
import time
from contextlib import suppress
from pathlib import Path

from nightstretch.store.files import RESTORE_PREFIX, SALVAGE_PREFIX, STAGING_SUFFIX
from nightstretch.store.paths import AppPaths

__all__ = ["LEFTOVER_AGE_S", "clean_leftovers"]

LEFTOVER_AGE_S = 10 * 60.0
FOLDER_PREFIXES = (RESTORE_PREFIX, SALVAGE_PREFIX)


def _is_leftover(entry: Path, info_mode: int) -> bool:
    name = entry.name
    if stat.S_ISDIR(info_mode):
        return name.startswith(FOLDER_PREFIXES)
    return stat.S_ISREG(info_mode) and name.startswith(".") and name.endswith(STAGING_SUFFIX)


def clean_leftovers(
    paths: AppPaths, now: float | None = None, older_than_s: float = LEFTOVER_AGE_S
) -> list[Path]:
    """Remove stale staging folders and ``.part`` files; returns what went. Never raises.

    Looks in the data folder (the logbook's), the config folder (settings) and the log
    folder; links are never followed.
    """
    moment = time.time() if now is None else now
    removed: list[Path] = []
    folders = {paths.data_dir, paths.logbook.parent, paths.config_dir, paths.log_dir}
    for folder in sorted(folders):
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        for entry in entries:
            with suppress(OSError):
                info = entry.lstat()
                if not _is_leftover(entry, info.st_mode):
                    continue
                if moment - info.st_mtime < older_than_s:
                    continue
                if stat.S_ISDIR(info.st_mode):
                    shutil.rmtree(entry)
                else:
                    entry.unlink()
                removed.append(entry)
    return removed
