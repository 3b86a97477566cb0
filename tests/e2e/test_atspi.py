"""What a screen reader hears: the real AT-SPI tree of the real app, read with pyatspi.

A screen reader does not see Qt's widgets, it reads AT-SPI, and Qt's bridge differs from
the widget tree in ways that matter (a label is announced by its accessible name only; on
Linux Qt's own interface names a combo box by its current item, so ui/a11y.py gives it one
that names it by its purpose). So this starts a private accessibility bus (at-spi2-core), runs ``nightstretch``
with accessibility on, opens the control window, the player, History, Settings and the
cramp form, and reads each window's tree with the system Python's pyatspi
(tests/e2e/atspi_dump.py). Debian: at-spi2-core python3-pyatspi (tools/apt-test.txt).
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import Apps, Screens
from tests.e2e.test_tray import open_tray_menu
from tests.xsession import XSession, run_cli, running_app, wait_until

pytestmark = pytest.mark.e2e

SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
DUMP = Path(__file__).with_name("atspi_dump.py")
TREE_TIMEOUT_S = 30

Node = dict[str, Any]
CONTROLS = {
    "push button", "toggle button", "check box", "radio button", "combo box", "spin button",
    "text", "password text", "slider", "page tab", "list", "tree", "table", "tree table",
}  # fmt: skip
"""Roles she can tab to and act on: each needs a name (its own, or the label's it is labelled by)."""
EDITS = {"spin button", "text"}


def problems(nodes: list[Node]) -> list[str]:
    """What a screen-reader user would miss in one window's tree (shown parts only)."""
    found: list[str] = []
    shown = [n for n in nodes if n["showing"] and "combo box" not in n["ancestors"]]
    for node in shown:
        role, name, where = node["role"], node["name"].strip(), f"{node['role']} {node['name']!r}"
        if role in CONTROLS and node["focusable"]:
            if not name and not any(node["labelled_by"]):
                found.append(f"unnamed {role} (under {'/'.join(node['ancestors'][-3:])})")
            if role in EDITS and name and name == node.get("text", "").strip():
                found.append(f"{where} is named by its value")
            # Qt on Linux would name a combo box by its current item (ui/a11y.py,
            # ComboBoxAccessible): its name says its purpose, its list's selection its value.
            if role == "combo box" and name and name == node.get("selected"):
                found.append(f"{where} is named by its value")
            if role == "combo box" and not node.get("selected"):
                found.append(f"{where} does not say its value")
            if role in EDITS and not (node.get("text") or node["description"]).strip():
                found.append(f"{where} does not say its value")
        if any(unicodedata.category(c) == "So" for c in name):
            found.append(f"{where} is named by a symbol, not words")
    labels = [n["name"] for n in shown if n["role"] == "label" and n["name"]]
    found += [f"the label {name!r} twice: a caption heard instead of its value"
              for name in sorted({n for n in labels if labels.count(n) > 1})]  # fmt: skip
    return found


def test_problems_finds_what_a_screen_reader_user_would_miss() -> None:
    def node(role: str, name: str = "", **more: Any) -> Node:
        base = {"description": "", "focusable": True, "showing": True, "ancestors": ["frame"]}
        return {**base, "role": role, "name": name, "labelled_by": [], **more}

    good = [node("push button", "Back"), node("label", "Left leg")]
    assert problems([*good, node("combo box", "Theme", selected="Night")]) == []
    assert problems(
        [
            node("push button"),
            node("push button", "◀"),
            node("spin button", "22:30", text="22:30"),
            node("combo box", "System default", selected="System default"),
            node("combo box", "Theme"),
            node("label", "Current streak"),
            node("label", "Current streak"),
            node("list item", ancestors=["frame", "combo box", "list"]),  # its owner's part
        ]
    ) == [
        "unnamed push button (under frame)",
        "push button '◀' is named by a symbol, not words",
        "spin button '22:30' is named by its value",
        "combo box 'System default' is named by its value",
        "combo box 'Theme' does not say its value",
        "the label 'Current streak' twice: a caption heard instead of its value",
    ]


@pytest.fixture
def a11y_env(xsession: XSession, tmp_path: Path) -> Iterator[dict[str, str]]:
    """A private session bus with the accessibility bus on it; the app's environment."""
    missing = [p for p in ("dbus-daemon", BUS_LAUNCHER, SYSTEM_PYTHON) if not shutil.which(p)]
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False
    )
    if missing or probe.returncode != 0:
        pytest.skip("needs at-spi2-core, dbus and python3-pyatspi (tools/apt-test.txt)")
    env = dict(xsession.env)
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    assert bus.stdout is not None
    env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
    with (tmp_path / "at-spi-bus.log").open("wb") as log:
        launcher = subprocess.Popen(
            [BUS_LAUNCHER, "--launch-immediately"], env=env, stdout=log, stderr=log
        )
    env["QT_LINUX_ACCESSIBILITY_ALWAYS_ON"] = "1"
    env["QT_ACCESSIBILITY"] = "1"
    env["NO_AT_BRIDGE"] = "0"
    try:
        yield env
    finally:
        for proc in (launcher, bus):
            proc.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=10)
        bus.stdout.close()
        # The launcher leaves the bus address on the root window: later tests must not use it.
        xsession.run(["xprop", "-root", "-remove", "AT_SPI_BUS"], check=False)


