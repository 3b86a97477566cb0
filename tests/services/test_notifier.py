"""The card backend and the D-Bus backend against fake notification servers.

The D-Bus tests run a private ``dbus-daemon --session`` and a fake
``org.freedesktop.Notifications`` server in a child process (this file, run as a script):

- ``typed``: a QObject exported by QtDBus with the real signatures (uint ids, typed
  signals) plus a control interface through which a test "clicks" a button or closes a
  notification as the desktop would.
- ``plain``: introspection exactly as GNOME Shell or dunst describe the interface (no Qt
  type annotations), to prove ``Notify`` still goes out as ``susssasa{sv}i``.

What this cannot show: how a particular desktop draws the buttons, or whether it sends
``ActionInvoked`` to everyone or only to us (both are handled the same way here).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from nightstretch.core.reminder_text import ReminderContext, ReminderMessage, message_for
from nightstretch.core.reminders import Due, ReminderAction, ReminderKind
from nightstretch.services.notifier import (
    CardNotifier,
    DBusNotifier,
    choose_notifier,
    server_supports_actions,
)
from PySide6.QtCore import QObject, Signal
from PySide6.QtDBus import QDBusConnection, QDBusInterface
from pytestqt.qtbot import QtBot

REPO = Path(__file__).resolve().parents[2]
Connect = Callable[[], QDBusConnection]
"""A fresh connection to the test's private bus."""
AT = datetime(2026, 11, 21, 22, 0, tzinfo=UTC)


def due(kind: ReminderKind, key: str = "") -> Due:
    return Due(kind, AT, key or f"{kind.value}:2026-11-21", "2026-11-21")


# -- card backend ------------------------------------------------------------------


class FakeCard(QObject):
    acted = Signal(str, str)

    built: list[FakeCard] = []  # noqa: RUF012

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []
        self.current_key: str | None = None
        FakeCard.built.append(self)

    def show_reminder(self, message: ReminderMessage) -> None:
        self.shown.append(message.key)
        self.current_key = message.key

    def withdraw(self, key: str) -> bool:
        if key != self.current_key:
            return False
        self.current_key = None
        return True

    def answer(self, action: str) -> None:
        key, self.current_key = self.current_key, None
        assert key is not None
        self.acted.emit(key, action)


def test_card_notifier_builds_a_card_per_episode_and_forwards_answers(qtbot: QtBot) -> None:
    FakeCard.built.clear()
    notifier = CardNotifier(FakeCard)
    water = message_for(due(ReminderKind.WATER), ReminderContext())
    evening = message_for(due(ReminderKind.EVENING), ReminderContext())
    notifier.show(water)
    notifier.show(evening)  # the card is up: the same card shows the newer reminder
    assert len(FakeCard.built) == 1 and FakeCard.built[0].shown == [water.key, evening.key]
    with qtbot.waitSignal(notifier.acted) as blocker:
        FakeCard.built[0].answer(ReminderAction.SNOOZE.value)
    assert blocker.args == [evening.key, "snooze"]
    notifier.show(water)  # none up: a fresh card, so a fresh theme
    assert len(FakeCard.built) == 2
    notifier.withdraw(water.key)
    assert FakeCard.built[1].current_key is None


def test_prefer_card_and_no_bus_give_the_card() -> None:
    assert choose_notifier(FakeCard, prefer="card").name == "card"
    nowhere = QDBusConnection("nightstretch-never-connected")
    assert not nowhere.isConnected()
    assert choose_notifier(FakeCard, connection=nowhere).name == "card"


# -- D-Bus backend -------------------------------------------------------------------

_names = count()


@pytest.fixture
def bus() -> Iterator[str]:
    """A private session bus; its address."""
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed (apt-get install dbus)")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    try:
        yield address
    finally:
        stop(daemon)


def stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    process.wait(10)
    if process.stdout is not None:
        process.stdout.close()


def start_server(
    address: str, mode: str, caps: str = "actions,body", name: str = "fake"
) -> subprocess.Popen[str]:
    server = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), address, mode, caps, name],
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        text=True,
    )
    assert server.stdout is not None
    assert server.stdout.readline().strip() == "ready"
    return server


