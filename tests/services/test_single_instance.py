from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from nightstretch.services.single_instance import InstanceError, SingleInstance, server_name
from pytestqt.qtbot import QtBot


def test_second_instance_forwards_its_command(qtbot: QtBot, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path / "run")
    assert first.acquire()
    first.serve()
    code = (
        "from pathlib import Path; from nightstretch.services.single_instance import SingleInstance;"
        f"s = SingleInstance(Path({str(tmp_path / 'run')!r})); assert not s.acquire();"
        "print(s.send({'command': 'start', 'routine': 'quick-calf'}))"
    )
    with qtbot.waitSignal(first.received, timeout=10000) as received:
        second = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=10000)
    assert received.args == [{"command": "start", "routine": "quick-calf"}]
    assert second.communicate()[0].strip() == "ok"
    assert second.returncode == 0
    first.release()
    third = SingleInstance(tmp_path / "run")
    assert third.acquire()  # released: the next start is first again
    third.release()


def test_no_answer_is_a_clear_error(tmp_path: Path) -> None:
    lonely = SingleInstance(tmp_path / "run")
    with pytest.raises(InstanceError, match="does not answer"):
        lonely.send({"command": "show"})


def test_stale_lock_from_a_killed_process_is_recovered(tmp_path: Path) -> None:
    run = tmp_path / "run"
    code = (
        "import os, sys; from pathlib import Path;"
        "from nightstretch.services.single_instance import SingleInstance;"
        f"s = SingleInstance(Path({str(run)!r})); assert s.acquire(); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=dict(os.environ))
    assert (run / "nightstretch.lock").exists()  # left behind, as after a crash
    survivor = SingleInstance(run)
    assert survivor.acquire()
    survivor.release()


def test_long_runtime_paths_get_a_short_private_socket(tmp_path: Path) -> None:
    assert server_name(Path("/run/user/1000")) == "/run/user/1000/nightstretch.sock"
    long = tmp_path / ("x" * 120)
    long.mkdir()
    name = Path(server_name(long, create=True))
    assert len(str(name)) < 100
    assert name.parent != Path(tempfile.gettempdir())
    assert stat.S_IMODE(name.parent.stat().st_mode) == 0o700
    assert server_name(long) == str(name)  # a later start finds the same socket
    name.parent.rmdir()


def test_a_squatted_socket_name_is_not_fatal(qtbot: QtBot, tmp_path: Path) -> None:
    """Something this user cannot remove holds the name: the app runs on without forwarding."""
    run = tmp_path / "run"
    (run / "nightstretch.sock").mkdir(parents=True)
    (run / "nightstretch.sock" / "keep").touch()
    first = SingleInstance(run)
    assert first.acquire()
    assert first.serve() is False
    with pytest.raises(InstanceError, match="does not answer"):
        SingleInstance(run).send({"command": "show"})
    first.release()


def test_a_recorded_socket_folder_that_is_not_private_is_not_trusted(tmp_path: Path) -> None:
    long = tmp_path / ("y" * 120)
    long.mkdir()
    first = Path(server_name(long, create=True))
    first.parent.chmod(0o755)  # someone loosened it: a new private folder is made instead
    assert server_name(long) == str(long / "socket-path")  # nothing trusted to answer there
    second = Path(server_name(long, create=True))
    assert second.parent != first.parent
    assert stat.S_IMODE(second.parent.stat().st_mode) == 0o700
    (long / "socket-path").write_text("/nonexistent/folder/s", encoding="utf-8")
    assert server_name(long) == str(long / "socket-path")
    for folder in (first.parent, second.parent):
        folder.rmdir()
