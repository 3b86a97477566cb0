"""How reminders appear: the setting and the notification server choose, without Qt."""

from __future__ import annotations

import pytest
from nightstretch.core.notification_server import (
    DISPLAYS,
    PERSISTENT,
    SERVER_DEFAULT,
    NotificationServer,
    choose_display,
    expire_timeout,
)

BUTTONS = frozenset({"actions", "body"})


def server(name: str, caps: frozenset[str] = BUTTONS) -> NotificationServer:
    return NotificationServer(name, "vendor", "1.0", caps)


@pytest.mark.parametrize("name", ["dunst", "mako", "fnott", "Dunst "])
def test_auto_uses_the_card_where_buttons_hide_in_a_menu(name: str) -> None:
    choice = choose_display("auto", server(name))
    assert choice.backend == "card" and "menu" in choice.reason


@pytest.mark.parametrize("name", ["gnome-shell", "Plasma", "Xfce Notify Daemon", "swaync"])
def test_auto_uses_notifications_where_buttons_show_or_are_offered(name: str) -> None:
    assert choose_display("auto", server(name)).backend == "desktop"


def test_a_server_without_actions_or_no_server_means_the_card_whatever_the_setting() -> None:
    for prefer in DISPLAYS:
        assert choose_display(prefer, server("Plasma", frozenset({"body"}))).backend == "card"
        assert choose_display(prefer, None).backend == "card"


def test_the_setting_wins_where_buttons_exist() -> None:
    assert choose_display("notifications", server("dunst")).backend == "desktop"
    assert choose_display("card", server("Plasma")).backend == "card"


def test_persistent_where_honoured_and_the_default_on_gnome_shell() -> None:
    assert expire_timeout(server("dunst")) == PERSISTENT == 0
    assert expire_timeout(None) == PERSISTENT
    assert expire_timeout(server("gnome-shell")) == SERVER_DEFAULT == -1
