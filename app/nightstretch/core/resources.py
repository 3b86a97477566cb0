"""Finds the shipped data folders from a checkout, an editable install or a wheel.

In a wheel the build copies ``routines/`` and ``assets/`` into ``nightstretch/_data/``; in a
source checkout (and an editable install, which points back at it) they sit at the top of the
checkout, two levels above the package (``app/nightstretch/``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


@cache
def data_root() -> Path:
    bundled = _PACKAGE_DIR / "_data"
    if (bundled / "routines").is_dir():
        return bundled
    checkout = _PACKAGE_DIR.parent.parent
    if (checkout / "routines").is_dir() and (checkout / "assets").is_dir():
        return checkout
    raise FileNotFoundError(
        f"Nightstretch's data folders (routines/, assets/) were not found near {_PACKAGE_DIR}"
    )


def routines_dir() -> Path:
    return data_root() / "routines"


def assets_dir() -> Path:
    return data_root() / "assets"


def asset(relative: str) -> Path:
    return assets_dir() / relative
