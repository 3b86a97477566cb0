"""End-to-end set-up: one private X desktop for the suite, a screenshot folder per test.

The tests start the real ``nightstretch`` process on an Xvfb display with openbox and a
trayer tray host (see tests/xsession.py), never the offscreen platform. They are skipped,
with the missing programs named, only when those programs are not installed.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest

from tests.xsession import XSession, console_log, missing_tools, start_app, stop_app

REPO = Path(__file__).resolve().parents[2]
E2E_ARTIFACTS = Path(os.environ.get("NIGHTSTRETCH_ARTIFACTS", REPO / "test-artifacts")) / "e2e"


class Screens:
    """Numbered full-screen screenshots of one test, in the order a person saw them."""

    def __init__(self, session: XSession, folder: Path) -> None:
        self.session = session
        self.folder = folder
        self.count = 0
        self.last: bytes | None = None

    def save(self, name: str, *, changed: bool = False) -> Path:
        """Saves once the screen has settled; ``changed``: and differs from the last one
        (for a page that changes without a window appearing, like a saved answer)."""
        self.count += 1
        path = self.folder / f"{self.count:02d}-{name}.png"
        self.last = self.session.screenshot(path, differ_from=self.last if changed else None)
        return path


@pytest.fixture(scope="session")
def xsession() -> Iterator[XSession]:
    missing = missing_tools()
    if missing:
        pytest.skip(
            f"end-to-end tests need {', '.join(missing)} "
            "(Debian: xvfb openbox trayer xdotool x11-utils imagemagick, see tools/apt-test.txt)"
        )
    with XSession() as session:
        yield session


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Remembers whether the test body failed, so ``screens`` can keep evidence."""
    report = yield
    if report.when == "call":
        item.stash[_FAILED] = report.failed
    return report


_FAILED = pytest.StashKey[bool]()


@pytest.fixture
def screens(request: pytest.FixtureRequest, xsession: XSession) -> Screens:
    """test-artifacts/e2e/<test>/, emptied first so every file is from this run."""
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    folder = E2E_ARTIFACTS / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return Screens(xsession, folder)


class Apps:
    """Starts real nightstretch processes on the session's display and ends them all."""

    def __init__(self, session: XSession, home: Path) -> None:
        self.session = session
        self.home = home
        self.procs: list[subprocess.Popen[bytes]] = []

    def returning_user(self, **settings: object) -> None:
        """Settings of someone who has used the app before: no first-run welcome.

        Nobody touches the virtual screen, so after five minutes of a session she would
        count as away and an evening reminder would be held: tests of other things keep
        the away rule off unless they ask for it (tests/e2e/test_presence_x11.py does).
        """
        path = self.home / "config" / "settings.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        values = {"onboarding_done": True, "hold_when_away": False, **settings}
        path.write_text(json.dumps(values), encoding="utf-8")

    def start(self, *args: str) -> subprocess.Popen[bytes]:
        proc = start_app(args, self.home, self.session.env)
        self.procs.append(proc)
        return proc

    def stop_all(self) -> None:
        for proc in self.procs:
            stop_app(proc)


@pytest.fixture
def apps(
    request: pytest.FixtureRequest, xsession: XSession, home: Path, screens: Screens
) -> Iterator[Apps]:
    """On failure the screen is saved while the app still shows it, with the app's logs."""
    apps = Apps(xsession, home)
    try:
        yield apps
    finally:
        if request.node.stash.get(_FAILED, True):
            with contextlib.suppress(Exception):
                screens.save("at-failure")
        apps.stop_all()
        if request.node.stash.get(_FAILED, True):
            for log in (console_log(home), home / "logs" / "nightstretch.log"):
                if log.exists():
                    shutil.copy(log, screens.folder / log.name)
