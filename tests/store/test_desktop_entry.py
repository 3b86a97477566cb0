"""The launcher, icons and AppStream file: valid, installed where desktops look, removable."""

from __future__ import annotations

import configparser
import os
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from nightstretch import __version__
from nightstretch.cli import main
from nightstretch.core import resources
from nightstretch.store import desktop_entry
from nightstretch.store.desktop_entry import (
    APP_ID,
    DESKTOP_FILE,
    ICON_NAME,
    METAINFO_FILE,
    data_home,
    entry_point_command,
    exec_argument,
    install,
    launcher_text,
    uninstall,
)

DESKTOP_DIR = resources.asset("desktop")
REPO = Path(__file__).resolve().parents[2]


def read_desktop(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser


def installed_files(share: Path) -> set[str]:
    return {str(p.relative_to(share)) for p in share.rglob("*") if p.is_file()}


# -- the shipped files ------------------------------------------------------------------


def test_shipped_launcher_names_the_app_its_icon_and_the_rescue_action() -> None:
    entry = read_desktop(DESKTOP_DIR / DESKTOP_FILE)
    main_group = entry["Desktop Entry"]
    assert main_group["Exec"] == "nightstretch"
    assert main_group["Icon"] == ICON_NAME
    assert main_group["Categories"] == "Utility;"
    assert main_group["StartupNotify"] == "true"
    assert entry["Desktop Action cramp-rescue"]["Exec"] == "nightstretch start cramp-rescue"
    assert main_group["Actions"] == "cramp-rescue;"


def test_metainfo_matches_launcher_icon_and_version() -> None:
    root = ET.parse(DESKTOP_DIR / METAINFO_FILE).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP_FILE
    assert root.findtext("icon") == ICON_NAME
    versions = [r.get("version") for r in root.iter("release")]
    assert __version__ in versions
    assert root.find("content_rating") is not None
    for image in root.iter("image"):
        assert (image.text or "").startswith("https://"), "screenshots need absolute URLs"


def test_metainfo_passes_appstreamcli_without_warnings() -> None:
    if shutil.which("appstreamcli") is None:
        pytest.skip("appstreamcli is not installed (Debian package appstream)")
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(DESKTOP_DIR / METAINFO_FILE)],
        capture_output=True,
        text=True,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    problems = [line for line in output.splitlines() if line.startswith(("E:", "W:"))]
    assert problems == [], output


