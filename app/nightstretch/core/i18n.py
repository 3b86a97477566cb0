"""Her language: one gettext catalogue for the whole package, core and command line included.

Qt's ``tr()`` cannot be it: the core and the command line never load Qt. Every module marks
its words with ``_`` (or ``ngettext``/``pgettext``/``npgettext``) and looks them up when it
speaks, so ``use_language`` switches at run time for everything worded after the switch.
English is the source language: a missing catalogue or entry reads as English.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Mapping
from pathlib import Path

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "LOCALE_DIR",
    "N_",
    "_",
    "current_language",
    "ngettext",
    "npgettext",
    "npgettext_noop",
    "pgettext",
    "system_language",
    "use_language",
]

DOMAIN = "nightstretch"
SOURCE_LANGUAGE = "en"
LANGUAGES: dict[str, str] = {"en": "English", "ru": "Русский", "de": "Deutsch"}
"""The languages with a catalogue, each named in its own words (as the Settings list shows)."""
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
"""``<lang>/LC_MESSAGES/nightstretch.po`` and its compiled ``.mo``, shipped inside the package."""

_ENV_ORDER = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


class _State:
    """The one switch: which catalogue answers now (a process speaks one language at a time)."""

    translations: _gettext.NullTranslations = _gettext.NullTranslations()
    language: str = SOURCE_LANGUAGE


_state = _State()


def _code(value: str) -> str:
    """ "ru_RU.UTF-8@euro" -> "ru_RU"; "de" -> "de"."""
    return value.split(".", maxsplit=1)[0].split("@", maxsplit=1)[0].strip()


def system_language(
    environ: Mapping[str, str] | None = None, known: Mapping[str, str] = LANGUAGES
) -> str:
    """The first of the system's languages we have, in gettext's order; else English.

    ``LANGUAGE`` may list several ("fr:ru"); a "C" or "POSIX" locale means untranslated.
    """
    env = os.environ if environ is None else environ
    for variable in _ENV_ORDER:
        for part in env.get(variable, "").split(":"):
            code = _code(part)
            if not code:
                continue
            if code in ("C", "POSIX"):
                return SOURCE_LANGUAGE
            for candidate in (code, code.split("_")[0]):
                if candidate in known:
                    return candidate
    return SOURCE_LANGUAGE


def use_language(
    code: str = "", *, locale_dir: Path | None = None, known: Mapping[str, str] = LANGUAGES
) -> str:
    """Switch every later lookup to ``code`` ("" = the system's language); returns the code.

    ``locale_dir`` and ``known`` let a test load a catalogue it wrote (the pseudo-language).
    """
    language = code if code in known else system_language(known=known)
    if language == SOURCE_LANGUAGE:
        _state.translations = _gettext.NullTranslations()
    else:
        _state.translations = _gettext.translation(
            DOMAIN, locale_dir or LOCALE_DIR, languages=[language], fallback=True
        )
    _state.language = language
    return language


def current_language() -> str:
    """The code in use ("en", "ru", "de"): for Babel's formats, Qt's translator and the voice."""
    return _state.language


def _(message: str) -> str:
    """The message in her language (the English itself when there is no translation)."""
    return _state.translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The right plural form for ``n`` by the language's rules (Russian has three)."""
    return _state.translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """A short word whose meaning needs a context ("unit", "leg") to be translated well."""
    return _state.translations.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _state.translations.npgettext(context, singular, plural, n)


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is defined; ``_`` translates it when shown."""
    return message


def npgettext_noop(context: str, singular: str, plural: str) -> tuple[str, str, str]:
    """Marks a plural pair for the catalogue; ``npgettext`` picks the form when shown."""
    return context, singular, plural
