"""The warning signs as rich text, one way for every window that shows them.

The words live in ``core/safety.py``; this only lays them out as the small HTML subset
Qt labels draw, so the warning window, onboarding and the cramp dialog cannot drift apart.
"""

from __future__ import annotations

from html import escape

from nightstretch.core import safety
from nightstretch.core.i18n import _


def bullets(items: tuple[str, ...]) -> str:
    """A bulleted list, every item escaped (already in her language: see ``safety.shown``)."""
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def warning_signs_html() -> str:
    """All the signs: clots first with what to do, then the other reasons to call."""
    return (
        bullets(safety.shown(safety.CLOT_SIGNS))
        + f"<p><b>{escape(_(safety.CLOT_ACTION))}</b></p>"
        + urgent_html()
        + f"<p>{escape(_(safety.OTHER_HEADLINE))}</p>"
        + bullets(safety.shown(safety.OTHER_SIGNS))
    )


def clot_guidance_html() -> str:
    """The clot warning under its headline, for the cramp dialog's panel."""
    items = "".join(f"<li>{escape(sign)}</li>" for sign in safety.shown(safety.CLOT_SIGNS))
    return (
        f"<p style='font-size:large'><b>{escape(_(safety.HEADLINE))}</b></p>"
        f"<ul style='margin-left:-20px'>{items}</ul>"
        f"<p><b>{escape(_(safety.CLOT_ACTION))}</b></p>" + urgent_html()
    )


def urgent_html() -> str:
    """Pre-eclampsia signs and reduced movements, with what to do, after the clot signs."""
    return (
        f"<p><b>{escape(_(safety.URGENT_HEADLINE))}</b></p>"
        + bullets(safety.shown(safety.URGENT_SIGNS))
        + f"<p>{escape(_(safety.URGENT_NOTE))}</p>"
    )
