"""Nightstretch against a minimal PySide6 tray app, side by side, in one run (issue 6).

Nightstretch sits in the tray all day on laptops running on battery, so what it costs while
idle matters more than anything else. Each round starts both apps, each under a fresh
private X desktop (Xvfb + openbox + trayer, see ``tests/xsession.py``), in alternating
order, and measures:

- launch until the tray icon is embedded and mapped (polled with xwininfo);
- RSS and PSS after 20 s idle, summed over the process tree (``/proc/PID/smaps_rollup``);
- CPU time and voluntary context switches (all threads) during 60 s idle;
- Nightstretch only: RSS/PSS growth between the 1st and the 5th play of a short routine,
  started through ``nightstretch start ID`` forwarded to the running instance, answered
  and closed with the keyboard as a person would;
- countdown accuracy: a 10-minute routine played by the real RoutineRun, PlayerWindow and
  QTimer (offscreen) while the GUI thread is blocked at random moments for up to 750 ms;
- History first paint and report generation on 5 years of synthetic data, once those
  modules exist (until then the rows say "not available yet").

It prints medians with min-max, the ratio to the baseline, the target and PASS/MISS, and
writes the same table as Markdown to ``test-artifacts/bench.md`` (raw figures in
``bench.json``). Run it with ``make bench`` or ``python tests/benchmarks/run.py [--quick]``.
It is not part of the test suite: it takes about half an hour and its figures depend on
the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.xsession import (  # noqa: E402  (needs the repository on sys.path first)
    XSession,
    XSessionError,
    app_env,
    run_cli,
    start_app,
    stop_app,
    wait_until,
)

BASELINE = REPO / "tests" / "benchmarks" / "baseline_tray.py"
ARTIFACTS = Path(os.environ.get("NIGHTSTRETCH_ARTIFACTS", REPO / "test-artifacts"))
NS = "nightstretch"
BASE = "baseline"
TRAY_NAMES = {NS: "^Nightstretch$", BASE: "^baseline-tray$"}
MINIMIZED_FLAGS = ("--tray", "--minimized", "--tray-only", "--background", "--hidden")
"""Any of these in ``nightstretch --help`` is passed so the app starts in the tray only."""
BENCH_ROUTINE_ID = "bench-short"
BENCH_ROUTINE_TITLE = "Benchmark stretch"
BENCH_ROUTINE = f"""\
# Written by tests/benchmarks/run.py into a temporary home: a very short routine so that
# five plays take about a minute. Wording follows the built-in quick calf stretch.
id = "{BENCH_ROUTINE_ID}"
title = "{BENCH_ROUTINE_TITLE}"
summary = "A very short routine that the benchmark plays five times."
kind = "evening"
sources = ["002_338422ce80f7efa0.txt", "003_d21d28eab421ee1b.txt"]
get_ready_s = 1
switch_s = 1

[[steps]]
id = "ankle-pumps"
title = "Ankle pumps"
instructions = "Sit with your heels on the floor. Pull your toes up toward your shin, then relax."
duration_s = 3
position = "sitting"
illustration = "illustrations/ankle-pumps.svg"

[[steps]]
id = "wall-calf"
title = "Wall calf stretch"
instructions = "Hands on a wall, one foot back with the heel down. Lean in gently."
duration_s = 3
sides = ["left", "right"]
position = "standing"
illustration = "illustrations/wall-calf-stretch.svg"
"""
BENCH_ROUTINE_LENGTH_S = 12


# -- what one run does -------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """How long each phase lasts; ``--quick`` shortens everything for development."""

    rounds: int = 5
    settle_s: float = 20.0
    idle_s: float = 60.0
    plays: int = 5
    countdown_s: int = 600
    quick: bool = False

    @classmethod
    def quick_plan(cls, rounds: int | None) -> Plan:
        return cls(
            rounds=rounds or 2, settle_s=5.0, idle_s=20.0, plays=5, countdown_s=120, quick=True
        )


Samples = dict[str, list[float]]
"""Metric key -> one value per round."""


@dataclass
class Results:
    samples: dict[str, Samples] = field(default_factory=lambda: {NS: {}, BASE: {}})
    notes: list[str] = field(default_factory=list)
    unavailable: dict[str, str] = field(default_factory=dict)
    """Metric key -> why it has no figure (module missing, error)."""

    def add(self, app: str, key: str, value: float) -> None:
        self.samples[app].setdefault(key, []).append(value)

    def merge(self, other: Results, *, samples: bool) -> None:
        """Takes over another run's notes, and its figures only when it completed."""
        if samples:
            for app, metrics in other.samples.items():
                for key, values in metrics.items():
                    self.samples[app].setdefault(key, []).extend(values)
        for text in other.notes:
            self.note(text, echo=False)

    def note(self, text: str, *, echo: bool = True) -> None:
        if text not in self.notes:
            self.notes.append(text)
            if echo:
                print(f"  note: {text}", flush=True)


