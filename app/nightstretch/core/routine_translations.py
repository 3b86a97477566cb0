"""A routine's words in other languages: ``[translations.<lang>]`` tables inside the file.

One file holds the routine and all its languages, so a step's timing can never differ
between them; only words are translated. The loader checks these tables as strictly as the
English (unknown languages, keys and steps are errors), shows the routine in the language
in use, and falls back to English field by field, so a half-translated file still plays.

    [translations.ru]
    title = "..."
    summary = "..."

    [translations.ru.steps.wall-calf-stretch]
    title = "..."
    instructions = "..."
    caution = "..."
    cues.halfway = "..."
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from nightstretch.core.i18n import LANGUAGES, SOURCE_LANGUAGE
from nightstretch.core.routine import Cues, Routine, Step

ROUTINE_TEXT = ("title", "summary")
STEP_TEXT = ("title", "instructions", "caution")
CUES = ("start", "switch", "halfway", "finish")
TextCheck = Callable[[str, str, Callable[[str], None]], object]
"""The loader's check of one text: (value, key, report a problem)."""
TRANSLATED_LANGUAGES = tuple(code for code in LANGUAGES if code != SOURCE_LANGUAGE)


def _table(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def translation_problems(data: Mapping[str, Any], check_text: TextCheck) -> list[str]:
    """Every problem in ``data["translations"]``; ``check_text(value, key, problem)`` is the
    loader's own check for text she reads or hears (length, hidden characters)."""
    problems: list[str] = []
    translations = data.get("translations")
    if translations is None:
        return problems
    if not isinstance(translations, dict):
        return ["translations must be a table of languages, like [translations.ru]"]
    english_steps = {
        s.get("id"): s for s in data.get("steps") or () if isinstance(s, dict) and s.get("id")
    }
    for language, table in translations.items():
        where = f"translations.{language}."
        if language not in TRANSLATED_LANGUAGES:
            known = ", ".join(TRANSLATED_LANGUAGES)
            problems.append(f'translations: unknown language "{language}" (known: {known})')
            continue
        if not isinstance(table, dict):
            problems.append(f"translations.{language} must be a table")
            continue

        def text(value: object, key: str, english: object, at: str = where) -> None:
            if english is None:
                problems.append(f"{at}{key} translates a field the English does not have")
            elif not isinstance(value, str):
                problems.append(f"{at}{key} must be text")
            else:
                check_text(value, key, lambda p: problems.append(f"{at}{p}"))

        for key, value in table.items():
            if key in ROUTINE_TEXT:
                text(value, key, data.get(key))
            elif key != "steps":
                problems.append(f'{where}unknown key "{key}"')
        for step_id, step in _table(table.get("steps")).items():
            at = f"{where}steps.{step_id}."
            english = english_steps.get(step_id)
            if english is None:
                problems.append(f'{where}steps: no step has the id "{step_id}"')
                continue
            for key, value in _table(step).items():
                if key in STEP_TEXT:
                    text(value, key, english.get(key), at)
                elif key == "cues":
                    for cue, said in _table(value).items():
                        if cue not in CUES:
                            problems.append(f'{at}cues: unknown key "{cue}"')
                        else:
                            text(said, cue, _table(english.get("cues")).get(cue), f"{at}cues.")
                else:
                    problems.append(f'{at}unknown key "{key}"')
    return problems


def missing_translations(data: Mapping[str, Any]) -> dict[str, list[str]]:
    """Per language, the English fields it does not translate ("steps.x.cues.halfway")."""
    translations = _table(data.get("translations"))
    missing: dict[str, list[str]] = {}
    for language in TRANSLATED_LANGUAGES:
        table = _table(translations.get(language))
        lacking = [key for key in ROUTINE_TEXT if data.get(key) and key not in table]
        steps = _table(table.get("steps"))
        for english in data.get("steps") or ():
            if not isinstance(english, dict):
                continue
            step = _table(steps.get(str(english.get("id"))))
            where = f"steps.{english.get('id')}."
            lacking += [where + k for k in STEP_TEXT if english.get(k) and k not in step]
            cues, said = _table(english.get("cues")), _table(step.get("cues"))
            lacking += [f"{where}cues.{c}" for c in CUES if cues.get(c) and c not in said]
        missing[language] = lacking
    return missing


def localize(routine: Routine, data: Mapping[str, Any], language: str) -> Routine:
    """The routine in ``language``, English wherever the file has no translation."""
    table = _table(_table(data.get("translations")).get(language))
    if not table:
        return routine
    steps = _table(table.get("steps"))
    return replace(
        routine,
        title=_said(table, "title") or routine.title,
        summary=_said(table, "summary") or routine.summary,
        steps=tuple(_localize_step(step, _table(steps.get(step.id))) for step in routine.steps),
    )


def _said(table: Mapping[str, Any], key: str) -> str | None:
    value = table.get(key)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _localize_step(step: Step, table: Mapping[str, Any]) -> Step:
    if not table:
        return step
    cues = _table(table.get("cues"))
    return replace(
        step,
        title=_said(table, "title") or step.title,
        instructions=_said(table, "instructions") or step.instructions,
        caution=(_said(table, "caution") or step.caution) if step.caution else None,
        cues=Cues(
            start=(_said(cues, "start") or step.cues.start) if step.cues.start else None,
            switch=(_said(cues, "switch") or step.cues.switch) if step.cues.switch else None,
            halfway=(_said(cues, "halfway") or step.cues.halfway) if step.cues.halfway else None,
            finish=(_said(cues, "finish") or step.cues.finish) if step.cues.finish else None,
        ),
    )
