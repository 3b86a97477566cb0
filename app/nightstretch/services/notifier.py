"""Showing a reminder with buttons, and hearing which button was pressed.

One interface, two backends. ``CardNotifier`` drives our own reminder card (a widget the
composition root hands in through a factory, so this floor never imports ``nightstretch.ui``).
``DBusNotifier`` talks to the desktop's ``org.freedesktop.Notifications`` server when that
server offers action buttons. Either way the answer comes back as ``acted(key, action)``,
with ``key`` the reminder's ``Due.key`` and ``action`` a ``ReminderAction`` value. What a
reminder says (``ReminderMessage``) is written in ``nightstretch.core.reminder_text``.

``QSystemTrayIcon.showMessage``/``messageClicked`` are deliberately not used: they have no
buttons and, on Linux, ``messageClicked`` also fires for other applications' notifications.
The D-Bus backend maps every answer back by the notification id the server gave us.

Both backends show one reminder at a time: a newer reminder replaces the older one, and the
older is reported as ``ignored`` so the logbook still gets an answer for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import (
    Q_ARG,
    Q_RETURN_ARG,
    QMetaObject,
    QObject,
    QTimer,
    Signal,
    SignalInstance,
    Slot,
)
from PySide6.QtDBus import (
    QDBus,
    QDBusArgument,
    QDBusConnection,
    QDBusInterface,
    QDBusMessage,
    QDBusVirtualObject,
)

from nightstretch.core import resources
from nightstretch.core.notification_server import (
    DISPLAYS,
    NotificationServer,
    ReminderDisplay,
    choose_display,
    expire_timeout,
)
from nightstretch.core.reminder_text import BUTTONS, DEFAULT_TIMEOUT_MS, ReminderMessage
from nightstretch.core.reminders import ReminderAction
from nightstretch.store.desktop_entry import APP_ID

log = logging.getLogger(__name__)


class Notifier(Protocol):
    """What the reminder service needs from a backend."""

    name: str
    """"card" or "desktop": for the log, so "why did I see no buttons?" has an answer."""

    @property
    def acted(self) -> SignalInstance:
        """Emits (key, action) once per shown reminder: a button, or ``ignored``."""
        ...

    def show(self, message: ReminderMessage) -> None: ...

    def withdraw(self, key: str) -> None:
        """Take a reminder away without an answer (the service no longer needs it)."""
        ...


class CardLike(Protocol):
    """The part of ``nightstretch.ui.reminder_card.ReminderCard`` that the card backend uses."""

    @property
    def acted(self) -> SignalInstance: ...

    @property
    def current_key(self) -> str | None: ...

    def show_reminder(self, message: ReminderMessage) -> None: ...

    def withdraw(self, key: str) -> bool: ...

    def deleteLater(self) -> None: ...


class CardNotifier(QObject):
    """Shows reminders on our own card: works everywhere, including without a desktop bus.

    A fresh card is built for every reminder shown while none is up, so the card picks up
    the theme of the moment (night after 19:00) from the factory.
    """

    acted = Signal(str, str)
    name = "card"

    def __init__(self, card_factory: Callable[[], CardLike]) -> None:
        super().__init__()
        self._factory = card_factory
        self.card: CardLike | None = None

    def show(self, message: ReminderMessage) -> None:
        if self.card is None or self.card.current_key is None:
            if self.card is not None:
                self.card.deleteLater()
            self.card = self._factory()
            self.card.acted.connect(self.acted)
        self.card.show_reminder(message)

    @property
    def current_key(self) -> str | None:
        return self.card.current_key if self.card is not None else None

    def withdraw(self, key: str) -> None:
        if self.card is not None:
            self.card.withdraw(key)

    def pending(self) -> ReminderMessage | None:
        """The card itself stays on screen while it is answerable: nothing to repeat."""
        return None

    def answer(self, key: str, action: ReminderAction | str) -> None:
        """Answered elsewhere (the status popup): close the card and pass it on."""
        if self.current_key == key:
            self.withdraw(key)
            self.acted.emit(key, ReminderAction(action).value)


SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
CLOSED_BY_CALL = 3
"""NotificationClosed reason: closed by a CloseNotification call (that is, by us)."""

_SCHEMA_PATH = "/org/nightstretch/NotificationsSchema"
_NOTIFY = "Notify(QString,uint,QString,QString,QString,QStringList,QVariantMap,int)"
_SCHEMA_XML = """
<interface name="org.freedesktop.Notifications">
  <method name="GetCapabilities"><arg direction="out" type="as"/></method>
  <method name="GetServerInformation">
    <arg direction="out" type="s"/><arg direction="out" type="s"/>
    <arg direction="out" type="s"/><arg direction="out" type="s"/>
  </method>
  <method name="Notify">
    <arg name="app_name" direction="in" type="s"/>
    <arg name="replaces_id" direction="in" type="u"/>
    <arg name="app_icon" direction="in" type="s"/>
    <arg name="summary" direction="in" type="s"/>
    <arg name="body" direction="in" type="s"/>
    <arg name="actions" direction="in" type="as"/>
    <arg name="hints" direction="in" type="a{sv}"/>
    <annotation name="org.qtproject.QtDBus.QtTypeName.In6" value="QVariantMap"/>
    <arg name="expire_timeout" direction="in" type="i"/>
    <arg name="id" direction="out" type="u"/>
  </method>
  <method name="CloseNotification"><arg name="id" direction="in" type="u"/></method>
  <signal name="NotificationClosed"><arg type="u"/><arg type="u"/></signal>
  <signal name="ActionInvoked"><arg type="u"/><arg type="s"/></signal>
