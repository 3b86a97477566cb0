"""The PDF report: its text (pdftotext), warning rows, page budget and safe writing.

Every test takes pytest-qt's ``qapp`` so the report finds a QApplication and does not make
its own QGuiApplication, which would break widget tests later in the same process.
"""

from __future__ import annotations

import re
import shutil
import stat
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from nightstretch.core import safety
from nightstretch.core.entries import CrampEntry
from nightstretch.services import report
from nightstretch.services.report import ReportError, write_report_pdf
from nightstretch.services.report_layout import MARGIN_X
from nightstretch.services.report_text import clinician_note, cramp_cells, summary_line
from nightstretch.store.logbook import Logbook
from nightstretch.store.report_data import ReportData, build_report_data
from PySide6.QtGui import QImage

from tools.synthetic_data import fill

CET = timezone(timedelta(hours=1))
LAST = date(2026, 11, 22)
FIRST = LAST - timedelta(days=27)
DUE = LAST + timedelta(days=70)  # the last night is week 30

pytestmark = pytest.mark.usefixtures("qapp")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=CET)


def cramp(book: Logbook, night: date, hour: int, **extra: object) -> None:
    happened = at(night + timedelta(days=1), hour, 10)
    fields: dict[str, object] = {"leg": "left", "severity": 5, **extra}
    book.add_cramp(CrampEntry(happened=happened, **fields), happened + timedelta(hours=5))  # type: ignore[arg-type]


def a_month(book: Logbook) -> None:
    """Four realistic weeks: routine most evenings, a cramp every few nights, two warnings."""
    for n in range(28):
        day = FIRST + timedelta(days=n)
        if n % 9 != 4:
            session = book.start_session("pre-bed-calf", at(day, 22), 8)
            done = n % 11 != 2
            book.end_session(
                session, at(day, 22, 7), 8 if done else 3, "completed" if done else "partial"
            )
        for hour in (9, 12, 15, 18)[: 2 + n % 3]:
            book.add_water(500, at(day, hour))
        if n not in (3, 9, 16, 21, 25):
            book.set_checkin(day.isoformat(), 0, at(day + timedelta(days=1), 8))
    book.set_day_mark((FIRST + timedelta(days=13)).isoformat(), "paused")
    cramp(book, FIRST + timedelta(days=3), 2, duration_min=3, helped="flexed the foot")
    cramp(book, FIRST + timedelta(days=9), 4, leg="right", severity=7, duration_min=5)
    cramp(book, FIRST + timedelta(days=16), 1, leg="right", severity=8, swelling=True, warmth=True)
    cramp(book, FIRST + timedelta(days=21), 3, leg="both", muscle="foot", helped="walked")
    cramp(book, FIRST + timedelta(days=25), 5, leg="right", pain_not_easing=True, duration_min=40)


@pytest.fixture
def month(logbook: Logbook) -> ReportData:
    a_month(logbook)
    return build_report_data(logbook, LAST.isoformat(), 4, 2000, due_date=DUE)


