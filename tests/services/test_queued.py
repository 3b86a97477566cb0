"""QueuedCall: later, on the owner's thread, in order, and never on a deleted owner."""

from __future__ import annotations

import threading

import shiboken6
from nightstretch.services.queued import QueuedCall
from PySide6.QtCore import QObject, QThread
from pytestqt.qtbot import QtBot


def test_posted_from_another_thread_runs_later_on_the_owner_thread(qtbot: QtBot) -> None:
    ran: list[tuple[str, QThread]] = []
    call = QueuedCall(lambda reason: ran.append((reason, QThread.currentThread())))
    gui = QThread.currentThread()

    def post_three() -> None:
        for reason in ("a", "b", "c"):
            call.post(reason)

    worker = threading.Thread(target=post_three)
    worker.start()
    worker.join()
    assert ran == [], "nothing runs inside post()"
    qtbot.waitUntil(lambda: len(ran) == 3, timeout=5000)
    assert ran == [("a", gui), ("b", gui), ("c", gui)]


def test_post_on_the_same_thread_does_not_run_inside_the_caller(qtbot: QtBot) -> None:
    ran: list[str] = []
    call = QueuedCall(ran.append)
    call.post("look")
    assert ran == []
    qtbot.waitUntil(lambda: ran == ["look"], timeout=5000)


def test_nothing_runs_once_the_owner_is_deleted(qtbot: QtBot) -> None:
    ran: list[str] = []
    parent = QObject()
    call = QueuedCall(ran.append, parent)
    call.post("late")
    shiboken6.delete(parent)  # the owner goes (with its child) before the loop turns
    marker = QueuedCall(ran.append)
    marker.post("after")  # posted later, so handled after anything still pending
    qtbot.waitUntil(lambda: "after" in ran, timeout=5000)
    assert ran == ["after"]