@pytest.fixture
def connect(bus: str) -> Iterator[Connect]:
    names: list[str] = []

    def make() -> QDBusConnection:
        name = f"nightstretch-test-{next(_names)}"
        names.append(name)
        connection = QDBusConnection.connectToBus(bus, name)
        assert connection.isConnected()
        return connection

    yield make
    for name in names:
        QDBusConnection.disconnectFromBus(name)


@pytest.fixture
def typed_server(bus: str) -> Iterator[subprocess.Popen[str]]:
    server = start_server(bus, "typed")
    yield server
    stop(server)


def control(connection: QDBusConnection) -> QDBusInterface:
    return QDBusInterface(
        "org.freedesktop.Notifications", "/control", "org.nightstretch.FakeControl", connection
    )


def server_calls(connection: QDBusConnection) -> list[list[Any]]:
    reply = control(connection).call("Calls")
    calls: list[list[Any]] = json.loads(reply.arguments()[0])
    return calls


def test_no_server_or_no_actions_means_the_card(bus: str, connect: Connect) -> None:
    connection = connect()
    assert not server_supports_actions(connection)
    assert choose_notifier(FakeCard, connection=connection).name == "card"
    server = start_server(bus, "typed", caps="body,body-markup")
    try:
        assert not server_supports_actions(connection)
        assert DBusNotifier.create(connection) is None
    finally:
        stop(server)


def test_buttons_come_back_by_notification_id(
    qtbot: QtBot, connect: Connect, typed_server: subprocess.Popen[str]
) -> None:
    connection = connect()
    notifier = choose_notifier(FakeCard, connection=connection)
    assert isinstance(notifier, DBusNotifier) and notifier.name == "desktop"
    evening = message_for(due(ReminderKind.EVENING), ReminderContext(bedtime="22:30"))
    notifier.show(evening)
    (call,) = server_calls(connection)
    assert call[0] == "Notify"
    nid = call[1]
    assert call[2:5] == ["Nightstretch", 0, evening.title]
    assert call[6] == [
        "start-now", "Start now", "snooze", "In 10 min", "skip", "Skip tonight",
        "already-done", "Already done", "default", "Start now",
    ]  # fmt: skip
    assert call[7]["desktop-entry"] == "io.github.nightstretch.Nightstretch"

    with qtbot.assertNotEmitted(notifier.acted, wait=300):
        control(connection).call("Invoke", nid + 100, "start-now")  # someone else's
    with qtbot.waitSignal(notifier.acted, timeout=5000) as blocker:
        control(connection).call("Invoke", nid, "snooze")
    assert blocker.args == [evening.key, "snooze"]
    with qtbot.assertNotEmitted(notifier.acted, wait=300):
        control(connection).call("Close", nid, 2)  # closing after the answer is no news


def test_closed_by_the_server_stays_answerable_and_withdraw_is_silent(
    qtbot: QtBot, connect: Connect, typed_server: subprocess.Popen[str]
) -> None:
    connection = connect()
    notifier = DBusNotifier.create(connection)
    assert notifier is not None
    water = message_for(due(ReminderKind.WATER), ReminderContext())
    notifier.show(water)
    nid = server_calls(connection)[-1][1]
    for reason in (1, 2):  # expired on the server (dunst: 10 s), dismissed by a click
        with qtbot.assertNotEmitted(notifier.acted, wait=300):
            control(connection).call("Close", nid, reason)
    assert notifier.pending() == water
    with qtbot.waitSignal(notifier.acted, timeout=5000) as blocker:
        control(connection).call("Invoke", nid, "glass")  # brought back from its history
    assert blocker.args == [water.key, "glass"]
    assert server_calls(connection)[-1] == ["CloseNotification", nid]
    assert notifier.pending() is None

    checkin = message_for(due(ReminderKind.CHECKIN), ReminderContext())
    notifier.show(checkin)
    nid = server_calls(connection)[-1][1]
    with qtbot.assertNotEmitted(notifier.acted, wait=300):
        notifier.withdraw(checkin.key)
    assert server_calls(connection)[-1] == ["CloseNotification", nid]


