"""What a start settles before any window: a second start's hand-over, sound and voice
following the settings, and Qt's messages in the log."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from nightstretch.core.clock import FakeClock
from nightstretch.services.audio import QtSpeaker, SilentSounds, SilentSpeaker
from nightstretch.services.errors import qt_to_log
from nightstretch.services.single_instance import InstanceError, hand_over
from nightstretch.services.startup import build_services, follow_settings, make_speaker
from nightstretch.store.paths import AppPaths
from nightstretch.store.settings import Settings
from PySide6.QtCore import QMessageLogContext, QtMsgType


@dataclass
class FakeInstance:
    fails: bool = False
    sent: list[dict[str, object]] = field(default_factory=list)

    def send(self, message: dict[str, object]) -> str:
        if self.fails:
            raise InstanceError("Nightstretch is running but did not answer.")
        self.sent.append(message)
        return "ok"


def test_a_second_start_hands_its_routine_or_a_show_over() -> None:
    instance = FakeInstance()
    assert hand_over(instance, "quick-calf", tray_only=False) == 0
    assert hand_over(instance, None, tray_only=False) == 0
    assert instance.sent == [{"command": "start", "routine": "quick-calf"}, {"command": "show"}]


def test_a_login_start_while_running_sends_nothing() -> None:
    instance = FakeInstance()
    assert hand_over(instance, None, tray_only=True) == 0
    assert instance.sent == []
    assert hand_over(instance, "quick-calf", tray_only=True) == 0
    assert instance.sent == [{"command": "start", "routine": "quick-calf"}]


def test_no_answer_is_one_line_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert hand_over(FakeInstance(fails=True), None, tray_only=False) == 1
    assert capsys.readouterr().err == (
        "nightstretch: Nightstretch is running but did not answer.\n"
    )


def test_sound_and_voice_are_remade_only_when_theirs_change(home: Path) -> None:
    services = build_services(AppPaths.resolve(home), FakeClock())
    try:
        quiet = replace(services.settings, sound=False, voice=False)
        follow_settings(services, services.settings, quiet)
        sounds, speaker = services.sounds, services.speaker
        assert isinstance(sounds, SilentSounds) and isinstance(speaker, SilentSpeaker)
        follow_settings(services, quiet, replace(quiet, bedtime="23:30"))
        assert services.sounds is sounds and services.speaker is speaker
        assert services.settings.bedtime == "23:30"
    finally:
        if services.logbook is not None:
            services.logbook.close()


def test_qt_messages_go_to_the_log_at_their_level(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        qt_to_log(QtMsgType.QtWarningMsg, QMessageLogContext(), "no sound server")
        qt_to_log(QtMsgType.QtDebugMsg, QMessageLogContext(), "details")
    assert [(r.name, r.levelno, r.message) for r in caplog.records] == [
        ("qt.default", logging.WARNING, "no sound server"),
        ("qt.default", logging.DEBUG, "details"),
    ]


def test_a_damaged_start_becomes_notices_and_working_defaults(home: Path) -> None:
    paths = AppPaths.resolve(home)
    paths.ensure()
    paths.settings_file.write_text("[1, 2]")
    paths.user_routines_dir.mkdir(parents=True, exist_ok=True)
    (paths.user_routines_dir / "mine.toml").write_text("this is not toml [")
    with sqlite3.connect(paths.logbook) as db:
        db.execute("PRAGMA user_version = 999")
    services = build_services(paths, FakeClock())
    assert services.logbook is None and not services.first_run
    notices = services.notices
    assert (
        notices[0]
        == f"Settings: {paths.settings_file} does not hold a settings table; using defaults"
    )
    assert notices[1].startswith("Settings: your file as it was is kept as ")
    assert any(n.startswith("Routine not loaded: ") and "mine.toml" in n for n in notices)
    assert notices[-1].endswith(" Routines still play, but nothing is saved.")


def test_the_voice_setting_chooses_the_speaker() -> None:
    assert isinstance(make_speaker(Settings(voice=False)), SilentSpeaker)
    assert isinstance(make_speaker(Settings(voice=True, voice_engine="mock")), QtSpeaker)
