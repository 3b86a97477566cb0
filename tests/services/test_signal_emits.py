"""Regression guard for PySide6 6.12.0 on Python 3.11 (README, "Known issues").

That release dropped a reference to ``True`` on every ``Signal.emit()`` from Python and
the interpreter aborted after a few hundred emits; pyproject.toml keeps it out on 3.11.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_hundred_thousand_emits_survive() -> None:
    # In a child process: if the bug is back, the abort must fail this test, not the run.
    code = textwrap.dedent(
        """
        from PySide6.QtCore import QCoreApplication, QObject, Signal

        class Source(QObject):
            ping = Signal(bool)
            bare = Signal()

        app = QCoreApplication([])
        source = Source()
        seen = []
        source.ping.connect(lambda flag: seen.append(flag))
        count = [0]
        def bump():
            count[0] += 1
        source.bare.connect(bump)
        for i in range(50_000):
            source.ping.emit(i % 2 == 0)
            source.bare.emit()
        assert len(seen) == 50_000 and seen[0] is True and seen[1] is False
        assert count[0] == 50_000
        print("ok")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"
