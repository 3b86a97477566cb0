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
    qtbot.wait(50)
    client.write(b"\n")
    client.flush()
    qtbot.waitUntil(lambda: client.bytesAvailable() > 0, timeout=5000)
    assert bytes(client.readAll().data()) == b"error\n"
    assert received == []
    client.disconnectFromServer()
    qtbot.wait(50)  # the server side sees the hang-up and frees its socket
    first.release()
    client.deleteLater()
    first.deleteLater()
    qtbot.wait(10)
