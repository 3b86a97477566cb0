"""The zone fallback, the zone ids compared at each look, and Ctrl+C reaching the excepthook."""

from __future__ import annotations

import sys
from datetime import timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
import tzlocal
from nightstretch.services import errors
from nightstretch.services.zones import system_zone, zone_id


def test_without_a_named_zone_the_current_offset_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> ZoneInfo:
        raise OSError("no /etc/localtime")

    monkeypatch.setattr(tzlocal, "reload_localzone", broken)
    zone = system_zone()
    assert zone.utcoffset(None) is not None or zone_id(zone)


def test_zone_ids_tell_named_zones_and_offsets_apart() -> None:
    assert zone_id(ZoneInfo("Europe/Berlin")) == "Europe/Berlin"
    plus_one = timezone(timedelta(hours=1))
    assert zone_id(plus_one) == zone_id(timezone(timedelta(hours=1)))
    assert zone_id(plus_one) != zone_id(timezone(timedelta(hours=2)))


def test_ctrl_c_in_the_app_quits_instead_of_an_error_dialog(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from PySide6.QtCore import QCoreApplication

    shown: list[str] = []
    quits: list[bool] = []
    monkeypatch.delenv(errors.NO_DIALOG_ENV, raising=False)
    monkeypatch.setattr(QCoreApplication, "quit", staticmethod(lambda: quits.append(True)))
    old = sys.excepthook
    try:
        errors.install_excepthook(
            "/tmp/x.log", show=lambda summary, _details: shown.append(summary)
        )
        sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
        assert quits == [True] and shown == []
        assert capsys.readouterr().err == ""
        sys.excepthook(ValueError, ValueError("boom"), None)
        assert shown == ["Something went wrong inside Nightstretch."]
        assert "unexpected error: boom" in capsys.readouterr().err
    finally:
        sys.excepthook = old
