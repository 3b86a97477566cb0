"""Settings problems travel in pieces (field, value, message), worded only where shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from nightstretch.store.settings import Settings, SettingsFile, SettingsProblem


def test_a_bad_value_names_its_field_value_and_rule() -> None:
    _, problems = Settings.from_mapping({"glass_ml": 5, "colour": "red"})
    bad, unknown = problems
    assert (bad.field, bad.value, bad.message) == ("glass_ml", 5, "must be between 50 and 1000")
    assert bad.sentence() == '"glass_ml" must be between 50 and 1000 (got 5); using the default'
    assert bad.sentence(with_fallback=False) == '"glass_ml" must be between 50 and 1000 (got 5)'
    assert (unknown.field, unknown.value, unknown.kind) == ("colour", "red", "unknown")
    assert str(unknown) == '"colour" is not a setting Nightstretch knows (ignored)'
    assert unknown.sentence(with_fallback=False) == '"colour" is not a setting Nightstretch knows'


def test_a_rule_between_fields_names_the_field_to_fix() -> None:
    _, [problem] = Settings(water_start="10:00", water_end="09:30").validate()
    assert (problem.field, problem.value) == ("water_end", "09:30")
    assert problem.message == 'must be after "water_start" (10:00)'
    assert problem.sentence(with_fallback=False) == (
        '"water_end" (09:30) must be after "water_start" (10:00)'
    )


def test_a_value_json_cannot_spell_is_shown_as_python_would() -> None:
    problem = SettingsProblem("bedtimes", {1, 2}, "has the wrong shape")
    assert problem.sentence() == '"bedtimes" has the wrong shape (got {1, 2})'


@pytest.mark.parametrize(
    ("text", "named"),
    [("{not json", True), ("[1, 2]", False), (json.dumps({"theme": "dusk"}), False)],
)
def test_the_start_notices_say_once_where_the_old_file_went(
    tmp_path: Path, text: str, named: bool
) -> None:
    path = tmp_path / "settings.json"
    path.write_text(text)
    loaded = SettingsFile(path).load()
    assert loaded.kept_copy is not None
    [problem] = loaded.problems
    notices = loaded.notices()
    assert notices[0] == str(problem)
    told = [line for line in notices if "kept as" in line]
    assert len(told) == 1
    if named:
        assert problem.field == "" and problem.kind == "file" and len(notices) == 1
    else:
        assert notices[1] == f"your file as it was is kept as {loaded.kept_copy}."


def test_a_file_without_problems_has_no_notices(tmp_path: Path) -> None:
    file = SettingsFile(tmp_path / "settings.json")
    assert file.load().notices() == []
    file.save(Settings(sound=False))
    assert file.load().notices() == []
