"""``nightstretch backup --list``: the automatic backups as lines a person reads."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from nightstretch.core import wording
from nightstretch.core.i18n import _
from nightstretch.core.restore_list import RestoreListView, restore_list
from nightstretch.store.auto_backup import folder_of, list_backups
from nightstretch.store.doctor import table_name


def restore_view(data_dir: Path, today: date) -> RestoreListView:
    """History's Restore… list: the same backups, each counted read-only."""
    return restore_list(list_backups(folder_of(data_dir)), today)


def backup_lines(data_dir: Path) -> list[str]:
    folder = folder_of(data_dir)
    found = list_backups(folder)
    if not found:
        return [
            _(
                "No automatic backups yet in {folder} (the app makes one a day while it runs)."
            ).format(folder=folder)
        ]
    lines = [_("Automatic backups in {folder}, newest first:").format(folder=folder)]
    for item in found:
        if item.counts is None:
            said = _("cannot be read")
        else:
            kinds = ", ".join(f"{table_name(kind)} {n}" for kind, n in item.counts.items())
            said = f"{wording.count(item.entries or 0, 'entry', 'entries')} ({kinds})"
        lines.append(
            f"  {wording.weekday_day_month(item.day)} {item.day.year}  {said}  {item.path.name}"
        )
    return lines
