"""Ctrl+C reaches a waiting Qt loop and quits it; the old handlers come back afterwards."""

from __future__ import annotations

import os
import signal

from nightstretch.services.interrupt import QuitOnSignal
from pytestqt.qtbot import QtBot


def test_sigint_quits_through_the_event_loop(qtbot: QtBot) -> None:
    before = signal.getsignal(signal.SIGINT)
    quits: list[bool] = []
    guard = QuitOnSignal(lambda: quits.append(True))
    try:
        os.kill(os.getpid(), signal.SIGINT)
        qtbot.waitUntil(lambda: quits == [True], timeout=5000)
        assert guard.received == [signal.SIGINT]
    finally:
        guard.close()
    assert signal.getsignal(signal.SIGINT) is before


def test_sigterm_too(qtbot: QtBot) -> None:
    quits: list[bool] = []
    guard = QuitOnSignal(lambda: quits.append(True))
    try:
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: bool(quits), timeout=5000)
    finally:
        guard.close()


def test_a_spurious_wakeup_does_nothing(qtbot: QtBot) -> None:
    quits: list[bool] = []
    guard = QuitOnSignal(lambda: quits.append(True))
    try:
        guard._woken()  # nothing was written to the wake-up socket
        assert quits == []
    finally:
        guard.close()