def test_newer_replaces_older_in_place_and_expiry_counts_as_ignored(
    qtbot: QtBot, connect: Connect, typed_server: subprocess.Popen[str]
) -> None:
    connection = connect()
    notifier = DBusNotifier.create(connection, timeout_ms=400)
    assert notifier is not None
    first = message_for(due(ReminderKind.WATER, "water:2026-11-21T14:30"), ReminderContext())
    second = message_for(due(ReminderKind.EVENING), ReminderContext())
    notifier.show(first)
    nid = server_calls(connection)[-1][1]
    with qtbot.waitSignal(notifier.acted, timeout=1000) as blocker:
        notifier.show(second)
    assert blocker.args == [first.key, "ignored"]
    replace = server_calls(connection)[-1]
    assert replace[0] == "Notify" and replace[3] == nid  # replaces_id
    with qtbot.waitSignal(notifier.acted, timeout=5000) as blocker:
        pass  # nobody answers within the timeout
    assert blocker.args == [second.key, "ignored"]
    assert server_calls(connection)[-1] == ["CloseNotification", nid]


def test_notify_is_typed_even_when_the_server_lacks_qt_annotations(
    bus: str, connect: Connect
) -> None:
    server = start_server(bus, "plain")
    try:
        connection = connect()
        notifier = DBusNotifier.create(connection)
        assert notifier is not None
        notifier.show(message_for(due(ReminderKind.WATER), ReminderContext()))
        reply = QDBusInterface(
            "org.freedesktop.Notifications",
            "/org/freedesktop/Notifications",
            "org.nightstretch.FakeControl",
            connection,
        ).call("Signatures")
        assert json.loads(reply.arguments()[0]) == ["susssasa{sv}i"]
    finally:
        stop(server)


def test_a_refused_notification_falls_back_to_the_card(
    qtbot: QtBot, bus: str, connect: Connect
) -> None:
    server = start_server(bus, "plain")  # answers Notify without an id, as if broken
    try:
        FakeCard.built.clear()
        notifier = choose_notifier(FakeCard, connection=connect())
        assert isinstance(notifier, DBusNotifier)
        water = message_for(due(ReminderKind.WATER), ReminderContext())
        with qtbot.assertNotEmitted(notifier.acted):
            notifier.show(water)
        (card,) = FakeCard.built
        assert card.shown == [water.key]
        with qtbot.waitSignal(notifier.acted, timeout=1000) as blocker:
            card.answer(ReminderAction.GLASS.value)
        assert blocker.args == [water.key, "glass"]
    finally:
        stop(server)


def test_a_notification_carries_our_icon_file_urgency_and_no_server_timeout(
    connect: Connect, typed_server: subprocess.Popen[str]
) -> None:
    connection = connect()
    notifier = DBusNotifier.create(connection)
    assert notifier is not None
    notifier.show(message_for(due(ReminderKind.WATER), ReminderContext()))
    notifier.show(message_for(due(ReminderKind.CHECKIN), ReminderContext()))
    water, checkin = server_calls(connection)[-2:]
    icon = water[8]
    assert icon.startswith("file:///") and icon.endswith(".png")
    assert Path(icon.removeprefix("file://")).is_file()
    assert water[9] == 0  # persistent: our own window closes it
    assert (water[7]["urgency"], checkin[7]["urgency"]) == (0, 1)  # low, normal


def test_an_answer_closes_the_notification(
    qtbot: QtBot, connect: Connect, typed_server: subprocess.Popen[str]
) -> None:
    connection = connect()
    notifier = DBusNotifier.create(connection)
    assert notifier is not None
    notifier.show(message_for(due(ReminderKind.WATER), ReminderContext()))
    nid = server_calls(connection)[-1][1]
    with qtbot.waitSignal(notifier.acted, timeout=5000) as blocker:
        control(connection).call("Invoke", nid, "glass")
    assert blocker.args == ["water:2026-11-21", "glass"]
    assert server_calls(connection)[-1] == ["CloseNotification", nid]


