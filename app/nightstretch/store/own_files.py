"""No output path may hit the app's own files: a report written over the logbook, an export
over its live WAL, a backup over the settings.

``report``, ``export`` and ``backup`` ask ``refuse_own_files`` before writing anything. Inside
the data folder only a new file of their own is allowed; the logbook and its side files,
the settings file, anything existing in the config or log folders and anything in the user
routines folder are refused, also when reached through a symbolic link or ``..``.
"""

from __future__ import annotations

import os
from pathlib import Path

from nightstretch.store.paths import AppPaths

__all__ = ["refuse_own_files"]

SIDE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def _real(path: Path) -> Path:
    """Symbolic links and ``..`` resolved, also for a file that does not exist yet."""
    return Path(os.path.realpath(path.expanduser().absolute()))


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def refuse_own_files(paths: AppPaths, target: Path) -> str | None:
    """Why ``target`` may not be written (one line), or None when it is a fair place."""
    real = _real(target)
    logbook = _real(paths.logbook)
    reserved = {Path(f"{logbook}{suffix}") for suffix in SIDE_SUFFIXES}
    reserved.add(_real(paths.settings_file))
    if real in reserved or (real.name.startswith(logbook.name) and real.parent == logbook.parent):
        return f"{target} is one of Nightstretch's own files; choose another name."
    data, config, logs = _real(paths.data_dir), _real(paths.config_dir), _real(paths.log_dir)
    if real in (data, config, logs) or _inside(real, _real(paths.user_routines_dir)):
        return f"{target} is one of Nightstretch's own folders; choose another place."
    for folder in (data, config, logs):
        if _inside(real, folder) and (real.exists() or os.path.islink(target.expanduser())):
            return (
                f"{target} is one of Nightstretch's own files in {folder}; "
                "choose a new name or another folder."
            )
    return None
