"""Sound cues and spoken cues, both optional and loaded only when first needed.

QtMultimedia and QtTextToSpeech fail to import on Linux without libpulse, have no output
on a headless machine, and cost start-up time; none of that may stop a routine. Each
backend says once, in plain words, why it is silent.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from nightstretch.core.i18n import N_, _, current_language

if TYPE_CHECKING:  # the cue model (and the player under it) loads with the first routine
    from PySide6.QtTextToSpeech import QTextToSpeech

    from nightstretch.core.cues import Sound, Utterance

_VOICE_LANGUAGE = {"en": N_("English"), "ru": N_("Russian"), "de": N_("German")}
"""The language a missing voice would speak, named in the words of the language in use."""

log = logging.getLogger(__name__)


class CueSounds(Protocol):
    def play(self, sound: Sound) -> None: ...

    def unavailable_reason(self) -> str | None: ...


class Speaker(Protocol):
    def say(self, utterance: Utterance) -> None: ...

    def stop(self) -> None: ...

    def unavailable_reason(self) -> str | None: ...


class SilentSounds:
    def __init__(self, reason: str | None = None) -> None:
        self._reason = reason

    def play(self, sound: Sound) -> None:
        pass

    def unavailable_reason(self) -> str | None:
        return self._reason


class SilentSpeaker:
    def __init__(self, reason: str | None = None) -> None:
        self._reason = reason

    def say(self, utterance: Utterance) -> None:
        pass

    def stop(self) -> None:
        pass

    def unavailable_reason(self) -> str | None:
        return self._reason


class QtCueSounds:
    """QSoundEffect per cue, created on the first ``play``."""

    def __init__(self, sounds_dir: Path, volume: float = 0.6) -> None:
        self._dir = sounds_dir
        self._volume = volume
        self._effects: dict[Sound, object] | None = None
        self._reason: str | None = None

    def _load(self) -> None:
        from nightstretch.core.cues import Sound

        self._effects = {}
        try:
            from PySide6.QtCore import QLoggingCategory, QUrl

            # Qt Multimedia lists every optional codec library it could not find; noise
            # for her terminal. What matters reaches our log as one plain sentence.
            QLoggingCategory.setFilterRules(
                "qt.multimedia.symbolsresolver=false\nqt.multimedia.ffmpeg=false"
            )
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except ImportError as exc:
            self._reason = f"Sound is off: Qt Multimedia could not load ({exc})."
            log.warning("sound unavailable: %s", exc)
            return
        if not QMediaDevices.audioOutputs():
            self._reason = "Sound is off: no audio output was found."
            log.info("sound unavailable: no audio outputs")
            return
        for sound in Sound:
            effect = QSoundEffect()
            effect.setSource(QUrl.fromLocalFile(str(self._dir / f"{sound.value}.wav")))
            effect.setVolume(self._volume)
            self._effects[sound] = effect

    def play(self, sound: Sound) -> None:
        if self._effects is None:
            self._load()
        assert self._effects is not None
        effect = self._effects.get(sound)
        if effect is not None:
            effect.play()  # type: ignore[attr-defined]

    def unavailable_reason(self) -> str | None:
        if self._effects is None:
            self._load()
        return self._reason


class QtSpeaker:
    """QTextToSpeech, created on the first ``say``; ``engine`` "" is the platform default."""

    def __init__(self, engine: str = "", rate: float = 0.0, language: str = "") -> None:
        """``language`` "" is the one in use now (``core/i18n.py``): the voice speaks it."""
        self._engine_name = engine
        self._rate = rate
        self._language = language or current_language()
        self._tts: object | None = None
        self._loaded = False
        self._reason: str | None = None

    def _load(self) -> None:
        self._loaded = True
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError as exc:
            self._reason = f"Voice is off: Qt text-to-speech could not load ({exc})."
            log.warning("speech unavailable: %s", exc)
            return
        engines = QTextToSpeech.availableEngines()
        if self._engine_name and self._engine_name not in engines:
            self._reason = f'Voice is off: the speech engine "{self._engine_name}" is missing.'
            return
        if not engines:
            self._reason = "Voice is off: no speech engine is installed."
            return
        tts = QTextToSpeech(self._engine_name) if self._engine_name else QTextToSpeech()
        if tts.state() == QTextToSpeech.State.Error:
            self._reason = f"Voice is off: the speech engine failed ({tts.errorString()})."
            log.warning("speech engine error: %s", tts.errorString())
            return
        if not self._speak_the_language(tts):
            return
        tts.setRate(self._rate)
        self._tts = tts

    def _speak_the_language(self, tts: QTextToSpeech) -> bool:
        """A voice for her language, or the reason (said once) that the steps go without one.

        English keeps the engine's default voice when it has no English one: the steps are
        written in English, so any voice is as good as it was before.
        """
        from PySide6.QtCore import QLocale

        wanted = QLocale(self._language).language()
        matching = [locale for locale in tts.availableLocales() if locale.language() == wanted]
        if not matching:
            if self._language == "en":
                return True
            name = _(_VOICE_LANGUAGE.get(self._language, self._language))
            self._reason = _(
                "Voice is off: no voice for {language} is installed, so the steps play with "
                "sound cues only."
            ).format(language=name)
            log.info("no speech voice for %s", self._language)
            return False
        tts.setLocale(matching[0])
        voices = tts.availableVoices()
        if voices:
            tts.setVoice(voices[0])
        return True

    @property
    def engine(self) -> object | None:
        if not self._loaded:
            self._load()
        return self._tts

    def say(self, utterance: Utterance) -> None:
        tts = self.engine
        if tts is None:
            return
        if utterance.interrupt:
            tts.say(utterance.text)  # type: ignore[attr-defined]
        else:
            tts.enqueue(utterance.text)  # type: ignore[attr-defined]

    def stop(self) -> None:
        if self._tts is not None:
            self._tts.stop()  # type: ignore[attr-defined]

    def unavailable_reason(self) -> str | None:
        if not self._loaded:
            self._load()
        return self._reason