def pdftotext(pdf: Path, *options: str) -> str:
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext is missing: apt-get install poppler-utils (tools/apt-test.txt)"
    result = subprocess.run(
        [tool, *options, str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


def flat(text: str) -> str:
    return " ".join(text.split())


def render(pdf: Path, folder: Path, prefix: str, dpi: int = 80) -> list[Path]:
    tool = shutil.which("pdftoppm")
    assert tool
    for old in folder.glob(f"{prefix}-*.png"):
        old.unlink()
    subprocess.run(
        [tool, "-r", str(dpi), "-png", str(pdf), str(folder / prefix)],
        check=True,
        capture_output=True,
    )
    return sorted(folder.glob(f"{prefix}-*.png"))


def test_report_content(month: ReportData, tmp_path: Path, artifacts: Path) -> None:
    out = tmp_path / "summary.pdf"
    pages = write_report_pdf(month, out)
    assert 1 <= pages <= 3
    text = flat(pdftotext(out, "-layout"))  # table rows read across, as a person reads them
    assert text.startswith("Leg cramp summary")
    assert "Nights of 26 Oct 2026 to 22 Nov 2026 (4 weeks)" in text
    assert "Due 31 Jan 2027 \u00b7 pregnancy weeks 26 to 30" in text
    assert flat(summary_line(month)) in text
    assert "5 cramps on 5 of 28 reported nights; 2 entries with warning signs" in text
    # every cramp, with its local time, leg, severity, minutes and what helped
    for row in (
        "Thu 29 Oct Fri 02:10 left calf 5/10 3 flexed the foot none",
        "Wed 4 Nov Thu 04:10 right calf 7/10 5 none",
        "! Wed 11 Nov Thu 01:10 right calf 8/10 - swelling, warmth",
        "Mon 16 Nov Tue 03:10 both foot 5/10 - walked none",
        "! Fri 20 Nov Sat 05:10 right calf 5/10 40",
    ):
        assert row in text
    assert "pain not easing" in text
    # week by week: Monday, nights (not marked), done, partly, cramp nights, cramps,
    # reported nights, water a day
    assert "26 Oct 2026 7 5 1 1 1 7 1 429 ml" in text
    assert "2 Nov 2026 7 (6) 6 0 1 1 7 1 500 ml" in text
    assert "9 Nov 2026 7 7 0 1 1 7 1 571 ml" in text
    assert "16 Nov 2026 7 5 1 2 2 7 1 429 ml" in text
    # the safety note in the words of app/core/safety.py
    assert flat(clinician_note()) in text
    assert "blood clot (DVT)" in text and safety.CLOT_SIGNS[0] in text
    assert (
        "Evening stretching routine: done on 23, partly done on 2 and not done on 2 of 27 "
        "nights (85% done). 1 night marked paused or sick is not counted."
    ) in text
    for legend in (
        "routine done",
        "routine partly done",
        "cramps (logged or answered)",
        "answered: no cramps",
        "no mark: not answered",
        "warning sign logged",
    ):
        assert legend in text
    for page in render(out, artifacts, "report-month"):
        assert page.stat().st_size > 10_000


def _words(pdf: Path, page: int) -> list[tuple[str, float, float, float]]:
    """(word, xMin, yMin, width) in points on one page, from pdftotext's bounding boxes."""
    html = pdftotext(pdf, "-bbox", "-f", str(page), "-l", str(page))
    pattern = re.compile(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>'
    )
    return [
        (m[4], float(m[1]), float(m[2]), float(m[3]) - float(m[1])) for m in pattern.finditer(html)
    ]


def test_warning_rows_are_marked_bold_and_shaded_not_only_coloured(
    month: ReportData, tmp_path: Path
) -> None:
    out = tmp_path / "summary.pdf"
    last_page = write_report_pdf(month, out)
    words = _words(out, last_page)
    markers = [y for word, x, y, _ in words if word == "!" and x < MARGIN_X + 10]
    assert len(markers) == 2
    rights = [(y, width) for word, _, y, width in words if word == "right"]
    bold = [w for y, w in rights if any(abs(y - m) < 2 for m in markers)]
    plain = [(y, w) for y, w in rights if all(abs(y - m) >= 2 for m in markers)]
    assert len(bold) == 2 and len(plain) == 1
    assert min(bold) > plain[0][1] * 1.05  # the same word, wider: drawn in bold
    # a dark bar and a grey band behind the row, so it stands out printed in black and white
    image = QImage(str(render(out, tmp_path, "gray", dpi=72)[last_page - 1]))
    y = round(markers[0]) + 4
    assert image.pixelColor(round(MARGIN_X) + 1, y).lightness() < 80
    assert 200 < image.pixelColor(round(MARGIN_X) + 232, y).lightness() < 250
    plain_y = round(plain[0][0]) + 4
    assert image.pixelColor(round(MARGIN_X) + 1, plain_y).lightness() > 245
    assert image.pixelColor(round(MARGIN_X) + 232, plain_y).lightness() > 245


def test_many_cramps_stay_within_the_page_budget_keeping_every_warning(
    logbook: Logbook, tmp_path: Path, artifacts: Path
) -> None:
    fill(logbook, nights=500, seed=3, end_night=LAST.isoformat())
    data = build_report_data(logbook, LAST.isoformat(), 12, 2000)
    warned = [c for c in data.cramps if c.warning_signs]
    assert len(data.cramps) > 100 and warned
    out = tmp_path / "busy.pdf"
    assert write_report_pdf(data, out) == report.MAX_PAGES
    text = flat(pdftotext(out, "-layout"))
    match = re.search(r"Showing (\d+) of (\d+) cramps logged as entries", text)
    assert match and int(match[2]) == len(data.cramps) and int(match[1]) < len(data.cramps)
    for cramp_row in warned:
        assert flat(" ".join(cramp_cells(cramp_row)[1:3])) in text
    assert flat(" ".join(cramp_cells(data.cramps[-1])[1:3])) in text
    render(out, artifacts, "report-busy")


def test_a_year_fits_and_an_empty_logbook_says_so(logbook: Logbook, tmp_path: Path) -> None:
    empty = build_report_data(logbook, LAST.isoformat(), 52, 2000)
    out = tmp_path / "year.pdf"
    pages = write_report_pdf(empty, out)
    assert 1 <= pages <= 3
    text = flat(pdftotext(out))
    assert "No cramps were logged in these weeks." in text
    assert "Water: none logged in this period." in text
    assert "Pregnancy" not in text


def test_existing_file_is_refused_unless_overwrite(month: ReportData, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "summary.pdf"
    out.write_bytes(b"keep me")
    with pytest.raises(ReportError, match="already exists"):
        write_report_pdf(month, out)
    assert out.read_bytes() == b"keep me"
    write_report_pdf(month, out, overwrite=True)
    assert out.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600  # health data: private like the logbook
    assert [p.name for p in folder.iterdir()] == ["summary.pdf"]


def test_a_failure_while_drawing_leaves_nothing(
    month: ReportData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(data: ReportData, target: Path) -> int:
        target.write_bytes(b"%PDF-half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(report, "_paint", broken)
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ReportError, match=r"Could not write .*No space left on device"):
        write_report_pdf(month, folder / "summary.pdf")
    assert list(folder.iterdir()) == []
