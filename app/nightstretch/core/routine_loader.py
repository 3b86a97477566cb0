"""Strict loading of ``routines/*.toml``.

A routine is health content read aloud to someone standing at a wall, so a typo must be
caught with a message that names the file, the step and the field, and one bad file must
never keep the good ones from loading.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from nightstretch.core.i18n import current_language
from nightstretch.core.routine import Cues, Kind, Position, Routine, Side, Step
from nightstretch.core.routine_translations import localize, translation_problems

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DURATION_RANGE = (3, 600)
REST_RANGE = (0, 600)
REPEATS_RANGE = (1, 10)
TRANSITION_RANGE = (0, 60)
WEEK_RANGE = (1, 45)
BACK_LYING_LAST_WEEK = 20

# Limits: a routine file is a few kilobytes of text read aloud to someone at a wall. Anything
# far beyond these is a mistake or an attack, and must never slow down or stop the app.
MAX_FILE_BYTES = 64 * 1024
MAX_PICTURE_BYTES = 2 * 1024 * 1024
MAX_STEPS = 40
MAX_SOURCES = 20
MAX_PROBLEMS = 20
TEXT_LIMITS = {
    "id": 64,
    "title": 100,
    "summary": 400,
    "instructions": 1500,
    "caution": 400,
    "alternative": 64,
    "illustration": 200,
    "position": 20,
    "kind": 20,
    "source": 200,
}
CUE_LIMIT = 300
_BAD_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control characters (newline and tab aside) and the bidirectional overrides and isolates,
which can make a title display as something other than what it says."""

ROUTINE_KEYS = frozenset(
    {
        "id",
        "title",
        "summary",
        "kind",
        "sources",
        "steps",
        "get_ready_s",
        "switch_s",
        "translations",
    }
)
STEP_KEYS = frozenset(
    {
        "id",
        "title",
        "instructions",
        "duration_s",
        "sides",
        "repeats",
        "rest_after_s",
        "position",
        "illustration",
        "caution",
        "avoid_from_week",
        "alternative",
        "cues",
    }
)
CUE_KEYS = frozenset({"start", "switch", "halfway", "finish"})

E = TypeVar("E", Kind, Position)


class RoutineError(Exception):
    """All problems found in one routine file, one line each."""

    def __init__(self, origin: str, problems: list[str]) -> None:
        self.origin = origin
        if len(problems) > MAX_PROBLEMS:
            more = len(problems) - MAX_PROBLEMS
            problems = [*problems[:MAX_PROBLEMS], f"... and {more} more problems"]
        self.problems = problems
        super().__init__("\n".join(f"{origin}: {problem}" for problem in problems))

    @property
    def lines(self) -> list[str]:
        return [f"{self.origin}: {problem}" for problem in self.problems]


def _type_name(value: object) -> str:
    return {
        bool: "true/false",
        int: "a number",
        float: "a decimal number",
        str: "text",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)


def checked_text(value: str, key: str, limit: int, problem: Callable[[str], None]) -> str | None:
    """Text she will read or hear: not empty, not absurdly long, no hidden characters."""
    text = value.strip()
    if not text:
        problem(f"{key} must not be empty")
        return None
    if len(text) > limit:
        problem(f"{key} must be at most {limit} characters (got {len(text)})")
        return None
    bad = _BAD_CHARS.search(text)
    if bad is not None:
        problem(
            f"{key} must not contain control or text-direction characters "
            f"(found U+{ord(bad.group()):04X} at character {bad.start() + 1})"
        )
        return None
    return text


class _Reader:
    """Reads typed fields out of one TOML table, collecting problems instead of raising."""

    def __init__(self, table: Mapping[str, Any], where: str, problems: list[str]) -> None:
        self.table = table
        self.where = where
        self.problems = problems

    def problem(self, text: str) -> None:
        self.problems.append(f"{self.where}{text}")

    def unknown_keys(self, allowed: frozenset[str]) -> None:
        for key in self.table:
            if key not in allowed:
                self.problem(f'unknown key "{key}"')

    def text(self, key: str, *, required: bool = True, limit: int | None = None) -> str | None:
        value = self.table.get(key)
        if value is None:
            if required:
                self.problem(f"{key} is missing")
            return None
        if not isinstance(value, str):
            self.problem(f"{key} must be text (got {_type_name(value)})")
            return None
        return checked_text(value, key, limit or TEXT_LIMITS.get(key, CUE_LIMIT), self.problem)

    def integer(self, key: str, bounds: tuple[int, int], default: int | None = None) -> int | None:
        value = self.table.get(key)
        if value is None:
            if default is None:
                self.problem(f"{key} is missing")
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(f"{key} must be a whole number (got {_type_name(value)})")
            return None
        low, high = bounds
        if not low <= value <= high:
            self.problem(f"{key} must be between {low} and {high} (got {value})")
            return None
        return value

    def choice(self, key: str, enum: type[E]) -> E | None:
        raw = self.text(key)
        if raw is None:
            return None
        try:
            return enum(raw)
        except ValueError:
            allowed = " | ".join(member.value for member in enum)
            self.problem(f'{key} must be one of {allowed} (got "{raw}")')
            return None


