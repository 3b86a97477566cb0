"""The warning signs, written once and shown wherever they matter.

Facts from the seed documents (000, 002 and 003: signs of a possible blood clot, the other
signs that need a midwife or doctor right away, and cramps that are very frequent or severe);
the wording is ours. No medicine or supplement advice here.
"""

from __future__ import annotations

HEADLINE = "When to get help now"

CLOT_SIGNS: tuple[str, ...] = (
    "One leg is swollen, red, warm or tender, especially the calf.",
    "Leg pain is severe or constant and does not ease with stretching or massage.",
    "You have trouble walking.",
)
CLOT_ACTION = (
    "These can be signs of a blood clot (DVT). Contact your midwife or doctor now. "
    "If you are short of breath or have chest pain, call emergency services."
)
OTHER_HEADLINE = "Also contact your midwife or doctor straight away if you have:"
OTHER_SIGNS: tuple[str, ...] = (
    "Bleeding or fluid leaking from the vagina.",
    "A fever, or burning when you pee.",
    "Numbness, tingling or weakness in the legs, buttocks or genitals.",
    "Sudden, intense or coming-and-going pain in the belly.",
    "Cramps that come very often or are very strong.",
)
DISCLAIMER = (
    "Nightstretch is not medical advice. Cramps in pregnancy are common and usually "
    "harmless, but always tell your midwife or doctor about symptoms that worry you."
)


def clot_text() -> str:
    """What to say at once when a logged cramp ticks a warning sign."""
    return "\n".join([HEADLINE, *(f"- {sign}" for sign in CLOT_SIGNS), CLOT_ACTION])


def as_text() -> str:
    """Plain text for the command line and for screen readers."""
    lines = [HEADLINE, ""]
    lines += [f"- {sign}" for sign in CLOT_SIGNS]
    lines += [CLOT_ACTION, ""]
    lines += [OTHER_HEADLINE]
    lines += [f"- {sign}" for sign in OTHER_SIGNS]
    lines += ["", DISCLAIMER]
    return "\n".join(lines)