def desktop_file_validate(path: Path) -> None:
    tool = shutil.which(
        "desktop-file-validate", path=f"{os.environ.get('PATH', '')}{os.pathsep}{os.defpath}"
    )
    if tool is None:
        pytest.skip("desktop-file-validate is not installed (Debian package desktop-file-utils)")
    result = subprocess.run([tool, str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_shipped_launcher_passes_desktop_file_validate() -> None:
    desktop_file_validate(DESKTOP_DIR / DESKTOP_FILE)


def test_wheel_build_includes_the_desktop_folder() -> None:
    """pyproject copies all of assets/ into the wheel; the desktop files are inside it."""
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"assets" = "nightstretch/_data/assets"' in text
    assert (REPO / "assets" / "desktop" / DESKTOP_FILE).is_file()


# -- where the files go -----------------------------------------------------------------


def test_data_home_follows_xdg_and_home(tmp_path: Path) -> None:
    assert data_home(None, {"XDG_DATA_HOME": str(tmp_path)}) == tmp_path
    assert data_home(None, {"XDG_DATA_HOME": "relative/ignored"}) == (
        Path.home() / ".local" / "share"
    )
    assert data_home(None, {}) == Path.home() / ".local" / "share"
    assert data_home(tmp_path / "h", {"XDG_DATA_HOME": "/elsewhere"}) == tmp_path / "h" / "share"


def test_install_writes_launcher_icons_and_metainfo(tmp_path: Path) -> None:
    share = data_home(None, {"XDG_DATA_HOME": str(tmp_path / "xdg")})
    result = install(resources.assets_dir(), share, ("nightstretch",))
    files = installed_files(share)
    assert f"applications/{DESKTOP_FILE}" in files
    assert f"metainfo/{METAINFO_FILE}" in files
    assert f"icons/hicolor/scalable/apps/{ICON_NAME}.svg" in files
    pngs = sorted(resources.asset("icons/hicolor").glob(f"*/apps/{ICON_NAME}.png"))
    assert len(pngs) >= 4
    for png in pngs:
        target = share / "icons" / "hicolor" / png.relative_to(resources.asset("icons/hicolor"))
        assert target.read_bytes() == png.read_bytes()
    assert len(result.written) == len(files) == len(pngs) + 3
    launcher = share / "applications" / DESKTOP_FILE
    assert launcher.read_text(encoding="utf-8") == (DESKTOP_DIR / DESKTOP_FILE).read_text(
        encoding="utf-8"
    )
    assert oct(launcher.stat().st_mode & 0o777) == "0o644"


def test_install_twice_replaces_and_uninstall_keeps_other_files(tmp_path: Path) -> None:
    share = tmp_path / "share"
    install(resources.assets_dir(), share, ("nightstretch",))
    install(resources.assets_dir(), share, ("/opt/ns/bin/nightstretch",))
    other = share / "applications" / "someone-else.desktop"
    other.write_text("[Desktop Entry]\n", encoding="utf-8")
    assert "Exec=/opt/ns/bin/nightstretch\n" in (share / "applications" / DESKTOP_FILE).read_text()
    removed = uninstall(resources.assets_dir(), share)
    assert len(removed) == len(installed_files(share)) + len(removed) - 1
    assert installed_files(share) == {"applications/someone-else.desktop"}
    assert uninstall(resources.assets_dir(), share) == []


def test_missing_source_files_write_nothing(tmp_path: Path) -> None:
    assets = tmp_path / "assets"
    shutil.copytree(resources.assets_dir() / "icons", assets / "icons")
    with pytest.raises(desktop_entry.DesktopEntryError, match=DESKTOP_FILE):
        install(assets, tmp_path / "share", ("nightstretch",))
    assert not (tmp_path / "share").exists()


# -- the Exec line ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arg", "quoted"),
    [
        ("nightstretch", "nightstretch"),
        ("/opt/night stretch/bin/nightstretch", '"/opt/night stretch/bin/nightstretch"'),
        ("/home/a$b/x", '"/home/a\\\\$b/x"'),
        ("100%", "100%%"),
        ("PYTHONPATH=/src", "PYTHONPATH=/src"),
    ],
)
def test_exec_arguments_are_quoted_by_the_spec(arg: str, quoted: str) -> None:
    assert exec_argument(arg) == quoted


def test_launcher_text_points_every_exec_at_the_command(tmp_path: Path) -> None:
    template = (DESKTOP_DIR / DESKTOP_FILE).read_text(encoding="utf-8")
    text = launcher_text(template, ["/opt/my apps/nightstretch"], tmp_path / "h")
    home = tmp_path / "h"
    assert f'Exec="/opt/my apps/nightstretch" --home {home}\n' in text
    assert f'Exec="/opt/my apps/nightstretch" --home {home} start cramp-rescue\n' in text
    assert "Exec=nightstretch" not in text


def test_entry_point_is_nightstretch_when_on_path(tmp_path: Path) -> None:
    assert entry_point_command(which=lambda _: "/usr/bin/nightstretch") == ("nightstretch",)


def test_entry_point_is_the_absolute_console_script_when_not_on_path(tmp_path: Path) -> None:
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    script = bin_dir / "nightstretch"
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    script.chmod(0o755)
    command = entry_point_command(
        which=lambda _: None, executable=str(bin_dir / "python"), argv0="-c"
    )
    assert command == (str(script),)


def test_entry_point_without_console_script_finds_the_package(tmp_path: Path) -> None:
    python = str(tmp_path / "bin" / "python")
    checkout = entry_point_command(
        which=lambda _: None, executable=python, argv0="-m", package_root=tmp_path / "src"
    )
    assert checkout == ("env", f"PYTHONPATH={tmp_path / 'src'}", python, "-m", "nightstretch")
    site = entry_point_command(
        which=lambda _: None, executable=python, argv0="-m", package_root=tmp_path / "site-packages"
    )
    assert site == (python, "-m", "nightstretch")


# -- the command line -------------------------------------------------------------------


def test_cli_installs_under_home_only_and_the_launcher_starts(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    xdg = tmp_path / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", str(xdg))
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))  # nightstretch is not on PATH
    assert main(["--home", str(home), "install-desktop-entry"]) == 0
    out = capsys.readouterr().out
    assert "is not on PATH" in out
    assert not xdg.exists(), "--home keeps the real data folder untouched"
    launcher = home / "share" / "applications" / DESKTOP_FILE
    desktop_file_validate(launcher)

    # What a desktop would run: the Exec line, here with --version appended.
    exec_line = read_desktop(launcher)["Desktop Entry"]["Exec"]
    argv = [a.replace("%%", "%") for a in shlex.split(exec_line.replace("\\\\", "\\"))]
    assert argv[-2:] == ["--home", str(home)]
    env = dict(os.environ, PATH=os.defpath)
    result = subprocess.run(
        [*argv, "--version"], capture_output=True, text=True, env=env, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"nightstretch {__version__}"

    assert main(["--home", str(home), "install-desktop-entry", "--uninstall"]) == 0
    assert "Removed the launcher" in capsys.readouterr().out
    assert installed_files(home / "share") == set()
    assert main(["--home", str(home), "install-desktop-entry", "--uninstall"]) == 0
    assert "No Nightstretch launcher" in capsys.readouterr().out


def test_cli_uses_xdg_data_home_without_a_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("NIGHTSTRETCH_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.defpath}")
    assert main(["install-desktop-entry"]) == 0
    capsys.readouterr()
    assert (tmp_path / "xdg" / "applications" / DESKTOP_FILE).is_file()
    assert (
        tmp_path / "xdg" / "icons" / "hicolor" / "48x48" / "apps" / "nightstretch.png"
    ).is_file()


def test_cli_reports_an_unwritable_folder(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (home / "share").write_text("a file where a folder should be", encoding="utf-8")
    assert main(["--home", str(home), "install-desktop-entry"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("nightstretch: could not write") and err.count("\n") == 1
