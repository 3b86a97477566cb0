"""The logbook's own words as the report prints them: which leg, which muscle, which sign.

Stored in English ("left", "calf", "pain_not_easing"); looked up in her language when the
report is made, with a context so a short word is translated as the report means it.
"""

from __future__ import annotations

from collections.abc import Iterable

from nightstretch.core.i18n import pgettext

__all__ = ["leg", "muscle", "signs"]


def leg(value: str) -> str:
    words = {
        "left": pgettext("report leg", "left"),
        "right": pgettext("report leg", "right"),
        "both": pgettext("report leg", "both"),
    }
    return words.get(value, value)


def muscle(value: str) -> str:
    words = {
        "calf": pgettext("report muscle", "calf"),
        "foot": pgettext("report muscle", "foot"),
        "thigh": pgettext("report muscle", "thigh"),
    }
    return words.get(value, value)


def signs(flags: Iterable[str]) -> str:
    words = {
        "swelling": pgettext("report sign", "swelling"),
        "redness": pgettext("report sign", "redness"),
        "warmth": pgettext("report sign", "warmth"),
        "pain_not_easing": pgettext("report sign", "pain not easing"),
    }
    return ", ".join(words.get(flag, flag) for flag in flags)
