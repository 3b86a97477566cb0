"""The installed tray app on a private X desktop: icon embedded, a routine's player shown.

Called by ``packaging/test-deb.sh`` after ``apt-get install``, with the project's Python
(it drives Xvfb, openbox and trayer through ``tests/xsession.py``); the app itself is the
package's ``/usr/bin/nightstretch``, started with a clean environment: no virtualenv on
PATH, no PYTHONPATH.

    python packaging/deb_gui_check.py /usr/bin/nightstretch HOME [SCREENSHOT.png]

With PulseAudio installed, a null sink stands in for speakers, so the player really loads
its cue sounds: a sound file the package lost would show in the log (QSoundEffect says
"Error decoding source"), and "sound unavailable" fails the check.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.xsession import XSession, stop_app  # noqa: E402

ALIVE_S = 3.0
"""How long the app must keep running with its player open."""
CLEAN_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
PROBLEMS = re.compile(r"Traceback|CRITICAL|ERROR|not found|missing|No such file", re.IGNORECASE)


def clean_env(x: XSession, home: Path) -> dict[str, str]:
    """Only what a desktop session gives a program started from the menu."""
    keep = ("DISPLAY", "XDG_RUNTIME_DIR", "XDG_SESSION_TYPE")
    env = {key: x.env[key] for key in keep if key in x.env}
    env.update(
        PATH=CLEAN_PATH,
        HOME=str(home / "fake-home"),
        LANG="C.UTF-8",
        NIGHTSTRETCH_NO_ERROR_DIALOG="1",
    )
    return env


def start_sound_server(x: XSession) -> subprocess.Popen[bytes] | None:
    """PulseAudio with a null sink on the session's runtime folder, if it is installed."""
    if shutil.which("pulseaudio") is None:
        return None
    server = subprocess.Popen(
        [
            "pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "-n",
            "--load=module-null-sink", "--load=module-native-protocol-unix",
        ],
        env=dict(x.env, HOME=str(x.folder)),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    socket = Path(x.env["XDG_RUNTIME_DIR"]) / "pulse" / "native"
    deadline = time.monotonic() + 10
    while not socket.exists():
        if server.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("PulseAudio did not start")
        time.sleep(0.05)
    return server


def main(command: str, home: Path, screenshot: Path | None = None) -> int:
    home.mkdir(parents=True, exist_ok=True)
    console = home / "console.log"
    with XSession() as x, console.open("ab") as log:
        sound = start_sound_server(x)
        env = clean_env(x, home)
        if sound is not None:  # else libpulse writes a cookie into HOME: not the app's doing
            env["PULSE_COOKIE"] = str(x.folder / ".config" / "pulse" / "cookie")
        app = subprocess.Popen(
            [command, "--home", str(home)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            welcome = x.wait_for_window("^Welcome — Nightstretch$", alive=app)
            x.key("Escape", window=welcome)
            x.wait_for_window_gone(welcome)
            icon = x.tray_icon_position()
            print(f"tray icon embedded at {icon.x},{icon.y} ({icon.width}x{icon.height})")

            # A second command hands the routine to the running app, as the launcher's
            # "Cramp rescue" action does.
            subprocess.run(
                [command, "--home", str(home), "start", "quick-calf"],
                env=env,
                check=True,
                timeout=60,
                capture_output=True,
            )
            player = x.wait_for_window("^Quick calf stretch — Nightstretch$", alive=app)
            geometry = x.window_geometry(player)
            print(f"player window mapped ({geometry.width}x{geometry.height})")
            deadline = time.monotonic() + ALIVE_S
            while time.monotonic() < deadline:
                if app.poll() is not None:
                    raise SystemExit(f"the app exited with {app.returncode}")
                time.sleep(0.1)
            print(f"still running after {ALIVE_S:.0f} s with the player open")
            if screenshot is not None:
                x.screenshot(screenshot)
        finally:
            code = stop_app(app)
            if sound is not None:
                sound.terminate()
                sound.wait(timeout=10)
    output = console.read_text(errors="replace")
    logs = "".join(p.read_text(errors="replace") for p in sorted(home.rglob("nightstretch.log*")))
    problems = [line for line in (output + logs).splitlines() if PROBLEMS.search(line)]
    if sound is not None:
        problems += [line for line in logs.splitlines() if "sound unavailable" in line]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        raise SystemExit("the app reported problems (above)")
    if code not in (0, -15):
        raise SystemExit(f"the app ended with {code} on SIGTERM")
    if (home / "fake-home").exists() and any((home / "fake-home").iterdir()):
        raise SystemExit("the app wrote into HOME although --home was given")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]) if sys.argv[3:] else None))
