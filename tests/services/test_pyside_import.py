"""The light PySide6 import: same answer as PySide6's own check, nothing kept as text."""

from __future__ import annotations

import linecache
import sys
import textwrap
from pathlib import Path
from types import ModuleType

from nightstretch.services.pyside_import import light_source_check, load_pyside

from tests.factories import quiet_home, run_probe


def module_from(path: Path, text: str) -> ModuleType:
    path.write_text(text, encoding="utf-8")
    module = ModuleType(path.stem)
    module.__file__ = str(path)
    return module


def test_the_light_check_reads_the_file_and_keeps_nothing(tmp_path: Path) -> None:
    asked: list[str] = []

    def original(module: ModuleType) -> bool:
        asked.append(module.__name__)
        return True

    check = light_source_check(original)
    uses = module_from(tmp_path / "uses.py", "from PySide6.QtCore import QObject\n")
    plain = module_from(tmp_path / "plain.py", "import json\n")
    assert check(uses) is True
    assert check(plain) is False
    assert asked == [], "a .py file is answered from its bytes"
    assert str(tmp_path / "uses.py") not in linecache.cache
    assert check(sys) is True and asked == ["sys"], "a built-in module goes to PySide6's check"
    gone = module_from(tmp_path / "gone.py", "")
    (tmp_path / "gone.py").unlink()
    assert check(gone) is True and asked == ["sys", "gone"]


def test_after_load_pyside_new_imports_are_not_kept_as_text(tmp_path: Path) -> None:
    assert load_pyside() is True
    assert load_pyside() is True, "a second call finds the check already light"
    (tmp_path / "ns_probe_module.py").write_text("VALUE = 1\n", encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        __import__("ns_probe_module")
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("ns_probe_module", None)
    assert str(tmp_path / "ns_probe_module.py") not in linecache.cache


LOGIN_START = textwrap.dedent(
    """
    import json, sys, linecache
    from pathlib import Path
    from nightstretch.services.pyside_import import load_pyside
    load_pyside()
    from PySide6.QtWidgets import QApplication
    import PySide6.QtCore as QtCore
    from nightstretch import bootstrap as application
    from nightstretch.store.paths import AppPaths

    paths = AppPaths.resolve(Path(sys.argv[1]))
    qapp = QApplication([])
    services = application.build_services(paths)
    app = application.NightstretchApp(qapp, services, notifier_prefer="card")
    app.start(tray_only=True)
    qapp.processEvents()
    print(json.dumps({
        "qt_namespace": "Qt" in QtCore.__dict__,
        "modules": sorted(sys.modules),
        "kept_sources": [f for f in linecache.cache if "/app/" in f],
    }))
    app.shutdown()
    """
)


def test_a_login_start_loads_no_window_and_no_qt_namespace(tmp_path: Path) -> None:
    """What the tray needs at login, and nothing a window or a routine needs (issue 6)."""
    seen = run_probe(LOGIN_START, str(quiet_home(tmp_path / "home")), QT_QPA_PLATFORM="offscreen")
    assert seen["qt_namespace"] is False, "PySide6 builds all of Qt.* (~30 ms, 1.3 MB) on first use"
    loaded = set(seen["modules"])
    for heavy in (
        "nightstretch.ui.home_window",
        "nightstretch.ui.reminder_card",
        "nightstretch.ui.status_popup",
        "nightstretch.ui.warning_window",
        "nightstretch.ui.theme",
        "nightstretch.core.player",
        "nightstretch.core.stats",
        "nightstretch.store.export",
        "PySide6.QtMultimedia",
        "PySide6.QtSvgWidgets",
        "plistlib",
        "babel",  # CLDR data: only for a language other than English
        "apscheduler",  # replaced by two QTimers (services/wake_timers.py)
        "asyncio",
        # the file workflows load with her first report, export, backup or restore (the
        # day's first start makes the automatic backup, so logbook_files may load)
        "nightstretch.cli_logbook",
        "nightstretch.services.logbook_actions",
        "nightstretch.ui.file_actions",
        "nightstretch.store.restore",
        "nightstretch.store.salvage",
        "nightstretch.store.logbook_readonly",
    ):
        assert heavy not in loaded, f"{heavy} is loaded at a login start"
    assert seen["kept_sources"] == []
