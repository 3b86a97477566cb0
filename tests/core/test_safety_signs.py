"""Pre-eclampsia signs and reduced movements sit with the clot signs wherever they show."""

from __future__ import annotations

from nightstretch.core import safety, warning_text

SIGNS = ("Sudden swelling of your face, hands or feet.", "A severe headache.")


def test_every_place_the_signs_show_has_them() -> None:
    for text in (
        safety.as_text(),
        safety.clot_text(),
        warning_text.warning_signs_html(),
        warning_text.clot_guidance_html(),
    ):
        assert "Contact your maternity unit or doctor now" in text
        assert "vision" in text and "baby moving less than usual" in text
        for sign in SIGNS:
            assert sign in text
    assert "pre-eclampsia" in safety.URGENT_NOTE