</interface>
"""


class _Schema(QDBusVirtualObject):
    """Serves the Notifications interface description, with Qt's type annotation, to us.

    Why: from Python, QtDBus cannot put a D-Bus ``uint32`` into a plain message (a Python
    int becomes ``int32``), and real servers reject ``Notify`` with ``replaces_id`` as
    ``int32``. A ``QDBusInterface`` marshals by the types of its introspected methods, but
    it reads ``a{sv}`` without Qt's annotation as an opaque type it cannot call. QtDBus
    caches interface descriptions per connection by interface name, so introspecting this
    annotated copy first gives the interface to the real server typed ``Notify`` and
    ``CloseNotification`` methods. ``DBusNotifier.create`` checks the result and falls
    back to the card if a Qt version does this differently.
    """

    def introspect(self, path: str) -> str:
        return _SCHEMA_XML

    def handleMessage(self, message: QDBusMessage, connection: QDBusConnection) -> bool:
        return False


def _typed_interface(connection: QDBusConnection) -> QDBusInterface | None:
    schema = _Schema()
    if connection.registerVirtualObject(_SCHEMA_PATH, schema):
        QDBusInterface(connection.baseService(), _SCHEMA_PATH, INTERFACE, connection)
        connection.unregisterObject(_SCHEMA_PATH)
    interface = QDBusInterface(SERVICE, PATH, INTERFACE, connection)
    meta = interface.metaObject()
    methods = {bytes(meta.method(i).methodSignature().data()) for i in range(meta.methodCount())}
    if _NOTIFY.encode() not in methods or b"CloseNotification(uint)" not in methods:
        log.info("QtDBus did not give Notify typed arguments; using the reminder card")
        return None
    return interface


class DBusNotifier(QObject):
    """Native notifications with buttons over ``org.freedesktop.Notifications``.

    Build it with ``create``, which returns None when the desktop cannot do buttons.
    Answers are matched by the notification id ``Notify`` returned; signals about ids we
    did not hand out (other applications) are ignored.

    The reminder's own window (``timeout_ms``, the card's) decides when it is ignored, not
    the server: notifications are sent persistent where the server honours it, and one the
    server closes anyway (dunst's 10 s, or a click that only dismisses) stays answerable
    (``pending``, ``answer``; dunst's history can bring it back) until that window ends.
    Every answer, and the end of the window, closes the notification with
    ``CloseNotification``. A click on the body (the ``default`` action) opens the
    reminder: "Start now" for the evening, else the card with the same buttons.
    """

    acted = Signal(str, str)
    name = "desktop"

    def __init__(
        self,
        connection: QDBusConnection,
        interface: QDBusInterface,
        *,
        timeout_ms: int = DEFAULT_TIMEOUT_MS,
        app_name: str = "Nightstretch",
        desktop_entry: str = APP_ID,
        fallback: CardNotifier | None = None,
        server: NotificationServer | None = None,
        icon: str | None = None,
    ) -> None:
        super().__init__()
        self._connection = connection
        self._fallback = fallback
        if fallback is not None:
            fallback.acted.connect(self.acted)
        self._interface = interface
        self._app_name = app_name
        self._desktop_entry = desktop_entry
        self._server = server
        self._icon = icon_uri() if icon is None else icon
        self._keys: dict[int, str] = {}
        self._messages: dict[str, ReminderMessage] = {}
        self._server_closed: set[int] = set()
        self._current: int | None = None
        self._expiry = QTimer(self)
        self._expiry.setSingleShot(True)
        self._expiry.setInterval(timeout_ms)
        self._expiry.timeout.connect(self._expired)
        for name, slot in (
            ("ActionInvoked", "_on_action(uint,QString)"),
            ("NotificationClosed", "_on_closed(uint,uint)"),
        ):
            # PySide takes the SLOT() string; its stubs say bytes, which it rejects.
            slot_id = f"1{slot}"
            if not connection.connect(SERVICE, PATH, INTERFACE, name, self, slot_id):  # type: ignore[call-overload]
                raise RuntimeError(f"cannot listen to {INTERFACE}.{name}")

    @classmethod
    def create(
        cls,
        connection: QDBusConnection | None = None,
        *,
        timeout_ms: int = DEFAULT_TIMEOUT_MS,
        fallback: CardNotifier | None = None,
        server: NotificationServer | None = None,
    ) -> DBusNotifier | None:
        """A notifier if a notification server with action buttons answers, else None."""
        bus = connection if connection is not None else QDBusConnection.sessionBus()
        if not bus.isConnected():
            log.info("no D-Bus session bus; using the reminder card")
            return None
        if server is None:
            server = server_information(bus)
        if server is None or "actions" not in server.capabilities:
            log.info("notification server shows no buttons (%s); using the card", server)
            return None
        interface = _typed_interface(bus)
        if interface is None:
            return None
        interface.setTimeout(3000)
        return cls(bus, interface, timeout_ms=timeout_ms, fallback=fallback, server=server)

    @property
    def server(self) -> NotificationServer | None:
        return self._server

    def show(self, message: ReminderMessage) -> None:
        actions: list[str] = []
        for action, label in message.buttons:
            actions += [action.value, label]
        click = message.on_click
        actions += [DEFAULT_ACTION, _LABEL_OF.get(click, "Open") if click else "Open"]
        hints = {
            "desktop-entry": self._desktop_entry,
            "category": "x-nightstretch.reminder",
            "urgency": _byte(message.urgency),
        }
        # Replace the notification on screen in place; the older reminder then went
        # unanswered, as on the card.
        replaces = self._current or 0
        older = self._keys.get(replaces) if replaces else None
        if replaces:
            self._forget(replaces)
        from PySide6.QtCore import Qt  # the whole Qt namespace: load it when first needed

        new_id = QMetaObject.invokeMethod(
            self._interface,
            "Notify",
            Qt.ConnectionType.DirectConnection,
            Q_RETURN_ARG("uint"),
            Q_ARG("QString", self._app_name),
            Q_ARG("uint", replaces),
            Q_ARG("QString", self._icon),
            Q_ARG("QString", message.title),
            Q_ARG("QString", message.body),
            Q_ARG("QStringList", actions),
            Q_ARG("QVariantMap", hints),
            Q_ARG("int", expire_timeout(self._server)),
        )
        if not isinstance(new_id, int) or new_id == 0:
            # The server went away or refused (a desktop shell restarting): the card.
            error = self._interface.lastError().message()
            if older is not None and older != message.key:
                self.acted.emit(older, ReminderAction.IGNORED.value)
            if self._fallback is not None:
                log.warning("Notify failed (%s); showing %s on the card", error, message.key)
                self._fallback.show(message)
            else:
                log.warning("Notify failed (%s); reminder %s not shown", error, message.key)
                self.acted.emit(message.key, ReminderAction.IGNORED.value)
            return
        self._keys[new_id] = message.key
        self._messages[message.key] = message
        self._current = new_id
        self._expiry.start()
        if older is not None and older != message.key:
            self.acted.emit(older, ReminderAction.IGNORED.value)
        if self._fallback is not None:
            shown = self._fallback.current_key
            if shown is not None and shown != message.key:
                self._fallback.withdraw(shown)
                self.acted.emit(shown, ReminderAction.IGNORED.value)

    def withdraw(self, key: str) -> None:
        if self._fallback is not None:
            self._fallback.withdraw(key)
        for nid, shown in list(self._keys.items()):
            if shown == key:
                self._forget(nid)
                self._close(nid)

    def pending(self) -> ReminderMessage | None:
        """The reminder still answerable here (on screen, or closed by the server)."""
        if self._current is None:
            return None
        key = self._keys.get(self._current)
        return None if key is None else self._messages.get(key)

    def answer(self, key: str, action: ReminderAction | str) -> None:
        """An answer given elsewhere (the status popup): close ours and pass it on."""
        for nid, shown in list(self._keys.items()):
            if shown == key:
                self._forget(nid)
                self._close(nid)
                self.acted.emit(key, ReminderAction(action).value)

    @Slot("uint", str)
    def _on_action(self, nid: int, action: str) -> None:
        key = self._keys.get(nid)
        if key is None:
            return  # another application's notification, or one already answered
        message = self._messages.get(key)
        if action == DEFAULT_ACTION and message is not None and message.on_click is None:
            # A click on the body: the card, where every button shows.
            self._forget(nid)
            self._close(nid)
            if self._fallback is not None:
                self._fallback.show(message)
            else:
                self.acted.emit(key, ReminderAction.IGNORED.value)
            return
        if action == DEFAULT_ACTION and message is not None and message.on_click is not None:
            answer = message.on_click
        else:
            try:
                answer = ReminderAction(action)
            except ValueError:
                log.info("ignoring unknown action %r for %s", action, key)
                return
        self._forget(nid)
        self._close(nid)
        self.acted.emit(key, answer.value)

    @Slot("uint", "uint")
    def _on_closed(self, nid: int, reason: int) -> None:
        key = self._keys.get(nid)
        if key is None:
            return
        if reason == CLOSED_BY_CALL:
            self._forget(nid)
            return
        # Expired on the server (dunst: 10 s) or dismissed with a click: not an answer.
        # It stays answerable until our own window ends (``_expired``).
        log.info("server closed %s (reason %d); still answerable", key, reason)
        self._server_closed.add(nid)

    def _expired(self) -> None:
        """Our own window ended: close it wherever it is, and count it as ignored."""
        if self._current is None:
            return
        nid = self._current
        key = self._keys.get(nid)
        self._forget(nid)
        self._close(nid)
        if key is not None:
            self.acted.emit(key, ReminderAction.IGNORED.value)

    def _forget(self, nid: int) -> None:
        key = self._keys.pop(nid, None)
        if key is not None and key not in self._keys.values():
            self._messages.pop(key, None)
        self._server_closed.discard(nid)
        if self._current == nid:
            self._current = None
            self._expiry.stop()

    def _close(self, nid: int) -> None:
        from PySide6.QtCore import Qt

        QMetaObject.invokeMethod(
            self._interface,
            "CloseNotification",
            Qt.ConnectionType.DirectConnection,
            Q_ARG("uint", nid),
        )


DEFAULT_ACTION = "default"
"""The action key servers invoke for a click on the notification's body."""
_LABEL_OF = {action: label for kind in BUTTONS.values() for action, label in kind}


def _byte(value: int) -> QDBusArgument:
    """A D-Bus byte (``y``) for a hint: the spec types ``urgency`` as a byte.

    PySide has no way to make a byte ``QVariant`` from a Python int (an int becomes
    ``int32``, and ``QDBusArgument << int`` picks ``uint16``), but ``<<`` with a
    one-character string takes the ``uchar`` overload. A ``QDBusArgument`` inside a
    ``QVariantMap`` is marshalled as what it holds.
    """
    argument = QDBusArgument()
    argument << chr(value)  # appends in place
    return argument


def icon_uri() -> str:
    """Our icon as a ``file://`` URI: a theme name shows nothing unless the launcher
    is installed. A PNG, since not every server can draw SVG."""
    return resources.asset("icons/hicolor/64x64/apps/nightstretch.png").resolve().as_uri()


def server_information(connection: QDBusConnection) -> NotificationServer | None:
    """Who serves notifications on ``connection`` and what it can do; None: nobody."""
    names = connection.interface()
    if names is None or not names.isServiceRegistered(SERVICE).value():
        log.info("no desktop notification server")
        return None
    message = QDBusMessage.createMethodCall(SERVICE, PATH, INTERFACE, "GetCapabilities")
    reply = connection.call(message, QDBus.CallMode.Block, 3000)
    if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
        log.info("notification server did not answer GetCapabilities: %s", reply.errorMessage())
        return None
    capabilities = reply.arguments()[0]
    caps = (
        frozenset(c for c in capabilities if isinstance(c, str))
        if isinstance(capabilities, list)
        else frozenset()
    )
    message = QDBusMessage.createMethodCall(SERVICE, PATH, INTERFACE, "GetServerInformation")
    reply = connection.call(message, QDBus.CallMode.Block, 3000)
    info = (
        [str(a) for a in reply.arguments()]
        if reply.type() == QDBusMessage.MessageType.ReplyMessage
        else []
    )
    name, vendor, version = [*info, "", "", ""][:3]
    server = NotificationServer(name, vendor, version, caps)
    log.info(
        "notification server: %s %s (%s), capabilities %s", name, version, vendor, sorted(caps)
    )
    return server


def server_supports_actions(connection: QDBusConnection) -> bool:
    """True when a notification server runs on ``connection`` and can show buttons."""
    server = server_information(connection)
    return server is not None and "actions" in server.capabilities


def choose_notifier(
    card_factory: Callable[[], CardLike],
    *,
    prefer: str = "auto",
    connection: QDBusConnection | None = None,
    timeout_ms: int = DEFAULT_TIMEOUT_MS,
) -> CardNotifier | DBusNotifier:
    """The setting "how reminders appear" (``core.notification_server``) made real.

    ``auto``: native notifications where the server draws their buttons, the card where
    it hides them (dunst, mako) or has none; ``card`` always the card; ``notifications``
    native wherever buttons exist at all.
    """
    card = CardNotifier(card_factory)
    wanted: ReminderDisplay = next((d for d in DISPLAYS if d == prefer), "auto")
    server: NotificationServer | None = None
    if wanted != "card":
        bus = connection if connection is not None else QDBusConnection.sessionBus()
        if bus.isConnected():
            server = server_information(bus)
        else:
            log.info("no D-Bus session bus")
    choice = choose_display(wanted, server)
    log.info("reminders: %s (%s)", choice.backend, choice.reason)
    if choice.backend == "desktop":
        native = DBusNotifier.create(
            connection, timeout_ms=timeout_ms, fallback=card, server=server
        )
        if native is not None:
            return native
    return card