# -- /proc ------------------------------------------------------------------------------


def process_tree(root: int) -> list[int]:
    """``root`` and all its descendants, from the parent ids in /proc/*/stat."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def memory_kb(pids: Sequence[int]) -> tuple[int, int]:
    """(RSS, PSS) in kB summed over ``pids``; PSS shares libraries fairly between processes."""
    rss = pss = 0
    for pid in pids:
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in text.splitlines():
            name, _, rest = line.partition(":")
            if name == "Rss":
                rss += int(rest.split()[0])
            elif name == "Pss":
                pss += int(rest.split()[0])
    return rss, pss


def cpu_and_switches(pids: Sequence[int]) -> tuple[float, int]:
    """(CPU seconds, voluntary context switches) summed over the processes and all threads."""
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = 0.0
    switches = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        cpu += (int(fields[11]) + int(fields[12])) / ticks  # utime + stime, all threads
        for task in Path(f"/proc/{pid}/task").glob("*"):
            try:
                status = (task / "status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("voluntary_ctxt_switches:"):
                    switches += int(line.split()[1])
    return cpu, switches


def thread_count(pids: Sequence[int]) -> int:
    return sum(len(list(Path(f"/proc/{pid}/task").glob("*"))) for pid in pids)


# -- one app under one desktop ---------------------------------------------------------


def minimized_flag() -> str | None:
    """The option that starts Nightstretch in the tray only, if the CLI has one."""
    with tempfile.TemporaryDirectory() as home:
        out = run_cli(["--help"], Path(home)).stdout
    return next(
        (flag for flag in MINIMIZED_FLAGS if re.search(rf"(?<![\w-]){flag}(?![\w-])", out)),
        None,
    )


def compile_app() -> None:
    """Byte-compiles the package, as pip does when it installs the wheel.

    ``make`` installs the checkout in editable mode, and with PYTHONDONTWRITEBYTECODE set
    (as on this machine) every start would compile every module again: launch time a user
    never pays. The baseline is one script, compiled at each start either way.
    """
    compileall.compile_dir(str(REPO / "app"), quiet=1)


def quiet_settings(now: datetime) -> dict[str, object]:
    """Reminders on, but none due for hours: an idle app, whatever the time of day.

    With the defaults, a run in the evening shows the stretch card at once and a run by
    day may show a water card, and a card's window, fonts and pictures then count as
    "idle" memory. The evening reminder and the check-in are kept, hours away; water is
    switched off because its window (start to 2 h before bedtime) would cover "now".
    """

    def at(hours: float) -> str:
        return (now + timedelta(hours=hours)).strftime("%H:%M")

    return {
        "onboarding_done": True,
        "bedtime": at(8),
        "checkin_time": at(12),
        "water_enabled": False,
    }


def prepare_home(home: Path) -> None:
    """A fresh --home: onboarding done, quiet reminders, the short routine in the user folder."""
    config = home / "config"
    (config / "routines").mkdir(parents=True, exist_ok=True)
    settings = quiet_settings(datetime.now())
    (config / "settings.json").write_text(json.dumps(settings) + "\n")
    (config / "routines" / f"{BENCH_ROUTINE_ID}.toml").write_text(BENCH_ROUTINE)


def start_baseline(home: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    home.mkdir(parents=True, exist_ok=True)
    with (home / "console.log").open("ab") as log:
        return subprocess.Popen(
            [sys.executable, str(BASELINE)],
            env=app_env(env),
            cwd=str(home),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def wait_for_tray_icon(
    x: XSession, name_regex: str, proc: subprocess.Popen[bytes], timeout: float = 30
) -> int:
    """Polls (every 10 ms) until the app's icon is embedded in trayer and viewable."""
    pattern = re.compile(name_regex)

    def mapped() -> int | None:
        for icon in x.tray_icons():
            if icon.name is not None and pattern.search(icon.name) and x.is_viewable(icon.id):
                return icon.id
        return None

    return wait_until(mapped, timeout, f"tray icon /{name_regex}/", poll=0.01, alive=proc)


