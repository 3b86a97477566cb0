"""The pseudo-language "xx": every msgstr is its msgid wrapped in ⟦⟧, written at test time.

Text that reaches her without passing through the catalogue stays unwrapped, so a check can
find it: ``unwrapped_words`` strips every ⟦...⟧ and returns the words left over.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from nightstretch.core import i18n

POT = i18n.LOCALE_DIR / "nightstretch.pot"
PSEUDO = "xx"


def _wrap(text: str) -> str:
    return f"⟦{text}⟧" if text else text


def write_pseudo_catalogue(folder: Path) -> Path:
    """``folder/xx/LC_MESSAGES/nightstretch.mo`` from the template's every entry."""
    with POT.open("rb") as file:
        template = read_po(file)
    pseudo = Catalog(locale="en", domain=i18n.DOMAIN)
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):
            string: str | tuple[str, ...] = tuple(_wrap(str(form)) for form in message.id)
        else:
            string = _wrap(message.id)
        pseudo.add(message.id, string, context=message.context)
    target = folder / PSEUDO / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
    target.parent.mkdir(parents=True)
    with target.open("wb") as file:
        write_mo(file, pseudo)
    return folder


_WRAPPED = re.compile(r"⟦[^⟦⟧]*⟧")
_DATA = re.compile(
    r"(?:/[^\s,;:)]+)"  # paths
    r"|(?:--?[A-Za-z][\w-]*)"  # options, as typed
    r"|\b(?:[A-Z][A-Z0-9_.-]+)\b"  # metavariables: DIR, ISO-TIME, FILE.pdf
    r"|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w*"
)


def unwrapped_words(text: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    """Words of three letters or more outside every ⟦...⟧ (nested ones included), less data:
    paths, options, metavariables, CLDR's day and month names and the ``allowed`` words."""
    previous = None
    while previous != text:
        previous, text = text, _WRAPPED.sub(" ", text)
    text = _DATA.sub(" ", text)
    return [w for w in re.findall(r"[^\W\d_]{3,}", text) if w not in allowed]
