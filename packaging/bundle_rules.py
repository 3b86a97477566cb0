"""What goes into the PyInstaller folder: plain rules the spec applies, tested without building.

Kept apart from ``nightstretch.spec`` so ``tests/test_packaging.py`` can check them in
milliseconds (a build takes minutes and runs in ``.ci/run`` only).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path, PurePosixPath

EXCLUDED_ASSETS = frozenset({"screenshots"})
"""README pictures: the app never opens them."""

LAZY_IMPORTS = ("PySide6.QtMultimedia", "PySide6.QtTextToSpeech")
"""Imported inside functions (sound and voice are optional); named so no analysis misses them."""

EXCLUDED_MODULES = (
    "tkinter",
    "PySide6.QtConcurrent",
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtPrintSupport",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
)
"""Qt modules the app does not use, in case a hook names them as hidden imports."""

QT_MODULES_USED = (
    "QtCore",
    "QtGui",
    "QtWidgets",
    "QtSvg",
    "QtSvgWidgets",
    "QtDBus",
    "QtNetwork",
    "QtMultimedia",
    "QtTextToSpeech",
)
"""What ``grep -r 'PySide6\\.' app`` finds (QtSvg comes with QtSvgWidgets); QPdfWriter is QtGui."""

KEPT_PLUGINS: dict[str, tuple[str, ...] | None] = {
    # None keeps the whole folder; a tuple keeps the plugins of those names.
    "platforms": ("qxcb", "qwayland", "qoffscreen", "qminimal", "qwindows", "qcocoa"),
    "platformthemes": ("qxdgdesktopportal",),
    "platforminputcontexts": (
        "composeplatforminputcontextplugin",
        "ibusplatforminputcontextplugin",
    ),
    "imageformats": ("qsvg",),
    "iconengines": ("qsvgicon",),
    "xcbglintegrations": None,
    "wayland-decoration-client": None,
    "wayland-shell-integration": ("xdg-shell",),  # what desktops speak; the rest is niche
    "texttospeech": None,
    "styles": None,
}
"""Plugins by folder. Dropped: the virtual keyboard (it needs Qt Quick and QML, 16 MB),
the PDF image format (Qt PDF), EGLFS/linuxfb/VNC screens, TLS, network information, the
GTK3 theme (it would pull GTK's libraries), Wayland's OpenGL buffer integrations (the
widgets draw in shared memory) and the FFmpeg multimedia backend (FFmpeg, Qt
Quick and QML, about 40 MB): QSoundEffect and QMediaDevices, all the app uses, work without
a backend (Qt says so once: "No QtMultimedia backends found. Only QMediaDevices, ...,
QSoundEffect ... are available"); checked playing a cue into a PulseAudio null sink."""

_DROPPED_QT_LIBRARY = re.compile(
    r"Qt6(Quick|Qml|VirtualKeyboard|Pdf|EglFS|EglFsKms|MultimediaWidgets|OpenGL\b|FFmpegStub"
    r"|WlShellIntegration)"
    r"|^(lib)?(avcodec|avformat|avutil|swresample|swscale)[-.]"
)
"""Libraries only the dropped plugins and modules load (checked with ldd in test-deb.sh)."""

SYSTEM_LIBRARY_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/")
"""Also their subfolders: libpulse's private libpulsecommon lives in .../pulseaudio/."""


def asset_files(assets: Path) -> Iterator[tuple[Path, str]]:
    """(source, folder under ``_data/assets``) for everything the app reads."""
    for entry in sorted(assets.iterdir()):
        if entry.name in EXCLUDED_ASSETS or entry.name.startswith("."):
            continue
        yield entry, entry.name if entry.is_dir() else "."


def _plugin_name(file_name: str) -> str:
    stem = file_name.split(".", maxsplit=1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep_binary(dest: str, source: str | None, platform: str = "linux") -> bool:
    """False for a Qt plugin or library the app never loads, or (Linux) a system library."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    name = parts[-1]
    if "plugins" in parts[:-1] and parts[-2] != "plugins":
        folder = parts[-2]
        if folder not in KEPT_PLUGINS:
            return False
        names = KEPT_PLUGINS[folder]
        if names is not None and _plugin_name(name) not in names:
            return False
    if _DROPPED_QT_LIBRARY.search(name):
        return False
    return not (platform.startswith("linux") and is_system_library(name, source))


def is_system_library(name: str, source: str | None) -> bool:
    """A distribution library (Depends supplies it) rather than one from a Python wheel.

    libpython stays in the folder whatever its origin (the bundle must not need Python), and
    so do Python's own extension modules (``lib-dynload``), which are no ``lib*.so``.
    """
    if source is None or not name.startswith("lib") or name.startswith("libpython"):
        return False
    if ".so" not in name or "-packages/" in source:
        return False
    return source.startswith(SYSTEM_LIBRARY_DIRS)


def remove_dangling_links(folder: Path) -> list[Path]:
    """PyInstaller links top-level names to Qt's libraries, also to the ones dropped above."""
    dangling = [path for path in folder.rglob("*") if path.is_symlink() and not path.exists()]
    for path in dangling:
        path.unlink()
    return dangling


QT_TRANSLATIONS = ("qtbase_ru.qm", "qtbase_de.qm")
"""Qt's own words for the app's languages (services/language.py); Qt ships about 300 more."""


BABEL_LANGUAGES = ("root", "en", "ru", "de")
"""Babel's CLDR data is 35 MB for 1 149 locales; the app's wording needs its own languages."""


def keep_data(dest: str) -> bool:
    """Of Qt's translations, only the app's languages' qtbase files are loaded; of Babel's
    locale data, only those languages (and their regional variants, ``de_AT``...)."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    qt_translation = len(parts) >= 2 and parts[0] == "PySide6" and "translations" in parts[1:3]
    if qt_translation:
        return parts[-1] in QT_TRANSLATIONS
    if len(parts) >= 3 and parts[0] == "babel" and parts[1] == "locale-data":
        return parts[-1].split(".")[0].split("_")[0] in BABEL_LANGUAGES
    return True


# -- licences -------------------------------------------------------------------------------

LICENSED_DISTRIBUTIONS = (
    "PySide6_Essentials",
    "PySide6_Addons",
    "shiboken6",
    "platformdirs",
    "tzlocal",
    "tzdata",
    "babel",
    "pyinstaller",
)

NOTICE = """\
Third-party software in this folder
===================================

Nightstretch {version} is MIT-licensed (Nightstretch-LICENSE.txt). This folder also carries:

{components}
Qt, PySide6 and shiboken6 are used under the GNU Lesser General Public License v3
(LGPL-3.0.txt, which adds to GPL-3.0.txt). Qt's multimedia uses FFmpeg, under the GNU
LGPL v2.1 or later (LGPL-2.1.txt); Qt's ICU is under the licence in ICU.txt. They are
separate shared libraries in _internal/ (PySide6/Qt/lib), so you may replace them with
your own builds of the same versions. Sources: https://download.qt.io/official_releases/qt/
(Qt), https://download.qt.io/official_releases/QtForPython/ (PySide6, shiboken6) and
https://ffmpeg.org/download.html (FFmpeg).

The executable's bootloader is PyInstaller's, under the GPL v2 or later with an exception
that allows distributing it with any program (pyinstaller-COPYING.txt). Python itself is
under the PSF licence (Python-LICENSE.txt).
"""


def _licence_files(dist: metadata.Distribution) -> list[tuple[str, Path]]:
    found = []
    for file in dist.files or ():
        lowered = file.name.lower()
        if lowered.startswith(("license", "licence", "copying", "notice")):
            found.append((file.name, Path(str(file.locate()))))
    return found


def write_licences(target: Path, repo: Path, python_prefix: Path) -> Path:
    """Collects the licence texts of what the bundle carries into ``target``."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copyfile(repo / "LICENSE", target / "Nightstretch-LICENSE.txt")
    for text in sorted((repo / "packaging" / "licenses").glob("*.txt")):
        shutil.copyfile(text, target / text.name)
    lines = []
    for name in LICENSED_DISTRIBUTIONS:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        meta = dist.metadata
        licence = (meta.get_all("License-Expression") or meta.get_all("License") or [""])[0]
        licence = licence.splitlines()[0] if licence else "see its licence file"
        lines.append(f"- {meta['Name']} {dist.version}: {licence}")
        for file_name, source in _licence_files(dist):
            if source.is_file():
                shutil.copyfile(source, target / f"{meta['Name']}-{file_name}")
    for candidate in (
        python_prefix / "LICENSE.txt",
        *sorted(python_prefix.glob("lib/python3*/LICENSE.txt")),
        Path("/usr/share/doc/python3/copyright"),
    ):
        if candidate.is_file():
            shutil.copyfile(candidate, target / "Python-LICENSE.txt")
            break
    version = _app_version(repo)
    notice = NOTICE.format(version=version, components="\n".join(lines) + "\n")
    (target / "NOTICE.txt").write_text(notice, encoding="utf-8")
    return target


def _app_version(repo: Path) -> str:
    text = (repo / "app" / "nightstretch" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'__version__ = "([^"]+)"', text)
    return match.group(1) if match else "unknown"
