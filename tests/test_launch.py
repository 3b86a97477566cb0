"""The start shows the tray icon before the rest of the app is loaded, and the app then
takes that same icon over (``launch.run_gui``, issue 11's bench: launch until the icon)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.factories import quiet_home, run_probe

PROBE = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from nightstretch import launch
    from nightstretch.store.paths import AppPaths
    from nightstretch.ui import tray

    seen = {}
    first_icon = launch.first_icon

    def spy(qapp):
        icon = first_icon(qapp)
        seen["visible"] = icon.isVisible()
        seen["root_loaded"] = "nightstretch.bootstrap" in sys.modules
        seen["reminders_loaded"] = "nightstretch.services.reminders" in sys.modules
        seen["icon"] = icon
        return icon

    launch.first_icon = spy
    tray_init = tray.Tray.__init__

    def adopt(self, *args, **kwargs):
        tray_init(self, *args, **kwargs)
        seen["adopted"] = self.icon is seen.get("icon")
        seen["menu"] = self.icon.contextMenu() is self.menu

    tray.Tray.__init__ = adopt
    qapp = QApplication([])
    QTimer.singleShot(500, qapp.quit)
    code = launch.run_gui(AppPaths.resolve(Path(sys.argv[1])), tray_only=True)
    seen.pop("icon")
    print(json.dumps({"code": code, **seen}))
    """
)


def test_the_icon_shows_before_the_app_loads_and_the_app_takes_it_over(tmp_path: Path) -> None:
    seen = run_probe(PROBE, str(quiet_home(tmp_path / "home")))
    assert seen == {
        "code": 0,
        "visible": True,
        "root_loaded": False,
        "reminders_loaded": False,
        "adopted": True,
        "menu": True,
    }
