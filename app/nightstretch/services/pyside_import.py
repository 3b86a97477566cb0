"""Loads PySide6 so that its import hook stops keeping the source of every later module.

When PySide6 is imported it wraps ``__import__``: after each import it asks whether the
new module uses PySide6 (for its opt-in ``__feature__`` switches, PYSIDE-2029) and finds
out with ``inspect.getsource``, which reads the whole file into ``linecache`` and keeps it
there. For this app that is every module imported after Qt: about 8 MB of text held for
the whole day and ~30 ms of launch. The answer only needs a substring search of the file,
which is what the replacement below does, without keeping anything.
"""

from __future__ import annotations

import linecache
import logging
import sys
from collections.abc import Callable
from types import ModuleType

log = logging.getLogger(__name__)

FEATURE_MODULE = "shibokensupport.feature"
"""Where PySide6 keeps the hook's helper (an embedded module, not a file)."""


def load_pyside() -> bool:
    """Imports QtCore with the light source check in place; False if PySide6 changed shape.

    shiboken6 brings the hook's module; QtCore then asks about every module loaded so far,
    so the check is swapped in between the two.
    """
    import shiboken6  # noqa: F401

    feature = sys.modules.get(FEATURE_MODULE)
    original = getattr(feature, "_mod_uses_pyside", None)
    swapped = False
    if feature is None or not callable(original):
        log.info(
            "PySide6 has no %s._mod_uses_pyside; its import hook is left as it is", FEATURE_MODULE
        )
    elif getattr(original, "nightstretch_light", False):
        swapped = True
    else:
        feature._mod_uses_pyside = light_source_check(original)  # type: ignore[attr-defined]
        swapped = True
    import PySide6.QtCore  # noqa: F401

    linecache.clearcache()  # anything read before the swap
    return swapped


def light_source_check(original: Callable[[ModuleType], object]) -> Callable[[ModuleType], bool]:
    """The same question ("does the file mention PySide6?") asked of the raw bytes."""

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(original(module))  # built-in, compiled-only or zipped: as before
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return bool(original(module))

    uses_pyside.nightstretch_light = True  # type: ignore[attr-defined]
    return uses_pyside