def app_windows(x: XSession, name_regex: str, exclude: Sequence[int]) -> list[int]:
    """Visible top-level windows of a name, bigger than a tray icon."""
    found = []
    for window in x.visible_windows(name_regex):
        if window in exclude:
            continue
        try:
            if x.window_geometry(window).width > 100:
                found.append(window)
        except XSessionError:
            continue
    return found


def completed_sessions(home: Path) -> int:
    db = home / "data" / "nightstretch.db"
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            row = conn.execute(
                "SELECT count(*) FROM sessions WHERE status = 'completed'"
            ).fetchone()
    except sqlite3.Error:
        return 0
    return int(row[0])


def measure_app(app: str, plan: Plan, round_no: int, results: Results, flag: str | None) -> None:
    """One app, one fresh desktop: launch, idle memory, idle wakeups, (routine growth)."""
    print(f"round {round_no + 1}/{plan.rounds}: {app}", flush=True)
    with XSession() as x:
        home = x.folder / "home"
        prepare_home(home)
        args = [flag] if flag else []
        started = time.monotonic()
        proc = start_app(args, home, x.env) if app == NS else start_baseline(home, x.env)
        try:
            icon = wait_for_tray_icon(x, TRAY_NAMES[app], proc)
            results.add(app, "launch_s", time.monotonic() - started)
            results.add(app, "launch_cpu_s", cpu_and_switches(process_tree(proc.pid))[0])
            if app == NS and flag is None:
                close_home_window(x, proc, icon, results)
            if round_no == 0:
                x.screenshot(ARTIFACTS / f"bench-{app}-idle.png")
            time.sleep(plan.settle_s)  # the measurement: memory after this much idle time
            pids = process_tree(proc.pid)
            rss, pss = memory_kb(pids)
            results.add(app, "rss_mb", rss / 1024)
            results.add(app, "pss_mb", pss / 1024)
            results.add(app, "threads", thread_count(pids))
            cpu0, sw0 = cpu_and_switches(pids)
            t0 = time.monotonic()
            time.sleep(plan.idle_s)  # the measurement: what the app does on its own meanwhile
            cpu1, sw1 = cpu_and_switches(process_tree(proc.pid))
            minutes = (time.monotonic() - t0) / 60
            results.add(app, "csw_per_min", (sw1 - sw0) / minutes)
            results.add(app, "cpu_ms_per_min", (cpu1 - cpu0) * 1000 / minutes)
            if app == NS:
                play_routines(x, proc, home, plan, round_no, results)
        except BaseException:
            keep_logs(home, f"bench-failure-{app}-round{round_no + 1}")
            raise
        finally:
            code = stop_app(proc)
            if code not in (0, -15):
                results.note(f"{app} exited with {code} in round {round_no + 1}")


def keep_logs(home: Path, name: str) -> None:
    """The app's console and log files, kept before the desktop's folder is removed."""
    parts = [
        f"== {path.relative_to(home)}\n{path.read_text(errors='replace')[-20000:]}"
        for path in [home / "console.log", *sorted((home / "logs").glob("*.log"))]
        if path.is_file()
    ]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{name}.log").write_text("\n".join(parts))


def close_home_window(
    x: XSession, proc: subprocess.Popen[bytes], icon: int, results: Results
) -> None:
    """Nightstretch opens its home window at every start; close it as a person would."""
    results.note(
        "Nightstretch always opens its home window at start (no tray-only option); the "
        "benchmark closes it with Alt+F4 before the idle phase, so idle figures include a "
        "hidden home window."
    )
    deadline = time.monotonic() + 20
    while not (windows := app_windows(x, "^Nightstretch$", [icon])):
        if proc.poll() is not None or time.monotonic() > deadline:
            return
        time.sleep(0.05)
    for window in windows:
        x.key("alt+F4", window)
        x.wait_for_window_gone(window)


