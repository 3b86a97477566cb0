"""Where Nightstretch keeps its files; one ``--home`` folder can hold them all.

Tests and portable installs pass a home folder so the real home is never touched.
"""

from __future__ import annotations

import os
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from nightstretch.store.private import owned_private_dir, private_dir

APP_NAME = "nightstretch"
HOME_ENV = "NIGHTSTRETCH_HOME"


@dataclass(frozen=True)
class AppPaths:
    config_dir: Path
    data_dir: Path
    log_dir: Path
    runtime_dir: Path
    """Where the GUI would like its lock and socket; only a path, nothing is made or checked
    until ``runtime()`` is called, so file commands never depend on it."""

    @classmethod
    def resolve(cls, home: str | os.PathLike[str] | None = None) -> AppPaths:
        """``home`` wins, then ``$NIGHTSTRETCH_HOME``, then the platform's folders."""
        chosen = home if home is not None else os.environ.get(HOME_ENV) or None
        if chosen is not None:
            root = Path(chosen).expanduser().absolute()
            return cls(root / "config", root / "data", root / "logs", root / "run")
        with warnings.catch_warnings():
            # Without $XDG_RUNTIME_DIR platformdirs warns and falls back to /tmp; so do we.
            warnings.simplefilter("ignore")
            runtime = platformdirs.user_runtime_path(APP_NAME, appauthor=False)
        return cls(
            config_dir=platformdirs.user_config_path(APP_NAME, appauthor=False),
            data_dir=platformdirs.user_data_path(APP_NAME, appauthor=False),
            log_dir=platformdirs.user_log_path(APP_NAME, appauthor=False),
            runtime_dir=runtime,
        )

    @property
    def logbook(self) -> Path:
        return self.data_dir / "nightstretch.db"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def user_routines_dir(self) -> Path:
        return self.config_dir / "routines"

    def ensure(self) -> None:
        """Create the folders private to the user (0700): the logbook is health data.

        Existing folders of ours are tightened too. The runtime folder is not made here:
        only the GUI needs it (``runtime()``).
        """
        for folder in (self.config_dir, self.data_dir, self.log_dir):
            private_dir(folder)

    def runtime(self) -> Path:
        """The GUI's folder for the lock and socket, made safely now; never raises.

        The platform's place (``$XDG_RUNTIME_DIR``, or ``/tmp/runtime-<uid>`` without it)
        is used only if it is a real folder of ours, 0700; a name squatted by another user
        falls back to ``run`` under the data folder, then to a fresh unpredictable folder.
        """
        for candidate in (self.runtime_dir, self.data_dir / "run"):
            if owned_private_dir(candidate):
                return candidate
        try:
            return Path(tempfile.mkdtemp(prefix=f"{APP_NAME}-"))
        except OSError:  # nowhere to write at all: the lock will say so in its own words
            return self.data_dir / "run"
