"""How a routine is listed in the tray menu and the control window.

The entry is a view model built in core (``core.routine_menu``); kept importable from here
so the tray can be built without loading any window's code.
"""

from __future__ import annotations

from nightstretch.core.routine_menu import RoutineEntry

__all__ = ["RoutineEntry"]
