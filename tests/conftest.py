"""Shared test set-up: offscreen Qt, no error dialogs, and never the real home folder."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from nightstretch.core.i18n import use_language
from nightstretch.store.logbook import Logbook

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":
    # A common desktop screen instead of offscreen's 800x600: windows fit themselves to
    # the screen (tests/ui/test_layout.py tries small laptop screens on purpose).
    _SCREEN = Path(tempfile.mkdtemp(prefix="nightstretch-screen-")) / "screen.json"
    _SCREEN.write_text(
        '{"screens": [{"name": "desktop", "x": 0, "y": 0, "width": 1920, "height": 1080,'
        ' "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}'
    )
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"
os.environ["NIGHTSTRETCH_NO_ERROR_DIALOG"] = "1"
# English, whatever the developer's desktop speaks: the tests pin English wording
# (tests/core/test_i18n.py and the catalogue tests switch languages themselves).
os.environ["LANGUAGE"] = "en"
_SESSION_HOME = tempfile.mkdtemp(prefix="nightstretch-test-home-")
os.environ["NIGHTSTRETCH_HOME"] = _SESSION_HOME

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(os.environ.get("NIGHTSTRETCH_ARTIFACTS", REPO / "test-artifacts"))


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    """A test that switched the language (or ran the CLI in another) leaves English behind."""
    yield
    use_language("en")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh --home for one test, also exported for code that reads the variable."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("NIGHTSTRETCH_HOME", str(folder))
    return folder


@pytest.fixture
def logbook(tmp_path: Path) -> Iterator[Logbook]:
    """A fresh logbook in a temporary data folder, closed after the test."""
    book = Logbook(tmp_path / "data" / "nightstretch.db")
    yield book
    book.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
