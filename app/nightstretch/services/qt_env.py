"""Checks, before Qt is loaded, that the system libraries Qt needs are there.

Qt's xcb platform plugin aborts the process with a long message when a library is
missing; this names the Debian/Ubuntu package to install in one line instead.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

XCB_LIBRARIES: Mapping[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}
COMMON_LIBRARIES: Mapping[str, str] = {
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libGL.so.1": "libgl1",
}


def _loads(name: str) -> bool:
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def platform_plugin(env: Mapping[str, str]) -> str:
    chosen = env.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(":")[0]
    if env.get("WAYLAND_DISPLAY") and not env.get("DISPLAY"):
        return "wayland"
    return "xcb"


def startup_problem(
    env: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    loads: Callable[[str], bool] = _loads,
) -> str | None:
    """One line saying why Qt cannot start here, or None when it should."""
    if not platform.startswith("linux"):
        return None
    env = os.environ if env is None else env
    plugin = platform_plugin(env)
    needed = dict(COMMON_LIBRARIES)
    if plugin == "xcb":
        if not env.get("DISPLAY"):
            return (
                "no display to show windows on (DISPLAY is not set); "
                "start Nightstretch from your desktop session"
            )
        needed.update(XCB_LIBRARIES)
    elif plugin in ("offscreen", "minimal"):
        needed = {k: v for k, v in needed.items() if k in ("libfontconfig.so.1",)}
    missing = sorted({package for library, package in needed.items() if not loads(library)})
    if not missing:
        return None
    return (
        "Qt cannot start because system libraries are missing; install them with: "
        f"sudo apt-get install {' '.join(missing)}"
    )
