"""BibTeX written by sphinx-cv reads back as the same text (the reader is
:mod:`sphinx_cv.data.bibtex`), for any text a profile or a .bib can hold."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sphinx_cv.data.bibexport import escape, name_to_bibtex, text_to_latex, to_bibtex
from sphinx_cv.data.bibtex import latex_to_text, load_bibtex
from sphinx_cv.data.inline import to_plain
from sphinx_cv.data.publication import Publication

ANY_TEXT = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"))
TRICKY = st.sampled_from(list("ab *_`[]()\\{}$%&#~^-'\"AZé.x:/\u00a0–—"))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ANY_TEXT, max_size=40))
@example("100% of {cases} & 50$ #1 a_b ~ ^ \\ -- --- `` '' x\u00a0y – —")
def test_plain_text_reads_back(text: str) -> None:
    plain = " ".join(text.split())
    assert latex_to_text(escape(plain), markdown=False) == plain


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=TRICKY, max_size=30))
@example("*Drosophila* and **bold** with `code`")
@example("$\\mathcal{O}(n)$ and $5 and $10")
def test_markdown_text_reads_back(text: str) -> None:
    """A title written in the profile: its text survives, emphasis included."""
    md = " ".join(text.split())
    back = latex_to_text(text_to_latex(md, protect=True), markdown=True)
    assert " ".join(to_plain(back).split()) == " ".join(to_plain(md).split())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=TRICKY, max_size=30))
@example("$:^^::$")  # kept as written by the plain reader: once exported as math
def test_text_read_from_bibtex_is_a_fixed_point(text: str) -> None:
    """What the reader makes of a value comes back exactly (Markdown escapes too)."""
    md = latex_to_text(escape(" ".join(text.split())))
    assert latex_to_text(text_to_latex(md, protect=True)) == md


@pytest.mark.parametrize(
    ("name", "bibtex"),
    [
        ("Ada Lovelace", "Ada Lovelace"),
        ("et al.", "others"),
        ("John Smith, Jr.", "Smith, Jr., John"),
        ("Juan de la Cruz, Jr.", "de la Cruz, Jr., Juan"),
        ("Barnes and Noble", "{Barnes and Noble}"),
        ("AT&T Labs", "AT\\&T Labs"),
    ],
)
def test_names(name: str, bibtex: str) -> None:
    assert name_to_bibtex(name) == bibtex


def test_entry_reads_back_as_the_same_publication(tmp_path: object) -> None:
    from pathlib import Path

    pub = Publication(
        id="a",
        type="workshop",
        title="Learning {BERT}-style *models* for GPU_kernels",
        authors=["Ada Lovelace", "John Smith, Jr.", "et al."],
        venue="Proc. of the Conf.",
        year=2024,
        month=5,
        pages="1–12",
        doi="10.1/x_y",
        url="https://e.org/?a=1&b=50%",
        code="https://github.com/x/y",
        tags=["graphs, trees", "GNN"],
        selected=True,
        status="To appear",
        award="Best Paper",
    )
    text = to_bibtex(pub)
    assert "month = may," in text and "pubtype = {workshop}" in text
    assert "url = {https://e.org/?a=1\\&b=50\\%}" in text
    bib = Path(str(tmp_path)) / "a.bib"
    bib.write_text(text, encoding="utf-8")
    (back,), problems = load_bibtex(str(bib))
    assert problems == []
    for field in (
        "id",
        "type",
        "authors",
        "venue",
        "year",
        "month",
        "pages",
        "doi",
        "url",
        "code",
        "tags",
        "selected",
        "status",
        "award",
    ):
        assert getattr(back, field) == getattr(pub, field), field
    assert back.title == "Learning {BERT}-style *models* for GPU\\_kernels"  # same text
