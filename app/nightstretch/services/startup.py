"""What a start settles before any window: settings, routines and the logbook loaded, with a
line for each problem she should hear about; a second start handing its command over; Qt's
own messages sent to the log.

Kept out of the composition root so the root only builds and connects; tests build
``Services`` with fakes instead of calling ``build_services``.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtCore import QMessageLogContext, QtMsgType

from nightstretch.core import resources
from nightstretch.core.clock import Clock, SystemClock
from nightstretch.core.i18n import _
from nightstretch.core.routine_loader import Catalogue, load_catalogue
from nightstretch.services.audio import (
    CueSounds,
    QtCueSounds,
    QtSpeaker,
    SilentSounds,
    SilentSpeaker,
    Speaker,
)
from nightstretch.services.language import apply_language
from nightstretch.services.single_instance import InstanceError
from nightstretch.store.logbook import Logbook, LogbookError
from nightstretch.store.paths import AppPaths
from nightstretch.store.settings import Settings, SettingsFile, language_of

log = logging.getLogger(__name__)


@dataclass
class Services:
    """What the windows' controllers need; tests build one with fakes."""

    paths: AppPaths
    clock: Clock
    settings: Settings
    catalogue: Catalogue
    logbook: Logbook | None
    sounds: CueSounds
    speaker: Speaker
    notices: list[str] = field(default_factory=list)
    first_run: bool = False
    """No settings file yet: the welcome pages are due (a damaged file is not a first run)."""


def make_sounds(settings: Settings) -> CueSounds:
    return QtCueSounds(resources.asset("sounds")) if settings.sound else SilentSounds()


def make_speaker(settings: Settings) -> Speaker:
    if not settings.voice:
        return SilentSpeaker()
    return QtSpeaker(settings.voice_engine, settings.voice_rate)


def follow_settings(services: Services, old: Settings, new: Settings) -> None:
    """The next routine plays with the new settings; sound and voice are remade only when
    one of theirs changed."""
    services.settings = new
    if (old.sound, old.voice, old.voice_engine, old.voice_rate, old.language) != (
        new.sound,
        new.voice,
        new.voice_engine,
        new.voice_rate,
        new.language,  # the voice speaks her language
    ):
        services.sounds = make_sounds(new)
        services.speaker = make_speaker(new)


def build_services(paths: AppPaths, clock: Clock | None = None) -> Services:
    """Nothing here stops a start: a damaged file becomes a notice and a working default."""
    paths.ensure()
    clock = clock or SystemClock()
    notices: list[str] = []
    first_run = not paths.settings_file.exists()
    chosen = language_of(paths.settings_file)
    apply_language(chosen)  # before the settings' own problems are worded
    loaded = SettingsFile(paths.settings_file).load()
    if loaded.settings.language != chosen:  # before any window, routine or notice is worded
        apply_language(loaded.settings.language)
    notices.extend(_("Settings: {problem}").format(problem=line) for line in loaded.notices())
    catalogue = load_catalogue(
        resources.routines_dir(), resources.assets_dir(), [paths.user_routines_dir]
    )
    for error in catalogue.errors:
        notices.extend(
            _("Routine not loaded: {problem}").format(problem=line) for line in error.lines
        )
    notices.extend(catalogue.notices)
    logbook: Logbook | None
    try:
        logbook = Logbook(paths.logbook, clock.now())
        if logbook.salvage is not None and logbook.salvage.recovered > 0:
            from nightstretch.store.salvage import salvage_message  # loaded when it happened

            notices.append(salvage_message(logbook.salvage))
        elif logbook.moved_aside is not None:
            notices.append(
                _(
                    "The logbook could not be read, so a fresh one was started. "
                    "The old file was kept as {path}."
                ).format(path=logbook.moved_aside)
            )
    except LogbookError as exc:
        log.error("logbook unavailable: %s", exc)
        notices.append(
            _("{problem} Routines still play, but nothing is saved.").format(problem=exc)
        )
        logbook = None
    settings = loaded.settings
    for notice in notices:
        log.warning("%s", notice)
    return Services(
        paths,
        clock,
        settings,
        catalogue,
        logbook,
        make_sounds(settings),
        make_speaker(settings),
        notices,
        first_run,
    )


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


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def qt_to_log(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own chatter (no sound server, missing codecs) goes to the log, not her terminal."""
    logging.getLogger(f"qt.{context.category or 'default'}").log(
        _QT_LEVELS.get(kind, logging.WARNING), "%s", message
    )
