"""The one owner of the current settings: checks a whole change, saves it, then announces it.

Rules live in ``nightstretch.store.settings`` (each field's ``check`` and
``Settings.validate``); this class only runs them, so the dialog's inline messages and the
file loader can never disagree.
A change is all or nothing: one bad field and nothing is written and nobody is told.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

from PySide6.QtCore import QObject, Signal

from nightstretch.core.i18n import _
from nightstretch.services.language import apply_language
from nightstretch.store.settings import (
    UNKNOWN_SETTING,
    Settings,
    SettingsFile,
    SettingsProblem,
)

_FIELDS = {spec.name: spec for spec in fields(Settings)}


class SettingsService(QObject):
    changed = Signal(object, object)
    """(old Settings, new Settings), once per apply that changed something and was saved."""

    def __init__(
        self, settings_file: SettingsFile, settings: Settings, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._file = settings_file
        self._settings = settings

    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def settings_file(self) -> SettingsFile:
        return self._file

    def check_field(self, name: str, value: object) -> str | None:
        """The field's own rule, for an inline message; None when the value is fine.

        Takes the value as ``Settings`` holds it (tuples) or as the file spells it (lists,
        tables); both are checked in the file's form, which is what the rules are written for.
        """
        spec = _FIELDS.get(name)
        if spec is None:
            return UNKNOWN_SETTING
        if isinstance(value, tuple) and "dump" in spec.metadata:
            try:
                value = spec.metadata["dump"](value)
            except (TypeError, ValueError):
                return "has the wrong shape"
        complaint: str | None = spec.metadata["check"](value)
        return complaint

    def cross_field_problems(self, settings: Settings) -> dict[str, str]:
        """Rules between fields (``Settings.validate``), keyed by the field to fix.

        Only meaningful once every field passed its own check.
        """
        found: dict[str, str] = {}
        for problem in settings.validate()[1]:  # field "": about no field in particular
            found.setdefault(problem.field, problem.message)
        return found

    def problems(self, new: Settings) -> list[str]:
        """Every reason ``new`` cannot be saved, one line each naming the field.

        A refused change falls back to nothing, so the lines leave out what loading does.
        """
        found = []
        for name in _FIELDS:
            value = getattr(new, name)
            complaint = self.check_field(name, value)
            if complaint is not None:
                found.append(SettingsProblem(name, value, complaint))
        if not found:
            found = new.validate()[1]
        return [problem.sentence(with_fallback=False) for problem in found]

    def apply(self, new: Settings) -> list[str]:
        """Save ``new`` atomically and emit ``changed`` if it is valid; else say why not.

        Returns the problems; an empty list means saved (or nothing to change).
        """
        lines = self.problems(new)
        if lines:
            return lines
        normalized, leftovers = Settings.from_mapping(new.to_mapping())
        if leftovers:  # cannot happen while problems() runs the same rules; never save it
            return [problem.sentence(with_fallback=False) for problem in leftovers]
        old = self._settings
        if normalized == old:
            return []
        try:
            self._file.save(normalized)
        except OSError as exc:
            said = _("{path} could not be saved ({reason}); nothing changed")
            return [said.format(path=self._file.path, reason=exc.strerror or exc)]
        self._settings = normalized
        if normalized.language != old.language:  # every text worded from now on
            apply_language(normalized.language)
        self.changed.emit(old, normalized)
        return []

    def update(self, **changes: Any) -> list[str]:
        """``apply`` with a few fields changed, for onboarding and the past-due question."""
        unknown = [name for name in changes if name not in _FIELDS]
        if unknown:
            return [
                SettingsProblem(name, changes[name], UNKNOWN_SETTING, "unknown").sentence()
                for name in unknown
            ]
        return self.apply(replace(self._settings, **changes))
