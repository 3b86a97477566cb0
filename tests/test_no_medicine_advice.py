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

# The same in the catalogues' and routines' other languages (README, "Languages"). German
# glues words together ("Magnesiumtabletten"), so its stems match inside a word.
FOREIGN_TERMS = re.compile(
    r"\b("
    r"магни\w*|кальци\w*|кали[йяюе]\w*|цинк\w*|фолиев\w*|хинин\w*|бад|"
    r"добавк\w*|таблет\w*|пилюл\w*|капсул\w*|"
    r"ибупрофен\w*|парацетамол\w*|аспирин\w*|диклофенак\w*|обезболива\w*|"
    r"витамин\w*|электролит\w*|"
    r"доз[аыуеоі]\w*|дозировк\w*|мг|миллиграмм\w*|лекарств\w*|медикамент\w*|препарат\w*|"
    r"гомеопат\w*"
    r")\b"
    r"|\w*("
    r"magnesium|kalzium|calcium|kalium|zink|eisentablette|folsäure|chinin|"
    r"nahrungsergänzung|ergänzungsmittel|präparat|tablette|pille|kapsel|"
    r"ibuprofen|paracetamol|aspirin|diclofenac|schmerzmittel|"
    r"vitamin|elektrolyt|dosis|dosierung|milligramm|medikament|arznei|heilmittel|homöopath"
    r")\w*"
    r"|\d+\s*(mg|мг)\b",
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
LOCALE = REPO / "app" / "nightstretch" / "locale"

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
    return [
        s
        for s in sentences(text)
        if (TERMS.search(s) or FOREIGN_TERMS.search(s)) and s not in ALLOWED
    ]


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
        "Примите магний перед сном.",
        "Помогают препараты кальция.",
        "По 300 мг вечером.",
        "Nehmen Sie abends Magnesium.",
        "Magnesiumtabletten helfen manchen.",
        "Eine Dosis am Abend.",
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
        "Выпейте стакан воды (250 мл).",
        "Spreizen Sie die Zehen und atmen Sie ruhig.",
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


def _catalogue_strings() -> list[tuple[str, str]]:
    """Every translation she may read: each msgstr (all plural forms) of every catalogue."""
    from babel.messages.pofile import read_po

    found: list[tuple[str, str]] = []
    for path in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        with path.open("rb") as file:
            catalogue = read_po(file)
        for message in catalogue:
            forms = (
                message.string if isinstance(message.string, tuple | list) else (message.string,)
            )
            found += [(str(path.relative_to(REPO)), str(form)) for form in forms if form]
    return found


def test_catalogues_give_no_medicine_advice() -> None:
    strings = _catalogue_strings()
    assert {name.split("/")[3] for name, _ in strings} >= {"ru", "de"}
    hits = [f"{name}: {hit}" for name, text in strings for hit in find_advice(text)]
    assert hits == []


def test_a_catalogue_entry_advising_magnesium_fails(tmp_path: Path) -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    catalogue = Catalog(locale="ru")
    catalogue.add("Good morning", "Доброе утро. Примите магний, 300 мг.")
    path = tmp_path / "bad.po"
    with path.open("wb") as file:
        write_po(file, catalogue)
    with path.open("rb") as file:
        strings = [m.string for m in read_po(file) if m.id]
    assert [hit for text in strings for hit in find_advice(str(text))] == [
        "Примите магний, 300 мг."
    ]


@pytest.mark.parametrize(
    ("table", "advice"),
    [
        ("ru", "Примите магний перед сном."),
        ("de", "Nehmen Sie abends Magnesium."),
        ("de", "Zwei Kapseln am Abend."),
        ("ru", "По 300 мг вечером."),
    ],
)
def test_a_routine_translation_advising_a_supplement_fails(table: str, advice: str) -> None:
    """The routines' ``[translations.*]`` tables are scanned with the file, in every language."""
    routine = (
        'id = "bad"\ntitle = "Bad"\n[[steps]]\nid = "one"\ninstructions = "Stretch."\n'
        f'[translations.{table}.steps.one]\ninstructions = "Тянитесь. {advice}"\n'
    )
    assert find_advice(routine) == [f'{advice}"']
    shipped = dict(_shipped_texts())
    assert "[translations.ru]" in shipped["routines/cramp-rescue.toml"]
