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
from PySide6.QtDBus import QDBus, QDBusConnection, QDBusInterface, QDBusMessage, QDBusVirtualObject

from nightstretch.core.reminder_text import DEFAULT_TIMEOUT_MS, ReminderMessage
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
    ) -> None:
        super().__init__()
        self._connection = connection
        self._fallback = fallback
        if fallback is not None:
            fallback.acted.connect(self.acted)
        self._interface = interface
        self._app_name = app_name
        self._desktop_entry = desktop_entry
        self._keys: dict[int, str] = {}
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
    ) -> DBusNotifier | None:
        """A notifier if a notification server with action buttons answers, else None."""
        bus = connection if connection is not None else QDBusConnection.sessionBus()
        if not bus.isConnected():
            log.info("no D-Bus session bus; using the reminder card")
            return None
        if not server_supports_actions(bus):
            return None
        interface = _typed_interface(bus)
        if interface is None:
            return None
        interface.setTimeout(3000)
        return cls(bus, interface, timeout_ms=timeout_ms, fallback=fallback)

    def show(self, message: ReminderMessage) -> None:
        actions: list[str] = []
        for action, label in message.buttons:
            actions += [action.value, label]
        hints = {"desktop-entry": self._desktop_entry, "category": "x-nightstretch.reminder"}
        # Replace the notification on screen in place; the older reminder then went
        # unanswered, as on the card.
        replaces = self._current or 0
        older = self._keys.pop(replaces, None) if replaces else None
        from PySide6.QtCore import Qt  # the whole Qt namespace: load it when first needed

        new_id = QMetaObject.invokeMethod(
            self._interface,
            "Notify",
            Qt.ConnectionType.DirectConnection,
            Q_RETURN_ARG("uint"),
            Q_ARG("QString", self._app_name),
            Q_ARG("uint", replaces),
            Q_ARG("QString", "nightstretch"),
            Q_ARG("QString", message.title),
            Q_ARG("QString", message.body),
            Q_ARG("QStringList", actions),
            Q_ARG("QVariantMap", hints),
            Q_ARG("int", -1),
        )
        if not isinstance(new_id, int) or new_id == 0:
            # The server went away or refused (a desktop shell restarting): the card.
            error = self._interface.lastError().message()
            self._forget(replaces)
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

    @Slot("uint", str)
    def _on_action(self, nid: int, action: str) -> None:
        key = self._keys.get(nid)
        if key is None:
            return  # another application's notification, or one already answered
        try:
            answer = ReminderAction(action)
        except ValueError:
            log.info("ignoring unknown action %r for %s", action, key)
            return
        self._forget(nid)
        self.acted.emit(key, answer.value)

    @Slot("uint", "uint")
    def _on_closed(self, nid: int, reason: int) -> None:
        key = self._keys.get(nid)
        if key is None:
            return
        self._forget(nid)
        if reason != CLOSED_BY_CALL:
            self.acted.emit(key, ReminderAction.IGNORED.value)

    def _expired(self) -> None:
        """Many servers keep notifications with actions until clicked; ours time out."""
        if self._current is None:
            return
        nid = self._current
        key = self._keys.get(nid)
        self._forget(nid)
        self._close(nid)
        if key is not None:
            self.acted.emit(key, ReminderAction.IGNORED.value)

    def _forget(self, nid: int) -> None:
        self._keys.pop(nid, None)
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


def server_supports_actions(connection: QDBusConnection) -> bool:
    """True when a notification server runs on ``connection`` and can show buttons."""
    names = connection.interface()
    if names is None or not names.isServiceRegistered(SERVICE).value():
        log.info("no desktop notification server; using the reminder card")
        return False
    message = QDBusMessage.createMethodCall(SERVICE, PATH, INTERFACE, "GetCapabilities")
    reply = connection.call(message, QDBus.CallMode.Block, 3000)
    if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
        log.info("notification server did not answer GetCapabilities: %s", reply.errorMessage())
        return False
    capabilities = reply.arguments()[0]
    if not isinstance(capabilities, list) or "actions" not in capabilities:
        log.info("notification server shows no buttons (%s); using the card", capabilities)
        return False
    return True


def choose_notifier(
    card_factory: Callable[[], CardLike],
    *,
    prefer: str = "auto",
    connection: QDBusConnection | None = None,
    timeout_ms: int = DEFAULT_TIMEOUT_MS,
) -> CardNotifier | DBusNotifier:
    """Native notifications where they can carry buttons, our card everywhere else.

    ``prefer="card"`` always gives the card (for a setting, or for a desktop whose
    notifications hide the buttons behind a click).
    """
    card = CardNotifier(card_factory)
    if prefer != "card":
        native = DBusNotifier.create(connection, timeout_ms=timeout_ms, fallback=card)
        if native is not None:
            log.info("reminders use desktop notifications with buttons")
            return native
    return card
