"""The publication-type registry (sphinx_cv/data/pubtypes.py): one row per type, every
format reads back the type it writes, and no other module spells a type's name."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from sphinx_cv.config import DEFAULT_GROUP_TITLES, DEFAULT_PREFIXES
from sphinx_cv.data import pubtypes
from sphinx_cv.data.bibexport import to_bibtex
from sphinx_cv.data.bibtex import load_bibtex
from sphinx_cv.data.csl import to_csl
from sphinx_cv.data.publication import PUB_TYPE, Publication
from sphinx_cv.formats.csl import load as load_csl

NAMES = [t.name for t in pubtypes.PUB_TYPES]


def test_one_row_per_type_and_the_tables_derived_from_it() -> None:
    assert len(set(NAMES)) == len(NAMES)
    assert sorted(pubtypes.DEFAULT_ORDER) == sorted(NAMES)
    assert PUB_TYPE.choices == NAMES
    assert set(DEFAULT_GROUP_TITLES) == set(NAMES) == set(DEFAULT_PREFIXES)
    prefixes = [t.prefix for t in pubtypes.PUB_TYPES]
    assert len(set(prefixes)) == len(prefixes), "label prefixes must tell types apart"


@pytest.mark.parametrize("alias", sorted(pubtypes.aliases()))
def test_every_alias_names_its_type(alias: str) -> None:
    assert PUB_TYPE.find(alias) == pubtypes.aliases()[alias]
    assert PUB_TYPE.find(alias.upper().replace("-", "_")) == pubtypes.aliases()[alias]


@pytest.mark.parametrize("name", NAMES)
def test_bibtex_export_reads_back_as_the_same_type(name: str, tmp_path: Path) -> None:
    pub = Publication(
        id="x", type=name, title="A Title", authors=["Ada Lovelace"], venue="A Venue", year=2024
    )
    bib = tmp_path / "x.bib"
    bib.write_text(to_bibtex(pub), encoding="utf-8")
    (back,), problems = load_bibtex(str(bib))
    assert problems == []
    assert back.type == name
    assert back.venue == "A Venue"


@pytest.mark.parametrize("name", NAMES)
def test_csl_export_reads_back_as_a_type_of_the_same_kind(name: str, tmp_path: Path) -> None:
    pub = Publication(
        id="x", type=name, title="A Title", authors=["Ada Lovelace"], venue="A Venue", year=2024
    )
    path = tmp_path / "x.json"
    path.write_text(json.dumps(to_csl([pub]).data), encoding="utf-8")
    imported = load_csl(str(path))
    (back,) = imported.data["publications"]
    # CSL has one type for conference and workshop papers, and one for talks and posters.
    same_csl = {t.name for t in pubtypes.PUB_TYPES if t.csl == pubtypes.pub_type(name).csl}
    assert back["type"] in same_csl
    assert back.get("venue") == "A Venue" or name == "misc"


@pytest.mark.parametrize(
    "column",
    [
        "aliases",
        "bibtex_reads",
        "csl_reads",
        "ris",
        "orcid",
        "hugoblox_code",
        "academicpages",
        "bibtex_arxiv",
        "csl_genre",
    ],
)
def test_another_formats_name_reads_as_one_type(column: str) -> None:
    # The maps are built first-row-wins: a name in two rows would silently lose one.
    values = [getattr(t, column) for t in pubtypes.PUB_TYPES]
    names = [n for v in values for n in ((v,) if isinstance(v, str) else v or ())]
    assert len(names) == len(set(names)), column
    assert set(pubtypes.reads(column)) == set(names)


def test_the_named_types_are_types() -> None:
    assert pubtypes.MISC in NAMES and pubtypes.PREPRINT in NAMES
    assert [t.name for t in pubtypes.PUB_TYPES if t.arxiv] == [pubtypes.PREPRINT]
    for t in pubtypes.PUB_TYPES:
        assert set(t.bibtex_word_in) <= set(NAMES), t.name


# --- the type names are spelled in pubtypes.py only ------------------------------------

PACKAGE = Path(__file__).resolve().parent.parent / "sphinx_cv"

ALLOWED: dict[tuple[str, str, str], str] = {
    # (module, where: the function or the module-level name, word) -> why it is no type
    ("data/bibtex/types.py", "VENUE_FIELDS", "journal"): "the BibTeX field",
    ("data/bibtex/types.py", "FIELD_ALIASES", "journal"): "the BibTeX field",
    ("data/bibtex/types.py", "INHERITED", "journal"): "the BibTeX field",
    ("data/bibtex/entries.py", "EntryMapper.build", "journal"): "the BibTeX field",
    ("data/bibtex/entries.py", "EntryMapper.arxiv_id", "journal"): "the BibTeX field",
    ("data/linkkinds.py", "LINK_KINDS", "poster"): "the link kind",
    ("theme/icons.py", "LINK_ICONS", "poster"): "the poster link's icon",
    ("formats/rendercv.py", "_Reader.publication", "journal"): "RenderCV's field",
    ("formats/hugoblox.py", "_Site._link", "preprint"): "HugoBlox's link type",
    ("formats/academicpages.py", "_Site.talk", "talk"): "a talk page, named in a message",
}
"""Constants equal to a type name that are another word: each with the reason. Field
spellings given as ``aliases=`` (``conference`` for an event) are recognised as such."""


def type_names_in(source: str, module: str) -> dict[tuple[str, str, str], int]:
    """(module, where, word) -> line of each string constant in ``source`` equal to a type
    name, except docstrings and ``aliases=`` arguments; ``where`` is the enclosing
    function or class (dotted) or the module-level name assigned."""
    names = set(NAMES)
    found: dict[tuple[str, str, str], int] = {}

    def walk(node: ast.AST, where: str) -> None:
        body = getattr(node, "body", None)
        docstring = (
            body[0].value
            if isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            else None
        )
        for child in ast.iter_child_nodes(node):
            inner = where
            if isinstance(child, ast.keyword) and child.arg == "aliases":
                continue  # a field's other spellings in the profile, not types
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                inner = f"{where}.{child.name}" if where else child.name
            elif isinstance(child, (ast.Assign, ast.AnnAssign)) and not where:
                targets = child.targets if isinstance(child, ast.Assign) else [child.target]
                inner = next((t.id for t in targets if isinstance(t, ast.Name)), where)
            elif isinstance(child, ast.Expr) and child.value is docstring:
                continue  # text for readers
            elif isinstance(child, ast.Constant) and child.value in names:
                found.setdefault((module, where, child.value), child.lineno)
            walk(child, inner)

    walk(ast.parse(source), "")
    return found


def test_type_names_are_spelled_in_pubtypes_only() -> None:
    found: dict[tuple[str, str, str], int] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name != "pubtypes.py":
            found.update(
                type_names_in(
                    path.read_text(encoding="utf-8"), path.relative_to(PACKAGE).as_posix()
                )
            )
    spelled = [
        f"sphinx_cv/{m}:{line} ({where}): {word!r}"
        for (m, where, word), line in found.items()
        if (m, where, word) not in ALLOWED
    ]
    assert not spelled, (
        "publication-type names outside sphinx_cv/data/pubtypes.py: use "
        "an attribute of its rows (or MISC/PREPRINT):\n" + "\n".join(spelled)
    )
    assert not set(ALLOWED) - set(found), "allowed words no longer there: drop them"


def test_the_scan_finds_type_names_in_code_not_in_docstrings_or_aliases() -> None:
    code = (
        '"""Module about a journal."""\n'
        "class Pub:\n"
        '    """A \'misc\' one."""\n'
        "    def f(self, pub):\n"
        '        """A journal or a \'misc\'."""\n'
        '        return pub.type in ("journal", f"{pub}")\n'
        'X = spec(TEXT, aliases=("conference",), default="talk")\n'
    )
    assert type_names_in(code, "m.py") == {
        ("m.py", "Pub.f", "journal"): 6,
        ("m.py", "X", "talk"): 7,
    }
