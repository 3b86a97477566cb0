"""Which theme to show: the night theme by default in the evening and at night."""

from __future__ import annotations

from datetime import datetime

NIGHT_FROM_HOUR = 19
NIGHT_UNTIL_HOUR = 7


def use_night_theme(setting: str, local: datetime) -> bool:
    if setting == "night":
        return True
    if setting == "day":
        return False
    return local.hour >= NIGHT_FROM_HOUR or local.hour < NIGHT_UNTIL_HOUR
