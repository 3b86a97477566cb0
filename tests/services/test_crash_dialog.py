"""The calm dialog an unexpected error shows (the hook itself is tested in test_errors)."""

from __future__ import annotations

import pytest
from nightstretch.services import errors
from PySide6.QtWidgets import QApplication, QMessageBox


@pytest.mark.usefixtures("qapp")
def test_the_dialog_says_the_logbook_is_safe_and_keeps_the_details(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[tuple[str, str, str]] = []

    def record(box: QMessageBox) -> int:
        shown.append((box.text(), box.informativeText(), box.detailedText()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    assert QApplication.instance() is not None
    errors._qt_dialog("Something went wrong inside Nightstretch.", "Traceback: boom")
    assert shown == [
        (
            "Something went wrong inside Nightstretch.",
            "What you logged before this is safe. The details were written to the log file.",
            "Traceback: boom",
        )
    ]
