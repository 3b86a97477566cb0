"""A typed settings model stored as human-readable JSON.

A bad value never stops the app: the field falls back to its default, the user is told
which field, and a copy of the file as it was is kept so nothing she wrote is lost.
Writes go to a temporary file that is then renamed over the old one, so a crash mid-write
leaves either the old or the new file, never half of one.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

Theme = Literal["auto", "night", "day"]
THEMES: tuple[Theme, ...] = ("auto", "night", "day")


def _one_of(*allowed: object) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        if value in allowed:
            return None
        return "must be one of " + ", ".join(json.dumps(a) for a in allowed)

    return check


def _number_between(low: float, high: float) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "must be a number"
        if not low <= value <= high:
            return f"must be between {low:g} and {high:g}"
        return None

    return check


def _boolean(value: object) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _text(value: object) -> str | None:
    return None if isinstance(value, str) else "must be text"


@dataclass(frozen=True)
class Settings:
    sound: bool = field(default=True, metadata={"check": _boolean})
    voice: bool = field(default=False, metadata={"check": _boolean})
    voice_engine: str = field(default="", metadata={"check": _text})
    """Empty means the platform's default text-to-speech engine."""
    voice_rate: float = field(default=-0.1, metadata={"check": _number_between(-1.0, 1.0)})
    theme: Theme = field(default="auto", metadata={"check": _one_of(*THEMES)})
    font_scale: float = field(default=1.0, metadata={"check": _number_between(0.75, 2.0)})

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> tuple[Settings, list[str]]:
        """Valid fields are taken, bad ones reported and left at their defaults."""
        problems: list[str] = []
        known = {f.name: f for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in data.items():
            spec = known.get(key)
            if spec is None:
                problems.append(f'"{key}" is not a setting Nightstretch knows (ignored)')
                continue
            complaint = spec.metadata["check"](value)
            if complaint is not None:
                problems.append(f'"{key}" {complaint} (got {json.dumps(value)}); using the default')
                continue
            values[key] = float(value) if isinstance(spec.default, float) else value
        return replace(cls(), **values), problems

    def to_mapping(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class LoadedSettings:
    settings: Settings
    problems: list[str]
    kept_copy: Path | None = None


class SettingsFile:
    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self, now: datetime | None = None) -> LoadedSettings:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return LoadedSettings(Settings(), [])
        except OSError as exc:
            return LoadedSettings(Settings(), [f"{self.path} cannot be read ({exc.strerror})"])
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            copy = self._keep_copy(now)
            return LoadedSettings(
                Settings(),
                [
                    f"{self.path} is not valid JSON ({exc.msg}, line {exc.lineno}); "
                    f"using defaults, the old file is kept as {copy.name}"
                ],
                copy,
            )
        if not isinstance(data, dict):
            copy = self._keep_copy(now)
            return LoadedSettings(
                Settings(), [f"{self.path} does not hold a settings table; using defaults"], copy
            )
        settings, problems = Settings.from_mapping(data)
        kept = self._keep_copy(now) if problems else None
        return LoadedSettings(settings, problems, kept)

    def save(self, settings: Settings) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        text = json.dumps(settings.to_mapping(), indent=2, sort_keys=True) + "\n"
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".settings-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _keep_copy(self, now: datetime | None) -> Path:
        stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
        copy = self.path.with_name(f"{self.path.stem}.bad-{stamp}{self.path.suffix}")
        copy.write_bytes(self.path.read_bytes())
        return copy
