"""The real sound and speech backends degrade to silence with a reason, never an error."""

from __future__ import annotations

import pytest
from nightstretch.core import resources
from nightstretch.core.cues import Sound, Utterance
from nightstretch.core.i18n import use_language
from nightstretch.services.audio import QtCueSounds, QtSpeaker, SilentSounds, SilentSpeaker
from PySide6.QtWidgets import QApplication

QT_AUDIO_NOISE = [r"PulseAudioService", r"pa_context"]  # no sound server here


@pytest.mark.qt_log_ignore(*QT_AUDIO_NOISE)
def test_cue_sounds_without_audio_output_say_why(qapp: QApplication) -> None:
    sounds = QtCueSounds(resources.asset("sounds"))
    sounds.play(Sound.STEP)  # must not raise, with or without a device
    reason = sounds.unavailable_reason()
    if reason is not None:  # headless CI: no output device
        assert reason.startswith("Sound is off:")
    for sound in Sound:
        assert resources.asset(f"sounds/{sound.value}.wav").is_file()


def test_mock_speech_engine_speaks(qapp: QApplication) -> None:
    speaker = QtSpeaker("mock", rate=-0.1)
    assert speaker.unavailable_reason() is None
    speaker.say(Utterance("Wall calf stretch.", interrupt=True))
    speaker.say(Utterance("Halfway.", interrupt=False))
    engine = speaker.engine
    assert engine is not None
    from PySide6.QtTextToSpeech import QTextToSpeech

    assert isinstance(engine, QTextToSpeech)
    assert engine.state() == QTextToSpeech.State.Speaking
    speaker.stop()


def test_missing_speech_engine_is_named(qapp: QApplication) -> None:
    speaker = QtSpeaker("no-such-engine")
    assert speaker.unavailable_reason() == (
        'Voice is off: the speech engine "no-such-engine" is missing.'
    )
    speaker.say(Utterance("x", interrupt=True))
    speaker.stop()


def test_silent_backends() -> None:
    SilentSounds().play(Sound.TICK)
    SilentSpeaker().say(Utterance("x", interrupt=False))
    SilentSpeaker().stop()
    assert SilentSounds("off").unavailable_reason() == "off"
    assert SilentSpeaker().unavailable_reason() is None


def test_the_voice_speaks_the_language_when_the_engine_has_it(qapp: QApplication) -> None:
    """The mock engine has English, Norwegian and Finnish voices (no Russian or German)."""
    speaker = QtSpeaker("mock", language="fi")
    assert speaker.unavailable_reason() is None
    from PySide6.QtTextToSpeech import QTextToSpeech

    engine = speaker.engine
    assert isinstance(engine, QTextToSpeech)
    assert engine.locale().name() == "fi_FI"


@pytest.mark.parametrize("language", ["ru", "de"])
def test_no_voice_for_the_language_is_said_once_and_cues_stay(
    qapp: QApplication, language: str
) -> None:
    use_language(language)
    speaker = QtSpeaker("mock")
    reason = speaker.unavailable_reason()
    assert reason is not None and ("Голос" in reason or "Stimme" in reason)
    assert speaker.engine is None
    speaker.say(Utterance("x", interrupt=True))  # silent, no error
    use_language("en")
    assert QtSpeaker("mock", language=language).unavailable_reason() == (
        f"Voice is off: no voice for {'Russian' if language == 'ru' else 'German'} is "
        "installed, so the steps play with sound cues only."
    )


def test_english_keeps_the_engines_voice(qapp: QApplication) -> None:
    speaker = QtSpeaker("mock", language="en")
    assert speaker.unavailable_reason() is None