def parse_routine(
    data: Mapping[str, Any],
    origin: str,
    *,
    expected_id: str | None,
    find_asset: Callable[[str], Path | None],
) -> Routine:
    """Build a Routine or raise RoutineError listing every problem found."""
    problems: list[str] = []
    top = _Reader(data, "", problems)
    top.unknown_keys(ROUTINE_KEYS)

    routine_id = top.text("id")
    if routine_id is not None:
        if not ID_RE.match(routine_id):
            top.problem(f'id must use lowercase letters, digits and hyphens (got "{routine_id}")')
        elif expected_id is not None and routine_id != expected_id:
            top.problem(f'id must match the file name "{expected_id}" (got "{routine_id}")')
    title = top.text("title")
    summary = top.text("summary")
    kind = top.choice("kind", Kind)
    get_ready_s = top.integer("get_ready_s", TRANSITION_RANGE, default=5)
    switch_s = top.integer("switch_s", TRANSITION_RANGE, default=5)
    sources = _sources(data.get("sources"), top)

    raw_steps = data.get("steps")
    steps: list[Step] = []
    if raw_steps is None:
        top.problem("steps is missing: a routine needs at least one [[steps]] table")
    elif not isinstance(raw_steps, list) or not all(isinstance(s, dict) for s in raw_steps):
        top.problem(f"steps must be a list of [[steps]] tables (got {_type_name(raw_steps)})")
    elif not raw_steps:
        top.problem("steps must not be empty")
    elif len(raw_steps) > MAX_STEPS:
        top.problem(f"steps must be at most {MAX_STEPS} (got {len(raw_steps)})")
    else:
        seen: set[str] = set()
        for number, raw in enumerate(raw_steps, start=1):
            step = _parse_step(raw, number, seen, problems, find_asset)
            if step is not None:
                steps.append(step)
        _check_alternatives(raw_steps, problems)

    problems += translation_problems(
        data, lambda value, key, problem: checked_text(value, key, _limit(key), problem)
    )
    if problems:
        raise RoutineError(origin, problems)
    assert routine_id and title and summary and kind and get_ready_s is not None
    assert switch_s is not None
    routine = Routine(
        id=routine_id,
        title=title,
        summary=summary,
        kind=kind,
        sources=sources,
        steps=tuple(steps),
        get_ready_s=get_ready_s,
        switch_s=switch_s,
        origin=origin,
    )
    return localize(routine, data, current_language())


def _limit(key: str) -> int:
    return TEXT_LIMITS.get(key, CUE_LIMIT)


def _sources(value: object, top: _Reader) -> tuple[str, ...]:
    if value is None:
        top.problem("sources is missing: name the seed documents the text draws on")
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        top.problem(f"sources must be a list of file names (got {_type_name(value)})")
        return ()
    if not value:
        top.problem("sources must name at least one document")
    if len(value) > MAX_SOURCES:
        top.problem(f"sources must name at most {MAX_SOURCES} documents (got {len(value)})")
        return ()
    checked = [checked_text(v, "sources", TEXT_LIMITS["source"], top.problem) for v in value]
    return tuple(v for v in checked if v is not None)


