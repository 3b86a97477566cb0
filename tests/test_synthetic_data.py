"""The synthetic data generator (tools/synthetic_data.py) and the bulk insert it uses."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from nightstretch.core import stats
from nightstretch.store.logbook import Logbook
from nightstretch.store.nights import nights_back, summarize_nights

from tools import synthetic_data
from tools.synthetic_data import PREGNANCY_NIGHTS, fill

END = "2026-11-21"


def test_one_year_has_a_fifth_of_the_five_year_magnitudes(logbook: Logbook) -> None:
    added = fill(logbook, nights=365, seed=1, end_night=END)
    skipped = {"reminder_events", "discussed", "visit_notes"}  # fill writes none of these
    assert added == {k: v for k, v in logbook.counts().items() if k not in skipped}
    # five years: about 2 000 sessions, 20 000 water entries, 3 000 cramps
    assert 330 <= added["sessions"] <= 480
    assert 3_500 <= added["water"] <= 4_500
    assert 450 <= added["cramps"] <= 800
    assert 200 <= added["checkins"] <= 330
    assert 1 <= added["day_marks"] <= 30
    nights = {c.night_date for c in logbook.cramps()} | {s.night_date for s in logbook.sessions()}
    assert max(nights) == END
    assert min(nights) >= "2025-11-22"


def test_realistic_shape(logbook: Logbook) -> None:
    fill(logbook, nights=2 * PREGNANCY_NIGHTS, seed=2, end_night=END)
    summaries = summarize_nights(logbook, nights_back(END, 2 * PREGNANCY_NIGHTS))
    # more cramps late in each pregnancy than early
    early = [s for i, s in enumerate(summaries) if i % PREGNANCY_NIGHTS < 93]
    late = [s for i, s in enumerate(summaries) if i % PREGNANCY_NIGHTS >= 187]
    assert sum(s.cramps or 0 for s in late) > 2 * sum(s.cramps or 0 for s in early)
    # fewer cramp nights after the routine, and enough reports for the insight
    found = stats.insight(summaries)
    assert found is not None
    after = found.after_routine_cramp_nights / found.after_routine_nights
    other = found.other_cramp_nights / found.other_nights
    assert after < other
    # warning signs are rare but present, every row passes the schema's checks
    cramps = logbook.cramps()
    assert 0 < sum(c.warning_signs for c in cramps) < len(cramps) * 0.05
    assert all(1 <= c.severity <= 10 for c in cramps)


def test_same_seed_same_data(tmp_path: Path) -> None:
    def rows(name: str, seed: int) -> list[tuple[object, ...]]:
        with Logbook(tmp_path / f"{name}.db") as book:
            fill(book, nights=30, seed=seed, end_night=END)
            return [tuple(vars(c).values()) for c in book.cramps()] + [
                tuple(vars(w).values()) for w in book.water()
            ]

    first = rows("a", 5)
    assert rows("b", 5) == first
    assert rows("c", 6) != first


def test_insert_many_checks_names_and_is_all_or_nothing(logbook: Logbook) -> None:
    columns = ("at_utc", "utc_offset_min", "night_date", "ml")
    good = ("2026-11-21T10:00:00Z", 60, "2026-11-21", 250)
    assert logbook.insert_many("water", columns, [good, good]) == 2
    with pytest.raises(ValueError, match="unknown table"):
        logbook.insert_many("water; DROP TABLE water", columns, [good])
    with pytest.raises(ValueError, match="unknown columns"):
        logbook.insert_many("water", ("ml", "ml) VALUES (1); --"), [good])
    bad = ("2026-11-21T11:00:00Z", 60, "2026-11-21", 0)  # CHECK (ml BETWEEN 1 AND 2000)
    with pytest.raises(sqlite3.IntegrityError):
        logbook.insert_many("water", columns, [good, bad])
    assert len(logbook.water()) == 2


def test_command_line_fills_an_empty_home_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    argv = ["--home", str(home), "--nights", "20", "--end-night", END]
    assert synthetic_data.main(argv) == 0
    assert capsys.readouterr().out.startswith("Added ")
    with Logbook(home / "data" / "nightstretch.db") as book:
        before = book.counts()
    assert before["water"] > 100
    assert synthetic_data.main(argv) == 1
    assert "already holds entries" in capsys.readouterr().err
    with Logbook(home / "data" / "nightstretch.db") as book:
        assert book.counts() == before
