from __future__ import annotations

import logging
import sys

import pytest
from nightstretch.services.errors import NO_DIALOG_ENV, install_excepthook


def test_excepthook_logs_and_shows_a_calm_dialog(
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.delenv(NO_DIALOG_ENV, raising=False)
    shown: list[tuple[str, str]] = []
    install_excepthook("/tmp/x.log", show=lambda summary, details: shown.append((summary, details)))
    with caplog.at_level(logging.ERROR):
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    assert shown and shown[0][0] == "Something went wrong inside Nightstretch."
    assert "RuntimeError: boom" in shown[0][1]
    assert "uncaught exception" in caplog.text
    assert "unexpected error: boom (details in /tmp/x.log)" in capsys.readouterr().err


def test_dialog_suppressed_in_tests(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setenv(NO_DIALOG_ENV, "1")
    shown: list[str] = []
    install_excepthook("/tmp/x.log", show=lambda s, d: shown.append(s))
    sys.excepthook(ValueError, ValueError("x"), None)
    assert shown == []


def test_a_failing_dialog_does_not_hide_the_error(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.delenv(NO_DIALOG_ENV, raising=False)

    def broken(summary: str, details: str) -> None:
        raise OSError("no display")

    install_excepthook("/tmp/x.log", show=broken)
    with caplog.at_level(logging.ERROR):
        sys.excepthook(ValueError, ValueError("x"), None)
    assert "error dialog failed" in caplog.text
    assert "uncaught exception" in caplog.text
