"""A routine's own translations: checked strictly, shown in her language, English where missing."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from nightstretch.cli import main
from nightstretch.core import resources
from nightstretch.core.i18n import use_language
from nightstretch.core.routine_loader import RoutineError
from nightstretch.core.routine_translations import missing_translations

from .test_routine_loader import GOOD, load, problems_of, write

RU = """
[translations.ru]
title = "Растяжка у стены"

[translations.ru.steps.wall-stretch]
instructions = "Руки на стене."
cues.halfway = "Половина."
"""

TRANSLATED = ("quick-calf", "pre-bed-calf", "daytime-leg-break", "cramp-rescue")


def _data(name: str) -> dict[str, object]:
    return tomllib.loads((resources.routines_dir() / f"{name}.toml").read_text("utf-8"))


@pytest.mark.parametrize("name", TRANSLATED)
def test_the_translated_built_in_routines_miss_nothing(name: str) -> None:
    assert missing_translations(_data(name)) == {"ru": [], "de": []}


# The first thing Cramp rescue says in each language: pull the toes up, never point them.
RESCUE_PULL = {
    "ru": ("Потяните пальцы и стопу вверх, к голени", "к голени", "Не тяните носок от себя"),
    "de": ("Ziehen Sie Zehen und Fuß zum Schienbein hoch", "Schienbein", "Zehen nicht nach vorn"),
}


@pytest.mark.parametrize("language", sorted(RESCUE_PULL))
def test_cramp_rescue_flexes_first_in_every_language(language: str) -> None:
    pull, shin, never_point = RESCUE_PULL[language]
    use_language(language)
    try:
        rescue = load(resources.routines_dir() / "cramp-rescue.toml")
    finally:
        use_language("en")
    first = rescue.steps[0]
    assert first.id == "flex-foot"
    assert first.cues.start is not None and first.cues.start.startswith(pull)
    assert shin in first.instructions and never_point in first.instructions
    assert never_point in first.cues.start


def test_the_routine_shows_in_the_language_in_use(tmp_path: Path) -> None:
    path = write(tmp_path, "r", GOOD.format(rid="r") + RU)
    use_language("ru")
    routine = load(path)
    assert routine.title == "Растяжка у стены"
    assert routine.summary == "A short one."  # not translated: English
    pumps, wall = routine.steps
    assert pumps.title == "Ankle pumps"
    assert wall.title == "Wall calf stretch"
    assert wall.instructions == "Руки на стене."
    assert wall.cues.halfway == "Половина."
    assert wall.cues.switch == "Other leg now."
    assert wall.duration_s == 30 and wall.sides  # timing never differs between languages
    use_language("de")
    assert load(path).title == "Wall stretch"
    use_language("en")
    assert load(path).title == "Wall stretch"


def test_a_built_in_routine_in_russian_and_german() -> None:
    use_language("ru")
    routine = load(resources.routines_dir() / "pre-bed-calf.toml")
    assert routine.title == "Растяжка икр перед сном"
    assert all(any("а" <= ch <= "я" for ch in step.instructions) for step in routine.steps)
    use_language("de")
    assert load(resources.routines_dir() / "quick-calf.toml").title == "Kurze Wadendehnung"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('[translations.fr]\ntitle = "Étirement"', 'translations: unknown language "fr"'),
        ('[translations.ru]\nname = "x"', 'translations.ru.unknown key "name"'),
        (
            '[translations.ru.steps.nope]\ntitle = "x"',
            'translations.ru.steps: no step has the id "nope"',
        ),
        (
            '[translations.ru.steps.pumps]\ncaution = "x"',
            "translations.ru.steps.pumps.caution translates a field the English does not have",
        ),
        (
            '[translations.ru.steps.pumps]\nrepeats = "x"',
            'translations.ru.steps.pumps.unknown key "repeats"',
        ),
        (
            '[translations.ru.steps.wall-stretch]\ncues.later = "x"',
            'translations.ru.steps.wall-stretch.cues: unknown key "later"',
        ),
        ('[translations.ru]\ntitle = "  "', "translations.ru.title must not be empty"),
        ("[translations.ru]\ntitle = 3", "translations.ru.title must be text"),
        (
            '[translations.ru]\ntitle = "a\\u202eb"',
            "translations.ru.title must not contain control",
        ),
        ("translations = 1", "translations must be a table of languages"),
    ],
)
def test_translations_are_checked_as_strictly_as_the_english(
    tmp_path: Path, extra: str, message: str
) -> None:
    text = GOOD.format(rid="r")
    # A bare key belongs before the first table, or TOML puts it in the last step.
    text = f"{extra}\n{text}" if extra.startswith("translations =") else f"{text}\n{extra}\n"
    lines = problems_of(tmp_path, text)
    assert any(message in line for line in lines), lines


def test_routines_check_lists_the_missing_fields_per_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "r", GOOD.format(rid="r") + RU)
    assert main(["routines", "check", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "ok"
    assert out[1] == (
        "ru: not translated, shown in English: summary, steps.pumps.title, "
        "steps.pumps.instructions, steps.wall-stretch.title, steps.wall-stretch.caution, "
        "steps.wall-stretch.cues.switch"
    )
    assert out[2].startswith("de: not translated, shown in English: title, summary, ")


def test_a_bad_translation_fails_the_check(tmp_path: Path) -> None:
    with pytest.raises(RoutineError):
        load(write(tmp_path, "r", GOOD.format(rid="r") + '[translations.xx]\ntitle = "x"\n'))
