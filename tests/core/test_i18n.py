"""The language switch and her language's shapes: plurals, decimal commas, dates."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from nightstretch.core import i18n, wording
from nightstretch.core.i18n import _, system_language, use_language


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "ru_RU.UTF-8"}, "ru"),
        ({"LANG": "de_AT.UTF-8@euro"}, "de"),
        ({"LANGUAGE": "fr:ru", "LANG": "de_DE.UTF-8"}, "ru"),
        ({"LANGUAGE": "fr", "LANG": "de_DE.UTF-8"}, "de"),
        ({"LC_ALL": "ru_RU.UTF-8", "LANG": "de_DE.UTF-8"}, "ru"),
        ({"LC_MESSAGES": "de_CH.UTF-8", "LANG": "ru_RU.UTF-8"}, "de"),
        ({"LC_ALL": "C", "LANG": "ru_RU.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
    ],
)
def test_system_language_follows_gettexts_order(environ: dict[str, str], expected: str) -> None:
    assert system_language(environ) == expected


def test_use_language_switches_at_run_time() -> None:
    assert use_language("ru") == "ru"
    assert i18n.current_language() == "ru"
    assert _("Good morning") == "Доброе утро"
    assert use_language("de") == "de"
    assert _("Good morning") == "Guten Morgen"
    assert use_language("en") == "en"
    assert _("Good morning") == "Good morning"


def test_an_unknown_or_empty_code_means_the_systems_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANGUAGE", "de")
    assert use_language("") == "de"
    assert use_language("fr") == "de"
    monkeypatch.setenv("LANGUAGE", "fr")
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert use_language("") == "en"


def test_a_missing_entry_falls_back_to_english() -> None:
    use_language("ru")
    assert _("A sentence no catalogue has.") == "A sentence no catalogue has."


@pytest.mark.parametrize(
    ("n", "russian", "german"),
    [
        (1, "1 судорога", "1 Krampf"),
        (2, "2 судороги", "2 Krämpfe"),
        (4, "4 судороги", "4 Krämpfe"),
        (5, "5 судорог", "5 Krämpfe"),
        (11, "11 судорог", "11 Krämpfe"),
        (21, "21 судорога", "21 Krämpfe"),
        (22, "22 судороги", "22 Krämpfe"),
    ],
)
def test_plurals_follow_the_languages_rules(n: int, russian: str, german: str) -> None:
    use_language("ru")
    assert wording.count(n, "cramp") == russian
    use_language("de")
    assert wording.count(n, "cramp") == german
    use_language("en")
    assert wording.count(n, "cramp") == ("1 cramp" if n == 1 else f"{n} cramps")


def test_decimal_commas_and_units() -> None:
    use_language("ru")
    assert wording.litres_number(1500) == "1,5"
    assert wording.litres(1500) == "1,5 л"
    assert wording.millilitres(12500) == "12 500 мл"
    use_language("de")
    assert wording.litres(2000) == "2,0 l"
    use_language("en")
    assert wording.litres(1500) == "1.5 l"


def test_day_and_month_names_in_her_language() -> None:
    day = date(2026, 11, 21)  # a Saturday
    use_language("ru")
    assert wording.day_month(day) == "21 ноября"
    assert wording.weekday_day_month(day) == "сб, 21 ноября"
    assert wording.weekday(day) == "сб"
    use_language("de")
    assert wording.day_month(day) == "21. November"
    assert wording.weekday_day_month(day) == "Sa., 21. November"
    assert wording.day_full_month_year(day) == "21. November 2026"
    use_language("en")
    assert wording.weekday_day_month(day) == "Sat 21 Nov"


def test_relative_moments_in_her_language() -> None:
    zone = timezone(timedelta(hours=3))
    now = datetime(2026, 11, 21, 20, 0, tzinfo=zone)
    use_language("ru")
    assert wording.relative_moment(now + timedelta(hours=12), now) == "завтра в 08:00"
    assert wording.relative_moment(now + timedelta(days=3), now) == "вт 20:00"
    use_language("de")
    assert wording.relative_moment(now + timedelta(hours=12), now) == "morgen 08:00"
