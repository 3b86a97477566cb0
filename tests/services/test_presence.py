"""The presence monitor and its backends.

The D-Bus backends are tested against fake desktop services in a child process (this
file run as a script) on PRIVATE buses: one ``dbus-daemon --session`` as the session bus
and a second one standing in for the system bus (fake logind). The fakes are QObjects
exported by QtDBus with the real names, paths, interfaces and types:

- ``org.gnome.Mutter.IdleMonitor`` ``GetIdletime`` (uint64 milliseconds), as GNOME Shell;
- ``org.freedesktop.ScreenSaver`` ``GetSessionIdleTime`` (uint32 milliseconds) and
  ``GetActive``, as KDE Plasma's kscreenlocker; or ``GetActive`` only, as other lockers;
- ``org.freedesktop.Notifications`` with the ``Inhibited`` property, as Plasma;
- ``org.freedesktop.login1`` with ``/org/freedesktop/login1/session/auto`` ``LockedHint``.

A control object in the same process lets a test change the answers.

What this cannot show: that the real GNOME Shell, Plasma or logind answer exactly so
(the README says which backends are untested on a real desktop). The Windows and macOS
backends are tested through the functions injected in place of their system calls.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import pytest
from nightstretch.core.presence import UNKNOWN, Presence
from nightstretch.services.presence import (
    DBUS_TIMEOUT_MS,
    Backend,
    Bus,
    GnomeBanners,
    LogindLocked,
    MutterIdle,
    NotificationsInhibited,
    PresenceMonitor,
    ScreenSaverActive,
    ScreenSaverIdle,
    XfceDoNotDisturb,
    default_backends,
    run_command,
)
from nightstretch.services.presence_native import (
    MacIdle,
    PresenceError,
    WindowsIdle,
    WindowsNotificationState,
    X11FullScreen,
    X11Idle,
    Xlib,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

REPO = Path(__file__).resolve().parents[2]
_names = count()
Connect = Callable[[str], Bus]
"""The ``connect`` fixture: a private bus address to the ``Bus`` callable backends take."""


# -- the monitor, with stand-in backends -------------------------------------------------


class Stub:
    def __init__(self, name: str, look: Presence | BaseException, usable: bool = True) -> None:
        self.name = name
        self.look = look
        self.usable = usable
        self.probes = 0
        self.reads = 0

    def probe(self) -> bool:
        self.probes += 1
        if isinstance(self.look, KeyboardInterrupt):
            raise RuntimeError("probe broke")
        return self.usable

    def read(self) -> Presence:
        self.reads += 1
        if isinstance(self.look, BaseException):
            raise self.look
        return self.look


def test_monitor_merges_what_each_backend_knows() -> None:
    monitor = PresenceMonitor(
        [
            Stub("idle", Presence(idle_s=12)),
            Stub("lock", Presence(locked=False)),
            Stub("dnd", Presence(do_not_disturb=True)),
            Stub("later-idle", Presence(idle_s=900)),
        ]
    )
    assert monitor.sample() == Presence(idle_s=12, locked=False, do_not_disturb=True)


def test_monitor_probes_once_lazily_and_reads_only_usable_backends() -> None:
    here = Stub("here", Presence(locked=True))
    absent = Stub("absent", Presence(locked=False), usable=False)
    monitor = PresenceMonitor([absent, here])
    assert (here.probes, absent.probes) == (0, 0)  # constructing costs nothing
    monitor.sample()
    monitor.sample()
    assert (here.probes, absent.probes) == (1, 1)
    assert (here.reads, absent.reads) == (2, 0)
    assert monitor.active == ("here",)


def test_a_failing_backend_is_unknown_and_logged_once_until_it_answers_again(
    caplog: pytest.LogCaptureFixture,
) -> None:
    flaky = Stub("flaky", PresenceError("service gone"))
    monitor = PresenceMonitor([flaky, Stub("lock", Presence(locked=True))])
    with caplog.at_level(logging.INFO, logger="nightstretch.services.presence"):
        assert monitor.sample() == Presence(locked=True)
        assert monitor.sample() == Presence(locked=True)
        flaky.look = Presence(idle_s=3)
        assert monitor.sample() == Presence(idle_s=3, locked=True)
    messages = [r.getMessage() for r in caplog.records]
    assert sum("flaky cannot answer (service gone)" in m for m in messages) == 1
    assert sum("flaky answers again" in m for m in messages) == 1


def test_any_exception_in_read_or_probe_is_unknown_never_a_crash() -> None:
    broken_probe = Stub("broken-probe", KeyboardInterrupt())  # Stub raises RuntimeError
    broken_read = Stub("broken-read", ZeroDivisionError("boom"))
    monitor = PresenceMonitor([broken_probe, broken_read])
    assert monitor.sample() == UNKNOWN
    assert monitor.active == ("broken-read",)


def test_no_backends_is_unknown() -> None:
    assert PresenceMonitor([]).sample() == UNKNOWN


# -- composition ---------------------------------------------------------------------------


def names(backends: list[Backend]) -> list[str]:
    return [b.name for b in backends]


def test_each_platform_gets_its_own_backends_best_first() -> None:
    assert names(default_backends(platform="win32")) == [
        "windows-last-input",
        "windows-notification-state",
    ]
    assert names(default_backends(platform="darwin")) == ["macos-event-source"]
    assert names(default_backends(platform="linux")) == [
        "gnome-idle-monitor",
        "screensaver-idle",
        "x11-screensaver",
        "logind-locked",
        "screensaver-active",
        "notifications-inhibited",
        "gnome-show-banners",
        "xfce-do-not-disturb",
        "x11-full-screen",
    ]


def test_loading_the_module_loads_no_qt() -> None:
    code = (
        "import sys, nightstretch.services.presence as p; "
        "p.default_backends(); "
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "app")},
    )
    assert out.stdout.strip() == "[]"


# -- commands: GNOME show-banners, XFCE do-not-disturb --------------------------------------


class Commands:
    def __init__(self, out: str | None) -> None:
        self.out = out
        self.calls: list[list[str]] = []

    def __call__(self, args: Sequence[str]) -> str | None:
        self.calls.append(list(args))
        return self.out


@pytest.mark.parametrize(("printed", "dnd"), [("false\n", True), ("true\n", False)])
def test_gnome_do_not_disturb_is_show_banners_off(printed: str, dnd: bool) -> None:
    run = Commands(printed)
    assert GnomeBanners(run, {}).read() == Presence(do_not_disturb=dnd)
    assert run.calls == [["gsettings", "get", "org.gnome.desktop.notifications", "show-banners"]]


@pytest.mark.parametrize(("printed", "dnd"), [("true\n", True), ("false\n", False)])
def test_xfce_do_not_disturb(printed: str, dnd: bool) -> None:
    run = Commands(printed)
    assert XfceDoNotDisturb(run, {}).read() == Presence(do_not_disturb=dnd)
    assert run.calls == [["xfconf-query", "-c", "xfce4-notifyd", "-p", "/do-not-disturb"]]


@pytest.mark.parametrize("printed", [None, "", "No such schema\n", "1\n"])
def test_a_command_that_fails_or_prints_nonsense_is_unknown(printed: str | None) -> None:
    with pytest.raises(PresenceError):
        GnomeBanners(Commands(printed), {}).read()


def test_command_backends_run_only_on_their_own_desktop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    gnome, xfce = {"XDG_CURRENT_DESKTOP": "ubuntu:GNOME"}, {"XDG_CURRENT_DESKTOP": "XFCE"}
    assert GnomeBanners(Commands("true"), gnome).probe()
    assert not GnomeBanners(Commands("true"), xfce).probe()
    assert XfceDoNotDisturb(Commands("true"), xfce).probe()
    assert not XfceDoNotDisturb(Commands("true"), {}).probe()
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert not GnomeBanners(Commands("true"), gnome).probe()


def test_run_command_gives_stdout_or_none() -> None:
    assert run_command([sys.executable, "-c", "print('true')"]) == "true\n"
    assert run_command([sys.executable, "-c", "raise SystemExit(1)"]) is None
    assert run_command(["/nonexistent/nightstretch-no-such-tool"]) is None


def test_run_command_gives_up_after_its_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("nightstretch.services.presence.COMMAND_TIMEOUT_S", 0.2)
    started = time.monotonic()
    assert run_command([sys.executable, "-c", "import time; time.sleep(5)"]) is None
    assert time.monotonic() - started < 3


# -- Windows and macOS through injected system calls ----------------------------------------


def test_windows_idle_is_the_time_since_the_last_input() -> None:
    assert WindowsIdle(lambda: (100_000, 40_000)).read() == Presence(idle_s=60.0)


def test_windows_idle_survives_the_tick_count_wrapping_after_49_days() -> None:
    assert WindowsIdle(lambda: (1_000, 0xFFFFFFFF - 1_999)).read() == Presence(idle_s=3.0)


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (1, Presence(locked=True, full_screen=False, do_not_disturb=False)),  # not present
        (2, Presence(locked=False, full_screen=True, do_not_disturb=False)),  # busy
        (3, Presence(locked=False, full_screen=True, do_not_disturb=False)),  # D3D full screen
        (4, Presence(locked=False, full_screen=False, do_not_disturb=True)),  # presentation
        (5, Presence(locked=False, full_screen=False, do_not_disturb=False)),  # accepts
        (6, Presence(locked=False, full_screen=False, do_not_disturb=True)),  # quiet time
        (7, Presence(locked=False, full_screen=True, do_not_disturb=False)),  # Store app
    ],
)
def test_windows_notification_state_maps_to_presence(state: int, expected: Presence) -> None:
    assert WindowsNotificationState(lambda: state).read() == expected


@pytest.mark.parametrize("state", [0, 8, -1])
def test_an_unknown_windows_state_is_unknown(state: int) -> None:
    with pytest.raises(PresenceError):
        WindowsNotificationState(lambda: state).read()


def test_macos_idle_comes_from_the_quartz_event_source() -> None:
    assert MacIdle(lambda: 42.5).read() == Presence(idle_s=42.5)


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the not-here path")
def test_the_real_windows_and_macos_calls_refuse_elsewhere_and_the_monitor_says_unknown() -> None:
    monitor = PresenceMonitor([WindowsIdle(), WindowsNotificationState(), MacIdle()])
    assert monitor.sample() == UNKNOWN


# -- X11 probe (the real X tests are in tests/e2e/test_presence_x11.py) ------------------------


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"},
        {"DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"},
    ],
)
def test_x11_backends_stay_out_without_x_or_under_wayland(env: dict[str, str]) -> None:
    xlib = Xlib(env)
    assert not X11Idle(xlib).probe()
    assert not X11FullScreen(xlib).probe()


def test_an_x_display_that_is_not_there_is_unknown() -> None:
    xlib = Xlib({"DISPLAY": ":nightstretch-none"})
    monitor = PresenceMonitor([X11Idle(xlib), X11FullScreen(xlib)])
    assert monitor.active == ("x11-screensaver", "x11-full-screen")
    assert monitor.sample() == UNKNOWN


# -- D-Bus: fake desktop services on private buses --------------------------------------------


def start_bus(config: Path | None = None) -> tuple[subprocess.Popen[str], str]:
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed (apt-get install dbus)")
    where = ["--config-file", str(config)] if config else ["--session"]
    daemon = subprocess.Popen(
        ["dbus-daemon", *where, "--nofork", "--nopidfile", "--print-address"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert daemon.stdout is not None
    return daemon, daemon.stdout.readline().strip()


def stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    process.wait(10)
    if process.stdout is not None:
        process.stdout.close()


@pytest.fixture
def session_address() -> Iterator[str]:
    daemon, address = start_bus()
    yield address
    stop(daemon)


@pytest.fixture
def system_address() -> Iterator[str]:
    """A second private bus that plays the system bus (logind lives there)."""
    daemon, address = start_bus()
    yield address
    stop(daemon)


@pytest.fixture
def connect(qapp: QApplication) -> Iterator[Connect]:
    """Opens a named connection to a private bus; gives the ``Bus`` callable backends take."""
    from PySide6.QtDBus import QDBusConnection

    opened: list[str] = []

    def make(address: str) -> Bus:
        name = f"nightstretch-presence-{next(_names)}"
        opened.append(name)
        connection = QDBusConnection.connectToBus(address, name)
        assert connection.isConnected()
        return lambda: connection

    yield make
    for name in opened:
        QDBusConnection.disconnectFromBus(name)


class Fakes:
    """The child process serving fake desktop services, and its control object."""

    def __init__(self, address: str, services: list[str], state: dict[str, object]) -> None:
        self.address = address
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), address, ",".join(services)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            text=True,
        )
        self.set(**state)

    def set(self, **state: object) -> None:
        """Changes the fakes' answers; returns once the child has taken them."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(state) + "\n")
        self.process.stdin.flush()
        assert self.process.stdout.readline().strip() == "ready"

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(10)
        assert self.process.stdout is not None
        self.process.stdout.close()


