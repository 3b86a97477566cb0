"""A bad routine file never stops, slows or fools the app (issue 17, hole 3 and 7).

Each test builds the file the adversarial pass used and checks that the loader refuses it
with a message naming the file and, where there is one, the step and the field, while the
good routines beside it still load.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nightstretch.core import resources
from nightstretch.core.routine import Routine
from nightstretch.core.routine_loader import (
    MAX_FILE_BYTES,
    MAX_PROBLEMS,
    RoutineError,
    load_catalogue,
    load_routine_file,
)

GOOD = (resources.routines_dir() / "quick-calf.toml").read_text(encoding="utf-8")


def _user_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "user-routines"
    folder.mkdir()
    return folder


def _errors(folder: Path) -> list[str]:
    catalogue = load_catalogue(resources.routines_dir(), resources.assets_dir(), [folder])
    assert "quick-calf" in catalogue.routines, "the built-in routines must still load"
    return [line for error in catalogue.errors for line in error.lines]


def _load(path: Path) -> Routine:
    return load_routine_file(path, path.name, resources.assets_dir())


@pytest.mark.timeout(10)
def test_a_fifo_named_like_a_routine_is_refused_at_once(tmp_path: Path) -> None:
    folder = _user_folder(tmp_path)
    os.mkfifo(folder / "p.toml")
    (folder / "sub.toml").mkdir()
    assert sorted(_errors(folder)) == [
        f"{folder / 'p.toml'}: is not a regular file",
        f"{folder / 'sub.toml'}: is not a regular file",
    ]


def test_a_deeply_nested_array_is_a_message_not_a_crash(tmp_path: Path) -> None:
    folder = _user_folder(tmp_path)
    (folder / "deep.toml").write_text("a = " + "[" * 5000 + "]" * 5000, encoding="utf-8")
    assert _errors(folder) == [f"{folder / 'deep.toml'}: is nested too deeply to be a routine"]


def test_a_huge_file_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    folder = _user_folder(tmp_path)
    keys = "\n".join(f"k{i}.a.b = 1" for i in range(50_000))
    (folder / "keys.toml").write_text(keys, encoding="utf-8")
    started = time.monotonic()
    (line,) = _errors(folder)
    assert time.monotonic() - started < 5
    assert line.startswith(f"{folder / 'keys.toml'}: is too large (")
    assert f"at most {MAX_FILE_BYTES} bytes" in line


def test_many_problems_are_capped_so_the_message_stays_readable(tmp_path: Path) -> None:
    path = tmp_path / "many.toml"
    path.write_text("\n".join(f"k{i} = 1" for i in range(3000)), encoding="utf-8")
    with pytest.raises(RoutineError) as caught:
        _load(path)
    assert len(caught.value.problems) == MAX_PROBLEMS + 1
    assert caught.value.problems[-1].startswith("... and ")


def _with_step_field(field: str, value: str) -> str:
    """quick-calf with the first step's ``field`` replaced (TOML basic-string escaped)."""
    escaped = value.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    escaped = escaped.replace("\\x", "\\u00")
    lines = GOOD.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith(f"{field} = "))
    lines[first] = f'{field} = "{escaped}"'
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("title", "Calf\u202ekcab", "title must not contain control or text-direction characters"),
        ("title", "x" * 1001, "title must be at most 100 characters (got 1001)"),
        ("illustration", "a\x00.svg", "illustration must not contain control"),
        ("instructions", "Flex\x1b[31m", "instructions must not contain control"),
    ],
)
def test_hidden_characters_and_absurd_lengths_name_the_field(
    tmp_path: Path, field: str, value: str, expected: str
) -> None:
    path = tmp_path / "quick-calf.toml"
    path.write_text(_with_step_field(field, value), encoding="utf-8")
    with pytest.raises(RoutineError) as caught:
        _load(path)
    assert any(expected in line for line in caught.value.lines), caught.value.lines


