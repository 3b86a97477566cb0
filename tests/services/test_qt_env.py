from __future__ import annotations

from nightstretch.services.qt_env import platform_plugin, startup_problem


def test_missing_xcb_library_names_the_package() -> None:
    def loads(name: str) -> bool:
        return name != "libxcb-cursor.so.0"

    problem = startup_problem({"DISPLAY": ":0"}, "linux", loads)
    assert problem is not None
    assert problem.endswith("sudo apt-get install libxcb-cursor0")
    assert "\n" not in problem


def test_all_present_means_no_problem() -> None:
    assert startup_problem({"DISPLAY": ":0"}, "linux", lambda _: True) is None


def test_no_display() -> None:
    problem = startup_problem({}, "linux", lambda _: True)
    assert problem is not None and "DISPLAY is not set" in problem


def test_offscreen_needs_no_xcb_and_other_systems_are_not_checked() -> None:
    assert (
        startup_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", lambda n: "xcb" not in n) is None
    )
    assert startup_problem({}, "win32", lambda _: False) is None
    assert platform_plugin({"WAYLAND_DISPLAY": "wayland-0"}) == "wayland"
    assert platform_plugin({"QT_QPA_PLATFORM": "xcb:offscreen"}) == "xcb"
    problem = startup_problem({"WAYLAND_DISPLAY": "w"}, "linux", lambda n: n != "libEGL.so.1")
    assert problem is not None and problem.endswith("libegl1")


def test_this_machine_can_start_qt() -> None:
    assert startup_problem({"QT_QPA_PLATFORM": "offscreen"}) is None
