"""Logging from the terminal while the app runs; History and the PDF report show it."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime, timedelta

import pytest

from tests.e2e.conftest import Apps, Screens
from tests.e2e.test_tray import open_tray_menu
from tests.xsession import XSession, run_cli

pytestmark = pytest.mark.e2e


def test_cli_entries_show_in_history_and_the_report(
    xsession: XSession, apps: Apps, screens: Screens
) -> None:
    x = xsession
    home = apps.home
    apps.returning_user()
    app = apps.start()
    x.wait_for_window("^Nightstretch$", alive=app)
    # A night that is over whatever the time of day (the report ends with the last full
    # night; at 01:00 "today 03:00" would still be in the future and is refused).
    yesterday = datetime.now().date() - timedelta(days=1)
    day_before = yesterday - timedelta(days=1)
    for args in (
        ["log", "water", "300", "--at", f"{day_before}T15:00"],
        ["log", "cramp", "--leg", "left", "--severity", "6", "--at", f"{yesterday}T03:00"],
    ):
        result = run_cli(args, home, x.env)
        assert result.returncode == 0, result.stderr

    menu = open_tray_menu(x, app)
    x.key("h")  # History's underlined key
    x.wait_for_window_gone(menu)
    x.wait_for_window("^History — Nightstretch$", alive=app)
    screens.save("history-after-cli-logging")

    pdf = home / "report.pdf"
    result = run_cli(["report", "--weeks", "2", "--out", str(pdf)], home, x.env)
    assert result.returncode == 0, result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (Debian package poppler-utils)")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "300" in text, text
    assert "left" in text.lower() and "6" in text, text
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf),
             str(screens.folder / "report-page")],
            check=True,
        )  # fmt: skip
    assert app.poll() is None
