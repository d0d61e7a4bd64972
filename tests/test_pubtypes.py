"""The publication-type registry (sphinx_cv/data/pubtypes.py): one row per type, and
every format reads back the type it writes."""

from __future__ import annotations

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
    pub = Publication(id="x", type=name, title="A Title", authors=["Ada Lovelace"],
                      venue="A Venue", year=2024)
    bib = tmp_path / "x.bib"
    bib.write_text(to_bibtex(pub), encoding="utf-8")
    (back,), problems = load_bibtex(str(bib))
    assert problems == []
    assert back.type == name
    assert back.venue == "A Venue"


@pytest.mark.parametrize("name", NAMES)
def test_csl_export_reads_back_as_a_type_of_the_same_kind(name: str, tmp_path: Path) -> None:
    pub = Publication(id="x", type=name, title="A Title", authors=["Ada Lovelace"],
                      venue="A Venue", year=2024)
    path = tmp_path / "x.json"
    path.write_text(json.dumps(to_csl([pub]).data), encoding="utf-8")
    imported = load_csl(str(path))
    (back,) = imported.data["publications"]
    # CSL has one type for conference and workshop papers, and one for talks and posters.
    same_csl = {t.name for t in pubtypes.PUB_TYPES if t.csl == pubtypes.pub_type(name).csl}
    assert back["type"] in same_csl
    assert back.get("venue") == "A Venue" or name == "misc"