class StartFakes(Protocol):
    """The ``fakes`` fixture: starts fake services on a bus with their first answers."""

    def __call__(self, address: str, services: list[str], **state: object) -> Fakes: ...


@pytest.fixture
def fakes() -> Iterator[StartFakes]:
    started: list[Fakes] = []

    def start(address: str, services: list[str], **state: object) -> Fakes:
        fake = Fakes(address, services, state)
        started.append(fake)
        return fake

    yield start
    for fake in started:
        fake.close()


def test_gnome_idle_monitor_gives_idle_seconds(
    session_address: str, connect: Connect, fakes: StartFakes
) -> None:
    fake = fakes(session_address, ["mutter"], idle_ms=42_000)
    backend = MutterIdle(connect(session_address))
    assert backend.probe()
    assert backend.read() == Presence(idle_s=42.0)
    fake.set(idle_ms=1_234)
    assert backend.read() == Presence(idle_s=1.234)


def test_kde_screensaver_gives_idle_milliseconds_and_lock(
    session_address: str, connect: Connect, fakes: StartFakes
) -> None:
    fake = fakes(session_address, ["screensaver"], idle_ms=610_000, active=False)
    bus = connect(session_address)
    assert ScreenSaverIdle(bus).read() == Presence(idle_s=610.0)
    assert ScreenSaverActive(bus).read() == Presence(locked=False)
    fake.set(active=True)
    assert ScreenSaverActive(bus).read() == Presence(locked=True)


