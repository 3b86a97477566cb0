"""Qt's own words follow her language: its standard buttons come from qtbase_<lang>.qm."""

from __future__ import annotations

from pathlib import Path

import pytest
from nightstretch.core.i18n import _, current_language
from nightstretch.services import language
from PySide6.QtCore import QCoreApplication, QLibraryInfo
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot


def _cancel_text(qtbot: QtBot) -> str:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    button = box.button(QDialogButtonBox.StandardButton.Cancel)
    assert isinstance(button, QPushButton)
    return button.text().replace("&", "")


def _has_qt_translation(code: str) -> bool:
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    from pathlib import Path

    return (Path(folder) / f"qtbase_{code}.qm").exists()


@pytest.mark.parametrize(("code", "cancel"), [("ru", "Отмена"), ("de", "Abbrechen")])
def test_qt_and_our_catalogue_switch_together(qtbot: QtBot, code: str, cancel: str) -> None:
    assert isinstance(QApplication.instance(), QApplication)
    if not _has_qt_translation(code):
        pytest.skip(f"this Qt ships no qtbase_{code}.qm")
    try:
        assert language.apply_language(code) == code
        assert current_language() == code
        assert _("Good morning") != "Good morning"
        assert _cancel_text(qtbot) == cancel
    finally:
        language.apply_language("en")
    assert _cancel_text(qtbot) == "Cancel"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_without_qts_own_translation_the_dialogs_stay_english(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    module = language
    monkeypatch.setattr(QLibraryInfo, "path", staticmethod(lambda _which: str(tmp_path)))
    with caplog.at_level("INFO", logger=module.__name__):
        assert module.apply_language("de") == "de"
    assert "no qtbase_de.qm" in caplog.text
    module.apply_language("en")