def _parse_step(
    raw: Mapping[str, Any],
    number: int,
    seen: set[str],
    problems: list[str],
    find_asset: Callable[[str], Path | None],
) -> Step | None:
    raw_id = raw.get("id")
    label = f'"{raw_id}"' if isinstance(raw_id, str) else "(no id)"
    before = len(problems)
    r = _Reader(raw, f"step {number} {label}: ", problems)
    r.unknown_keys(STEP_KEYS)

    step_id = r.text("id")
    if step_id is not None:
        if not ID_RE.match(step_id):
            r.problem(f'id must use lowercase letters, digits and hyphens (got "{step_id}")')
        elif step_id in seen:
            r.problem(f'id "{step_id}" is used by an earlier step')
        seen.add(step_id)
    title = r.text("title")
    instructions = r.text("instructions")
    duration = r.integer("duration_s", DURATION_RANGE)
    repeats = r.integer("repeats", REPEATS_RANGE, default=1)
    rest_after = r.integer("rest_after_s", REST_RANGE, default=0)
    position = r.choice("position", Position)
    caution = r.text("caution", required=False)
    avoid = r.integer("avoid_from_week", WEEK_RANGE, default=0) or None
    if position is Position.BACK_LYING and (avoid is None or avoid > BACK_LYING_LAST_WEEK):
        r.problem(
            "avoid_from_week must be set to 20 or earlier for a back-lying step "
            "(lying flat on the back presses on the big vein from week 20)"
        )
    alternative = r.text("alternative", required=False)
    if alternative is not None and not ID_RE.match(alternative):
        r.problem(f'alternative must be a step id (got "{alternative}")')
    sides = _sides(raw.get("sides"), r)
    illustration = r.text("illustration")
    picture = find_asset(illustration) if illustration is not None else None
    if illustration is not None and picture is None:
        r.problem(f'illustration file "{illustration}" was not found')
    elif picture is not None:
        outside = picture_problem(picture)
        if outside is not None:
            r.problem(f'illustration "{illustration}" {outside}')
            picture = None
    cues = _cues(raw.get("cues"), r)

    if len(problems) > before:
        return None
    assert step_id and title and instructions and duration and repeats and position
    assert rest_after is not None and illustration is not None and picture is not None
    return Step(
        id=step_id,
        title=title,
        instructions=instructions,
        duration_s=duration,
        position=position,
        illustration=illustration,
        picture=picture,
        sides=sides,
        repeats=repeats,
        rest_after_s=rest_after,
        caution=caution,
        avoid_from_week=avoid,
        alternative=alternative,
        cues=cues,
    )


def _check_alternatives(raw_steps: list[Mapping[str, Any]], problems: list[str]) -> None:
    """An alternative stands in for an avoided step, so it must itself be safe in every week.

    Works on the raw tables so a problem is found even when another field of a step is bad.
    """
    by_id = {raw.get("id"): raw for raw in raw_steps if isinstance(raw.get("id"), str)}
    for number, raw in enumerate(raw_steps, start=1):
        target = raw.get("alternative")
        if not isinstance(target, str) or not ID_RE.match(target):
            continue  # missing, or already reported by _parse_step
        own_id = raw.get("id")
        where = f'step {number} "{own_id}": ' if isinstance(own_id, str) else f"step {number}: "
        other = by_id.get(target)
        if target == own_id:
            problems.append(f"{where}alternative must name another step, not the step itself")
        elif other is None:
            problems.append(f'{where}alternative "{target}" is not a step of this routine')
        elif other.get("avoid_from_week") is not None:
            problems.append(
                f'{where}alternative "{target}" must be allowed in every week '
                "(it has avoid_from_week itself)"
            )
        elif other.get("alternative") is not None:
            problems.append(f'{where}alternative "{target}" must not have an alternative itself')
        if raw.get("avoid_from_week") is None:
            problems.append(
                f"{where}alternative is only played in place of an avoided step; "
                "set avoid_from_week as well"
            )


