"""A new language saved in Settings: said at once, with a restart offered that loses nothing.

The restart itself: the event loop ends with ``RESTART_EXIT``, ``run_gui`` releases the
single-instance lock and closes the logbook as at any quit, and only then the command line
starts the new process.
"""

from __future__ import annotations

import argparse
import json
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from nightstretch import cli, launch
from nightstretch.bootstrap import NightstretchApp, build_services
from nightstretch.core.clock import FakeClock
from nightstretch.services import restart
from nightstretch.services.language import apply_language
from nightstretch.services.restart import RESTART_EXIT, restart_command, start_again
from nightstretch.services.single_instance import SingleInstance
from nightstretch.store.paths import AppPaths
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.qt_log_ignore(
    r"does not support (raise|propagateSizeHints)",
    r"PulseAudioService",
    r"systemTrayWindowChanged",
    r"pipewire",  # the speech engines are listed for the Sound page; no sound server here
)


def test_the_new_start_is_a_plain_one_with_the_same_home() -> None:
    assert restart_command(None, "/py") == ["/py", "-m", "nightstretch"]
    assert restart_command("/h", "/py") == ["/py", "-m", "nightstretch", "--home", "/h"]
    assert restart_command("/h", "/app/nightstretch", frozen=True) == [
        "/app/nightstretch",
        "--home",
        "/h",
    ]


def test_start_again_starts_a_process_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[tuple[list[str], dict[str, Any]]] = []
    monkeypatch.setattr(
        subprocess, "Popen", lambda command, **options: started.append((command, options))
    )
    assert start_again("/h")
    [(command, options)] = started
    assert command[-2:] == ["--home", "/h"] and options["start_new_session"] is True

    def broken(command: list[str], **options: Any) -> None:
        raise OSError("no such file")

    monkeypatch.setattr(subprocess, "Popen", broken)
    assert not start_again(None)


def test_the_command_line_starts_again_only_after_run_gui_returned(
    monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    """By then the lock is free: the new process is the first, not a second start."""
    paths = AppPaths.resolve(home)
    order: list[str] = []

    def run_gui(*_args: object, **_options: object) -> int:
        instance = SingleInstance(paths.runtime())
        assert instance.acquire()
        instance.release()
        order.append("released")
        return RESTART_EXIT

    def again(where: str | None) -> bool:
        order.append(f"started {where}")
        return True

    monkeypatch.setattr(launch, "run_gui", run_gui)
    monkeypatch.setattr(restart, "start_again", again)
    args = argparse.Namespace(home=str(home), tray=True)
    assert cli._start_gui(args, paths, None) == 0
    assert order == ["released", f"started {home}"]
    monkeypatch.setattr(launch, "run_gui", lambda *_a, **_k: 0)
    assert cli._start_gui(args, paths, None) == 0
    assert len(order) == 2


@pytest.fixture
def app(qtbot: QtBot, home: Path) -> Iterator[NightstretchApp]:
    paths = AppPaths.resolve(home)
    paths.ensure()
    quiet = {f"{kind}_enabled": False for kind in ("evening", "water", "checkin", "movement")}
    # No reminder may come due: a card left behind would answer into a closed logbook.
    paths.settings_file.write_text(json.dumps({"onboarding_done": True, **quiet}))
    services = build_services(paths, FakeClock(datetime(2026, 11, 21, 12, 0, tzinfo=UTC)))
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    made = NightstretchApp(qapp, services, notifier_prefer="card", zone=UTC)
    yield made
    apply_language("en")  # Qt's own translator too, not only ours
    made.shutdown()
    for window in QApplication.topLevelWidgets():
        window.close()
    if services.logbook is not None:
        services.logbook.close()


def _save_language(app: NightstretchApp, code: str) -> QMessageBox | None:
    dialog = app.windows.show_settings()
    combo = dialog.fields["language"]
    combo.setCurrentIndex(combo.findData(code))  # type: ignore[attr-defined]
    dialog.save_button.click()
    assert app.settings_now.language == code
    return app.windows.restart_prompt


def test_a_new_language_offers_restart_now_which_ends_the_loop_for_a_restart(
    app: NightstretchApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    exits: list[int] = []
    monkeypatch.setattr(app.qapp, "exit", exits.append)
    box = _save_language(app, "de")
    assert box is not None and box.isVisible()
    roles = {box.buttonRole(b): b for b in box.buttons()}
    assert roles[QMessageBox.ButtonRole.AcceptRole].text() == "Jetzt &neu starten"  # in German
    assert box.escapeButton() is roles[QMessageBox.ButtonRole.RejectRole]
    roles[QMessageBox.ButtonRole.AcceptRole].click()
    assert exits == [RESTART_EXIT]


def test_the_same_language_asks_nothing_and_an_open_cramp_form_is_not_thrown_away(
    app: NightstretchApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    exits: list[int] = []
    monkeypatch.setattr(app.qapp, "exit", exits.append)
    app.windows.show_settings().save_button.click()
    assert app.windows.restart_prompt is None
    app.windows.show_cramp_dialog()
    box = _save_language(app, "ru")
    assert box is not None
    roles = [box.buttonRole(b) for b in box.buttons()]
    assert QMessageBox.ButtonRole.AcceptRole in roles  # OK only
    assert all(b.text() == "OK" for b in box.buttons())
    assert "запустите его снова" in box.informativeText()
    assert exits == []
