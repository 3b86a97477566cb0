"""The logbook's use cases, one copy for the app and the command line: make a report, export,
back up, restore, log water, log a cramp.

Where a file goes or comes from is asked through a ``Chooser``: the app's file dialogs, or
the command line's own arguments. A failure comes back as a ``Failed`` value with one clear
line, never as an exception or a message shown on the side: the caller decides how to say
it. Nothing here loads Qt; the PDF writer is imported only when a report is drawn, and the
export and report readers only when used (a login start loads neither).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Literal, Protocol

from nightstretch.core.clock import night_of
from nightstretch.core.entries import CrampEntry
from nightstretch.core.i18n import N_, _
from nightstretch.core.pregnancy import Pregnancy
from nightstretch.core.wording import count
from nightstretch.store.logbook import Logbook, LogbookError
from nightstretch.store.own_files import refuse_own_files
from nightstretch.store.paths import AppPaths
from nightstretch.store.rows import WaterSource
from nightstretch.store.settings import Settings

ExportFormat = Literal["json", "csv"]
BookOpener = Callable[[], AbstractContextManager[Logbook]]
"""Opens the logbook for one action: the app lends its open one, the CLI opens and closes."""

REPORT_WEEKS = 4
"""What "Make a report…" covers: the weeks since a typical previous appointment."""
NO_LOGBOOK = N_("The logbook is not available.")
RESTORE_TITLE = N_("Restore a backup")


@dataclass(frozen=True)
class Target:
    """A file (or, for CSV, a folder) to write."""

    path: Path
    overwrite: bool = False
    """She already agreed to replace it: the save dialog asked, or ``--force`` was given."""


class Chooser(Protocol):
    """Asks where a file goes and whether to go on; answers None (or False) when she cancels."""

    def save_target(self, title: str, suggested: str, name_filter: str) -> Target | None: ...

    def export_target(self, suggested_stem: str) -> tuple[Target, ExportFormat] | None: ...

    def source(self, title: str, name_filter: str) -> Path | None: ...

    def confirm(self, title: str, question: str) -> bool: ...

    def working(self) -> AbstractContextManager[object]:
        """Held while the slow part runs (the app shows a wait cursor)."""
        ...


@dataclass(frozen=True)
class Failed:
    reason: str
    """The one line that says why, as the command line prints it."""
    message: str
    """The sentence the app shows: what did not happen, then why."""


@dataclass(frozen=True)
class Reported:
    path: Path
    pages: int

    @property
    def message(self) -> str:
        return _("The report ({pages}) is saved as {path}.").format(
            pages=count(self.pages, "page"), path=self.path
        )


@dataclass(frozen=True)
class Exported:
    path: Path
    format: ExportFormat
    entries: int

    @property
    def message(self) -> str:
        held = count(self.entries, "entry", "entries")
        if self.format == "csv":
            said = _("The logbook ({entries}) is exported as CSV files to {path}.")
        else:
            said = _("The logbook ({entries}) is exported to {path}.")
        return said.format(entries=held, path=self.path)


@dataclass(frozen=True)
class BackedUp:
    path: Path

    @property
    def message(self) -> str:
        return _("The logbook is backed up to {path}.").format(path=self.path)


@dataclass(frozen=True)
class Restored:
    source: Path
    kept: Path
    """Where the logbook as it was before is kept."""
    rows: str = ""
    """What came back, "water 40, cramps 12": only rows come in, each checked."""

    @property
    def message(self) -> str:
        back = " " + _("Back: {rows}.").format(rows=self.rows) if self.rows else ""
        said = _("Restored from {name}. The previous logbook is kept as {kept}.")
        return said.format(name=self.source.name, kept=self.kept) + back


@dataclass(frozen=True)
class WaterLogged:
    ml: int
    at: datetime
    night: str
    total_ml: int
    """Everything logged for ``night`` so far, this glass included."""


@dataclass(frozen=True)
class CrampLogged:
    entry: CrampEntry


FileOutcome = Reported | Exported | BackedUp | Restored | Failed | None
"""None: she cancelled, and there is nothing to say."""


def _nothing() -> None:
    return None


def _anywhere(_target: Path) -> str | None:
    return None


class LogbookActions:
    """The use cases over one logbook; ``open_book`` None means there is none to use."""

    def __init__(
        self,
        open_book: BookOpener | None,
        now: Callable[[], datetime],
        settings: Callable[[], Settings],
        *,
        after_restore: Callable[[], None] = _nothing,
        guard: Callable[[Path], str | None] = _anywhere,
    ) -> None:
        self._open = open_book
        self._now = now
        self._settings = settings
        self._after_restore = after_restore
        """Whatever shows the logbook reloads: its contents were replaced."""
        self._guard = guard
        """Why an output path may not be written (the app's own files), or None."""

    @classmethod
    def lending(
        cls,
        book: Logbook | None,
        paths: AppPaths,
        now: Callable[[], datetime],
        settings: Callable[[], Settings],
        after_restore: Callable[[], None],
    ) -> LogbookActions:
        """The app's: every action borrows its open logbook; its own files are refused."""
        return cls(
            None if book is None else lambda: nullcontext(book),
            now,
            settings,
            after_restore=after_restore,
            guard=lambda target: refuse_own_files(paths, target),
        )

    def _save_target(
        self, chooser: Chooser, headline: str, title: str, name: str, kinds: str
    ) -> tuple[BookOpener, Target] | Failed | None:
        """The logbook to read and where to write; a refusal, or None when she cancels.

        Checked before anything is opened: no logbook, or a path over the app's own files.
        """
        open_book = self._open
        if open_book is None:
            return Failed(_(NO_LOGBOOK), f"{headline}: {_(NO_LOGBOOK)}")
        target = chooser.save_target(title, name, kinds)
        if target is None:
            return None
        refused = self._guard(target.path)
        if refused is not None:
            return Failed(refused, f"{headline}: {refused}")
        return open_book, target

    def _stamp(self) -> str:
        return self._now().date().isoformat()

    def report(
        self,
        chooser: Chooser,
        weeks: int = REPORT_WEEKS,
        until: datetime | None = None,
        *,
        last_night: str | None = None,
        note: str | None = None,
    ) -> Reported | Failed | None:
        """Every check on the target comes before the logbook is opened or Qt is loaded.

        The range ends at ``until`` (default now), so tonight's entries are included, or
        with ``last_night`` when she chose a night that is over. ``note`` (the dialog's "to
        ask at my visit") is saved first, so cancelling the file dialog does not lose it.
        """
        from nightstretch.store.report_attachments import report_attachments
        from nightstretch.store.report_data import (
            ReportError,
            build_report_data,
            check_report_target,
        )

        headline = _("The report was not made")
        if note is not None:
            saved = self.save_visit_note(note)
            if saved is not None:
                return saved
        name = f"nightstretch-report-{self._stamp()}.pdf"
        chosen = self._save_target(chooser, headline, _("Save the report"), name, _("PDF (*.pdf)"))
        if not isinstance(chosen, tuple):
            return chosen
        open_book, target = chosen
        try:
            with chooser.working():
                check_report_target(target.path, target.overwrite)
                settings = self._settings()
                pregnancy = Pregnancy.from_settings(settings)
                due = None if pregnancy.postpartum else pregnancy.due
                now = self._now()
                end = now if until is None else until
                if last_night is not None:  # up to the morning after that night
                    morning = date.fromisoformat(last_night) + timedelta(days=1)
                    end = datetime.combine(morning, time(6), now.tzinfo)
                with open_book() as book:
                    data = build_report_data(
                        book,
                        last_night or night_of(end),
                        weeks,
                        settings.water_goal_ml,
                        due,
                        until=None if last_night else end,
                        name=settings.report_name,
                    )
                    files = report_attachments(book, data.first_night, data.last_night, end, now)
                data = replace(data, made=now, attachments=files)
                from nightstretch.services.report import write_report_pdf

                pages = write_report_pdf(data, target.path, overwrite=target.overwrite)
        except (ReportError, LogbookError, OSError) as exc:
            return Failed(str(exc), f"{headline}: {exc}")
        return Reported(target.path, pages)

    def visit_note(self) -> str:
        """Her saved "to ask at my visit" note, for the report dialog ("" if none or no book)."""
        from nightstretch.store.visit import visit_note

        if self._open is None:
            return ""
        try:
            with self._open() as book:
                row = visit_note(book)
        except LogbookError:
            return ""
        return row.text if row is not None else ""

    def save_visit_note(self, text: str) -> Failed | None:
        """Kept in the logbook, so backups and the report's attachments carry it."""
        from nightstretch.core.entries import EntryError
        from nightstretch.store.visit import set_visit_note

        headline = _("The note was not saved")
        if self._open is None:
            return Failed(_(NO_LOGBOOK), f"{headline}: {_(NO_LOGBOOK)}")
        try:
            with self._open() as book:
                set_visit_note(book, text, self._now())
        except (EntryError, LogbookError) as exc:
            return Failed(str(exc), f"{headline}: {exc}")
        return None

    def export(self, chooser: Chooser) -> Exported | Failed | None:
        from nightstretch.store.export import export_csv, export_json

        headline = _("Nothing was exported")
        open_book = self._open
        if open_book is None:
            return Failed(_(NO_LOGBOOK), f"{headline}: {_(NO_LOGBOOK)}")
        chosen = chooser.export_target(f"nightstretch-export-{self._stamp()}")
        if chosen is None:
            return None
        target, kind = chosen
        paths = [target.path]
        if kind == "csv":
            from nightstretch.store.schema import TABLES

            paths += [target.path / f"{table}.csv" for table in TABLES]
        refused = next(filter(None, map(self._guard, paths)), None)
        if refused is not None:
            return Failed(refused, f"{headline}: {refused}")
        try:
            with chooser.working(), open_book() as book:
                if kind == "csv":
                    written = export_csv(book, target.path, overwrite=target.overwrite)
                else:
                    written = export_json(book, target.path, self._now(), target.overwrite)
        except (LogbookError, OSError) as exc:
            return Failed(str(exc), f"{headline}: {exc}")
        return Exported(target.path, kind, written)

    def backup(self, chooser: Chooser) -> BackedUp | Failed | None:
        headline = _("The backup was not made")
        name = f"nightstretch-backup-{self._stamp()}.db"
        title, kinds = _("Back up the logbook"), _("Logbook (*.db)")
        chosen = self._save_target(chooser, headline, title, name, kinds)
        if not isinstance(chosen, tuple):
            return chosen
        open_book, target = chosen
        try:
            if target.path.exists() and not target.overwrite:  # before the logbook is opened
                raise LogbookError(
                    _("{path} already exists; choose another name or use --force.").format(
                        path=target.path
                    )
                )
            with chooser.working(), open_book() as book:
                book.backup_to(target.path, overwrite=target.overwrite)
        except (LogbookError, OSError) as exc:
            return Failed(str(exc), f"{headline}: {exc}")
        return BackedUp(target.path)

    def restore(self, chooser: Chooser) -> Restored | Failed | None:
        """The logbook as it was is kept as a dated copy, so a restore loses nothing."""
        headline = _("Nothing was restored")
        open_book = self._open
        if open_book is None:
            return Failed(_(NO_LOGBOOK), f"{headline}: {_(NO_LOGBOOK)}")
        source = chooser.source(_(RESTORE_TITLE), _("Logbook (*.db)"))
        if source is None:
            return None
        question = _(
            "Replace the current logbook with {name}?\n\n"
            "The current logbook is kept as a dated copy next to it, so nothing is lost."
        ).format(name=source.name)
        if not chooser.confirm(_(RESTORE_TITLE), question):
            return None
        try:
            if not source.is_file():  # before the logbook is opened
                raise LogbookError(_("{path} does not exist or is not a file.").format(path=source))
            with chooser.working(), open_book() as book:
                result = book.restore(source, self._now())
        except (LogbookError, OSError) as exc:
            return Failed(str(exc), f"{headline}: {exc}")
        self._after_restore()
        return Restored(source, result.kept, result.rows.summary())

    def log_water(
        self, ml: int, at: datetime | None = None, source: WaterSource = "app"
    ) -> WaterLogged | Failed:
        """``at`` defaults to now; the total is the night's, read in the same visit."""
        open_book = self._open
        if open_book is None:
            return Failed(
                _(NO_LOGBOOK), _("The logbook is not available, so the glass was not saved.")
            )
        when = at or self._now()
        try:
            with open_book() as book:
                book.add_water(ml, when, source=source)
                night = night_of(when)
                total = book.water_total(night)
        except LogbookError as exc:
            return Failed(str(exc), _("The glass was not saved: {why}").format(why=exc))
        return WaterLogged(ml, when, night, total)

    def log_cramp(self, entry: CrampEntry) -> CrampLogged | Failed:
        """Logged now; the night comes from when it happened (``entry.happened``)."""
        open_book = self._open
        if open_book is None:
            return Failed(
                _(NO_LOGBOOK), _("The logbook is not available, so this cannot be saved.")
            )
        try:
            with open_book() as book:
                book.add_cramp(entry, self._now())
        except LogbookError as exc:
            return Failed(str(exc), _("Not saved: {why}").format(why=exc))
        return CrampLogged(entry)
