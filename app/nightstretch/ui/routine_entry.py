"""How a routine is listed in the tray menu and the control window.

A module of its own so the tray can be built without loading any window's code.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RoutineEntry:
    id: str
    title: str
    summary: str
    length: str
    rescue: bool