def test_a_click_on_the_body_starts_the_evening_or_opens_the_card(
    qtbot: QtBot, connect: Connect, typed_server: subprocess.Popen[str]
) -> None:
    FakeCard.built.clear()
    connection = connect()
    notifier = choose_notifier(FakeCard, connection=connection)
    assert isinstance(notifier, DBusNotifier)
    evening = message_for(due(ReminderKind.EVENING), ReminderContext())
    notifier.show(evening)
    nid = server_calls(connection)[-1][1]
    with qtbot.waitSignal(notifier.acted, timeout=5000) as blocker:
        control(connection).call("Invoke", nid, "default")
    assert blocker.args == [evening.key, "start-now"]
    assert server_calls(connection)[-1] == ["CloseNotification", nid]

    water = message_for(due(ReminderKind.WATER), ReminderContext())
    notifier.show(water)
    nid = server_calls(connection)[-1][1]
    with qtbot.assertNotEmitted(notifier.acted, wait=300):
        control(connection).call("Invoke", nid, "default")
    assert server_calls(connection)[-1] == ["CloseNotification", nid]
    (card,) = FakeCard.built
    assert card.shown == [water.key]  # every button, on the card
    with qtbot.waitSignal(notifier.acted, timeout=1000) as blocker:
        card.answer(ReminderAction.GLASS.value)
    assert blocker.args == [water.key, "glass"]


def test_our_own_window_ends_a_reminder_the_server_closed(
    qtbot: QtBot, connect: Connect, typed_server: subprocess.Popen[str]
) -> None:
    connection = connect()
    notifier = DBusNotifier.create(connection, timeout_ms=600)
    assert notifier is not None
    checkin = message_for(due(ReminderKind.CHECKIN), ReminderContext())
    notifier.show(checkin)
    nid = server_calls(connection)[-1][1]
    with qtbot.waitSignal(notifier.acted, timeout=5000) as blocker:
        control(connection).call("Close", nid, 1)
    assert blocker.args == [checkin.key, "ignored"]
    assert server_calls(connection)[-1] == ["CloseNotification", nid]


def test_an_answer_from_elsewhere_closes_ours(
    qtbot: QtBot, connect: Connect, typed_server: subprocess.Popen[str]
) -> None:
    connection = connect()
    notifier = DBusNotifier.create(connection)
    assert notifier is not None
    evening = message_for(due(ReminderKind.EVENING), ReminderContext())
    notifier.show(evening)
    nid = server_calls(connection)[-1][1]
    with qtbot.waitSignal(notifier.acted, timeout=1000) as blocker:
        notifier.answer(evening.key, ReminderAction.SNOOZE)
    assert blocker.args == [evening.key, "snooze"]
    assert server_calls(connection)[-1] == ["CloseNotification", nid]


@pytest.mark.parametrize(
    ("name", "prefer", "backend"),
    [
        ("dunst", "auto", "card"),
        ("mako", "auto", "card"),
        ("dunst", "notifications", "desktop"),
        ("gnome-shell", "auto", "desktop"),
        ("Plasma", "auto", "desktop"),
        ("Xfce Notify Daemon", "auto", "desktop"),
        ("Plasma", "card", "card"),
        ("Plasma", "nonsense", "desktop"),
    ],
)
def test_the_setting_and_the_server_choose_the_backend(
    bus: str, connect: Connect, name: str, prefer: str, backend: str
) -> None:
    server = start_server(bus, "typed", name=name)
    try:
        assert choose_notifier(FakeCard, prefer=prefer, connection=connect()).name == backend
    finally:
        stop(server)


# -- the fake servers (this file run as a script) --------------------------------------

PLAIN_XML = """
<interface name="org.freedesktop.Notifications">
  <method name="GetCapabilities"><arg direction="out" type="as"/></method>
  <method name="Notify">
    <arg direction="in" type="s"/><arg direction="in" type="u"/><arg direction="in" type="s"/>
    <arg direction="in" type="s"/><arg direction="in" type="s"/><arg direction="in" type="as"/>
    <arg direction="in" type="a{sv}"/><arg direction="in" type="i"/>
    <arg direction="out" type="u"/>
  </method>
  <method name="CloseNotification"><arg direction="in" type="u"/></method>
  <signal name="NotificationClosed"><arg type="u"/><arg type="u"/></signal>
  <signal name="ActionInvoked"><arg type="u"/><arg type="s"/></signal>
</interface>
"""


