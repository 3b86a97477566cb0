"""Start Nightstretch again, for a new language in the tray menu and every open window.

The running app ends its event loop with ``RESTART_EXIT``; ``run_gui`` then stops the timers,
releases the single-instance lock and closes the logbook as at any quit, and only after
that the command line starts the new process, so the new one is first, not a second start
that hands over to a process on its way out.
"""

from __future__ import annotations

import logging
import subprocess
import sys

log = logging.getLogger(__name__)

RESTART_EXIT = 75
"""``qapp.exit`` code meaning "start again" (EX_TEMPFAIL: never a real failure here)."""


def restart_command(
    home: str | None, executable: str = sys.executable, frozen: bool = False
) -> list[str]:
    """A plain start with the same ``--home``: the control window, no routine, no ``--tray``.

    A bundle is its own executable; a Python install runs the package, which works for the
    ``nightstretch`` script and ``python -m nightstretch`` alike.
    """
    program = [executable] if frozen else [executable, "-m", "nightstretch"]
    return [*program, *(["--home", home] if home else [])]


def start_again(home: str | None) -> bool:
    """Starts the new process in its own session (it outlives this one); False if it failed."""
    command = restart_command(home, frozen=hasattr(sys, "frozen"))
    try:
        subprocess.Popen(command, start_new_session=True, close_fds=True)
    except OSError:
        log.exception("restart failed: %s", command)
        return False
    log.info("restarted: %s", command)
    return True