def test_a_screensaver_without_idle_time_still_says_locked(
    session_address: str, connect: Connect, fakes: StartFakes
) -> None:
    fakes(session_address, ["screensaver-lock-only"], active=True)
    bus = connect(session_address)
    monitor = PresenceMonitor([ScreenSaverIdle(bus), ScreenSaverActive(bus)])
    assert monitor.sample() == Presence(idle_s=None, locked=True)


def test_notification_server_inhibited_is_do_not_disturb(
    session_address: str, connect: Connect, fakes: StartFakes
) -> None:
    fake = fakes(session_address, ["notifications"], inhibited=True)
    backend = NotificationsInhibited(connect(session_address))
    assert backend.read() == Presence(do_not_disturb=True)
    fake.set(inhibited=False)
    assert backend.read() == Presence(do_not_disturb=False)


def test_logind_locked_hint_on_the_system_bus(
    system_address: str, connect: Connect, fakes: StartFakes
) -> None:
    fake = fakes(system_address, ["logind"], locked_hint=True)
    backend = LogindLocked(connect(system_address))
    assert backend.read() == Presence(locked=True)
    fake.set(locked_hint=False)
    assert backend.read() == Presence(locked=False)


def test_a_whole_desktop_on_two_buses_merges_into_one_answer(
    session_address: str, system_address: str, connect: Connect, fakes: StartFakes
) -> None:
    fakes(session_address, ["mutter", "screensaver", "notifications"],
          idle_ms=5_000, active=False, inhibited=True)  # fmt: skip
    fakes(system_address, ["logind"], locked_hint=True)
    session, system = connect(session_address), connect(system_address)
    env = {"XDG_CURRENT_DESKTOP": "KDE"}
    monitor = PresenceMonitor(
        default_backends(platform="linux", session=session, system=system, env=env)
    )
    assert monitor.sample() == Presence(
        idle_s=5.0, locked=True, do_not_disturb=True, full_screen=None
    )


