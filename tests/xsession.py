"""A private X desktop for end-to-end tests and benchmarks: Xvfb, openbox and a tray host.

The end-to-end suite and the benchmark script both need what a person has: a screen, a
window manager that maps and focuses windows, and a system tray that embeds the icon.
``XSession`` starts all three on a free display (Xvfb chooses it with ``-displayfd``),
waits until the tray panel is really mapped, and ends every process it started.
Everything waits on conditions (a window mapped, a file present) with monotonic
deadlines; nothing sleeps a fixed time hoping the desktop is ready.

    with XSession() as x:
        app = start_app([], home, x.env)
        x.tray_icon_position()
        x.screenshot(path)
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypeVar

REPO = Path(__file__).resolve().parent.parent
REQUIRED_TOOLS = (
    "Xvfb", "openbox", "trayer", "xdotool", "xwininfo", "xprop", "import", "convert",
)  # fmt: skip
"""Programs the session runs; Debian packages: xvfb openbox trayer xdotool x11-utils imagemagick."""
POLL_S = 0.05
SETTLE_TIMEOUT_S = 5.0
TRAY_ATTEMPT_S = 3.0
TREE_ATTEMPTS = 5
TRAYER_ARGS = (
    "--edge", "top", "--align", "right", "--widthtype", "request",
    "--height", "28", "--transparent", "false", "--tint", "0x333333",
)  # fmt: skip

T = TypeVar("T")


class XSessionError(RuntimeError):
    """The desktop did not come up, or a condition was not met in time."""


def missing_tools() -> list[str]:
    """The programs that are not installed; the e2e tests skip with these named."""
    return [tool for tool in REQUIRED_TOOLS if shutil.which(tool) is None]


def wait_until(
    condition: Callable[[], T | bool | None],
    timeout: float,
    what: str,
    *,
    poll: float = POLL_S,
    alive: subprocess.Popen[bytes] | None = None,
) -> T:
    """Polls ``condition`` until it returns something truthy, on a monotonic deadline.

    ``alive``: a process that must keep running meanwhile; if it exits, waiting is pointless
    and the error says so at once instead of after the whole timeout.
    """
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result  # type: ignore[return-value]
        if alive is not None and alive.poll() is not None:
            raise XSessionError(f"{what}: the process exited with {alive.returncode} first")
        if time.monotonic() >= deadline:
            raise XSessionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(poll)  # the polling interval, not a guess at how long something takes


@dataclass(frozen=True)
class Geometry:
    """A window's absolute position and size on the screen."""

    x: int
    y: int
    width: int
    height: int

    @property
    def center(self) -> tuple[int, int]:
        return self.x + self.width // 2, self.y + self.height // 2


@dataclass(frozen=True)
class TreeWindow:
    """One line of ``xwininfo -tree``: id, name, WM_CLASS text and absolute geometry."""

    id: int
    name: str | None
    classes: str
    geometry: Geometry
    depth: int
    ancestors: tuple[int, ...] = ()
    """Ids of the windows above this one in the listed tree, outermost first."""


_TREE_LINE = re.compile(
    r"^(?P<indent>\s*)(?P<id>0x[0-9a-f]+) (?:\"(?P<name>.*)\"|\(has no name\)): "
    r"\((?P<classes>.*)\)\s+(?P<w>\d+)x(?P<h>\d+)[+-]-?\d+[+-]-?\d+\s+"
    r"\+(?P<x>-?\d+)\+(?P<y>-?\d+)\s*$"
)


def parse_tree(text: str) -> list[TreeWindow]:
    """Parses ``xwininfo -tree`` output; indentation gives each window's depth."""
    windows: list[TreeWindow] = []
    stack: list[TreeWindow] = []
    for line in text.splitlines():
        match = _TREE_LINE.match(line)
        if match is None:
            continue
        depth = len(match["indent"])
        while stack and stack[-1].depth >= depth:
            stack.pop()
        window = TreeWindow(
            id=int(match["id"], 16),
            name=match["name"],
            classes=match["classes"],
            geometry=Geometry(int(match["x"]), int(match["y"]), int(match["w"]), int(match["h"])),
            depth=depth,
            ancestors=tuple(w.id for w in stack),
        )
        windows.append(window)
        stack.append(window)
    return windows


