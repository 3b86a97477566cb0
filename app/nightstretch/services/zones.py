"""The local time zone, read afresh at every look: a traveller's zone changes."""

from __future__ import annotations

import time as _time
import warnings
from datetime import UTC, datetime, tzinfo

__all__ = ["system_zone", "zone_id"]


def system_zone() -> tzinfo:
    """The local time zone as an IANA zone, read afresh (a traveller's zone changes).

    tzlocal knows Windows' registry names too. If no
    named zone can be found, the current fixed offset is better than nothing.
    """
    try:
        import tzlocal

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return tzlocal.reload_localzone()
    except Exception:  # any failure here only costs DST awareness
        if hasattr(_time, "tzset"):
            _time.tzset()
        zone = datetime.now().astimezone().tzinfo
        return zone if zone is not None else UTC


def zone_id(zone: tzinfo) -> str:
    """A name to compare two zones by; fixed offsets compare by their offset."""
    key = getattr(zone, "key", None)
    if isinstance(key, str):
        return key
    return f"{zone!s}/{zone.utcoffset(None)}"
