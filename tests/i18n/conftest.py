"""The pseudo-language, switched on for one test and off again afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from nightstretch.core import i18n

from .pseudo import PSEUDO, write_pseudo_catalogue


@pytest.fixture
def pseudo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Every later lookup answers in "xx", also for code that calls ``use_language()``."""
    folder = write_pseudo_catalogue(tmp_path / "locale")
    monkeypatch.setitem(i18n.LANGUAGES, PSEUDO, "Pseudo")
    monkeypatch.setattr(i18n, "LOCALE_DIR", folder)
    monkeypatch.setenv("LANGUAGE", PSEUDO)
    assert i18n.use_language() == PSEUDO
    yield PSEUDO
    i18n.use_language("en")