class XSession:
    """Xvfb + openbox + trayer on a display of their own; a context manager.

    ``env`` is the environment for programs on this display: ``DISPLAY`` set, and
    ``QT_QPA_PLATFORM`` and ``WAYLAND_DISPLAY`` removed so Qt really uses X11.
    """

    def __init__(
        self,
        width: int = 1280,
        height: int = 800,
        *,
        tray: bool = True,
        start_timeout: float = 20.0,
    ) -> None:
        self.width = width
        self.height = height
        self.tray = tray
        self.start_timeout = start_timeout
        self.display = ""
        self.env: dict[str, str] = {}
        self.tray_panel: int | None = None
        self._dir: Path | None = None
        self._procs: list[subprocess.Popen[bytes]] = []
        self._logs: list[IO[bytes]] = []

    # -- life cycle ------------------------------------------------------------------

    def __enter__(self) -> XSession:
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def folder(self) -> Path:
        """A private folder for this session's logs, runtime and openbox's config/cache."""
        assert self._dir is not None, "the session is not started"
        return self._dir

    def start(self) -> None:
        missing = missing_tools()
        if missing:
            raise XSessionError(f"not installed: {', '.join(missing)}")
        self._dir = Path(tempfile.mkdtemp(prefix="nightstretch-x-"))
        runtime = self.folder / "runtime"
        runtime.mkdir(mode=0o700)
        self._start_xvfb()
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "XAUTHORITY")
        }
        env.update(
            DISPLAY=self.display,
            XDG_RUNTIME_DIR=str(runtime),
            XDG_SESSION_TYPE="x11",
        )
        self.env = env
        # openbox and trayer get their own config/cache folders, so the real home stays untouched.
        desktop_env = dict(
            env,
            XDG_CONFIG_HOME=str(self.folder / "config"),
            XDG_CACHE_HOME=str(self.folder / "cache"),
        )
        self._spawn(["openbox", "--sm-disable"], "openbox", desktop_env)
        wait_until(self._wm_ready, self.start_timeout, "openbox to manage the screen")
        if self.tray:
            self.tray_panel = self._start_tray(desktop_env)

    def _start_tray(self, env: dict[str, str]) -> int:
        """Starts trayer and returns its panel window once mapped.

        About one start in fifteen, trayer's panel stays unmapped forever (openbox never
        manages it; seen with openbox 3.6 and trayer 1.1.8 on Xvfb). A panel that is not
        mapped within TRAY_ATTEMPT_S is therefore given up and trayer started afresh.
        """
        deadline = time.monotonic() + self.start_timeout
        attempt = 0
        while True:
            attempt += 1
            proc = self._spawn(["trayer", *TRAYER_ARGS], "trayer", env)
            left = deadline - time.monotonic()
            try:
                return wait_until(
                    self._tray_panel,
                    min(TRAY_ATTEMPT_S, left),
                    f"the trayer panel to be mapped (attempt {attempt})",
                    alive=proc,
                )
            except XSessionError:
                if time.monotonic() + 1 >= deadline:
                    raise
                proc.terminate()
                proc.wait(timeout=5)
                wait_until(lambda: not self._panels(), 5, "the old trayer panel to go")

    def _start_xvfb(self) -> None:
        read_fd, write_fd = os.pipe()
        try:
            self._spawn(
                [
                    "Xvfb",
                    "-displayfd",
                    str(write_fd),
                    "-screen",
                    "0",
                    f"{self.width}x{self.height}x24",
                    "-nolisten",
                    "tcp",
                    "-noreset",
                ],
                "xvfb",
                dict(os.environ),
                pass_fds=(write_fd,),
            )
            os.close(write_fd)
            write_fd = -1
            number = b""
            deadline = time.monotonic() + self.start_timeout
            while not number.endswith(b"\n"):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise XSessionError("Xvfb did not report its display number")
                ready, _, _ = select.select([read_fd], [], [], left)
                if ready:
                    chunk = os.read(read_fd, 16)
                    if not chunk:
                        raise XSessionError(f"Xvfb exited: {self.log_text('xvfb')[-500:]}")
                    number += chunk
            self.display = f":{number.decode().strip()}"
        finally:
            os.close(read_fd)
            if write_fd >= 0:
                os.close(write_fd)

    def _spawn(
        self,
        args: Sequence[str],
        name: str,
        env: dict[str, str],
        pass_fds: Sequence[int] = (),
    ) -> subprocess.Popen[bytes]:
        log = (self.folder / f"{name}.log").open("ab")
        self._logs.append(log)
        proc = subprocess.Popen(
            list(args),
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            pass_fds=tuple(pass_fds),
            start_new_session=True,
        )
        self._procs.append(proc)
        return proc

    def log_text(self, name: str) -> str:
        """The captured output of one of the session's programs (xvfb, openbox, trayer)."""
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def close(self) -> None:
        """Ends every process this session started, newest first, then removes its folder."""
        for proc in reversed(self._procs):
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    proc.terminate()
                try:
                    proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(timeout=5)
        self._procs.clear()
        for log in self._logs:
            log.close()
        self._logs.clear()
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    # -- queries ---------------------------------------------------------------------

    def run(self, args: Sequence[str], *, check: bool = True, timeout: float = 15) -> str:
        """Runs an X tool on this display and returns its stdout."""
        result = subprocess.run(
            list(args),
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if check and result.returncode != 0:
            raise XSessionError(
                f"{' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}"
            )
        return result.stdout

    def _wm_ready(self) -> bool:
        out = self.run(["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], check=False)
        return "window id" in out

    def _panels(self) -> list[TreeWindow]:
        """trayer's panel windows, mapped or not."""
        return [w for w in self.tree() if w.name == "panel" and '"trayer"' in w.classes]

    def _tray_panel(self) -> int | None:
        for window in self._panels():
            if self.is_viewable(window.id):
                return window.id
        return None

    def visible_windows(self, name_regex: str) -> list[int]:
        """Ids of mapped (viewable) windows whose name matches ``name_regex``, oldest first.

        Tray icons are not windows in this sense (see ``tray_icons``) and are left out.

        Read from the window tree rather than ``xdotool search``, which misses the
        override-redirect popups (menus, the reminder card) that matter here.
        """
        pattern = re.compile(name_regex)

        def named() -> set[int]:
            return {
                w.id
                for w in self.tree()
                if w.name is not None
                and pattern.search(w.name)
                and self.tray_panel not in w.ancestors
            }

        # A tray icon is a top-level window until trayer embeds it, and a window may go
        # between the snapshot and the check: only what both snapshots around the
        # viewability check agree on counts.
        viewable = [w for w in named() if self.is_viewable(w)]
        still = named()
        return sorted(w for w in viewable if w in still)

    def wait_for_window(
        self,
        name_regex: str,
        timeout: float = 20,
        *,
        alive: subprocess.Popen[bytes] | None = None,
        exclude: Sequence[int] = (),
    ) -> int:
        """Waits until a window whose name matches is mapped; returns its id."""

        def found() -> int | None:
            ids = [w for w in self.visible_windows(name_regex) if w not in exclude]
            if alive is not None:
                # Window ids are handed out again once a client has gone: a window of an
                # app stopped a moment ago must never stand in for one of this app's.
                ids = [w for w in ids if self.window_pid(w) == alive.pid]
            return ids[-1] if ids else None

        return wait_until(found, timeout, f"a window named /{name_regex}/", alive=alive)

    def wait_for_window_gone(self, window: int, timeout: float = 20) -> None:
        """Waits until a window is unmapped or destroyed."""
        wait_until(lambda: not self.is_viewable(window), timeout, f"window {window:#x} to close")

    def is_viewable(self, window: int) -> bool:
        out = self.run(["xwininfo", "-id", str(window)], check=False)
        return "Map State: IsViewable" in out

    def window_name(self, window: int) -> str:
        return self.run(["xdotool", "getwindowname", str(window)], check=False).strip()

    def window_pid(self, window: int) -> int | None:
        """The ``_NET_WM_PID`` the window's client set (Qt always sets it)."""
        out = self.run(["xprop", "-id", str(window), "_NET_WM_PID"], check=False)
        match = re.search(r"=\s*(\d+)", out)
        return int(match[1]) if match else None

    def window_geometry(self, window: int) -> Geometry:
        """Absolute position and size of the window's own area (without decorations)."""
        out = self.run(["xwininfo", "-id", str(window)])
        values = {}
        for key in ("Absolute upper-left X", "Absolute upper-left Y", "Width", "Height"):
            match = re.search(rf"^\s*{key}:\s+(-?\d+)", out, re.MULTILINE)
            if match is None:
                raise XSessionError(f"xwininfo gave no {key} for {window:#x}")
            values[key] = int(match[1])
        return Geometry(
            values["Absolute upper-left X"],
            values["Absolute upper-left Y"],
            values["Width"],
            values["Height"],
        )

    def tree(self, window: int | None = None) -> list[TreeWindow]:
        """The window tree below ``window`` (default: the root), flattened."""
        target = ["-root"] if window is None else ["-id", str(window)]
        for _ in range(TREE_ATTEMPTS):
            result = subprocess.run(
                ["xwininfo", "-tree", *target],
                env=self.env,
                capture_output=True,
                text=True,
                timeout=15,
                check=False,
            )
            if result.returncode == 0:
                return parse_tree(result.stdout)
            # A window destroyed while xwininfo walks the tree ("Bad Window"): walk again.
        if window is not None:
            return []  # the window itself is gone
        raise XSessionError(f"xwininfo -tree -root keeps failing: {result.stderr.strip()}")

    def tray_icons(self) -> list[TreeWindow]:
        """The icons embedded in the tray panel (trayer wraps each in a socket window)."""
        assert self.tray_panel is not None, "this session has no tray"
        return [
            w
            for w in self.tree(self.tray_panel)[1:]
            if w.name is not None and w.geometry.width > 1 and w.geometry.height > 1
        ]

    def tray_icon_position(self, name_regex: str = "Nightstretch", timeout: float = 20) -> Geometry:
        """Waits until an icon whose window name matches is embedded; returns its geometry."""
        pattern = re.compile(name_regex)

        def found() -> Geometry | None:
            for icon in self.tray_icons():
                if icon.name is not None and pattern.search(icon.name):
                    return icon.geometry
            return None

        return wait_until(found, timeout, f"a tray icon named /{name_regex}/")

    # -- input and output ------------------------------------------------------------

    def grab(self) -> bytes:
        """The whole screen as PPM bytes: cheap to compare, no timestamps inside."""
        result = subprocess.run(
            ["import", "-window", "root", "ppm:-"],
            env=self.env,
            capture_output=True,
            timeout=30,
            check=True,
        )
        return result.stdout

    def settled_screen(
        self, *, differ_from: bytes | None = None, timeout: float = SETTLE_TIMEOUT_S
    ) -> bytes:
        """Grabs until two grabs in a row agree (the app has painted), and, with
        ``differ_from``, until the screen is no longer that one. Best effort: after
        ``timeout`` (a countdown keeps moving) the last grab is returned."""
        deadline = time.monotonic() + timeout
        last = self.grab()
        while time.monotonic() < deadline:
            current = self.grab()
            if current == last and current != differ_from:
                return current
            last = current
        return last

    def screenshot(
        self, path: Path, *, differ_from: bytes | None = None, settle: bool = True
    ) -> bytes:
        """Saves the whole screen as a PNG, as a person sees it once the app has painted.

        Returns the grab, so a later screenshot can wait until the screen changed from it.
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        shot = self.settled_screen(differ_from=differ_from) if settle else self.grab()
        subprocess.run(["convert", "ppm:-", f"png:{path}"], input=shot, timeout=30, check=True)
        return shot

    def activate(self, window: int) -> None:
        """Raises and focuses a window through the window manager, and waits for it."""
        self.run(["xdotool", "windowactivate", "--sync", str(window)], check=False)
        wait_until(
            lambda: self.active_window() == window, 10, f"window {window:#x} to get the focus"
        )

    def active_window(self) -> int | None:
        out = self.run(["xdotool", "getactivewindow"], check=False).strip()
        return int(out) if out.isdigit() else None

    def key(self, keys: str | Sequence[str], window: int | None = None) -> None:
        """Presses keys (xdotool names: "Right", "ctrl+q", "3"), after focusing ``window``.

        Real key events go to the focused window; ``xdotool key --window`` would send
        synthetic events, which Qt ignores.
        """
        names = [keys] if isinstance(keys, str) else list(keys)
        if window is not None:
            self.activate(window)
        self.run(["xdotool", "key", "--clearmodifiers", *names])

    def type_text(self, text: str, window: int | None = None) -> None:
        if window is not None:
            self.activate(window)
        self.run(["xdotool", "type", "--delay", "20", text])

    def click(self, x: int, y: int, button: int = 1) -> None:
        self.move_mouse(x, y)
        self.run(["xdotool", "click", str(button)])

    def mouse_position(self) -> tuple[int, int]:
        out = self.run(["xdotool", "getmouselocation", "--shell"])
        values = dict(line.split("=", 1) for line in out.split() if "=" in line)
        return int(values["X"]), int(values["Y"])

    def move_mouse(self, x: int, y: int) -> None:
        """Moves the pointer and waits until it is there.

        Not ``mousemove --sync``: that waits for a motion event, which never comes when
        the pointer is already at the spot, and hangs.
        """
        self.run(["xdotool", "mousemove", str(x), str(y)])
        wait_until(lambda: self.mouse_position() == (x, y), 10, f"the pointer at {x},{y}")


# -- the app under test --------------------------------------------------------------


def nightstretch_command() -> list[str]:
    """The real entry point: the console script next to this Python, else ``python -m nightstretch``."""
    script = Path(sys.executable).parent / "nightstretch"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "nightstretch"]


def app_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for a real nightstretch process.

    Error dialogs are off: a crash then fails the test at once (the process logs and the
    test sees the error) instead of a modal box waiting for a click until the timeout.
    """
    result = dict(os.environ if env is None else env)
    result.pop("NIGHTSTRETCH_HOME", None)  # --home is passed explicitly
    result["NIGHTSTRETCH_NO_ERROR_DIALOG"] = "1"
    result["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(REPO), result.get("PYTHONPATH", "")) if p
    )
    result.setdefault("PYTHONFAULTHANDLER", "1")
    return result


def console_log(home: Path) -> Path:
    """Where ``start_app`` appends the process's stdout and stderr."""
    return home / "console.log"


def start_app(
    args: Sequence[str], home: Path, env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """Starts ``nightstretch --home HOME ARGS...``; output goes to ``console_log(home)``.

    ``env`` is normally ``XSession.env``. The caller ends the process (``stop_app``).
    """
    home.mkdir(parents=True, exist_ok=True)
    with console_log(home).open("ab") as log:
        return subprocess.Popen(
            [*nightstretch_command(), "--home", str(home), *args],
            env=app_env(env),
            cwd=str(home),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def run_cli(
    args: Sequence[str], home: Path, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Runs one nightstretch command to completion (``history --json``, ``log water``...)."""
    return subprocess.run(
        [*nightstretch_command(), "--home", str(home), *args],
        env=app_env(env),
        cwd=str(home),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def stop_app(proc: subprocess.Popen[bytes], timeout: float = 15) -> int:
    """SIGTERM, then SIGKILL if it will not end; returns the exit code."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=timeout)
    return int(proc.returncode)


@contextlib.contextmanager
def running_app(
    args: Sequence[str], home: Path, env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """``start_app`` that is always ended, even when the test fails."""
    proc = start_app(args, home, env)
    try:
        yield proc
    finally:
        stop_app(proc)