def test_no_services_on_the_bus_is_unknown_and_quick(
    session_address: str, connect: Connect
) -> None:
    bus = connect(session_address)
    monitor = PresenceMonitor(
        [MutterIdle(bus), ScreenSaverIdle(bus), ScreenSaverActive(bus),
         NotificationsInhibited(bus), LogindLocked(bus)]
    )  # fmt: skip
    started = time.monotonic()
    assert monitor.sample() == UNKNOWN
    assert time.monotonic() - started < 0.5  # "no such name" comes back at once


def test_a_service_that_does_not_answer_in_time_is_unknown(
    session_address: str, connect: Connect, fakes: StartFakes
) -> None:
    fakes(session_address, ["mutter"], idle_ms=1_000, delay_s=1.5)
    monitor = PresenceMonitor([MutterIdle(connect(session_address))])
    started = time.monotonic()
    assert monitor.sample() == UNKNOWN
    assert time.monotonic() - started < DBUS_TIMEOUT_MS / 1000 + 1


def test_asking_never_starts_a_notification_server(tmp_path: Path, connect: Connect) -> None:
    """dunst and friends are D-Bus activated: a question must not launch one."""
    services = tmp_path / "services"
    services.mkdir()
    started = tmp_path / "started"
    (services / "org.freedesktop.Notifications.service").write_text(
        "[D-BUS Service]\nName=org.freedesktop.Notifications\n"
        f"Exec=/bin/sh -c 'touch {started}; sleep 5'\n"
    )
    config = tmp_path / "bus.conf"
    config.write_text(
        "<!DOCTYPE busconfig PUBLIC '-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN'"
        " 'http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd'>\n"
        "<busconfig><type>session</type>"
        f"<listen>unix:tmpdir={tmp_path}</listen>"
        f"<servicedir>{services}</servicedir>"
        "<policy context='default'><allow send_destination='*' eavesdrop='true'/>"
        "<allow eavesdrop='true'/><allow own='*'/></policy>"
        "</busconfig>\n"
    )
    daemon, address = start_bus(config)
    try:
        assert PresenceMonitor([NotificationsInhibited(connect(address))]).sample() == UNKNOWN
        time.sleep(0.3)  # an activation, had there been one, starts within this
        assert not started.exists()
        # the control: the same bus does start it for a call that allows auto-start
        subprocess.run(
            ["dbus-send", f"--bus={address}", "--print-reply", "--reply-timeout=300",
             "--dest=org.freedesktop.Notifications", "/", "org.freedesktop.DBus.Peer.Ping"],
            capture_output=True, timeout=10, check=False,
        )  # fmt: skip
        deadline = time.monotonic() + 5
        while not started.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert started.exists()
    finally:
        stop(daemon)


