"""What the running instance answers to a message that is not a command."""

from __future__ import annotations

from pathlib import Path

from nightstretch.services.single_instance import SingleInstance
from PySide6.QtNetwork import QLocalSocket
from pytestqt.qtbot import QtBot


def test_a_malformed_message_is_answered_error_and_ignored(qtbot: QtBot, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path / "run")
    assert first.acquire()
    first.serve()
    received: list[object] = []
    first.received.connect(received.append)
    client = QLocalSocket(first)
    client.connectToServer(first._name)
    assert client.waitForConnected(5000)
    client.write(b"[1, 2]")  # no newline yet: the line is not complete
    client.flush()

    def server_sides() -> list[QLocalSocket]:
        assert first._server is not None
        return first._server.findChildren(QLocalSocket)

    # the server has the half line (and left it unread, waiting for the rest)
    qtbot.waitUntil(lambda: any(s.bytesAvailable() > 0 for s in server_sides()), timeout=5000)
    client.write(b"\n")
    client.flush()
    qtbot.waitUntil(lambda: client.bytesAvailable() > 0, timeout=5000)
    assert bytes(client.readAll().data()) == b"error\n"
    assert received == []
    client.disconnectFromServer()
    connected = QLocalSocket.LocalSocketState.ConnectedState
    # the server side sees the hang-up and frees its socket
    qtbot.waitUntil(lambda: all(s.state() != connected for s in server_sides()), timeout=5000)
    first.release()
    client.deleteLater()
    first.deleteLater()