def play_routines(
    x: XSession,
    proc: subprocess.Popen[bytes],
    home: Path,
    plan: Plan,
    round_no: int,
    results: Results,
) -> None:
    """Plays the short routine ``plan.plays`` times; memory after the first and the last."""
    first: tuple[int, int] | None = None
    for play in range(plan.plays):
        done = run_cli(["start", BENCH_ROUTINE_ID], home, x.env)
        if done.returncode != 0:
            raise XSessionError(f"nightstretch start failed: {done.stderr.strip()}")
        window = x.wait_for_window(f"^{BENCH_ROUTINE_TITLE} ", alive=proc)
        if round_no == 0 and play == 0:
            time.sleep(2)  # a moment into the routine, for the screenshot only
            x.screenshot(ARTIFACTS / "bench-nightstretch-player.png")

        def finished(n: int = play + 1) -> bool:
            return completed_sessions(home) >= n

        wait_until(
            finished,
            BENCH_ROUTINE_LENGTH_S + 30,
            f"routine play {play + 1} to finish",
            poll=0.2,
            alive=proc,
        )
        x.key("1", window)  # "How do your legs feel?" answered, as she would
        x.key("Escape", window)
        x.wait_for_window_gone(window)
        time.sleep(2)  # let deferred deletes and the logbook write settle before reading
        if play in (0, plan.plays - 1):
            rss, pss = memory_kb(process_tree(proc.pid))
            if first is None:
                first = (rss, pss)
            else:
                results.add(NS, "growth_rss_mb", (rss - first[0]) / 1024)
                results.add(NS, "growth_pss_mb", (pss - first[1]) / 1024)


# -- in-process measurements (children, so the orchestrator never imports Qt) -------------


