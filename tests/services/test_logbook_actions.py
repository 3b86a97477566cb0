"""The logbook use cases the app and the command line share, driven with a fake chooser:
each file workflow done, refused on an existing file, failing on a bad path, and cancelled.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from nightstretch.core.clock import FakeClock
from nightstretch.core.entries import CrampEntry
from nightstretch.services.logbook_actions import (
    NO_LOGBOOK,
    BackedUp,
    CrampLogged,
    Exported,
    ExportFormat,
    Failed,
    LogbookActions,
    Reported,
    Restored,
    Target,
    WaterLogged,
)
from nightstretch.store.logbook import Logbook, LogbookError
from nightstretch.store.schema import TABLES
from nightstretch.store.settings import Settings

CET = timezone(timedelta(hours=1))
MORNING = datetime(2026, 11, 22, 8, 0, tzinfo=CET)


@dataclass
class FakeChooser:
    """Answers as set; records what it was asked and how often work ran under ``working``."""

    target: Target | None = None
    export_as: ExportFormat = "json"
    source_path: Path | None = None
    answer: bool = True
    asked: list[str] = field(default_factory=list)
    worked: int = 0

    def save_target(self, title: str, suggested: str, name_filter: str) -> Target | None:
        self.asked.append(suggested)
        return self.target

    def export_target(self, suggested_stem: str) -> tuple[Target, ExportFormat] | None:
        self.asked.append(suggested_stem)
        return None if self.target is None else (self.target, self.export_as)

    def source(self, title: str, name_filter: str) -> Path | None:
        self.asked.append(title)
        return self.source_path

    def confirm(self, title: str, question: str) -> bool:
        self.asked.append(question)
        return self.answer

    def working(self) -> AbstractContextManager[object]:
        @contextmanager
        def counted() -> Iterator[None]:
            self.worked += 1
            yield

        return counted()


class Opener:
    """Lends one logbook and counts the visits, to show when the logbook is not opened."""

    def __init__(self, book: Logbook) -> None:
        self.book = book
        self.opened = 0

    def __call__(self) -> AbstractContextManager[Logbook]:
        self.opened += 1
        return nullcontext(self.book)


@pytest.fixture
def opener(logbook: Logbook) -> Opener:
    logbook.add_water(250, MORNING - timedelta(hours=18))
    logbook.add_cramp(
        CrampEntry(happened=MORNING - timedelta(hours=5), leg="left", severity=5), MORNING
    )
    return opener_for(logbook)


def opener_for(book: Logbook) -> Opener:
    return Opener(book)


@dataclass
class Restores:
    count: int = 0

    def __call__(self) -> None:
        self.count += 1


@pytest.fixture
def restores() -> Restores:
    return Restores()


@pytest.fixture
def actions(opener: Opener, restores: Restores) -> LogbookActions:
    return LogbookActions(opener, FakeClock(MORNING).now, Settings, after_restore=restores)


def failing_open() -> AbstractContextManager[Logbook]:
    raise LogbookError("Could not save: the data folder is read-only.")


# -- report --------------------------------------------------------------------------


@pytest.mark.usefixtures("qapp")
def test_report_is_saved_where_chosen_under_a_dated_name(
    actions: LogbookActions, tmp_path: Path
) -> None:
    chooser = FakeChooser(Target(tmp_path / "r.pdf"))
    outcome = actions.report(chooser, weeks=1)
    assert outcome == Reported(tmp_path / "r.pdf", 2)  # the warning signs' section, then cramps
    assert outcome.message == f"The report (2 pages) is saved as {tmp_path / 'r.pdf'}."
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert chooser.asked == ["nightstretch-report-2026-11-22.pdf"]
    assert chooser.worked == 1


@pytest.mark.usefixtures("qapp")
def test_report_replaces_a_file_only_when_she_agreed(
    actions: LogbookActions, opener: Opener, tmp_path: Path
) -> None:
    existing = tmp_path / "r.pdf"
    existing.write_bytes(b"keep")
    refused = actions.report(FakeChooser(Target(existing)))
    assert refused == Failed(
        f"{existing} already exists; choose another name or use --force.",
        f"The report was not made: {existing} already exists; choose another name or use --force.",
    )
    assert existing.read_bytes() == b"keep"
    assert opener.opened == 0, "refused before the logbook is opened"
    assert isinstance(actions.report(FakeChooser(Target(existing, overwrite=True))), Reported)
    assert existing.read_bytes().startswith(b"%PDF")


def test_report_into_a_missing_folder_fails_in_one_line(
    actions: LogbookActions, tmp_path: Path
) -> None:
    outcome = actions.report(FakeChooser(Target(tmp_path / "nope" / "r.pdf")))
    assert outcome == Failed(
        f"The folder {tmp_path / 'nope'} does not exist.",
        f"The report was not made: The folder {tmp_path / 'nope'} does not exist.",
    )


def test_a_cancelled_report_does_nothing(actions: LogbookActions, opener: Opener) -> None:
    chooser = FakeChooser(None)
    assert actions.report(chooser) is None
    assert (opener.opened, chooser.worked) == (0, 0)


def test_report_with_an_unreadable_logbook_says_why(tmp_path: Path) -> None:
    actions = LogbookActions(failing_open, FakeClock(MORNING).now, Settings)
    outcome = actions.report(FakeChooser(Target(tmp_path / "r.pdf")))
    assert isinstance(outcome, Failed)
    assert outcome.reason == "Could not save: the data folder is read-only."
    assert not (tmp_path / "r.pdf").exists()


# -- export --------------------------------------------------------------------------


def test_export_json_writes_every_table(actions: LogbookActions, tmp_path: Path) -> None:
    chooser = FakeChooser(Target(tmp_path / "e.json"))
    outcome = actions.export(chooser)
    assert outcome == Exported(tmp_path / "e.json", "json", 2)
    assert outcome.message == f"The logbook (2 entries) is exported to {tmp_path / 'e.json'}."
    document = json.loads((tmp_path / "e.json").read_text(encoding="utf-8"))
    assert document["exported_at"] == "2026-11-22T08:00:00+01:00"
    assert chooser.asked == ["nightstretch-export-2026-11-22"]


def test_export_csv_writes_a_folder_of_tables(actions: LogbookActions, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    outcome = actions.export(FakeChooser(Target(folder), export_as="csv"))
    assert outcome == Exported(folder, "csv", 2)
    assert outcome.message == f"The logbook (2 entries) is exported as CSV files to {folder}."
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{t}.csv" for t in TABLES)


def test_export_refuses_an_existing_file_and_fails_on_a_bad_path(
    actions: LogbookActions, tmp_path: Path
) -> None:
    existing = tmp_path / "e.json"
    existing.write_text("keep")
    refused = actions.export(FakeChooser(Target(existing)))
    assert isinstance(refused, Failed)
    assert refused.reason == f"{existing} already exists; choose another place or use --force."
    assert refused.message.startswith("Nothing was exported: ")
    assert existing.read_text() == "keep"
    missing = actions.export(FakeChooser(Target(tmp_path / "nope" / "e.json")))
    assert missing == Failed(
        f"The folder {tmp_path / 'nope'} does not exist.",
        f"Nothing was exported: The folder {tmp_path / 'nope'} does not exist.",
    )


def test_a_cancelled_export_does_nothing(actions: LogbookActions, opener: Opener) -> None:
    assert actions.export(FakeChooser(None)) is None
    assert opener.opened == 0


# -- backup --------------------------------------------------------------------------


def test_backup_copies_the_logbook(actions: LogbookActions, tmp_path: Path) -> None:
    chooser = FakeChooser(Target(tmp_path / "b.db"))
    outcome = actions.backup(chooser)
    assert outcome == BackedUp(tmp_path / "b.db")
    assert outcome.message == f"The logbook is backed up to {tmp_path / 'b.db'}."
    copy = Logbook(tmp_path / "b.db")
    try:
        assert [w.ml for w in copy.water()] == [250]
    finally:
        copy.close()
    assert chooser.asked == ["nightstretch-backup-2026-11-22.db"]


def test_backup_refuses_an_existing_file_before_opening_the_logbook(
    actions: LogbookActions, opener: Opener, tmp_path: Path
) -> None:
    existing = tmp_path / "b.db"
    existing.write_bytes(b"keep")
    refused = actions.backup(FakeChooser(Target(existing)))
    assert refused == Failed(
        f"{existing} already exists; choose another name or use --force.",
        f"The backup was not made: {existing} already exists; choose another name or use --force.",
    )
    assert (opener.opened, existing.read_bytes()) == (0, b"keep")
    assert actions.backup(FakeChooser(Target(existing, overwrite=True))) == BackedUp(existing)


def test_backup_to_a_bad_path_or_a_failing_disk_fails_in_one_line(
    actions: LogbookActions, tmp_path: Path
) -> None:
    missing = actions.backup(FakeChooser(Target(tmp_path / "nope" / "b.db")))
    assert isinstance(missing, Failed)
    assert missing.reason == f"The folder {tmp_path / 'nope'} does not exist."

    def disk_full() -> AbstractContextManager[Logbook]:
        raise OSError(28, "No space left on device")

    full = LogbookActions(disk_full, FakeClock(MORNING).now, Settings)
    outcome = full.backup(FakeChooser(Target(tmp_path / "b.db")))
    assert outcome == Failed(
        "[Errno 28] No space left on device",
        "The backup was not made: [Errno 28] No space left on device",
    )


def test_a_cancelled_backup_does_nothing(actions: LogbookActions, opener: Opener) -> None:
    assert actions.backup(FakeChooser(None)) is None
    assert opener.opened == 0


# -- restore -------------------------------------------------------------------------


def test_restore_asks_first_then_keeps_the_old_logbook(
    actions: LogbookActions, logbook: Logbook, restores: Restores, tmp_path: Path
) -> None:
    backup = tmp_path / "b.db"
    logbook.backup_to(backup)
    logbook.add_water(700, MORNING)
    chooser = FakeChooser(source_path=backup)
    outcome = actions.restore(chooser)
    assert isinstance(outcome, Restored)
    assert outcome.source == backup and outcome.kept.exists()
    assert outcome.message == (
        f"Restored from b.db. The previous logbook is kept as {outcome.kept}. Back: {outcome.rows}."
    )
    assert outcome.rows  # what came back, by kind
    assert [w.ml for w in logbook.water()] == [250]
    assert chooser.asked == [
        "Restore a backup",
        "Replace the current logbook with b.db?\n\n"
        "The current logbook is kept as a dated copy next to it, so nothing is lost.",
    ]
    assert restores.count == 1, "whatever shows the logbook reads it again"


def test_restore_refuses_a_file_that_is_no_logbook(
    actions: LogbookActions, logbook: Logbook, restores: Restores, tmp_path: Path
) -> None:
    junk = tmp_path / "junk.db"
    junk.write_text("hello")
    outcome = actions.restore(FakeChooser(source_path=junk))
    assert outcome == Failed(
        f"{junk} is not a Nightstretch logbook.",
        f"Nothing was restored: {junk} is not a Nightstretch logbook.",
    )
    assert [w.ml for w in logbook.water()] == [250]
    assert restores.count == 0


def test_restore_of_a_missing_file_fails_before_opening_the_logbook(
    actions: LogbookActions, opener: Opener, tmp_path: Path
) -> None:
    outcome = actions.restore(FakeChooser(source_path=tmp_path / "gone.db"))
    assert isinstance(outcome, Failed)
    assert outcome.reason == f"{tmp_path / 'gone.db'} does not exist or is not a file."
    assert opener.opened == 0


def test_restore_cancelled_at_the_file_or_the_question_does_nothing(
    actions: LogbookActions, opener: Opener, restores: Restores, tmp_path: Path
) -> None:
    assert actions.restore(FakeChooser(source_path=None)) is None
    declined = FakeChooser(source_path=tmp_path / "b.db", answer=False)
    assert actions.restore(declined) is None
    assert len(declined.asked) == 2
    assert (opener.opened, restores.count) == (0, 0)


# -- without a logbook ---------------------------------------------------------------


def test_without_a_logbook_nothing_is_asked_and_each_action_says_so(tmp_path: Path) -> None:
    actions = LogbookActions(None, FakeClock(MORNING).now, Settings)
    chooser = FakeChooser(Target(tmp_path / "x"), source_path=tmp_path / "x")
    assert actions.report(chooser) == Failed(NO_LOGBOOK, f"The report was not made: {NO_LOGBOOK}")
    assert actions.export(chooser) == Failed(NO_LOGBOOK, f"Nothing was exported: {NO_LOGBOOK}")
    assert actions.backup(chooser) == Failed(NO_LOGBOOK, f"The backup was not made: {NO_LOGBOOK}")
    assert actions.restore(chooser) == Failed(NO_LOGBOOK, f"Nothing was restored: {NO_LOGBOOK}")
    assert chooser.asked == []
    water = actions.log_water(250)
    assert water == Failed(NO_LOGBOOK, "The logbook is not available, so the glass was not saved.")
    cramp = actions.log_cramp(CrampEntry(happened=MORNING, leg="left", severity=3))
    assert cramp == Failed(NO_LOGBOOK, "The logbook is not available, so this cannot be saved.")


# -- water and cramps ----------------------------------------------------------------


def test_log_water_adds_to_the_nights_total(actions: LogbookActions, logbook: Logbook) -> None:
    now = actions.log_water(300)
    assert now == WaterLogged(300, MORNING, "2026-11-22", 300)
    yesterday = MORNING - timedelta(hours=17)
    earlier = actions.log_water(500, yesterday, source="cli")
    assert earlier == WaterLogged(500, yesterday, "2026-11-21", 750)
    assert sorted((w.ml, w.source) for w in logbook.water()) == [
        (250, "app"),
        (300, "app"),
        (500, "cli"),
    ]


def test_log_water_and_cramp_failures_are_one_line() -> None:
    actions = LogbookActions(failing_open, FakeClock(MORNING).now, Settings)
    reason = "Could not save: the data folder is read-only."
    assert actions.log_water(250) == Failed(reason, f"The glass was not saved: {reason}")
    entry = CrampEntry(happened=MORNING, leg="left", severity=3)
    assert actions.log_cramp(entry) == Failed(reason, f"Not saved: {reason}")


def test_log_cramp_is_saved_as_logged_now(actions: LogbookActions, logbook: Logbook) -> None:
    entry = CrampEntry(happened=MORNING - timedelta(hours=4), leg="right", severity=7, warmth=True)
    assert actions.log_cramp(entry) == CrampLogged(entry)
    row = logbook.cramps()[-1]
    assert (row.leg, row.severity, row.warmth, row.night_date) == ("right", 7, 1, "2026-11-21")
    assert row.logged_utc == "2026-11-22T07:00:00Z"
