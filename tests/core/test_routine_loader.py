from __future__ import annotations

from pathlib import Path

import pytest
from nightstretch.core import resources
from nightstretch.core.routine import Kind, Position, Routine, Side
from nightstretch.core.routine_loader import RoutineError, load_catalogue, load_routine_file

GOOD = """
id = "{rid}"
title = "Wall stretch"
summary = "A short one."
kind = "evening"
sources = ["002_338422ce80f7efa0.txt"]

[[steps]]
id = "pumps"
title = "Ankle pumps"
instructions = "Flex the foot toward the shin."
duration_s = 20
position = "sitting"
illustration = "illustrations/ankle-pumps.svg"

[[steps]]
id = "wall-stretch"
title = "Wall calf stretch"
instructions = "Hands on the wall."
duration_s = 30
sides = ["left", "right"]
repeats = 2
rest_after_s = 5
position = "standing"
illustration = "illustrations/wall-calf-stretch.svg"
caution = "Stop if your belly tightens."
cues = {{ halfway = "Halfway there.", switch = "Other leg now." }}
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def load(path: Path) -> Routine:
    return load_routine_file(path, f"routines/{path.name}", resources.assets_dir())


def problems_of(tmp_path: Path, text: str, name: str = "r") -> list[str]:
    with pytest.raises(RoutineError) as caught:
        load(write(tmp_path, name, text))
    return caught.value.lines


def test_good_file_loads_every_field(tmp_path: Path) -> None:
    routine = load(write(tmp_path, "good", GOOD.format(rid="good")))
    assert routine.id == "good"
    assert routine.kind is Kind.EVENING
    pumps, wall = routine.steps
    assert pumps.position is Position.SITTING
    assert pumps.sides == () and pumps.repeats == 1 and pumps.rest_after_s == 0
    assert wall.sides == (Side.LEFT, Side.RIGHT)
    assert wall.repeats == 2 and wall.rest_after_s == 5
    assert wall.caution == "Stop if your belly tightens."
    assert wall.cues.halfway == "Halfway there." and wall.cues.start is None
    assert wall.picture == resources.assets_dir().resolve() / "illustrations/wall-calf-stretch.svg"
    assert routine.get_ready_s == 5 and routine.switch_s == 5


def replace_in_step(field_line: str, new_line: str, step: int = 2) -> str:
    parts = GOOD.format(rid="r").split("[[steps]]")
    parts[step] = parts[step].replace(field_line, new_line)
    return "[[steps]]".join(parts)


def test_duration_out_of_range_names_file_step_and_field(tmp_path: Path) -> None:
    text = replace_in_step("duration_s = 30", "duration_s = 0")
    assert problems_of(tmp_path, text) == [
        'routines/r.toml: step 2 "wall-stretch": duration_s must be between 3 and 600 (got 0)'
    ]
    text = replace_in_step("duration_s = 30", "duration_s = 601")
    assert "between 3 and 600 (got 601)" in problems_of(tmp_path, text)[0]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("duration_s = 30", 'duration_s = "30"', "duration_s must be a whole number (got text)"),
        (
            "duration_s = 30",
            "duration_s = 30.5",
            "duration_s must be a whole number (got a decimal number)",
        ),
        (
            "duration_s = 30",
            "duration_s = true",
            "duration_s must be a whole number (got true/false)",
        ),
        ("duration_s = 30\n", "", "duration_s is missing"),
        (
            'position = "standing"',
            'position = "upside-down"',
            'position must be one of standing | sitting | side-lying | back-lying | walking (got "upside-down")',
        ),
        ('position = "standing"', "position = 3", "position must be text (got a number)"),
        ("repeats = 2", "repeats = 0", "repeats must be between 1 and 10 (got 0)"),
        (
            "rest_after_s = 5",
            "rest_after_s = -1",
            "rest_after_s must be between 0 and 600 (got -1)",
        ),
        (
            'sides = ["left", "right"]',
            'sides = ["left", "middle"]',
            'sides may only contain "left" and "right" (got \'middle\')',
        ),
        ('sides = ["left", "right"]', 'sides = ["left", "left"]', 'sides lists "left" twice'),
        ('sides = ["left", "right"]', 'sides = "both"', "sides must be a list"),
        ('sides = ["left", "right"]', "sides = []", "sides must be a list"),
        (
            'illustration = "illustrations/wall-calf-stretch.svg"',
            'illustration = "illustrations/nope.svg"',
            'illustration file "illustrations/nope.svg" was not found',
        ),
        (
            'illustration = "illustrations/wall-calf-stretch.svg"',
            'illustration = "../../etc/passwd"',
            'illustration file "../../etc/passwd" was not found',
        ),
        ('caution = "Stop if your belly tightens."', 'caution = ""', "caution must not be empty"),
        ("duration_s = 30", "duration_s = 30\ndurration = 3", 'unknown key "durration"'),
        ('halfway = "Halfway there."', 'halfway = "x", shout = "y"', 'cues.unknown key "shout"'),
        (
            'cues = { halfway = "Halfway there.", switch = "Other leg now." }',
            'cues = "loud"',
            "cues must be a table (got text)",
        ),
        ('title = "Wall calf stretch"', "title = 5", "title must be text (got a number)"),
        (
            'id = "wall-stretch"',
            'id = "Wall Stretch"',
            'id must use lowercase letters, digits and hyphens (got "Wall Stretch")',
        ),
        ('id = "wall-stretch"', 'id = "pumps"', 'id "pumps" is used by an earlier step'),
    ],
)
def test_step_errors(tmp_path: Path, old: str, new: str, message: str) -> None:
    text = replace_in_step(old, new)
    assert text != GOOD.format(rid="r"), "the test did not change the file"
    lines = problems_of(tmp_path, text)
    assert len(lines) == 1, lines
    assert lines[0].startswith('routines/r.toml: step 2 "')
    assert message in lines[0]


def test_back_lying_needs_a_week_limit(tmp_path: Path) -> None:
    text = replace_in_step('position = "standing"', 'position = "back-lying"')
    assert "avoid_from_week must be set to 20 or earlier" in problems_of(tmp_path, text)[0]
    ok = replace_in_step('position = "standing"', 'position = "back-lying"\navoid_from_week = 20')
    routine = load(write(tmp_path, "r", ok))
    assert routine.steps[1].avoid_from_week == 20
    late = replace_in_step('position = "standing"', 'position = "back-lying"\navoid_from_week = 30')
    assert "avoid_from_week must be set to 20 or earlier" in problems_of(tmp_path, late)[0]
    zero = replace_in_step("repeats = 2", "repeats = 2\navoid_from_week = 0")
    assert "avoid_from_week must be between 1 and 45 (got 0)" in problems_of(tmp_path, zero)[0]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('kind = "evening"', 'kind = "morning"', "kind must be one of evening | rescue | daytime"),
        ('kind = "evening"\n', "", "kind is missing"),
        (
            'summary = "A short one."',
            'summary = "A short one."\ncolour = "blue"',
            'unknown key "colour"',
        ),
        (
            'sources = ["002_338422ce80f7efa0.txt"]',
            "sources = []",
            "sources must name at least one",
        ),
        ('sources = ["002_338422ce80f7efa0.txt"]', 'sources = "seed"', "sources must be a list"),
        ('sources = ["002_338422ce80f7efa0.txt"]\n', "", "sources is missing"),
        ('id = "r"', 'id = "other"', 'id must match the file name "r" (got "other")'),
        ('id = "r"', 'id = "R_1"', "id must use lowercase letters"),
        (
            'kind = "evening"',
            'kind = "evening"\nget_ready_s = 61',
            "get_ready_s must be between 0 and 60",
        ),
    ],
)
def test_routine_errors(tmp_path: Path, old: str, new: str, message: str) -> None:
    text = GOOD.format(rid="r").replace(old, new, 1)
    lines = problems_of(tmp_path, text)
    assert len(lines) == 1, lines
    assert lines[0].startswith("routines/r.toml: ")
    assert message in lines[0]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = replace_in_step("duration_s = 30", "duration_s = 0")
    text = text.replace('kind = "evening"', 'kind = "morning"')
    text = text.replace("duration_s = 20", "duration_s = 2")
    lines = problems_of(tmp_path, text)
    assert len(lines) == 3
    assert any('step 1 "pumps": duration_s' in line for line in lines)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('id = "r"\ntitle = ', "is not valid TOML"),
        ('id = "r"\n', "steps is missing"),
        ('id = "r"\nsteps = []', "steps must not be empty"),
        ('id = "r"\nsteps = [1, 2]', "steps must be a list of [[steps]] tables"),
    ],
)
def test_broken_files(tmp_path: Path, text: str, message: str) -> None:
    assert any(message in line for line in problems_of(tmp_path, text))


def test_not_utf8_and_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "bin.toml"
    path.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(RoutineError, match="is not UTF-8"):
        load(path)
    with pytest.raises(RoutineError, match="cannot be read"):
        load(tmp_path / "missing.toml")


def test_user_picture_next_to_the_routine(tmp_path: Path) -> None:
    user = tmp_path / "user"
    (user / "pics").mkdir(parents=True)
    (user / "pics" / "me.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    text = replace_in_step(
        'illustration = "illustrations/wall-calf-stretch.svg"', 'illustration = "pics/me.svg"'
    )
    routine = load(write(user, "r", text))
    assert routine.steps[1].picture == (user / "pics" / "me.svg").resolve()


def test_catalogue_loads_good_reports_bad_and_shadowing(tmp_path: Path) -> None:
    builtin = tmp_path / "builtin"
    user = tmp_path / "user"
    write(builtin, "alpha", GOOD.format(rid="alpha"))
    write(builtin, "beta", GOOD.format(rid="beta").replace("duration_s = 30", "duration_s = 0"))
    write(user, "alpha", GOOD.format(rid="alpha").replace("Wall stretch", "My own"))
    write(user, "gamma", GOOD.format(rid="gamma"))
    catalogue = load_catalogue(builtin, resources.assets_dir(), [user, tmp_path / "absent"])
    assert catalogue.ids() == ["alpha", "gamma"]
    assert catalogue.routines["alpha"].title == "My own"
    assert len(catalogue.errors) == 1
    assert catalogue.errors[0].lines[0].startswith('routines/beta.toml: step 2 "wall-stretch"')
    assert catalogue.notices == [
        f'{user / "alpha.toml"}: replaces the built-in routine "alpha" (routines/alpha.toml)'
    ]


def test_shipped_routines_all_load() -> None:
    catalogue = load_catalogue(resources.routines_dir(), resources.assets_dir())
    assert catalogue.errors == []
    assert {"pre-bed-calf", "cramp-rescue", "quick-calf", "daytime-leg-break"} <= set(
        catalogue.ids()
    )
