"""No medicine or supplement advice anywhere she can read it (README, "Content rules").

Scans the shipped routines, every string literal in the app (via ``ast``, so comments and
names do not count; docstrings are for developers and are left out), the README and the
text files in assets. A sentence naming a medicine or supplement fails the test unless it
is, word for word, one of the few refusals in ``ALLOWED``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

TERMS = re.compile(
    r"\b("
    r"magnesium|calcium|potassium|sodium|zinc|iron tablets?|folic acid|quinine|"
    r"supplements?|supplementing|tablets?|pills?|capsules?|"
    r"ibuprofen|paracetamol|acetaminophen|aspirin|diclofenac|painkillers?|pain killers?|"
    r"vitamins?|b6|multivitamins?|electrolytes?|"
    r"doses?|dosage|mg|milligrams?|medicines?|medications?|drugs?|remed(y|ies)|homeopath\w*"
    r")\b",
    re.IGNORECASE,
)

# Refusals that name the thing they refuse. Keep this list tiny; exact sentences only.
ALLOWED: frozenset[str] = frozenset(
    {
        # README, "Content rules": the rule itself.
        'No supplement or medicine advice ("ask your midwife or doctor"), no promised cures; '
        "flex the foot toward the shin, never point the toes; nothing lying flat on the back "
        "from week 20; stop and rest on pain, dizziness or a tightening belly.",
        "Ask your midwife or doctor before taking any medicine or supplement.",
        # assets/desktop/*.metainfo.xml, the software-centre description.
        "Nightstretch gives no medical advice and never suggests medicines or supplements.",
    }
)

SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n|^\s*[-*]\s+", re.MULTILINE)
TEXT_SUFFIXES = {".svg", ".desktop", ".txt", ".md", ".toml", ".json", ".xml", ".html"}
MARKUP_SUFFIXES = {".svg", ".xml", ".html"}
TAG = re.compile(r"<[^>]+>")


def sentences(text: str) -> list[str]:
    """Sentences with whitespace (line breaks in Markdown and TOML) folded to one space."""
    parts = SENTENCE_END.split(text)
    return [" ".join(part.split()) for part in parts if part and part.strip()]


def find_advice(text: str) -> list[str]:
    """Every sentence in ``text`` that names a medicine or supplement and is not allowed."""
    return [s for s in sentences(text) if TERMS.search(s) and s not in ALLOWED]


def _docstring_nodes(tree: ast.AST) -> set[int]:
    """ids of string constants that are docstrings or bare string statements."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skip.add(id(node.value))
    return skip


def python_strings(source: str) -> list[str]:
    """String constants a user could see: no comments, names or docstrings."""
    tree = ast.parse(source)
    skip = _docstring_nodes(tree)
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
    ]


def find_advice_in_python(source: str) -> list[str]:
    return [hit for text in python_strings(source) for hit in find_advice(text)]


def _shipped_texts() -> list[tuple[str, str]]:
    texts: list[tuple[str, str]] = []
    for path in sorted((REPO / "routines").glob("*.toml")):
        texts.append((str(path.relative_to(REPO)), path.read_text(encoding="utf-8")))
    texts.append(("README.md", (REPO / "README.md").read_text(encoding="utf-8")))
    for path in sorted((REPO / "assets").rglob("*")):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            text = path.read_text(encoding="utf-8")
            if path.suffix in MARKUP_SUFFIXES:
                text = TAG.sub("\n\n", text)  # a tag ends a sentence
            texts.append((str(path.relative_to(REPO)), text))
    return texts


# -- the scanner itself --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Take magnesium before bed.",
        "A calcium supplement may help.",
        "Try 300 mg of something.",
        "Painkillers can ease the ache.",
        "Ask your midwife before taking any supplement.",  # a refusal, but not allow-listed
        "Drink water.\nThen take a vitamin B6 tablet.",
    ],
)
def test_scanner_flags_advice(text: str) -> None:
    assert find_advice(text)


@pytest.mark.parametrize(
    "text",
    [
        "Rest your lower legs on one or two pillows.",
        "Nightstretch is not medical advice.",
        "Ask your midwife or doctor before taking any medicine or supplement.",
        "Drink a glass of water (250 ml).",
    ],
)
def test_scanner_lets_ordinary_and_allowed_text_pass(text: str) -> None:
    assert find_advice(text) == []


def test_a_routine_saying_take_magnesium_fails() -> None:
    routine = (
        'id = "bad"\ntitle = "Bad"\n[[steps]]\nid = "one"\n'
        'instructions = "Stretch your calf. Take magnesium before bed."\n'
    )
    assert find_advice(routine) == ['Take magnesium before bed."']


def test_python_strings_count_but_comments_names_and_docstrings_do_not() -> None:
    source = (
        '"""Module docstring about magnesium."""\n'
        "# a comment about quinine\n"
        "magnesium_level = 0\n"
        "def f():\n"
        '    """Docstring about supplements."""\n'
        '    return "Take a magnesium tablet tonight."\n'
    )
    assert find_advice_in_python(source) == ["Take a magnesium tablet tonight."]


# -- the shipped text ----------------------------------------------------------------


def test_routines_readme_and_assets_give_no_medicine_advice() -> None:
    texts = _shipped_texts()
    assert any(name.startswith("routines/") for name, _ in texts)
    hits = [f"{name}: {hit}" for name, text in texts for hit in find_advice(text)]
    assert hits == []


def test_app_strings_give_no_medicine_advice() -> None:
    files = sorted((REPO / "app").rglob("*.py"))
    assert len(files) > 20
    hits = [
        f"{path.relative_to(REPO)}: {hit}"
        for path in files
        for hit in find_advice_in_python(path.read_text(encoding="utf-8"))
    ]
    assert hits == []
