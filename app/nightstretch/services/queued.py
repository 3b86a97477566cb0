"""A call made on a later turn of the owner thread's event loop, safe to ask for anywhere.

The same as a signal with a queued connection, without touching ``Qt.ConnectionType``:
in PySide6 the first use of any ``Qt.*`` enum builds the whole ``Qt`` namespace, about
30 ms and 1.3 MB, and nothing else the tray needs at login uses it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject

_CALL = QEvent.Type(QEvent.registerEventType())


class QueuedCall(QObject):
    """``post(reason)`` runs ``call(reason)`` later on this object's thread, in order.

    Posting an event is thread-safe in Qt, and events posted to an object die with it,
    so nothing runs on a deleted owner.
    """

    def __init__(self, call: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._call = call
        self._pending: deque[str] = deque()

    def post(self, reason: str) -> None:
        self._pending.append(reason)
        QCoreApplication.postEvent(self, QEvent(_CALL))

    def event(self, event: QEvent) -> bool:
        if event.type() == _CALL:
            if self._pending:
                self._call(self._pending.popleft())
            return True
        return super().event(event)
