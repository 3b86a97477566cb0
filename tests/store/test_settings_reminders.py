"""Reminder settings: defaults from issue 3, one check per field, rules between fields."""

from __future__ import annotations

import json
from datetime import datetime, time
from pathlib import Path

import pytest
from nightstretch.core.reminders import ReminderConfig
from nightstretch.store.settings import Settings, SettingsFile, reminder_config

ALL_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def test_defaults_are_the_ones_in_issue_3() -> None:
    s = Settings()
    assert (s.bedtime, s.bedtimes, s.evening_lead_min, s.evening_weekdays) == (
        "22:30",
        (),
        30,
        ALL_DAYS,
    )
    assert (s.evening_followup_min, s.evening_routine) == (20, "pre-bed-calf")
    assert (s.water_start, s.water_end, s.water_interval_min) == ("09:00", "", 90)
    assert (s.water_goal_ml, s.glass_ml) == (2000, 250)
    assert (s.checkin_time, s.checkin_enabled) == ("08:30", True)
    assert (s.movement_enabled, s.movement_interval_min) == (False, 60)
    assert reminder_config(s) == ReminderConfig()
    hash(s)  # immutable all the way down


def test_reminder_settings_round_trip_as_plain_json(tmp_path: Path) -> None:
    file = SettingsFile(tmp_path / "settings.json")
    chosen = Settings(
        bedtime="23:00",
        bedtimes=(("fri", "00:30"), ("sun", "21:45")),
        evening_weekdays=("mon", "wed", "fri"),
        water_end="19:00",
        movement_enabled=True,
    )
    file.save(chosen)
    data = json.loads(file.path.read_text())
    assert data["bedtimes"] == {"fri": "00:30", "sun": "21:45"}
    assert data["evening_weekdays"] == ["mon", "wed", "fri"]
    loaded = file.load()
    assert loaded.settings == chosen and loaded.problems == []


def test_collections_are_put_in_week_order() -> None:
    settings, problems = Settings.from_mapping(
        {"bedtimes": {"sun": "21:00", "mon": "23:00"}, "evening_weekdays": ["sun", "fri", "mon"]}
    )
    assert problems == []
    assert settings.bedtimes == (("mon", "23:00"), ("sun", "21:00"))
    assert settings.evening_weekdays == ("mon", "fri", "sun")


def test_reminder_config_parses_times_and_numbers_weekdays() -> None:
    settings, _ = Settings.from_mapping(
        {
            "bedtime": "23:15",
            "bedtimes": {"sat": "01:30"},
            "evening_lead_min": 45,
            "evening_weekdays": ["fri", "sat"],
            "evening_followup_min": 0,
            "water_start": "08:00",
            "water_end": "18:30",
            "water_interval_min": 120,
            "water_goal_ml": 1500,
            "checkin_time": "07:45",
            "checkin_enabled": False,
            "movement_enabled": True,
            "movement_interval_min": 30,
        }
    )
    assert reminder_config(settings) == ReminderConfig(
        bedtime=time(23, 15),
        bedtimes=((5, time(1, 30)),),
        evening_lead_min=45,
        evening_weekdays=frozenset({4, 5}),
        evening_followup_min=0,
        water_start=time(8),
        water_end=time(18, 30),
        water_interval_min=120,
        water_goal_ml=1500,
        checkin_time=time(7, 45),
        checkin_enabled=False,
        movement_enabled=True,
        movement_interval_min=30,
    )