def serve(
    address: str, mode: str, caps: list[str], server_name: str
) -> None:  # pragma: no cover - child
    from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Signal, Slot
    from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusVirtualObject

    # PySide6's stubs know neither ClassInfo as a decorator nor signals typed by C++ name.
    @ClassInfo({"D-Bus Interface": "org.freedesktop.Notifications"})  # type: ignore[call-arg]
    class Server(QObject):  # type: ignore[operator]
        ActionInvoked = Signal("uint", str)  # type: ignore[arg-type]
        NotificationClosed = Signal("uint", "uint")  # type: ignore[arg-type]

        def __init__(self) -> None:
            super().__init__()
            self.calls: list[list[object]] = []
            self.last_id = 40

        @Slot(result="QStringList")
        def GetCapabilities(self) -> list[str]:
            return caps

        @Slot(result=str)
        def GetServerInformation(self) -> str:
            return server_name  # the first of four; enough for the test

        @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
        def Notify(
            self,
            app: str,
            replaces: int,
            icon: str,
            summary: str,
            body: str,
            actions: list[str],
            hints: dict[str, object],
            timeout: int,
        ) -> int:
            self.last_id += 1
            nid = replaces or self.last_id
            self.calls.append(
                [
                    "Notify", nid, app, replaces, summary, body, list(actions), dict(hints),
                    icon, timeout,
                ]
            )  # fmt: skip
            return nid

        @Slot("uint")
        def CloseNotification(self, nid: int) -> None:
            self.calls.append(["CloseNotification", nid])
            self.NotificationClosed.emit(nid, 3)

    @ClassInfo({"D-Bus Interface": "org.nightstretch.FakeControl"})  # type: ignore[call-arg]
    class Control(QObject):  # type: ignore[operator]
        def __init__(self, server: Server) -> None:
            super().__init__()
            self.server = server

        @Slot(result=str)
        def Calls(self) -> str:
            return json.dumps(self.server.calls)

        @Slot(int, str)
        def Invoke(self, nid: int, action: str) -> None:
            self.server.ActionInvoked.emit(nid, action)

        @Slot(int, int)
        def Close(self, nid: int, reason: int) -> None:
            self.server.NotificationClosed.emit(nid, reason)

    class Plain(QDBusVirtualObject):
        """Answers like a GLib server: the interface description has no Qt annotations."""

        def __init__(self) -> None:
            super().__init__()
            self.signatures: list[str] = []

        def introspect(self, path: str) -> str:
            return PLAIN_XML

        def handleMessage(self, message: QDBusMessage, connection: QDBusConnection) -> bool:
            member = message.member()
            if member == "GetCapabilities":
                reply = message.createReply()
                reply.setArguments([caps])  # "as", as real servers send it
                connection.send(reply)
            elif member == "Notify":
                self.signatures.append(message.signature())
                connection.send(message.createReply())
            elif member == "Signatures":
                connection.send(message.createReply(json.dumps(self.signatures)))
            else:
                return False
            return True

    app = QCoreApplication([])
    connection = QDBusConnection.connectToBus(address, "fake-server")
    keep: list[QObject | QDBusVirtualObject] = []
    path = "/org/freedesktop/Notifications"
    if mode == "typed":
        options = (
            QDBusConnection.RegisterOption.ExportAllSlots
            | QDBusConnection.RegisterOption.ExportAllSignals
        )
        server = Server()
        keep += [server, Control(server)]
        ok = connection.registerObject(path, server, options)
        ok = ok and connection.registerObject("/control", keep[1], options)
    else:
        plain = Plain()
        keep.append(plain)
        ok = connection.registerVirtualObject(path, plain)
    ok = ok and connection.registerService("org.freedesktop.Notifications")
    print("ready" if ok else "failed", flush=True)
    app.exec()


if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2], sys.argv[3].split(","), sys.argv[4])
