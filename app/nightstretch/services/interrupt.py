"""Ctrl+C and SIGTERM end the app cleanly, without a timer.

Python runs a signal handler only when the interpreter next runs, and while Qt waits in its
event loop nothing Python runs, so a plain handler would fire late or never (Ctrl+C used
to freeze the player and then show an empty "unexpected error"). Python writes the signal
number to a wake-up socket instead; a ``QSocketNotifier`` on the other end wakes the loop,
which quits as the Quit menu entry does. Nothing polls: idle stays idle.
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier

__all__ = ["QuitOnSignal"]

HANDLED = (signal.SIGINT, signal.SIGTERM)


class QuitOnSignal(QObject):
    """While it lives, SIGINT and SIGTERM call ``quit`` on the Qt loop."""

    def __init__(self, quit: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._quit = quit
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._previous = {number: signal.signal(number, self._note) for number in HANDLED}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)
        self.received: list[int] = []

    def _note(self, number: int, _frame: object) -> None:
        """The Python-level handler: only remember; the loop acts when the socket wakes it."""
        self.received.append(number)

    def _woken(self) -> None:
        try:
            data = self._reader.recv(64)
        except BlockingIOError:
            return
        if data:
            self._quit()

    def close(self) -> None:
        """Puts the previous handlers back (tests, and a clean shutdown)."""
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_fd)
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        self._reader.close()
        self._writer.close()