def tree(pid: int, env: dict[str, str]) -> dict[str, list[Node]]:
    """Every window of the process, by title, as the screen reader reads it now."""
    done = subprocess.run(
        [SYSTEM_PYTHON, str(DUMP), str(pid)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    if done.returncode != 0:
        return {}  # the app is not on the bus yet
    windows: dict[str, list[Node]] = json.loads(done.stdout or "{}")
    return windows


def heard(pid: int, env: dict[str, str], title: str, *patterns: str) -> list[Node]:
    """The window's tree once it has a label matching each pattern (polled, not slept)."""

    def ready() -> list[Node] | None:
        nodes = tree(pid, env).get(title)
        if nodes is None:
            return None
        names = [n["name"] for n in nodes if n["role"] == "label"]
        if all(any(re.fullmatch(p, name) for name in names) for p in patterns):
            return nodes
        return None

    try:
        return wait_until(ready, TREE_TIMEOUT_S, f"{title!r} heard with {patterns}")
    except Exception:
        labels = [n["name"] for n in tree(pid, env).get(title, []) if n["role"] == "label"]
        raise AssertionError(f"{title!r}: labels heard are {labels}") from None


def test_every_window_is_heard_as_she_reads_it(
    xsession: XSession, apps: Apps, screens: Screens, a11y_env: dict[str, str]
) -> None:
    x = xsession
    home = apps.home
    apps.returning_user(pregnancy_week=20, pregnancy_week_on=date.today().isoformat())
    with running_app([], home, a11y_env) as app:
        pid = app.pid
        x.wait_for_window("^Nightstretch$", alive=app)
        windows: dict[str, list[Node]] = {}
        windows["Nightstretch"] = heard(pid, a11y_env, "Nightstretch", r"Next.+")

        result = run_cli(["start", "quick-calf"], home, a11y_env)
        assert result.returncode == 0, result.stderr
        player = x.wait_for_window(" — Nightstretch$", alive=app)
        title = x.window_name(player)
        heard(pid, a11y_env, title, r"Step 1 of \d+")
        x.key("Right", window=player)  # on to the first step for one leg at a time
        windows[title] = heard(pid, a11y_env, title, r"(Left|Right) leg|Next: (Left|Right) leg")
        screens.save("player")
        x.key("Escape", window=player)
        x.key("Return", window=player)  # Stop: yes
        x.wait_for_window_gone(player)

        for key, title, patterns in (
            ("h", "History — Nightstretch", (r"Current streak: .+", r"Habit score: \d+ %")),
            ("t", "Settings — Nightstretch", (r"Pregnancy week today: .+", r"Data folder: .+")),
            ("c", "Log a cramp — Nightstretch", ()),
        ):
            menu = open_tray_menu(x, app)
            x.key(key)
            x.wait_for_window_gone(menu)
            shown = x.wait_for_window(f"^{re.escape(title)}$", alive=app)
            windows[title] = heard(pid, a11y_env, title, *patterns)
            screens.save(title.split(" ")[0].lower())
            x.key("Escape", window=shown)
            x.wait_for_window_gone(shown)

        (screens.folder / "atspi-tree.json").write_text(json.dumps(windows, indent=1))
        found = {title: problems(nodes) for title, nodes in windows.items()}
        assert found == {title: [] for title in windows}
        assert app.poll() is None
