"""The bundle's and the package's rules, checked without building (the build runs in .ci/run).

``make bundle`` (PyInstaller) and ``make deb`` take minutes, so packaging/test-deb.sh runs them
after the suite; these tests keep the rules they rely on true on every ``make test``.
"""

from __future__ import annotations

import ast
import importlib.util
import shutil
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from nightstretch.core import resources

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "packaging"


def load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rules() -> ModuleType:
    return load("bundle_rules", PACKAGING / "bundle_rules.py")


QT_LIB = "/venv/site-packages/PySide6/Qt/lib"
QT_PLUGINS = "PySide6/Qt/plugins"


@pytest.mark.parametrize(
    ("dest", "source", "kept"),
    [
        (f"{QT_PLUGINS}/platforms/libqxcb.so", "/venv/x/libqxcb.so", True),
        (f"{QT_PLUGINS}/platforms/libqwayland.so", "/venv/x/libqwayland.so", True),
        (f"{QT_PLUGINS}/platforms/libqoffscreen.so", "/venv/x/libqoffscreen.so", True),
        (f"{QT_PLUGINS}/platforms/libqminimalegl.so", "/venv/x/libqminimalegl.so", False),
        (f"{QT_PLUGINS}/platforms/libqeglfs.so", "/venv/x/libqeglfs.so", False),
        (f"{QT_PLUGINS}/imageformats/libqsvg.so", "/venv/x/libqsvg.so", True),
        (f"{QT_PLUGINS}/imageformats/libqpdf.so", "/venv/x/libqpdf.so", False),
        (f"{QT_PLUGINS}/iconengines/libqsvgicon.so", "/venv/x/libqsvgicon.so", True),
        (f"{QT_PLUGINS}/multimedia/libffmpegmediaplugin.so", "/venv/x/libffmpeg.so", False),
        (f"{QT_PLUGINS}/texttospeech/libqtexttospeech_speechd.so", "/venv/x/s.so", True),
        (
            f"{QT_PLUGINS}/platforminputcontexts/libqtvirtualkeyboardplugin.so",
            "/venv/x/v.so",
            False,
        ),
        (f"{QT_PLUGINS}/tls/libqopensslbackend.so", "/venv/x/t.so", False),
        (f"{QT_PLUGINS}/platformthemes/libqgtk3.so", "/venv/x/g.so", False),
        ("PySide6/plugins/platforms/qwindows.dll", "C:\\venv\\qwindows.dll", True),
        ("PySide6/Qt/lib/libQt6Core.so.6", f"{QT_LIB}/libQt6Core.so.6", True),
        ("PySide6/Qt/lib/libQt6Concurrent.so.6", f"{QT_LIB}/libQt6Concurrent.so.6", True),
        ("PySide6/Qt/lib/libQt6Quick.so.6", f"{QT_LIB}/libQt6Quick.so.6", False),
        ("libQt6Qml.so.6", f"{QT_LIB}/libQt6Qml.so.6", False),
        ("PySide6/Qt/lib/libQt6OpenGL.so.6", f"{QT_LIB}/libQt6OpenGL.so.6", False),
        ("PySide6/Qt/lib/libavcodec.so.61", f"{QT_LIB}/libavcodec.so.61", False),
        ("libxcb-cursor.so.0", "/lib/x86_64-linux-gnu/libxcb-cursor.so.0", False),
        ("libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", False),
        (
            "libpulsecommon-16.1.so",
            "/usr/lib/x86_64-linux-gnu/pulseaudio/libpulsecommon-16.1.so",
            False,
        ),
        ("libQt6Core.so.6", "/usr/lib/python3/dist-packages/PySide6/Qt/lib/libQt6Core.so.6", True),
        ("libpython3.11.so.1.0", "/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0", True),
        ("libpython3.11.so.1.0", "/root/.pyenv/versions/3.11.7/lib/libpython3.11.so.1.0", True),
        (
            "python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so",
            "/usr/lib/python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so",
            True,
        ),
    ],
)
def test_only_the_plugins_and_libraries_the_app_loads_are_kept(
    rules: ModuleType, dest: str, source: str, kept: bool
) -> None:
    assert rules.keep_binary(dest, source) is kept


def test_system_libraries_stay_in_the_folder_off_linux(rules: ModuleType) -> None:
    """Only Debian's package declares them in Depends; a Windows or macOS folder needs them."""
    assert rules.keep_binary("libz.dylib", "/usr/lib/libz.dylib", platform="darwin")
    assert not rules.keep_binary("libz.so.1", "/usr/lib/libz.so.1", platform="linux")


def test_qt_translations_are_left_out_and_app_data_kept(rules: ModuleType) -> None:
    """Except qtbase for the app's own languages (its dialogs' standard buttons)."""
    assert not rules.keep_data("PySide6/Qt/translations/qtbase_fr.qm")
    assert not rules.keep_data("PySide6/translations/qt_help_de.qm")
    assert rules.keep_data("PySide6/Qt/translations/qtbase_de.qm")
    assert rules.keep_data("PySide6/translations/qtbase_ru.qm")
    assert rules.keep_data("nightstretch/_data/routines/quick-calf.toml")
    assert rules.keep_data("PySide6/Qt/resources/x.dat")


