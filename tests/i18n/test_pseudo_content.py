"""Content she reads at the worst moments, checked in every language and in the pseudo-language.

The warning signs must be complete in Russian and German (each sign translated, the same
number shown); the warning window, the welcome pages, Cramp rescue as the player speaks it,
the start notices and ``nightstretch doctor`` must show no word that skipped the catalogue.
"""

from __future__ import annotations

import re
import sqlite3
import tomllib
from collections.abc import Iterator
from contextlib import suppress
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from nightstretch.cli import main
from nightstretch.core import i18n, resources, safety, warning_text
from nightstretch.core.clock import FakeClock
from nightstretch.core.cues import plan_cues
from nightstretch.core.i18n import use_language
from nightstretch.core.player import Player
from nightstretch.core.routine import Routine
from nightstretch.core.routine_loader import load_routine_file
from nightstretch.core.routine_translations import missing_translations
from nightstretch.services.startup import build_services
from nightstretch.store.paths import AppPaths
from nightstretch.ui.onboarding import OnboardingWindow
from nightstretch.ui.theme import NIGHT
from nightstretch.ui.warning_window import WarningSignsWindow
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from .pseudo import unwrapped_words

TRANSLATED = ("ru", "de")
CET = timezone(timedelta(hours=1))
MORNING = datetime(2026, 11, 22, 8, 0, tzinfo=CET)
EVERY_SAFETY_LINE = (
    safety.HEADLINE,
    *safety.ALL_SIGNS,
    safety.CLOT_ACTION,
    safety.URGENT_HEADLINE,
    safety.URGENT_NOTE,
    safety.OTHER_HEADLINE,
    safety.DISCLAIMER,
)