@pytest.mark.parametrize(
    ("key", "value", "complaint"),
    [
        ("bedtime", "25:00", "must be a time of day as HH:MM (00:00 to 23:59)"),
        ("bedtime", "24:00", "must be a time of day as HH:MM"),
        ("bedtime", "7:30", "must be a time of day as HH:MM"),
        ("bedtime", "22:30:00", "must be a time of day as HH:MM"),
        ("bedtime", 2230, "must be a time of day as HH:MM"),
        ("bedtimes", {"fri": "25:00"}, 'has "fri": "25:00", which must be a time of day'),
        ("bedtimes", {"friday": "23:00"}, 'has "friday", which is not a weekday'),
        ("bedtimes", ["fri", "23:00"], "must be a table of weekdays to times"),
        ("evening_lead_min", 181, "must be between 0 and 180"),
        ("evening_lead_min", -1, "must be between 0 and 180"),
        ("evening_lead_min", 30.5, "must be a whole number"),
        ("evening_lead_min", "30", "must be a whole number"),
        ("evening_lead_min", True, "must be a whole number"),
        ("evening_weekdays", [], "must be a non-empty list of weekdays"),
        ("evening_weekdays", "mon", "must be a non-empty list of weekdays"),
        ("evening_weekdays", ["mon", "funday"], 'has "funday", which is not a weekday'),
        ("evening_weekdays", ["mon", "Mon"], 'has "Mon", which is not a weekday'),
        ("evening_weekdays", ["mon", "mon"], "names a weekday twice"),
        ("evening_followup_min", 121, "must be between 0 and 120"),
        ("evening_followup_min", -5, "must be between 0 and 120"),
        ("evening_routine", "Pre Bed", "must be a routine id"),
        ("evening_routine", "", "must be a routine id"),
        ("evening_routine", None, "must be a routine id"),
        ("water_start", "9am", "must be a time of day as HH:MM"),
        ("water_end", "24:00", 'must be a time of day as HH:MM (00:00 to 23:59), or ""'),
        ("water_end", None, "must be a time of day as HH:MM"),
        ("water_interval_min", 0, "must be between 15 and 480"),
        ("water_interval_min", 14, "must be between 15 and 480"),
        ("water_interval_min", 481, "must be between 15 and 480"),
        ("water_goal_ml", 249, "must be between 250 and 6000"),
        ("water_goal_ml", 6001, "must be between 250 and 6000"),
        ("glass_ml", 49, "must be between 50 and 1000"),
        ("glass_ml", 1001, "must be between 50 and 1000"),
        ("checkin_time", "08:30 am", "must be a time of day as HH:MM"),
        ("checkin_enabled", "yes", "must be true or false"),
        ("movement_enabled", 1, "must be true or false"),
        ("movement_interval_min", 19, "must be between 20 and 240"),
        ("movement_interval_min", 241, "must be between 20 and 240"),
    ],
)
def test_a_bad_reminder_field_falls_back_and_is_named(
    key: str, value: object, complaint: str
) -> None:
    settings, problems = Settings.from_mapping({key: value, "sound": False})
    assert settings == Settings(sound=False)
    assert len(problems) == 1
    assert str(problems[0]).startswith(f'"{key}" {complaint}')
    assert str(problems[0]).endswith(f"(got {json.dumps(value)}); using the default")


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("bedtime", "00:00"),
        ("bedtime", "23:59"),
        ("bedtime", "01:30"),
        ("bedtimes", {}),
        ("evening_lead_min", 0),
        ("evening_lead_min", 180),
        ("evening_weekdays", ["sun"]),
        ("evening_followup_min", 0),
        ("evening_followup_min", 120),
        ("evening_routine", "my-own-routine-2"),
        ("water_end", ""),
        ("water_end", "23:59"),
        ("water_interval_min", 15),
        ("water_interval_min", 480),
        ("water_goal_ml", 250),
        ("water_goal_ml", 6000),
        ("glass_ml", 50),
        ("glass_ml", 1000),
        ("movement_interval_min", 20),
        ("movement_interval_min", 240),
    ],
)
def test_edge_values_are_accepted(key: str, value: object) -> None:
    settings, problems = Settings.from_mapping({key: value})
    assert problems == []
    assert settings.to_mapping()[key] == value


@pytest.mark.parametrize("end", ["08:00", "09:00"])
def test_water_end_not_after_water_start_is_refused_naming_both(end: str) -> None:
    settings, problems = Settings.from_mapping({"water_start": "09:00", "water_end": end})
    assert settings.water_start == "09:00" and settings.water_end == ""
    assert [str(p) for p in problems] == [
        f'"water_end" ({end}) must be after "water_start" (09:00); '
        'using the default for "water_end" (2 hours before bedtime)'
    ]


def test_water_end_is_checked_against_the_start_actually_used() -> None:
    settings, problems = Settings.from_mapping({"water_start": "9", "water_end": "08:30"})
    assert (settings.water_start, settings.water_end) == ("09:00", "")
    assert len(problems) == 2
    assert str(problems[0]).startswith('"water_start" must be')
    assert str(problems[1]).startswith('"water_end" (08:30) must be after "water_start" (09:00)')


def test_a_sensible_window_passes_the_cross_check() -> None:
    settings, problems = Settings.from_mapping({"water_start": "07:30", "water_end": "07:45"})
    assert problems == [] and settings.water_end == "07:45"
    assert Settings().validate() == (Settings(), [])


def test_the_bad_input_of_issue_3_starts_with_defaults_and_keeps_the_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "settings.json"
    text = json.dumps(
        {
            "bedtime": "25:00",
            "water_start": "10:00",
            "water_end": "08:00",
            "water_interval_min": 0,
            "snooze_forever": True,
            "evening_lead_min": 45,
        }
    )
    path.write_text(text)
    loaded = SettingsFile(path).load(now=datetime(2026, 11, 21, 22, 0, 5))
    assert loaded.settings == Settings(evening_lead_min=45, water_start="10:00")
    named = [str(problem).split('"')[1] for problem in loaded.problems]
    assert sorted(named) == ["bedtime", "snooze_forever", "water_end", "water_interval_min"]
    assert path.read_text() == text
    assert loaded.kept_copy is not None and loaded.kept_copy.read_text() == text


def test_how_reminders_appear_defaults_to_auto_and_is_checked(tmp_path: Path) -> None:
    assert Settings().reminder_display == "auto"
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"bedtime": "23:00"}), encoding="utf-8")  # an older file
    loaded = SettingsFile(path).load()
    assert (loaded.settings.reminder_display, loaded.problems) == ("auto", [])
    path.write_text(json.dumps({"reminder_display": "card"}), encoding="utf-8")
    assert SettingsFile(path).load().settings.reminder_display == "card"
    path.write_text(json.dumps({"reminder_display": "popup"}), encoding="utf-8")
    loaded = SettingsFile(path).load()
    assert loaded.settings.reminder_display == "auto"
    [problem] = loaded.problems
    assert problem.field == "reminder_display"
    assert str(problem) == (
        '"reminder_display" must be one of "auto", "notifications", "card" (got "popup"); '
        "using the default"
    )
