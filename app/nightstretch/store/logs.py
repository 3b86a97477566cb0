"""Logging to a rotating file, so "what happened last night?" has an answer.

The log names routines and times of night, so it is private: 0600 whatever the umask, also
for each new file a rotation starts.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
from contextlib import suppress
from pathlib import Path

from nightstretch.store.private import private_dir

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _PrivateRotatingFile(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file is created (or found) 0600."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with suppress(OSError):  # a file of someone else's keeps its mode
            os.fchmod(fd, 0o600)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    private_dir(log_dir)
    path = log_dir / "nightstretch.log"
    handler = _PrivateRotatingFile(path, maxBytes=512 * 1024, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_nightstretch", False)]:
        root.removeHandler(old)
        old.close()
    handler._nightstretch = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return path