def _po(language: str) -> Catalog:
    with (i18n.LOCALE_DIR / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.po").open("rb") as file:
        return read_po(file)


@pytest.fixture
def in_language() -> Iterator[None]:
    yield
    use_language("en")


# -- the warning signs, complete in every language ------------------------------------


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_warning_sign_has_a_translation(language: str) -> None:
    catalogue = _po(language)
    missing = []
    for line in EVERY_SAFETY_LINE:
        message = catalogue.get(line)
        if message is None or message.fuzzy or not str(message.string).strip():
            missing.append(line)
    assert missing == []
    assert len(safety.ALL_SIGNS) == 12


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_place_shows_as_many_signs_in_her_language(language: str, in_language: None) -> None:
    english = [
        safety.as_text().count("\n- "),
        safety.clot_text().count("\n- "),
        warning_text.warning_signs_html().count("<li>"),
        warning_text.clot_guidance_html().count("<li>"),
    ]
    use_language(language)
    shown = [
        safety.as_text().count("\n- "),
        safety.clot_text().count("\n- "),
        warning_text.warning_signs_html().count("<li>"),
        warning_text.clot_guidance_html().count("<li>"),
    ]
    assert shown == english == [12, 7, 12, 7]
    text = safety.as_text()
    for sign in safety.ALL_SIGNS:
        assert i18n._(sign) in text and sign not in text
    assert safety.DISCLAIMER not in text and i18n._(safety.DISCLAIMER) in text


# What each language must say, so a careless edit cannot drop a sign's core word.
MUST_SAY = {
    "ru": ("отёк лица", "головная боль", "зрением", "шевелится меньше", "тромба", "родильным"),
    "de": ("Gesicht", "Kopfschmerzen", "Sehstörungen", "weniger als sonst", "Blutgerinnsel"),
}


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_signs_name_pre_eclampsia_movements_and_clots(language: str, in_language: None) -> None:
    use_language(language)
    text = safety.as_text()
    assert [word for word in MUST_SAY[language] if word not in text] == []


# -- the pseudo-language ---------------------------------------------------------------


def _texts(window: QWidget) -> list[str]:
    """Every label, button and check box text, accessible name and description, tooltip."""
    found = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if isinstance(widget, QLabel):
            found.append(re.sub(r"<[^>]+>", " ", widget.text()))
        if isinstance(widget, QAbstractButton):
            found.append(widget.text())
        found += [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()]
    return [text for text in found if text.strip()]


def test_the_warning_window_is_all_translated(qtbot: QtBot, pseudo: str) -> None:
    window = WarningSignsWindow(NIGHT)
    qtbot.addWidget(window)
    texts = _texts(window)
    assert len(texts) >= 6
    assert [t for t in texts if unwrapped_words(t)] == []


ONBOARDING_DATA = frozenset(["HH", "English", "Русский", "Deutsch", "Pseudo"])
"""The language names are each in their own words on purpose, so she finds hers."""


def test_the_welcome_pages_are_all_translated(qtbot: QtBot, pseudo: str) -> None:
    window = OnboardingWindow(NIGHT, today=date(2026, 11, 22))
    qtbot.addWidget(window)
    seen: list[str] = []
    for _page in range(4):
        seen += _texts(window)
        seen += [window.next_button.text(), window.page_label.text()]
        if window.page < 3:
            window.go_next()
    combo = window.language_combo
    seen += [combo.itemText(i) for i in range(combo.count())]
    assert len(seen) > 60
    assert [t for t in seen if unwrapped_words(t, ONBOARDING_DATA)] == []


def _rescue() -> Routine:
    path = resources.routines_dir() / "cramp-rescue.toml"
    return load_routine_file(path, "routines/cramp-rescue.toml", resources.assets_dir())


def _played(routine: Routine) -> list[str]:
    """Every title and line the player shows and says, from start to the end."""
    clock = FakeClock()
    player = Player(routine)
    said = [u.text for u in plan_cues(routine, player.start(clock.monotonic())).speech]
    for _tick in range(2000):
        clock.advance(1)
        said += [u.text for u in plan_cues(routine, player.poll(clock.monotonic())).speech]
    shown = [routine.title, routine.summary]
    for step in routine.steps:
        shown += [step.title, step.instructions, step.caution or ""]
    return [text for text in said + shown if text]


def test_cramp_rescue_misses_no_translation() -> None:
    path = resources.routines_dir() / "cramp-rescue.toml"
    assert missing_translations(tomllib.loads(path.read_text("utf-8"))) == {"ru": [], "de": []}


@pytest.mark.parametrize(("language", "letters"), [("ru", "[а-яё]"), ("de", "[äöüß]")])
def test_cramp_rescue_plays_in_her_language(language: str, letters: str, in_language: None) -> None:
    """Nothing English left in what she sees and hears, the generated cues included."""
    english = set(_played(_rescue()))
    use_language(language)
    played = _played(_rescue())
    assert len(played) > 20
    assert [line for line in played if line in english] == []
    assert re.search(letters, " ".join(played), re.IGNORECASE)


def test_cramp_rescue_player_words_pass_the_catalogue(pseudo: str) -> None:
    """In "xx" the routine's own text stays English (it has no "xx" table); every word the
    player adds around it (sides, halfway, the end) must come through the catalogue."""
    routine = _rescue()
    own = [routine.title, routine.summary]
    for step in routine.steps:
        own += [step.title, step.instructions, step.caution or ""]
        own += [c for c in (step.cues.start, step.cues.halfway, step.cues.finish) if c]
    added = []
    for line in _played(routine):
        rest = line
        for text in sorted(own, key=len, reverse=True):
            if text:
                rest = rest.replace(text, " ")
        added.append(rest)
    assert [line for line in added if unwrapped_words(line)] == []


# -- what she reads at start and when the logbook is in trouble ------------------------


def test_start_notices_are_translated(tmp_path: Path, pseudo: str) -> None:
    paths = AppPaths.resolve(tmp_path / "home")
    paths.ensure()
    paths.settings_file.write_text('{"bedtime": "late", "colour": 3}', encoding="utf-8")
    paths.logbook.write_bytes(b"this is not a database at all" * 100)
    paths.user_routines_dir.mkdir(parents=True, exist_ok=True)
    (paths.user_routines_dir / "broken.toml").write_text('id = "broken"\n', encoding="utf-8")
    services = build_services(paths, FakeClock(MORNING))
    try:
        notices = services.notices
        assert len(notices) >= 4
        data = frozenset({"bedtime", "late", "colour", "broken"})
        for notice in notices:
            assert unwrapped_words(notice.replace(str(paths.config_dir), " "), data) == [], notice
    finally:
        if services.logbook is not None:
            services.logbook.close()


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with suppress(SystemExit):
        main(argv, clock=FakeClock(MORNING), zone=CET)
    captured = capsys.readouterr()
    return captured.out + captured.err


def test_doctor_and_backup_list_are_translated(
    home: Path, pseudo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    said = [_run(["doctor"], capsys)]
    _run(["log", "water"], capsys)
    said.append(_run(["doctor"], capsys))
    said.append(_run(["backup", "--list"], capsys))
    logbook = next(home.rglob("nightstretch.db"))
    with sqlite3.connect(logbook) as db:
        db.execute("PRAGMA ignore_check_constraints = ON")
        db.execute("UPDATE water SET ml = -5")
    said.append(_run(["doctor"], capsys))
    said.append(_run(["restore", str(home / "nothing-here.db")], capsys))
    for text in said:
        assert "⟦" in text
        assert (
            unwrapped_words(text.replace(str(home), " "), frozenset(["doctor", "nightstretch"]))
            == []
        ), text
