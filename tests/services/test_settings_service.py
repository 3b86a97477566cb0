"""Every settings rule through the service, the all-or-nothing atomic save, and `changed`."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import pytest
from nightstretch.services.settings_service import SettingsService
from nightstretch.store.settings import Settings, SettingsFile, SettingsProblem

# One bad value per rule, with a piece of the message it must produce.
BAD: list[tuple[str, Any, str]] = [
    ("sound", 1, "must be true or false"),
    ("voice", "yes", "must be true or false"),
    ("voice_engine", 3, "must be text"),
    ("voice_rate", 1.5, "must be between -1 and 1"),
    ("voice_rate", "fast", "must be a number"),
    ("theme", "dusk", 'must be one of "auto", "night", "day"'),
    ("font_scale", 0.5, "must be between 0.75 and 2"),
    ("font_scale", True, "must be a number"),
    ("bedtime", "25:00", "must be a time of day as HH:MM"),
    ("bedtimes", (("fri", "24:00"),), 'has "fri": "24:00", which must be a time of day'),
    ("bedtimes", (("fun", "22:00"),), 'has "fun", which is not a weekday'),
    ("bedtimes", ("fri",), "has the wrong shape"),
    ("evening_lead_min", 181, "must be between 0 and 180"),
    ("evening_lead_min", 1.5, "must be a whole number"),
    ("evening_weekdays", (), "must be a non-empty list of weekdays"),
    ("evening_weekdays", ("mon", "mon"), "names a weekday twice"),
    ("evening_weekdays", ("someday",), 'has "someday", which is not a weekday'),
    ("evening_followup_min", 121, "must be between 0 and 120"),
    ("evening_routine", "Pre Bed", "must be a routine id"),
    ("water_start", "24:00", "must be a time of day as HH:MM"),
    ("water_end", "late", 'or "" for 2 hours before bedtime'),
    ("water_interval_min", 0, "must be between 15 and 480"),
    ("water_interval_min", 481, "must be between 15 and 480"),
    ("water_goal_ml", 249, "must be between 250 and 6000"),
    ("glass_ml", 49, "must be between 50 and 1000"),
    ("checkin_time", "8", "must be a time of day as HH:MM"),
    ("checkin_enabled", None, "must be true or false"),
    ("evening_enabled", "yes", "must be true or false"),
    ("water_enabled", 1, "must be true or false"),
    ("movement_enabled", 0, "must be true or false"),
    ("movement_interval_min", 19, "must be between 20 and 240"),
    ("autostart", "on", "must be true or false"),
    ("due_date", "2026-13-01", "must be a date as YYYY-MM-DD"),
    ("due_date", "2026-1-1", "must be a date as YYYY-MM-DD"),
    ("pregnancy_week", 43, "must be between 0 and 42"),
    ("pregnancy_week_on", "tomorrow", "must be a date as YYYY-MM-DD"),
    ("postpartum", 1, "must be true or false"),
    ("past_due_asked", "no", "must be true or false"),
    ("report_name", 7, "must be text"),
    ("report_details_asked", "yes", "must be true or false"),
    ("onboarding_done", 2, "must be true or false"),
    ("reminder_display", "popup", 'must be one of "auto", "notifications", "card"'),
    ("language", "fr", 'must be one of "", "en", "ru", "de"'),
    ("hold_when_away", "yes", "must be true or false"),
    ("hold_when_locked", 1, "must be true or false"),
    ("hold_when_busy", None, "must be true or false"),
    ("hold_when_full_screen", "off", "must be true or false"),
]


@pytest.fixture
def service(tmp_path: Path) -> SettingsService:
    settings_file = SettingsFile(tmp_path / "config" / "settings.json")
    settings_file.save(Settings())
    return SettingsService(settings_file, Settings())


def recorder(service: SettingsService) -> list[tuple[Settings, Settings]]:
    seen: list[tuple[Settings, Settings]] = []
    service.changed.connect(lambda old, new: seen.append((old, new)))
    return seen


def test_every_field_has_a_rule_in_the_table() -> None:
    assert {name for name, _, _ in BAD} == {spec.name for spec in fields(Settings)}


@pytest.mark.parametrize(("name", "value", "message"), BAD)
def test_each_rule_is_reachable_inline_and_blocks_apply(
    service: SettingsService, name: str, value: Any, message: str
) -> None:
    complaint = service.check_field(name, value)
    assert complaint is not None and message in complaint
    before = service.settings_file.path.read_bytes()
    seen = recorder(service)
    lines = service.apply(replace(Settings(), **{name: value}))
    assert len(lines) == 1 and lines[0].startswith(f'"{name}" ') and message in lines[0]
    assert service.settings == Settings()
    assert service.settings_file.path.read_bytes() == before
    assert seen == []


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("bedtime", "06:05"),
        ("bedtimes", (("fri", "23:30"),)),
        ("bedtimes", {"sat": "00:30"}),
        ("evening_weekdays", ["mon", "fri"]),
        ("water_end", ""),
        ("water_end", "20:00"),
        ("voice_rate", -1),
        ("font_scale", 2.0),
        ("due_date", "2028-02-29"),
        ("pregnancy_week", 0),
    ],
)
def test_good_values_pass_in_either_form(service: SettingsService, name: str, value: Any) -> None:
    assert service.check_field(name, value) is None


def test_unknown_field_is_named(service: SettingsService) -> None:
    assert service.check_field("colour", "red") == "is not a setting Nightstretch knows"
    assert service.update(colour="red") == ['"colour" is not a setting Nightstretch knows']


def test_water_end_before_start_is_a_cross_field_problem(service: SettingsService) -> None:
    bad = replace(Settings(), water_start="10:00", water_end="09:30")
    assert service.check_field("water_end", "09:30") is None
    assert service.cross_field_problems(bad) == {"water_end": 'must be after "water_start" (10:00)'}
    lines = service.apply(bad)
    assert lines == ['"water_end" (09:30) must be after "water_start" (10:00)']
    assert service.settings == Settings()
    same = replace(Settings(), water_start="10:00", water_end="10:00")
    assert "water_end" in service.cross_field_problems(same)
    assert service.cross_field_problems(replace(bad, water_end="18:00")) == {}


def test_apply_saves_and_emits_once_with_old_and_new(service: SettingsService) -> None:
    seen = recorder(service)
    new = replace(Settings(), bedtime="23:00", theme="night", water_end="19:30")
    assert service.apply(new) == []
    assert seen == [(Settings(), new)]
    assert service.settings == new
    assert SettingsFile(service.settings_file.path).load().settings == new
    # Applying the same settings again neither writes nor emits.
    stamp = service.settings_file.path.stat().st_mtime_ns
    assert service.apply(new) == []
    assert len(seen) == 1
    assert service.settings_file.path.stat().st_mtime_ns == stamp
    newer = replace(new, glass_ml=300)
    assert service.update(glass_ml=300) == []
    assert seen == [(Settings(), new), (new, newer)]


def test_apply_stores_collections_in_week_order(service: SettingsService) -> None:
    new = replace(
        Settings(),
        bedtimes=(("sat", "23:30"), ("fri", "23:45")),
        evening_weekdays=("sun", "mon"),
    )
    assert service.apply(new) == []
    assert service.settings.bedtimes == (("fri", "23:45"), ("sat", "23:30"))
    assert service.settings.evening_weekdays == ("mon", "sun")
    assert SettingsFile(service.settings_file.path).load().settings == service.settings


def test_a_crash_mid_write_leaves_the_old_file(
    service: SettingsService, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = service.settings_file.path
    before = path.read_bytes()
    seen = recorder(service)

    def power_cut(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", power_cut)
    lines = service.apply(replace(Settings(), bedtime="23:15"))
    assert lines == [f"{path} could not be saved (Input/output error); nothing changed"]
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.json"]
    assert service.settings == Settings()
    assert seen == []


def test_an_interrupt_between_write_and_rename_leaves_the_old_file(
    service: SettingsService, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = service.settings_file.path
    before = path.read_bytes()

    def killed(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        service.apply(replace(Settings(), bedtime="23:15"))
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.json"]
    assert service.settings == Settings()


def test_a_change_the_loader_would_still_refuse_is_never_saved(
    service: SettingsService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second check before saving: its problems come back worded like any other."""
    path = service.settings_file.path
    before = path.read_bytes()
    refused = SettingsProblem("glass_ml", 300, "must be odd", fallback="using the default")

    def stricter(data: Mapping[str, Any]) -> tuple[Settings, list[SettingsProblem]]:
        return Settings(), [refused]

    monkeypatch.setattr(Settings, "from_mapping", stricter)
    assert service.update(glass_ml=300) == ['"glass_ml" must be odd (got 300)']
    assert path.read_bytes() == before and service.settings == Settings()
