"""Recording stand-ins for the sound and speech backends."""

from __future__ import annotations

from nightstretch.core.cues import Sound, Utterance


class RecordingSounds:
    def __init__(self, reason: str | None = None) -> None:
        self.played: list[Sound] = []
        self.reason = reason

    def play(self, sound: Sound) -> None:
        self.played.append(sound)

    def unavailable_reason(self) -> str | None:
        return self.reason


class RecordingSpeaker:
    def __init__(self, reason: str | None = None) -> None:
        self.said: list[Utterance] = []
        self.stopped = 0
        self.reason = reason

    def say(self, utterance: Utterance) -> None:
        self.said.append(utterance)

    def stop(self) -> None:
        self.stopped += 1

    def unavailable_reason(self) -> str | None:
        return self.reason
