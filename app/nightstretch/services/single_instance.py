"""One Nightstretch per user: a second start hands its command to the running one.

A QLockFile in the runtime folder decides who is first (Qt recognises a lock left by a
crashed process and takes it over); the first instance listens on a QLocalServer, and a
later ``nightstretch`` or ``nightstretch start X`` sends one JSON line there and exits.
Forwarding needs no display, so it also works from a terminal without one.
"""

from __future__ import annotations

import json
import logging
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_MS = 3000
_UNIX_SOCKET_MAX = 100


class InstanceError(Exception):
    pass


WHERE_FILE = "socket-path"
"""In the private runtime folder: where the socket is when its own path would be too long."""


def server_name(runtime_dir: Path, *, create: bool = False) -> str:
    """The socket's full path: in the runtime folder when it fits, else in a private folder.

    A Unix socket path is limited to about 100 bytes. The old fallback, a fixed name in
    ``/tmp``, could be taken first by another user, and then the app died. Now the first
    instance makes an unpredictable 0700 folder of its own (``mkdtemp``) and writes its
    path into the runtime folder, which is private, so later starts find it there.
    """
    path = runtime_dir / "nightstretch.sock"
    if len(str(path)) <= _UNIX_SOCKET_MAX:
        return str(path)
    where = runtime_dir / WHERE_FILE
    with_name = _recorded(where)
    if with_name is not None or not create:
        return with_name or str(where)  # nothing listens at ``where``: a clear "no answer"
    folder = Path(tempfile.mkdtemp(prefix="nightstretch-"))
    socket = folder / "s"
    fd = os.open(where, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(str(socket))
    return str(socket)


def _recorded(where: Path) -> str | None:
    """The recorded socket path, if its folder is still ours and private."""
    try:
        socket = Path(where.read_text(encoding="utf-8").strip())
        info = socket.parent.lstat()
    except (OSError, ValueError):
        return None
    ours = stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()
    if not ours or info.st_mode & 0o077 or len(str(socket)) > _UNIX_SOCKET_MAX:
        return None
    return str(socket)


class SingleInstance(QObject):
    received = Signal(dict)
    """A command forwarded by a later start: {"command": "show"} or {"command": "start", ...}."""

    def __init__(self, runtime_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        runtime_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._lock = QLockFile(str(runtime_dir / "nightstretch.lock"))
        self._lock.setStaleLockTime(0)  # only a dead owner makes a lock stale, never age
        self._runtime_dir = runtime_dir
        self._name = server_name(runtime_dir)
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        """True when this process is the first; it should then ``serve`` later starts."""
        return bool(self._lock.tryLock(100))

    def serve(self) -> bool:
        """Listen for later starts; needs the Qt application to exist already.

        Never fatal: if the socket cannot be made (a name taken by someone else, a full
        disk), the app runs without forwarding and a second start says it gets no answer.
        """
        try:
            self._name = server_name(self._runtime_dir, create=True)
        except OSError as exc:
            log.warning("no single-instance socket (%s); later starts cannot reach this one", exc)
            return False
        QLocalServer.removeServer(self._name)  # a socket file a crash left behind
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self._name):
            log.warning(
                "cannot listen on %s (%s); later starts cannot reach this one",
                self._name,
                server.errorString(),
            )
            server.deleteLater()
            return False
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def send(self, message: dict[str, Any]) -> str:
        """Hands a command to the running instance and returns its one-line answer."""
        socket = QLocalSocket()
        socket.connectToServer(server_name(self._runtime_dir))
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


class Forwarder(Protocol):
    """The running instance's side of ``services.single_instance.SingleInstance``."""

    def send(self, message: dict[str, object]) -> object: ...


def hand_over(instance: Forwarder, start_routine: str | None, *, tray_only: bool) -> int:
    """Nightstretch already runs: bring it forward or have it start the routine; the exit code.

    A login start (``--tray``) while running has nothing to bring forward.
    """
    if tray_only and start_routine is None:
        return 0
    message: dict[str, object] = (
        {"command": "start", "routine": start_routine}
        if start_routine is not None
        else {"command": "show"}
    )
    try:
        instance.send(message)
    except InstanceError as exc:
        print(f"nightstretch: {exc}", file=sys.stderr)
        return 1
    log.info("handed %s to the running instance", message)
    return 0
