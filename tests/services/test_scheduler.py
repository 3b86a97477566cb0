"""The Qt-loop scheduler: one timer, thread-safe wakeups, jobs on the GUI thread."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from apscheduler.events import EVENT_JOB_MISSED
from nightstretch.services.scheduler import QtLoopScheduler
from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot


def make(qtbot: QtBot) -> QtLoopScheduler:
    scheduler = QtLoopScheduler(timezone=UTC)
    scheduler.start()
    return scheduler


def test_job_added_from_another_thread_runs_on_the_gui_thread(qtbot: QtBot) -> None:
    scheduler = make(qtbot)
    ran_on: list[QThread] = []
    gui = QThread.currentThread()

    def add() -> None:
        scheduler.add_job(
            lambda: ran_on.append(QThread.currentThread()), "date", run_date=datetime.now(UTC)
        )

    worker = threading.Thread(target=add)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(ran_on), timeout=5000)
    assert ran_on == [gui]
    scheduler.shutdown()


def test_many_wakeups_reuse_one_timer(qtbot: QtBot) -> None:
    scheduler = make(qtbot)
    timer = scheduler.timer
    far = datetime.now(UTC) + timedelta(hours=3)
    for i in range(50):
        scheduler.add_job(print, "date", run_date=far + timedelta(minutes=i), id=f"j{i}")
    qtbot.waitUntil(lambda: timer.isActive() and timer.remainingTime() > 60_000, timeout=5000)
    assert scheduler.timer is timer
    # the wait goes to the earliest job, not to a pile of chained timers
    assert abs(timer.remainingTime() - 3 * 3600 * 1000) < 5000
    scheduler.remove_all_jobs()
    scheduler.shutdown()
    assert not timer.isActive()


def test_a_job_past_its_grace_is_reported_missed_not_run(qtbot: QtBot) -> None:
    scheduler = make(qtbot)
    ran: list[int] = []
    missed: list[str] = []
    scheduler.add_listener(lambda event: missed.append(event.job_id), EVENT_JOB_MISSED)
    scheduler.add_job(
        lambda: ran.append(1),
        "date",
        id="late",
        run_date=datetime.now(UTC) - timedelta(minutes=30),
        misfire_grace_time=60,
    )
    scheduler.add_job(
        lambda: ran.append(2),
        "date",
        id="fresh",
        run_date=datetime.now(UTC) - timedelta(seconds=30),
        misfire_grace_time=60,
    )
    qtbot.waitUntil(lambda: missed == ["late"] and ran == [2], timeout=5000)
    scheduler.shutdown()


def test_paused_scheduler_processes_nothing(qtbot: QtBot) -> None:
    scheduler = make(qtbot)
    scheduler.pause()
    assert scheduler._process_jobs() is None
    assert not scheduler.timer.isActive()
    scheduler.shutdown()