def test_the_default_buses_follow_the_environment(
    session_address: str, system_address: str, fakes: StartFakes
) -> None:
    """Without injection the monitor finds the session and system bus as the app would."""
    fakes(session_address, ["notifications"], inhibited=True)
    fakes(system_address, ["logind"], locked_hint=True)
    code = (
        "from PySide6.QtCore import QCoreApplication; app = QCoreApplication([]); "
        "from nightstretch.services.presence import create_monitor; "
        "print(create_monitor().sample())"
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "app"),
        "DBUS_SESSION_BUS_ADDRESS": session_address,
        "DBUS_SYSTEM_BUS_ADDRESS": system_address,
        "XDG_CURRENT_DESKTOP": "KDE",
    }
    env.pop("DISPLAY", None)
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert out.stdout.strip() == (
        "Presence(idle_s=None, locked=True, do_not_disturb=True, full_screen=None)"
    ), out.stderr


# -- the fake services (this file run as a script) ---------------------------------------------


def serve(address: str, services: list[str]) -> None:  # pragma: no cover - child
    """Serves the named fakes; reads new answers as JSON lines on stdin, one per change."""
    from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, QSocketNotifier, Slot
    from PySide6.QtCore import Property as QtProperty
    from PySide6.QtDBus import QDBusConnection

    state: dict[str, object] = {"delay_s": 0}

    def answer(key: str) -> object:
        time.sleep(float(state["delay_s"]))  # type: ignore[arg-type]
        return state[key]

    # PySide6's stubs do not know ClassInfo as a decorator (as in test_notifier.py).
    @ClassInfo({"D-Bus Interface": "org.gnome.Mutter.IdleMonitor"})  # type: ignore[call-arg]
    class Mutter(QObject):  # type: ignore[operator]
        @Slot(result="qulonglong")
        def GetIdletime(self) -> int:
            return answer("idle_ms")  # type: ignore[return-value]

    @ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})  # type: ignore[call-arg]
    class ScreenSaver(QObject):  # type: ignore[operator]
        @Slot(result="uint")
        def GetSessionIdleTime(self) -> int:
            return answer("idle_ms")  # type: ignore[return-value]

        @Slot(result=bool)
        def GetActive(self) -> bool:
            return answer("active")  # type: ignore[return-value]

    @ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})  # type: ignore[call-arg]
    class LockOnly(QObject):  # type: ignore[operator]
        @Slot(result=bool)
        def GetActive(self) -> bool:
            return answer("active")  # type: ignore[return-value]

    @ClassInfo({"D-Bus Interface": "org.freedesktop.Notifications"})  # type: ignore[call-arg]
    class Notifications(QObject):  # type: ignore[operator]
        def _inhibited(self) -> bool:
            return answer("inhibited")  # type: ignore[return-value]

        Inhibited = QtProperty(bool, _inhibited)

    @ClassInfo({"D-Bus Interface": "org.freedesktop.login1.Session"})  # type: ignore[call-arg]
    class Session(QObject):  # type: ignore[operator]
        def _locked(self) -> bool:
            return answer("locked_hint")  # type: ignore[return-value]

        LockedHint = QtProperty(bool, _locked)

    table = {
        "mutter": ("org.gnome.Mutter.IdleMonitor", "/org/gnome/Mutter/IdleMonitor/Core", Mutter),
        "screensaver": ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", ScreenSaver),
        "screensaver-lock-only": (
            "org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", LockOnly,
        ),
        "notifications": (
            "org.freedesktop.Notifications", "/org/freedesktop/Notifications", Notifications,
        ),
        "logind": ("org.freedesktop.login1", "/org/freedesktop/login1/session/auto", Session),
    }  # fmt: skip

    app = QCoreApplication([])
    bus = QDBusConnection.connectToBus(address, "fake-desktop")
    flags = (
        QDBusConnection.RegisterOption.ExportAllSlots
        | QDBusConnection.RegisterOption.ExportAllProperties
    )
    kept = []
    for service in services:
        name, path, cls = table[service]
        obj = cls()
        kept.append(obj)
        assert bus.registerObject(path, obj, flags), service
        assert bus.registerService(name), name

    def read_line() -> None:
        line = sys.stdin.readline()
        if not line:
            app.quit()
            return
        state.update(json.loads(line))
        print("ready", flush=True)

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(read_line)
    app.exec()


if __name__ == "__main__":  # pragma: no cover - child
    serve(sys.argv[1], sys.argv[2].split(","))