def test_too_many_steps_are_refused(tmp_path: Path) -> None:
    head, _, step = GOOD.partition("[[steps]]")
    step_body = step.split("[[steps]]")[0]
    steps = "".join("[[steps]]" + step_body.replace('id = "', f'id = "n{i}-', 1) for i in range(41))
    path = tmp_path / "quick-calf.toml"
    path.write_text(head + steps, encoding="utf-8")
    with pytest.raises(RoutineError, match="steps must be at most 40 \\(got 41\\)"):
        _load(path)


SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'


@pytest.mark.parametrize(
    "body",
    [
        '<image xlink:href="/home/her/private.jpg" width="10" height="10"/>',
        "<image href='file:///etc/passwd'/>",
        '<rect style="fill: url(/tmp/x.svg#p)"/>',
        "<style>@import 'http://example.org/a.css';</style>",
    ],
)
def test_a_user_picture_that_points_outside_itself_is_refused(tmp_path: Path, body: str) -> None:
    folder = _user_folder(tmp_path)
    (folder / "own.svg").write_text(f"{SVG_HEAD}{body}</svg>", encoding="utf-8")
    (folder / "quick-calf.toml").write_text(
        _with_step_field("illustration", "own.svg"), encoding="utf-8"
    )
    errors = _errors(folder)
    assert len(errors) == 1
    assert 'step 1 "' in errors[0]
    assert 'illustration "own.svg" refers to something outside the picture' in errors[0]


def test_references_inside_the_picture_are_fine(tmp_path: Path) -> None:
    folder = _user_folder(tmp_path)
    svg = (
        f'{SVG_HEAD}<defs><linearGradient id="g"/></defs>'
        '<rect style="fill: url(#g)"/><use xlink:href="#g"/></svg>'
    )
    (folder / "own.svg").write_text(svg, encoding="utf-8")
    (folder / "quick-calf.toml").write_text(
        _with_step_field("illustration", "own.svg"), encoding="utf-8"
    )
    assert _errors(folder) == []


def test_every_shipped_routine_and_picture_passes_the_limits() -> None:
    catalogue = load_catalogue(resources.routines_dir(), resources.assets_dir())
    assert catalogue.errors == []
    assert len(catalogue.routines) >= 4


# -- mutation: whatever a file holds, the loader answers with a routine or a RoutineError --

_MUTATIONS = st.lists(
    st.tuples(
        st.sampled_from(["flip", "insert", "delete", "duplicate-line", "truncate"]),
        st.integers(min_value=0, max_value=len(GOOD.encode()) - 1),
        st.binary(min_size=1, max_size=8),
    ),
    min_size=1,
    max_size=6,
)


def _mutate(data: bytes, mutations: list[tuple[str, int, bytes]]) -> bytes:
    for kind, where, extra in mutations:
        if not data:
            data = extra
        at = where % len(data)
        if kind == "flip":
            data = data[:at] + bytes([data[at] ^ extra[0]]) + data[at + 1 :]
        elif kind == "insert":
            data = data[:at] + extra + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + len(extra) :]
        elif kind == "duplicate-line":
            lines = data.split(b"\n")
            index = at % len(lines)
            lines.insert(index, lines[index] * (1 + extra[0] % 3))
            data = b"\n".join(lines)
        else:
            data = data[:at]
    return data


@settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(mutations=_MUTATIONS)
def test_a_mutated_routine_file_never_raises_anything_else(
    tmp_path: Path, mutations: list[tuple[str, int, bytes]]
) -> None:
    path = tmp_path / "quick-calf.toml"
    path.write_bytes(_mutate(GOOD.encode(), mutations))
    refusal: RoutineError | None = None
    try:
        routine = _load(path)
    except RoutineError as error:
        refusal = error
    if refusal is None:
        assert routine.steps and len(routine.title) <= 100
    else:
        assert refusal.lines, "a refusal must say why"
        assert all(line.startswith("quick-calf.toml: ") for line in refusal.lines)
        assert len(refusal.problems) <= MAX_PROBLEMS + 1
