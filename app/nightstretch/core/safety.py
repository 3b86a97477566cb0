"""The warning signs, written once and shown wherever they matter.

Facts from the seed documents (000, 002 and 003: signs of a possible blood clot, the other
signs that need a midwife or doctor right away, and cramps that are very frequent or severe);
the wording is ours. The pre-eclampsia signs and reduced baby movements are not in the
seeds; they come from NHS guidance (nhs.uk, "Pre-eclampsia" and "Your baby's movements"),
in our own words. No medicine or supplement advice here.
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
URGENT_HEADLINE = "Contact your maternity unit or doctor now if you have:"
URGENT_SIGNS: tuple[str, ...] = (
    "Sudden swelling of your face, hands or feet.",
    "A severe headache.",
    "Problems with your vision, such as blurring or flashing lights.",
    "Your baby moving less than usual.",
)
URGENT_NOTE = (
    "Swelling, headache and vision problems can be signs of pre-eclampsia. "
    "Do not wait for your next appointment."
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


def urgent_lines() -> list[str]:
    """The pre-eclampsia and baby-movement signs, as plain lines."""
    return [URGENT_HEADLINE, *(f"- {sign}" for sign in URGENT_SIGNS), URGENT_NOTE]


def clot_text() -> str:
    """What to say at once when a logged cramp ticks a warning sign."""
    lines = [HEADLINE, *(f"- {sign}" for sign in CLOT_SIGNS), CLOT_ACTION, ""]
    return "\n".join(lines + urgent_lines())


def as_text() -> str:
    """Plain text for the command line and for screen readers."""
    lines = [HEADLINE, ""]
    lines += [f"- {sign}" for sign in CLOT_SIGNS]
    lines += [CLOT_ACTION, ""]
    lines += [*urgent_lines(), ""]
    lines += [OTHER_HEADLINE]
    lines += [f"- {sign}" for sign in OTHER_SIGNS]
    lines += ["", DISCLAIMER]
    return "\n".join(lines)