def child_command(name: str, *args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--child", name, *args]


SCREEN = (1366, 768)
"""The children's offscreen screen: the common laptop of issue 13. Offscreen's own default
(800x600) is narrower than History's two columns: there it measured the one-column layout
a small screen gets (or, before windows fitted the screen, a window larger than it)."""
SMALL_SCREEN = (1024, 600)
"""A small laptop: History stacks its columns and scrolls (shown for information)."""


def child_env(screen: tuple[int, int] = SCREEN) -> dict[str, str]:
    env = app_env()
    config = Path(tempfile.gettempdir()) / f"nightstretch-bench-screen-{screen[0]}x{screen[1]}.json"
    spec = {"name": "bench", "x": 0, "y": 0, "width": screen[0], "height": screen[1]}
    config.write_text(
        json.dumps({"screens": [spec | {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})
    )
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    return env


def countdown_child(length_s: int, seed: int) -> dict[str, Any]:
    """Plays a routine of ``length_s`` with the GUI thread blocked at random moments.

    Blocks (``time.sleep`` inside a QTimer slot on the GUI thread, up to 750 ms, every
    0.3-3 s) stop one second before the expected end: a block covering the very end delays
    any program's reaction by the block itself; what is measured is the drift that builds
    up over the whole routine, which a countdown that counts ticks would accumulate.
    """
    from nightstretch.core.clock import SystemClock
    from nightstretch.core.routine import Kind, Position, Routine, Side, Step
    from nightstretch.services.audio import SilentSounds, SilentSpeaker
    from nightstretch.services.routine_run import PlayerController, RoutineRun
    from nightstretch.store.logbook import Logbook
    from nightstretch.ui.player_window import PlayerWindow
    from nightstretch.ui.theme import colors_for
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    qapp = QApplication(sys.argv[:1])
    picture = REPO / "assets" / "illustrations" / "wall-calf-stretch.svg"
    # Each step: 5 s get ready, 25 s left, 5 s switch, 25 s right = 60 s.
    steps = tuple(
        Step(
            id=f"step-{n}",
            title=f"Calf stretch {n + 1}",
            instructions="Hands on a wall, one foot back with the heel down. Lean in gently.",
            duration_s=25,
            position=Position.STANDING,
            illustration="illustrations/wall-calf-stretch.svg",
            picture=picture,
            sides=(Side.LEFT, Side.RIGHT),
        )
        for n in range(max(1, length_s // 60))
    )
    routine = Routine(
        id="bench-countdown",
        title="Countdown benchmark",
        summary="Many short steps adding up to the benchmark length.",
        kind=Kind.EVENING,
        sources=("002_338422ce80f7efa0.txt",),
        steps=steps,
        get_ready_s=5,
        switch_s=5,
        origin="benchmark",
    )
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        clock = SystemClock()
        book = Logbook(Path(folder) / "bench.db", clock.now())
        run = RoutineRun(routine, clock, book, SilentSounds(), SilentSpeaker())
        window = PlayerWindow(routine.title, colors_for(True))
        controller = PlayerController(run, window)
        window.show()
        ended: list[float] = []
        blocks: list[float] = []
        expected_end = 0.0

        def on_end(_how: str) -> None:
            ended.append(time.monotonic())
            QTimer.singleShot(0, qapp.quit)

        def block() -> None:
            if ended or time.monotonic() > expected_end - 1.0:
                return
            pause = rng.uniform(0.0, 0.75)
            blocks.append(pause)
            time.sleep(pause)  # the point of this benchmark: a busy GUI thread
            QTimer.singleShot(round(rng.uniform(300, 3000)), block)

        run.ended.connect(on_end)
        run.start()
        now = time.monotonic()
        expected_end = now + run.player.view(now).total_remaining_s
        QTimer.singleShot(round(rng.uniform(300, 3000)), block)
        qapp.exec()
        window.close()
        del controller
        book.close()
    return {
        "error_ms": (ended[0] - expected_end) * 1000 if ended else None,
        "length_s": sum(2 * s.duration_s + 10 for s in steps),
        "blocks": len(blocks),
        "blocked_s": sum(blocks),
        "longest_block_ms": max(blocks, default=0.0) * 1000,
    }


def synth_child(out: Path) -> dict[str, Any]:
    """Five years of synthetic logbook data, made once and copied for every round."""
    try:
        from tools.synthetic_data import fill
    except ImportError as exc:
        return {"available": False, "why": f"tools/synthetic_data.py: {exc}"}
    from nightstretch.store.logbook import Logbook

    started = time.monotonic()
    book = Logbook(out)
    try:
        fill(book, nights=5 * 365, seed=1)
    finally:
        book.close()
    return {"available": True, "seconds": time.monotonic() - started}


def _open_five_years(db: Path) -> Any:
    from nightstretch.core.clock import SystemClock
    from nightstretch.store.logbook import Logbook

    return Logbook(db, SystemClock().now())


def history_child(db: Path) -> dict[str, Any]:
    """History window on 5 years of data: from the request to the end of its first paint.

    The app imports the history modules at start, so their import time is reported apart
    (``import_s``) and not counted; what is counted is what she waits for on a click:
    reading the logbook, building the view, building the window and painting it once.
    """
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    qapp = QApplication(sys.argv[:1])
    started = time.monotonic()
    try:
        from nightstretch.services.history import HistoryController
        from nightstretch.ui.history_window import HistoryWindow
    except ImportError as exc:
        return {"available": False, "why": f"history window: {exc}"}
    from nightstretch.core.clock import SystemClock
    from nightstretch.ui.theme import colors_for

    import_s = time.monotonic() - started
    book = _open_five_years(db)
    painted: list[float] = []

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(time.monotonic())
            return False

    clock = SystemClock()
    started = time.monotonic()
    controller = HistoryController(book, clock, 2000)
    from nightstretch.ui.cramp_dialog import CrampDialog

    window = HistoryWindow(
        colors_for(False),
        save_entry=controller.save,
        edit_cramp=lambda entry, parent: CrampDialog(
            clock, colors_for(False), entry=entry, parent=parent
        ),
    )
    controller.changed.connect(lambda: window.show_view(controller.view))
    controller.refresh()
    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    while not painted:
        qapp.processEvents()  # the paint runs inside this call; stop right after it
    first_paint_s = time.monotonic() - started
    if os.environ.get("NIGHTSTRETCH_BENCH_SHOT"):
        window.grab().save(os.environ["NIGHTSTRETCH_BENCH_SHOT"])
    window.close()
    book.close()
    return {"available": True, "first_paint_s": first_paint_s, "import_s": import_s}


def report_child(db: Path, out: Path) -> dict[str, Any]:
    """Report on 5 years of data: from the request to the PDF on disk.

    The app imports the report modules on first use, so their import is counted here.
    """
    from PySide6.QtWidgets import QApplication

    qapp = QApplication(sys.argv[:1])
    book = _open_five_years(db)
    started = time.monotonic()
    try:
        from nightstretch.services.report import write_report_pdf
        from nightstretch.store.report_data import build_report_data
    except ImportError as exc:
        return {"available": False, "why": f"report: {exc}"}
    from nightstretch.core import entries
    from nightstretch.core.clock import SystemClock

    data = build_report_data(book, entries.last_night(SystemClock().now()), 4, 2000)
    pages = write_report_pdf(data, out, overwrite=True)
    seconds = time.monotonic() - started
    book.close()
    del qapp
    return {"available": True, "seconds": seconds, "pages": pages}


def run_child(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", required=True)
    parser.add_argument("--length", type=int, default=600)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    if args.child == "countdown":
        result = countdown_child(args.length, args.seed)
    elif args.child == "synth":
        result = synth_child(args.out)
    elif args.child == "history":
        result = history_child(args.db)
    elif args.child == "report":
        result = report_child(args.db, args.out)
    else:
        parser.error(f"unknown child {args.child}")
    print("RESULT " + json.dumps(result), flush=True)
    return 0


def child_result(proc: subprocess.CompletedProcess[str] | tuple[int, str, str]) -> dict[str, Any]:
    code, out, err = (
        proc if isinstance(proc, tuple) else (proc.returncode, proc.stdout, proc.stderr)
    )
    for line in out.splitlines():
        if line.startswith("RESULT "):
            result: dict[str, Any] = json.loads(line[len("RESULT ") :])
            return result
    tail = (err or out).strip().splitlines()[-3:]
    return {"available": False, "why": f"child failed ({code}): {' | '.join(tail)}"}


def measure_countdown(plan: Plan, results: Results) -> None:
    """All rounds at once: each child mostly sleeps, so they do not compete for the CPU."""
    print(f"countdown: {plan.rounds} routines of {plan.countdown_s} s in parallel", flush=True)
    procs = [
        subprocess.Popen(
            child_command("countdown", "--length", str(plan.countdown_s), "--seed", str(n + 1)),
            env=child_env(),
            cwd=str(REPO),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(plan.rounds)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=plan.countdown_s + 120)
        result = child_result((proc.returncode, out, err))
        if result.get("error_ms") is None:
            results.unavailable["countdown_err_ms"] = str(result.get("why", "no end reported"))
            continue
        results.add(NS, "countdown_err_ms", float(result["error_ms"]))
        results.add(NS, "countdown_blocked_s", float(result["blocked_s"]))
        print(
            f"  error {result['error_ms']:+.1f} ms after {result['blocks']} blocks "
            f"({result['blocked_s']:.1f} s blocked, longest {result['longest_block_ms']:.0f} ms)",
            flush=True,
        )


def measure_history_and_report(plan: Plan, results: Results) -> None:
    print("history and report on 5 years of synthetic data", flush=True)
    with tempfile.TemporaryDirectory(prefix="nightstretch-bench-") as folder:
        template = Path(folder) / "five-years.db"
        synth = child_result(
            subprocess.run(
                child_command("synth", "--out", str(template)),
                env=child_env(),
                cwd=str(REPO),
                capture_output=True,
                text=True,
                timeout=900,
                check=False,
            )
        )
        if not synth.get("available"):
            why = str(synth.get("why"))
            for key in ("history_ms", "history_small_ms", "report_s"):
                results.unavailable[key] = why
            return
        for key, name, metric, scale, screen in (
            ("history_ms", "history", "first_paint_s", 1000.0, SCREEN),
            ("history_small_ms", "history", "first_paint_s", 1000.0, SMALL_SCREEN),
            ("report_s", "report", "seconds", 1.0, SCREEN),
        ):
            for n in range(plan.rounds):
                db = Path(folder) / f"{name}-{n}.db"
                shutil.copy(template, db)
                result = child_result(
                    subprocess.run(
                        child_command(name, "--db", str(db), "--out", str(db.with_suffix(".pdf"))),
                        env=child_env(screen),
                        cwd=str(REPO),
                        capture_output=True,
                        text=True,
                        timeout=300,
                        check=False,
                    )
                )
                if not result.get("available", True) or metric not in result:
                    results.unavailable[key] = str(result.get("why", "no figure"))
                    break
                results.add(NS, key, float(result[metric]) * scale)


# -- the table -------------------------------------------------------------------------


Check = Callable[[float, float | None], bool]


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    unit: str
    digits: int
    target: str
    check: Check | None
    """(Nightstretch median, baseline median or None) -> met; None: shown for information."""
    baseline: bool = True


def _ratio_at_most(limit: float) -> Check:
    return lambda ns, base: base is not None and base > 0 and ns / base <= limit


def _at_most(limit: float) -> Check:
    return lambda ns, _base: ns <= limit


def _abs_at_most(limit: float) -> Check:
    return lambda ns, _base: abs(ns) <= limit


ROWS = (
    Row("launch_s", "Launch until the tray icon is mapped", "s", 2, "<= 1.3x", _ratio_at_most(1.3)),
    Row("launch_cpu_s", "CPU time until the icon is mapped", "s", 2, "", None),
    Row("rss_mb", "RSS after 20 s idle", "MB", 1, "<= 1.15x", _ratio_at_most(1.15)),
    Row("pss_mb", "PSS after 20 s idle", "MB", 1, "", None),
    Row("threads", "Threads when idle", "", 0, "", None),
    Row("csw_per_min", "Voluntary context switches per idle minute", "", 1, "<= 6", _at_most(6)),
    Row("cpu_ms_per_min", "CPU time per idle minute", "ms", 1, "", None),
    Row(
        "growth_rss_mb",
        "RSS growth, 1st to 5th routine",
        "MB",
        2,
        "<= 2 MB",
        _at_most(2.0),
        baseline=False,
    ),
    Row("growth_pss_mb", "PSS growth, 1st to 5th routine", "MB", 2, "", None, baseline=False),
    Row(
        "countdown_err_ms",
        "Countdown end error, GUI blocked up to 750 ms",
        "ms",
        1,
        "<= 50 ms",
        _abs_at_most(50),
        baseline=False,
    ),
    Row(
        "history_ms",
        "History first paint, 5 years of data",
        "ms",
        0,
        "< 150 ms",
        lambda ns, _b: ns < 150,
        baseline=False,
    ),
    Row(
        "history_small_ms",
        "History first paint, one column on 1024x600",
        "ms",
        0,
        "",
        None,
        baseline=False,
    ),
    Row(
        "report_s",
        "Report PDF, 5 years of data",
        "s",
        2,
        "< 1 s",
        lambda ns, _b: ns < 1.0,
        baseline=False,
    ),
)
HEADER = ("Measurement", "Nightstretch", "Baseline", "Ratio", "Target", "Result")


def _summary(values: list[float], digits: int, unit: str) -> str:
    if not values:
        return "-"
    median = statistics.median(values)
    text = f"{median:.{digits}f}"
    if len(values) > 1:
        text += f" ({min(values):.{digits}f}-{max(values):.{digits}f})"
    return f"{text} {unit}".strip()


def table_rows(results: Results) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for row in ROWS:
        ns = results.samples[NS].get(row.key, [])
        base = results.samples[BASE].get(row.key, []) if row.baseline else []
        if not ns:
            why = results.unavailable.get(row.key, "no figure")
            label = "not available yet" if "No module" in why or "not written" in why else why
            rows.append((row.label, label, "-", "-", row.target or "info", "-"))
            continue
        ns_median = statistics.median(ns)
        base_median = statistics.median(base) if base else None
        ratio = f"{ns_median / base_median:.2f}x" if base_median not in (None, 0) else "-"
        if row.check is None:
            verdict = "info"
        else:
            verdict = "PASS" if row.check(ns_median, base_median) else "MISS"
        rows.append(
            (
                row.label,
                _summary(ns, row.digits, row.unit),
                _summary(base, row.digits, row.unit) if row.baseline else "-",
                ratio,
                row.target or "info",
                verdict,
            )
        )
    return rows


def plain_table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in [HEADER, *rows]) for i in range(len(HEADER))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(HEADER, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows
    )
    return "\n".join(line.rstrip() for line in lines)


def markdown_table(rows: list[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import PySide6

        qt = f"PySide6 {PySide6.__version__}"
    except ImportError:
        qt = "PySide6 missing"
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{model}, {os.cpu_count()} cores, {mem_gb:.0f} GB RAM, Linux {platform.release()}, "
        f"Python {platform.python_version()}, {qt}; Xvfb + openbox + trayer"
    )


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(REPO), *args], capture_output=True, text=True, check=True
    ).stdout.strip()


def code_version() -> tuple[str, str]:
    """(label, identity) of the code measured: the commit for the table, and the tree of
    app/, routines/ and assets/ plus their uncommitted changes to notice a change mid-run.
    Read-only git calls."""
    try:
        head = _git("rev-parse", "--short", "HEAD")
        trees = _git("rev-parse", "HEAD:app", "HEAD:routines", "HEAD:assets")
        dirty = _git("status", "--porcelain", "--", "app", "routines", "assets")
        changes = _git("diff", "HEAD", "--", "app", "routines", "assets") if dirty else ""
    except (OSError, subprocess.CalledProcessError):
        return "unknown commit", "unknown"
    label = f"commit {head}" + (" with uncommitted changes in app/" if dirty else "")
    return label, f"{trees}\n{dirty}\n{changes}"


def report(plan: Plan, results: Results, started: float, version: tuple[str, str]) -> str:
    rows = table_rows(results)
    minutes = (time.monotonic() - started) / 60
    mode = "quick run" if plan.quick else "full run"
    now = code_version()
    if now[1] != version[1]:
        results.note(
            f"the code changed during the run: {version[0]} at the start, {now[0]} at the end"
        )
    heading = (
        f"{mode} of {version[0]}: {plan.rounds} rounds, medians with (min-max); baseline = "
        f"tests/benchmarks/baseline_tray.py; {minutes:.0f} min"
    )
    print()
    print(heading)
    print(plain_table(rows))
    for note in results.notes:
        print(f"- {note}")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    markdown = "\n".join(
        [
            f"Measured on {machine()}, {time.strftime('%Y-%m-%d')}; {heading}.",
            "",
            markdown_table(rows),
            "",
            *(f"- {note}" for note in results.notes),
            "",
        ]
    )
    (ARTIFACTS / "bench.md").write_text(markdown)
    (ARTIFACTS / "bench.json").write_text(
        json.dumps(
            {"plan": plan.__dict__, "samples": results.samples, "notes": results.notes},
            indent=2,
        )
    )
    print(f"\nwritten: {ARTIFACTS / 'bench.md'}")
    return markdown


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--child" in argv:
        return run_child(argv)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, help="rounds per app (default 5, quick 2)")
    parser.add_argument(
        "--quick", action="store_true", help="short phases (5 s settle, 20 s idle, 2-min routine)"
    )
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=("apps", "countdown", "scale"),
        help="leave out a part (repeatable)",
    )
    args = parser.parse_args(argv)
    plan = Plan.quick_plan(args.rounds) if args.quick else Plan(rounds=args.rounds or 5)
    started = time.monotonic()
    version = code_version()
    results = Results()
    if "apps" not in args.skip:
        compile_app()
        flag = minimized_flag()
        for round_no in range(plan.rounds):
            order = (BASE, NS) if round_no % 2 == 0 else (NS, BASE)
            for app in order:
                for attempt in (1, 2):  # a desktop that fails to come up gets one retry
                    one = Results()
                    try:
                        measure_app(app, plan, round_no, one, flag)
                    except (XSessionError, subprocess.SubprocessError, OSError) as exc:
                        results.merge(one, samples=False)
                        results.note(f"{app} round {round_no + 1} attempt {attempt} failed: {exc}")
                        continue
                    results.merge(one, samples=True)
                    break
    else:
        for row in ROWS:
            results.unavailable.setdefault(row.key, "skipped")
    if "countdown" not in args.skip:
        measure_countdown(plan, results)
    else:
        results.unavailable["countdown_err_ms"] = "skipped"
    if "scale" not in args.skip:
        measure_history_and_report(plan, results)
    else:
        for key in ("history_ms", "history_small_ms", "report_s"):
            results.unavailable[key] = "skipped"
    report(plan, results, started, version)
    return 0


if __name__ == "__main__":
    sys.exit(main())
