"""Every number, date, time and plural the user reads, written one way in one place.

Windows, the tray, reminders, the report and the command line all call these, so "1.5 l",
"Sat 21 Nov" and "at 22:00" look the same everywhere. In English the shapes are fixed here
(byte for byte what they always were); in another language (``core/i18n.py``) plurals come
from its catalogue and names, decimal signs and date orders from Babel's CLDR data. Pure
functions, no Qt, no clock: the caller passes the moment and, where it matters, "now".
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from nightstretch.core.i18n import _, current_language, npgettext, npgettext_noop, pgettext

__all__ = [
    "clock",
    "count",
    "day_full_month_year",
    "day_month",
    "day_month_year",
    "litres",
    "litres_number",
    "millilitres",
    "month",
    "month_short",
    "relative_moment",
    "sentence",
    "weekday",
    "weekday_day",
    "weekday_day_month",
    "weekday_day_month_time",
    "weekday_day_month_year",
]


def _day(value: date | str) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _english() -> bool:
    return current_language() == "en"


def _locale() -> str:
    """Babel's locale for the language; English for one CLDR lacks (a test's pseudo-language)."""
    from babel import localedata  # Babel loads only for a language other than English

    language = current_language()
    return language if localedata.exists(language) else "en"


COUNTED_WORDS = (
    npgettext_noop("count", "cramp", "cramps"),
    npgettext_noop("count", "night", "nights"),
    npgettext_noop("count", "reported night", "reported nights"),
    npgettext_noop("count", "earlier cramp", "earlier cramps"),
    npgettext_noop("count", "page", "pages"),
    npgettext_noop("count", "week", "weeks"),
    npgettext_noop("count", "day", "days"),
    npgettext_noop("count", "entry", "entries"),
    npgettext_noop("count", "row", "rows"),
    npgettext_noop("count", "second", "seconds"),
    npgettext_noop("count", "minute", "minutes"),
    npgettext_noop("count", "hour", "hours"),
)
"""The words ``count`` is called with, marked so the catalogue has their plural forms."""


def count(n: int, word: str, plural: str | None = None) -> str:
    """ "1 cramp", "2 cramps"; ``plural`` for words that do not just add an s.

    The word's forms come from the catalogue (context "count"): "1 судорога", "2 судороги",
    "5 судорог"; a word it lacks stays English.
    """
    return f"{n} {npgettext('count', word, plural or word + 's', n)}"


def litres_number(ml: int) -> str:
    """ "1.5": litres with one decimal, for "1.5 of 2.0 litres"; "1,5" where a comma is usual."""
    text = f"{ml / 1000:.1f}"
    if _english():
        return text
    from babel.numbers import get_decimal_symbol

    return text.replace(".", get_decimal_symbol(_locale()))


def litres(ml: int) -> str:
    """ "1.5 l"."""
    return litres_number(ml) + " " + pgettext("unit", "l")


def millilitres(ml: int) -> str:
    """ "12 500 ml": a thin space-like separator that reads the same in every locale."""
    return f"{ml:,}".replace(",", " ") + " " + pgettext("unit", "ml")


def _cldr(day: date, skeleton: str) -> str:
    """A date in the language's own names and order (a CLDR skeleton: which fields, not
    where). Full month names: the short ones end in a dot ("нояб.", "Nov.") that doubles
    a sentence's full stop."""
    from babel.dates import format_skeleton  # English never gets here: see the callers

    return format_skeleton(skeleton, day, locale=_locale())


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _wday(day: date) -> str:
    """English names from here, not ``%a``: Qt sets the C library's locale from the system
    at start, so ``%a`` said "Sa" on a German desktop in English (and cost History a
    module import per call)."""
    return _WEEKDAYS[day.weekday()]


def _mon(day: date) -> str:
    return MONTH_NAMES[day.month - 1][:3]


def clock(moment: datetime) -> str:
    """ "22:00": 24-hour time, as every setting and the logbook shows it."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def day_month(value: date | str) -> str:
    """ "21 Nov"; takes a date or a night's ISO date."""
    day = _day(value)
    return f"{day.day} {_mon(day)}" if _english() else _cldr(day, "MMMMd")


def day_month_year(value: date | str) -> str:
    """ "21 Nov 2026"."""
    day = _day(value)
    return f"{day.day} {_mon(day)} {day.year}" if _english() else _cldr(day, "yMMMMd")


MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def day_full_month_year(value: date | str) -> str:
    """ "4 July 2026", for sentences; English names, not the C locale's ``%B``."""
    day = _day(value)
    if not _english():
        return _cldr(day, "yMMMMd")
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def weekday(value: date | str) -> str:
    """ "Sat": the short weekday alone (the command line's history table)."""
    day = _day(value)
    return _wday(day) if _english() else _cldr(day, "E")


def month_short(value: date | str) -> str:
    """ "Nov": a calendar's month label ("нояб.", "Nov." where CLDR abbreviates so)."""
    day = _day(value)
    if _english():
        return _mon(day)
    from babel.dates import format_date

    return format_date(day, "LLL", locale=_locale())


def weekday_day(value: date | str) -> str:
    """ "Sat 21": a chart's axis label."""
    day = _day(value)
    return f"{_wday(day)} {day.day}" if _english() else _cldr(day, "Ed")


def weekday_day_month(value: date | str) -> str:
    """ "Sat 21 Nov"."""
    day = _day(value)
    return f"{_wday(day)} {day.day} {_mon(day)}" if _english() else _cldr(day, "MMMMEd")


def weekday_day_month_time(moment: datetime, sep: str = ", ") -> str:
    """ "Sat 21 Nov, 22:00" (the report); History lines use two spaces as ``sep``."""
    return f"{weekday_day_month(moment.date())}{sep}{clock(moment)}"


def relative_moment(moment: datetime, now: datetime) -> str:
    """ "22:00" today, "tomorrow 06:00", else "Sat 22:00", in the zone of ``now``."""
    local = moment.astimezone(now.tzinfo)
    if local.date() == now.date():
        return clock(local)
    if local.date() == now.date() + timedelta(days=1):
        return _("tomorrow {time}").format(time=clock(local))
    return f"{weekday(local.date())} {clock(local)}"


def sentence(text: str) -> str:
    """A capital first letter and a full stop, for messages built from parts."""
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else f"{text}."


def weekday_day_month_year(value: date | str) -> str:
    """ "Sat 21 Nov 2026": the report's tables when a range spans two years."""
    day = _day(value)
    return f"{_wday(day)} {day.day} {_mon(day)} {day.year}" if _english() else _cldr(day, "yMMMEd")


def month(value: date | str, year: bool = False) -> str:
    """ "Nov" or "Jan 2027": a calendar's column label."""
    day = _day(value)
    if _english():
        return f"{_mon(day)} {day.year}" if year else _mon(day)
    return _cldr(day, "yMMM" if year else "MMM")