def _sides(value: object, r: _Reader) -> tuple[Side, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        r.problem(f'sides must be a list such as ["left", "right"] (got {_type_name(value)})')
        return ()
    result: list[Side] = []
    for item in value:
        try:
            side = Side(item)
        except ValueError:
            r.problem(f'sides may only contain "left" and "right" (got {item!r})')
            return ()
        if side in result:
            r.problem(f'sides lists "{side}" twice')
            return ()
        result.append(side)
    return tuple(result)


def _cues(value: object, r: _Reader) -> Cues:
    if value is None:
        return Cues()
    if not isinstance(value, dict):
        r.problem(f"cues must be a table (got {_type_name(value)})")
        return Cues()
    cue_reader = _Reader(value, f"{r.where}cues.", r.problems)
    cue_reader.unknown_keys(CUE_KEYS)
    return Cues(
        start=cue_reader.text("start", required=False),
        switch=cue_reader.text("switch", required=False),
        halfway=cue_reader.text("halfway", required=False),
        finish=cue_reader.text("finish", required=False),
    )


def load_routine_file(path: Path, origin: str, assets_dir: Path) -> Routine:
    """Read and validate one file; ``origin`` is the name used in messages."""
    raw = read_limited(path, origin, MAX_FILE_BYTES)
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise RoutineError(origin, ["is not UTF-8 text"]) from exc
    except tomllib.TOMLDecodeError as exc:
        raise RoutineError(origin, [f"is not valid TOML: {exc}"]) from exc
    except RecursionError as exc:
        raise RoutineError(origin, ["is nested too deeply to be a routine"]) from exc
    roots = (path.parent.resolve(), assets_dir.resolve())
    return parse_routine(
        data,
        origin,
        expected_id=path.stem,
        find_asset=lambda rel: _find_asset(roots, rel),
    )


def read_limited(path: Path, origin: str, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or a RoutineError.

    Opened without blocking and checked after opening, so a FIFO, a device or a folder
    named ``*.toml`` is refused at once instead of hanging or flooding the app.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise RoutineError(origin, [f"cannot be read ({reason})"]) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise RoutineError(origin, ["is not a regular file"])
        if info.st_size > limit:
            raise RoutineError(
                origin, [f"is too large ({info.st_size} bytes; at most {limit} bytes)"]
            )
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise RoutineError(origin, [f"cannot be read ({exc.strerror or exc})"]) from exc
    finally:
        os.close(fd)
    if len(data) > limit:
        raise RoutineError(origin, [f"is too large (more than {limit} bytes)"])
    return data


_SVG_OUTSIDE = re.compile(
    rb"""(?:\b(?:xlink:)?href\s*=\s*["']\s*(?!#)[^"'\s]"""
    rb"""|url\(\s*["']?\s*(?!#)[^)"'\s]"""
    rb"""|<!ENTITY|<!DOCTYPE[^>]*\[|@import|<\?xml-stylesheet)""",
    re.IGNORECASE,
)


def picture_problem(picture: Path) -> str | None:
    """Why a picture may not be shown, or None.

    A shared routine's SVG could point at any file on her computer (``<image href=
    "/home/...">``, CSS ``url()``, an external entity), and Qt would draw it. Pictures must
    carry everything they show; only references inside the picture itself (``#id``) pass.
    """
    if picture.suffix.lower() not in (".svg", ".svgz"):
        return None
    if picture.suffix.lower() == ".svgz":
        return "must be a plain .svg file (compressed .svgz cannot be checked)"
    try:
        data = read_limited(picture, str(picture), MAX_PICTURE_BYTES)
    except RoutineError as error:
        return error.problems[0]
    match = _SVG_OUTSIDE.search(data)
    if match is not None:
        found = match.group().decode("utf-8", "replace")
        return (
            f"refers to something outside the picture ({found.strip()}...); "
            "pictures must be self-contained"
        )
    return None


def _find_asset(roots: tuple[Path, ...], relative: str) -> Path | None:
    """A user routine may bring its own pictures next to it; built-in ones use assets/.

    ``roots`` are already resolved: resolving walks the whole path, once per file is enough.
    """
    for base in roots:
        try:
            candidate = (base / relative).resolve()
            if candidate.is_relative_to(base) and candidate.is_file():
                return candidate
        except (OSError, ValueError):
            return None
    return None


@dataclass
class Catalogue:
    """The routines that loaded, plus what the user should be told about the rest."""

    routines: dict[str, Routine] = field(default_factory=dict)
    errors: list[RoutineError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def ids(self) -> list[str]:
        return sorted(self.routines)


def load_catalogue(
    builtin_dir: Path, assets_dir: Path, user_dirs: Iterable[Path] = ()
) -> Catalogue:
    """Built-in routines first; each user folder may add routines or shadow built-in ones."""
    catalogue = Catalogue()
    _load_dir(catalogue, builtin_dir, assets_dir, lambda p: f"routines/{p.name}")
    for user_dir in user_dirs:
        _load_dir(catalogue, user_dir, assets_dir, str, user=True)
    return catalogue


def _load_dir(
    catalogue: Catalogue,
    folder: Path,
    assets_dir: Path,
    name: Callable[[Path], str],
    *,
    user: bool = False,
) -> None:
    if not folder.is_dir():
        return
    try:
        paths = sorted(folder.glob("*.toml"))
    except OSError as exc:
        catalogue.errors.append(RoutineError(str(folder), [f"cannot be listed ({exc})"]))
        return
    for path in paths:
        origin = name(path)
        try:
            routine = load_routine_file(path, origin, assets_dir)
        except RoutineError as error:
            catalogue.errors.append(error)
            continue
        except Exception as exc:  # one bad file must never stop the app
            catalogue.errors.append(RoutineError(origin, [f"could not be loaded ({exc!r})"]))
            continue
        previous = catalogue.routines.get(routine.id)
        if previous is not None and user:
            catalogue.notices.append(
                f'{origin}: replaces the built-in routine "{routine.id}" ({previous.origin})'
            )
        catalogue.routines[routine.id] = routine