def test_only_the_apps_languages_of_babels_locale_data_ship(rules: ModuleType) -> None:
    """Babel carries CLDR data for 1 149 locales (35 MB); wording needs en, ru and de."""
    for kept in ("root.dat", "en.dat", "en_GB.dat", "ru.dat", "ru_UA.dat", "de_AT.dat"):
        assert rules.keep_data(f"babel/locale-data/{kept}"), kept
    for dropped in ("fr.dat", "ja_JP.dat", "ar.dat", "dE.dat"):
        assert not rules.keep_data(f"babel/locale-data/{dropped}"), dropped
    assert rules.keep_data("babel/global.dat")


def test_every_asset_folder_ships_except_the_screenshots(rules: ModuleType, tmp_path: Path) -> None:
    shipped = {target for _, target in rules.asset_files(resources.assets_dir())}
    assert shipped == {"desktop", "icons", "illustrations", "sounds"}
    (tmp_path / "screenshots").mkdir()
    (tmp_path / "sounds").mkdir()
    (tmp_path / "README.txt").write_text("x", encoding="utf-8")
    assert [t for _, t in rules.asset_files(tmp_path)] == [".", "sounds"]


def pyside_modules_imported() -> set[str]:
    found = set()
    for path in (REPO / "app" / "nightstretch").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            found |= {n.split(".")[1] for n in names if n.startswith("PySide6.")}
    return found


def test_the_listed_qt_modules_are_the_ones_the_package_imports(rules: ModuleType) -> None:
    """A new Qt import (lazy ones included) must be listed, and must not be excluded."""
    used = pyside_modules_imported()
    assert used | {"QtSvg"} == set(rules.QT_MODULES_USED)
    excluded = {name.removeprefix("PySide6.") for name in rules.EXCLUDED_MODULES}
    assert not used & excluded
    for lazy in rules.LAZY_IMPORTS:
        assert lazy.removeprefix("PySide6.") in used


def test_the_bundle_layout_is_where_resources_looks(tmp_path: Path) -> None:
    """The spec puts routines and assets in ``_internal/nightstretch/_data``; a module whose
    file sits in ``_internal/nightstretch/core`` (as PyInstaller sets ``__file__``) finds them."""
    spec_text = (PACKAGING / "nightstretch.spec").read_text(encoding="utf-8")
    assert 'DATA = "nightstretch/_data"' in spec_text
    assert '(str(REPO / "routines" / "*.toml"), f"{DATA}/routines")' in spec_text
    assert 'f"{DATA}/assets/{target}"' in spec_text
    internal = tmp_path / "_internal"
    (internal / "nightstretch" / "core").mkdir(parents=True)
    shutil.copyfile(
        REPO / "app" / "nightstretch" / "core" / "resources.py",
        internal / "nightstretch" / "core" / "resources.py",
    )
    (internal / "nightstretch" / "_data" / "routines").mkdir(parents=True)
    (internal / "nightstretch" / "_data" / "assets").mkdir()
    frozen = load("frozen_resources", internal / "nightstretch" / "core" / "resources.py")
    assert frozen.data_root() == (internal / "nightstretch" / "_data").resolve()
    assert frozen.routines_dir().is_dir() and frozen.assets_dir().is_dir()


def test_the_command_is_a_console_script_and_pyinstaller_stays_optional() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"] == {"nightstretch": "nightstretch.cli:main"}
    assert "gui-scripts" not in project
    assert not any("pyinstaller" in d.lower() for d in project["dependencies"])
    assert any(d.startswith("pyinstaller>=6") for d in project["optional-dependencies"]["bundle"])


def test_no_screenshots_under_assets_so_the_wheel_cannot_ship_them() -> None:
    """hatch applies no exclude to a force-include, so they live in docs/ (README links there)."""
    assert not (REPO / "assets" / "screenshots").exists()
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for picture in (REPO / "docs" / "screenshots").glob("*.png"):
        assert f"docs/screenshots/{picture.name}" in readme


def test_windows_and_macos_icons_match_the_hicolor_pngs() -> None:
    icons = load("make_icons", PACKAGING / "make_icons.py")
    assert (PACKAGING / "icons" / "nightstretch.ico").read_bytes() == icons.ico()
    assert (PACKAGING / "icons" / "nightstretch.icns").read_bytes() == icons.icns()
    ico = icons.ico()
    assert ico[:4] == b"\x00\x00\x01\x00" and int.from_bytes(ico[4:6], "little") == 7


def test_the_debian_package_uses_the_appstream_id_for_its_launcher() -> None:
    script = (PACKAGING / "build-deb.sh").read_text(encoding="utf-8")
    metainfo = next((REPO / "assets" / "desktop").glob("*.metainfo.xml"))
    app_id = metainfo.name.removesuffix(".metainfo.xml")
    assert f"app_id={app_id}\n" in script
    assert 'desktop_id="$app_id.desktop"' in script
    assert (REPO / "assets" / "desktop" / f"{app_id}.desktop").is_file()
    assert "nightstretch.desktop" not in script, "one launcher name, the component id's"
    assert "DEBIAN/postinst" not in script and "DEBIAN/postrm" not in script
