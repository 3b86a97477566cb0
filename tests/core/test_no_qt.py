"""nightstretch.core must stay importable and testable without Qt (README, "How it works")."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import nightstretch.core

CORE = Path(nightstretch.core.__file__).parent
FORBIDDEN = (
    "PySide6",
    "shiboken6",
    "nightstretch.store",
    "nightstretch.services",
    "nightstretch.ui",
)


def test_no_core_module_imports_qt_or_a_higher_floor() -> None:
    offenders = []
    for path in sorted(CORE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {name}" for name in names if name.startswith(FORBIDDEN)]
    assert offenders == []


def test_importing_all_of_core_loads_no_qt() -> None:
    modules = [f"nightstretch.core.{p.stem}" for p in CORE.glob("*.py") if p.stem != "__init__"]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert len(modules) >= 6
