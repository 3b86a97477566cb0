"""Label text and its mnemonic markers, kept free of Qt so the tray can load it at login."""

from __future__ import annotations


def plain_text(label: str) -> str:
    """A label as read aloud: mnemonic markers gone, a doubled ``&&`` back to ``&``."""
    return label.replace("&&", "\0").replace("&", "").replace("\0", "&")


def menu_label(text: str) -> str:
    """Text from data (a routine's title) as a label, so an ``&`` in it stays visible."""
    return text.replace("&", "&&")
