"""One Nightstretch per user: a second start hands its command to the running one.

A QLockFile in the runtime folder decides who is first (Qt recognises a lock left by a
crashed process and takes it over); the first instance listens on a QLocalServer, and a
later ``nightstretch`` or ``nightstretch start X`` sends one JSON line there and exits.
Forwarding needs no display, so it also works from a terminal without one.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_MS = 3000
_UNIX_SOCKET_MAX = 100


class InstanceError(Exception):
    pass


def server_name(runtime_dir: Path) -> str:
    """A full socket path when it fits, else a name unique to this runtime folder."""
    path = runtime_dir / "nightstretch.sock"
    if len(str(path)) <= _UNIX_SOCKET_MAX:
        return str(path)
    digest = hashlib.sha256(str(runtime_dir).encode()).hexdigest()[:16]
    return f"nightstretch-{digest}"


class SingleInstance(QObject):
    received = Signal(dict)
    """A command forwarded by a later start: {"command": "show"} or {"command": "start", ...}."""

    def __init__(self, runtime_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        runtime_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._lock = QLockFile(str(runtime_dir / "nightstretch.lock"))
        self._lock.setStaleLockTime(0)  # only a dead owner makes a lock stale, never age
        self._name = server_name(runtime_dir)
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        """True when this process is the first; it should then ``serve`` later starts."""
        return bool(self._lock.tryLock(100))

    def serve(self) -> None:
        """Listen for later starts; needs the Qt application to exist already."""
        QLocalServer.removeServer(self._name)  # a socket file a crash left behind
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self._name):
            raise InstanceError(f"cannot listen on {self._name}: {server.errorString()}")
        server.newConnection.connect(self._accept)
        self._server = server

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def send(self, message: dict[str, Any]) -> str:
        """Hands a command to the running instance and returns its one-line answer."""
        socket = QLocalSocket()
        socket.connectToServer(self._name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            raise InstanceError(
                "Nightstretch seems to be running but does not answer "
                f"({socket.errorString()}); if it is stuck, end it and start again"
            )
        socket.write(json.dumps(message).encode() + b"\n")
        socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        answer = b""
        while not answer.endswith(b"\n") and socket.waitForReadyRead(CONNECT_TIMEOUT_MS):
            answer += bytes(socket.readAll().data())
        socket.disconnectFromServer()
        return answer.decode(errors="replace").strip()

    def _accept(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        line = bytes(socket.readLine().data())
        try:
            message = json.loads(line)
            if not isinstance(message, dict):
                raise ValueError("not an object")
        except ValueError:
            log.warning("ignored a malformed message from a second start: %r", line[:200])
            socket.write(b"error\n")
            return
        socket.write(b"ok\n")
        socket.flush()
        self.received.emit(message)
