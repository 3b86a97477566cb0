"""The catalogues are complete and shipped as compiled: no missing, fuzzy or stale entry."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from nightstretch.core import i18n

TRANSLATED = sorted(set(i18n.LANGUAGES) - {i18n.SOURCE_LANGUAGE})
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_noop": ((1, "c"), 2, 3),
}
"""The same keywords as ``make messages`` (Makefile) gives pybabel."""
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(\w+\)[rsd]|%[rsd]")


def _po(language: str) -> Catalog:
    with (i18n.LOCALE_DIR / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.po").open("rb") as file:
        return read_po(file)


def _key(message_id: object, context: str | None) -> tuple[str | None, str]:
    return context, _forms(message_id)[0]


def test_the_languages_have_a_catalogue_each() -> None:
    assert TRANSLATED == ["de", "ru"]


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_entry_is_missing_or_fuzzy(language: str) -> None:
    catalogue = _po(language)
    assert not catalogue.fuzzy
    missing = [m.id for m in catalogue if m.id and not all(_forms(m.string))]
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert (missing, fuzzy) == ([], [])
    assert len(list(catalogue)) > 150


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_every_placeholder(language: str) -> None:
    """A lost ``{path}`` would drop a fact; a new one would raise KeyError at run time."""
    wrong = []
    for message in _po(language):
        if not message.id:
            continue
        ids = _forms(message.id)
        expected = sorted(PLACEHOLDER.findall(ids[-1]))
        for form in _forms(message.string):
            if sorted(PLACEHOLDER.findall(form)) != expected:
                wrong.append((message.id, form))
    assert wrong == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_shipped_mo_matches_the_po(language: str) -> None:
    """The .mo files are committed (no build step, no Babel needed to run a checkout):
    after editing a .po, ``make compile-messages``."""
    buffer = io.BytesIO()
    write_mo(buffer, _po(language))
    shipped = i18n.LOCALE_DIR / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
    assert shipped.read_bytes() == buffer.getvalue(), "run make compile-messages"


def test_every_marked_string_is_in_the_catalogues() -> None:
    """A string marked in the code but not extracted would stay English: ``make messages``."""
    package = Path(i18n.__file__).resolve().parent.parent
    in_code = {
        _key(message_id, context)
        for _file, _line, message_id, _comments, context in extract_from_dir(
            str(package), keywords=KEYWORDS, comment_tags=()
        )
    }
    assert len(in_code) > 150
    for language in TRANSLATED:
        in_catalogue = {_key(m.id, m.context) for m in _po(language) if m.id}
        assert in_code - in_catalogue == set(), f"run make messages ({language})"
        assert in_catalogue - in_code == set(), f"obsolete entries ({language})"


def _forms(value: object) -> tuple[str, ...]:
    """Babel's id or string as its forms: one for a plain entry, several for a plural."""
    if isinstance(value, tuple | list):
        return tuple(str(form) for form in value)
    return (value,) if isinstance(value, str) else ("",)
