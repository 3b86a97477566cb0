"""Years of made-up but plausible logbook data, for measuring History and the report.

``fill`` writes about 2 000 sessions, 20 000 water entries and 3 000 cramps over five
years (with check-ins and a few paused or sick nights) in one transaction per table, so
it takes seconds rather than the minutes that one transaction per row would. The data
follows repeating 40-week pregnancies: cramps grow more frequent in later weeks and are
less frequent on nights after the routine, so the History insight has something to show.
Same seed, same data.

Run: ``python tools/synthetic_data.py --home DIR [--nights N] [--seed N] [--end-night DATE]``
(refuses a logbook that already holds entries, so it never mixes with real ones).
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``app`` importable from a checkout
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nightstretch.store.logbook import Logbook
from nightstretch.store.paths import AppPaths

ZONE: tzinfo = timezone(timedelta(hours=1))
"""A fixed offset: the generated nights never depend on the machine's time zone."""
PREGNANCY_NIGHTS = 280
HELPED = (
    None,
    None,
    "stretched the calf",
    "flexed the foot toward the shin",
    "stood on the leg",
    "massage",
    "walked around",
    "warm shower",
)
SIGNS = ("swelling", "redness", "warmth", "pain_not_easing")


@dataclass
class _Rows:
    sessions: list[tuple[object, ...]] = field(default_factory=list)
    water: list[tuple[object, ...]] = field(default_factory=list)
    cramps: list[tuple[object, ...]] = field(default_factory=list)
    checkins: list[tuple[object, ...]] = field(default_factory=list)
    marks: list[tuple[object, ...]] = field(default_factory=list)


def _stamp(local: datetime) -> tuple[str, int]:
    offset = local.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    return local.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), minutes


def _at(day: date, hour: float, rng: random.Random, spread_min: int) -> datetime:
    """A moment around ``hour`` (may be past 24 for after midnight) on ``day``."""
    minutes = int(hour * 60) + rng.randint(-spread_min, spread_min)
    return datetime.combine(day, time(), ZONE) + timedelta(minutes=minutes)


def _night(rng: random.Random, rows: _Rows, day: date, index: int, marked: bool) -> None:
    night = day.isoformat()
    phase = (index % PREGNANCY_NIGHTS) / PREGNANCY_NIGHTS  # 0 early, 1 near the due date
    # Evening routine: most nights, sometimes a false start before the real one.
    done = False
    if rng.random() < (0.35 if marked else 0.9):
        starts = 2 if rng.random() < 0.22 else 1
        for n in range(starts):
            started = _at(day, 22.0 + 0.3 * n, rng, 40)
            completed = n == starts - 1 and rng.random() < 0.88
            done = done or completed
            total = 8
            steps = total if completed else rng.randint(1, total - 1)
            ended = started + timedelta(minutes=rng.randint(3, 12))
            feeling = rng.choice(("better", "same", "tight", None)) if completed else None
            s_utc, offset = _stamp(started)
            e_utc, _ = _stamp(ended)
            status = "completed" if completed else "partial"
            rows.sessions.append(
                ("pre-bed-calf", s_utc, e_utc, offset, night, steps, total, status, feeling)
            )
    # Water through the day, ending well before bed.
    for _ in range(rng.randint(7, 15)):
        at = _at(day, rng.uniform(8.0, 20.0), rng, 0)
        utc, offset = _stamp(at)
        ml = rng.choice((100, 150, 200, 200, 250, 250, 300))
        rows.water.append((utc, offset, night, ml, rng.choice(("app", "reminder", "tray"))))
    # Cramps: more later in pregnancy, fewer after a routine night.
    chance = min(0.97, 0.3 + 0.9 * phase) * (0.7 if done else 1.0)
    count = 0
    if rng.random() < chance:
        count = 1 + sum(rng.random() < 0.5 for _ in range(5))
    logged = 0
    for _ in range(count):
        if rng.random() < 0.1:
            continue  # felt, only counted in the morning check-in
        happened = _at(day, rng.uniform(24.5, 29.5), rng, 0)
        typed = _at(day, 32.0, rng, 60)
        h_utc, offset = _stamp(happened)
        t_utc, _ = _stamp(typed)
        signs = [int(rng.random() < 0.004) for _ in SIGNS]
        rows.cramps.append(
            (
                h_utc,
                t_utc,
                offset,
                night,
                rng.choice(("left", "right", "right", "left", "both")),
                rng.choice(("calf",) * 8 + ("foot", "thigh")),
                min(10, max(1, round(rng.gauss(5 + 2 * phase, 2)))),
                rng.choice((None, 1, 2, 2, 3, 5, 10)),
                rng.choice(HELPED),
                *signs,
            )
        )
        logged += 1
    if rng.random() < 0.8:
        answered = _at(day, 32.5, rng, 45)
        a_utc, offset = _stamp(answered)
        rows.checkins.append((night, a_utc, offset, max(count, logged)))


def fill(
    book: Logbook,
    nights: int = 5 * 365,
    seed: int = 1,
    end_night: str | None = None,
) -> dict[str, int]:
    """Add ``nights`` nights of data ending with ``end_night`` (default: last night).

    Returns the number of rows added per table.
    """
    rng = random.Random(seed)
    last = date.fromisoformat(end_night) if end_night else date.today() - timedelta(days=1)
    first = last - timedelta(days=nights - 1)
    rows = _Rows()
    marked: set[date] = set()
    for _ in range(max(1, nights // 90)):  # a few paused or sick spells
        start = first + timedelta(days=rng.randrange(nights))
        mark = rng.choice(("paused", "sick"))
        for n in range(rng.randint(1, 4)):
            day = start + timedelta(days=n)
            if day <= last and day not in marked:
                marked.add(day)
                rows.marks.append((day.isoformat(), mark))
    for index in range(nights):
        day = first + timedelta(days=index)
        _night(rng, rows, day, index, day in marked)
    session_cols = (
        "routine_id",
        "started_utc",
        "ended_utc",
        "utc_offset_min",
        "night_date",
        "steps_done",
        "steps_total",
        "status",
        "feeling",
    )
    cramp_cols = (
        "happened_utc",
        "logged_utc",
        "utc_offset_min",
        "night_date",
        "leg",
        "muscle",
        "severity",
        "duration_min",
        "helped",
        *SIGNS,
    )
    return {
        "sessions": book.insert_many("sessions", session_cols, rows.sessions),
        "water": book.insert_many(
            "water", ("at_utc", "utc_offset_min", "night_date", "ml", "source"), rows.water
        ),
        "cramps": book.insert_many("cramps", cramp_cols, rows.cramps),
        "checkins": book.insert_many(
            "checkins",
            ("night_date", "answered_utc", "utc_offset_min", "cramp_count"),
            rows.checkins,
        ),
        "day_marks": book.insert_many("day_marks", ("night_date", "mark"), rows.marks),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", required=True, metavar="DIR", help="a Nightstretch --home")
    parser.add_argument("--nights", type=int, default=5 * 365, metavar="N")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--end-night", metavar="DATE", help="last night (default: last night)")
    args = parser.parse_args(argv)
    if args.nights < 1:
        parser.error("--nights must be at least 1")
    paths = AppPaths.resolve(args.home)
    with Logbook(paths.logbook) as book:
        if any(book.counts().values()):
            print(
                f"synthetic_data: {paths.logbook} already holds entries; use an empty --home",
                file=sys.stderr,
            )
            return 1
        added = fill(book, args.nights, args.seed, args.end_night)
    summary = ", ".join(f"{count} {table}" for table, count in added.items())
    print(f"Added {summary} to {paths.logbook}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
