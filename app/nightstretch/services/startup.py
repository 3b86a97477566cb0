"""What a start settles before any window: settings, routines and the logbook loaded, with a
line for each problem she should hear about. (A second start hands its command over in
``single_instance``; Qt's own messages go to the log in ``errors``.)

Kept out of the composition root so the root only builds and connects; tests build
``Services`` with fakes instead of calling ``build_services``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

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
