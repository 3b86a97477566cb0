"""Logging to a rotating file, so "what happened last night?" has an answer."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = log_dir / "nightstretch.log"
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=512 * 1024, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_nightstretch", False)]:
        root.removeHandler(old)
        old.close()
    handler._nightstretch = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return path
