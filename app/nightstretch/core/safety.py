"""The warning signs, written once and shown wherever they matter.

Facts from the seed documents (000, 002 and 003: signs of a possible blood clot, the other
signs that need a midwife or doctor right away, and cramps that are very frequent or severe);
the wording is ours. The pre-eclampsia signs and reduced baby movements are not in the
seeds; they come from NHS guidance (nhs.uk, "Pre-eclampsia" and "Your baby's movements"),
in our own words. No medicine or supplement advice here.

Every sign is marked for the catalogue (``N_``); the constants stay the English source, and
the functions below (and ``_(safety.HEADLINE)`` where one line is shown) give her language.
A test checks each sign has a translation in every language, so none goes missing there.
"""

from __future__ import annotations

from nightstretch.core.i18n import N_, _

HEADLINE = N_("When to get help now")

CLOT_SIGNS: tuple[str, ...] = (
    N_("One leg is swollen, red, warm or tender, especially the calf."),
    N_("Leg pain is severe or constant and does not ease with stretching or massage."),
    N_("You have trouble walking."),
)
CLOT_ACTION = N_(
    "These can be signs of a blood clot (DVT). Contact your midwife or doctor now. "
    "If you are short of breath or have chest pain, call emergency services."
)
URGENT_HEADLINE = N_("Contact your maternity unit or doctor now if you have:")
URGENT_SIGNS: tuple[str, ...] = (
    N_("Sudden swelling of your face, hands or feet."),
    N_("A severe headache."),
    N_("Problems with your vision, such as blurring or flashing lights."),
    N_("Your baby moving less than usual."),
)
URGENT_NOTE = N_(
    "Swelling, headache and vision problems can be signs of pre-eclampsia. "
    "Do not wait for your next appointment."
)
OTHER_HEADLINE = N_("Also contact your midwife or doctor straight away if you have:")
OTHER_SIGNS: tuple[str, ...] = (
    N_("Bleeding or fluid leaking from the vagina."),
    N_("A fever, or burning when you pee."),
    N_("Numbness, tingling or weakness in the legs, buttocks or genitals."),
    N_("Sudden, intense or coming-and-going pain in the belly."),
    N_("Cramps that come very often or are very strong."),
)
DISCLAIMER = N_(
    "Nightstretch is not medical advice. Cramps in pregnancy are common and usually "
    "harmless, but always tell your midwife or doctor about symptoms that worry you."
)


ALL_SIGNS: tuple[str, ...] = (*CLOT_SIGNS, *URGENT_SIGNS, *OTHER_SIGNS)
"""Every sign, in English: what a translation must carry one for one."""


def shown(signs: tuple[str, ...]) -> tuple[str, ...]:
    """A tuple of signs in her language, in the same order."""
    return tuple(_(sign) for sign in signs)


def _listed(signs: tuple[str, ...]) -> list[str]:
    return [f"- {sign}" for sign in shown(signs)]


def urgent_lines() -> list[str]:
    """The pre-eclampsia and baby-movement signs, as plain lines."""
    return [_(URGENT_HEADLINE), *_listed(URGENT_SIGNS), _(URGENT_NOTE)]


def clot_text() -> str:
    """What to say at once when a logged cramp ticks a warning sign."""
    lines = [_(HEADLINE), *_listed(CLOT_SIGNS), _(CLOT_ACTION), ""]
    return "\n".join(lines + urgent_lines())


def as_text() -> str:
    """Plain text for the command line and for screen readers."""
    lines = [_(HEADLINE), ""]
    lines += _listed(CLOT_SIGNS)
    lines += [_(CLOT_ACTION), ""]
    lines += [*urgent_lines(), ""]
    lines += [_(OTHER_HEADLINE)]
    lines += _listed(OTHER_SIGNS)
    lines += ["", _(DISCLAIMER)]
    return "\n".join(lines)
