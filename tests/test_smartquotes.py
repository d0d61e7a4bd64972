"""Smart quotes skip the blocks sphinx-cv builds when they would change nothing: the
pages come out exactly as with Sphinx's own transform over everything, in any language."""

from __future__ import annotations

from pathlib import Path

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from sphinx_cv import extension
from sphinx_cv.smartquotes import mark_plain

PROFILE = """\
person:
  name: Ada Lovelace
publications:
  - id: plain
    type: journal
    title: A Plain Title with Hyphen-ated Words
    authors: [Ada Lovelace, Charles Babbage]
    venue: Journal of Engines
    year: 2024
    abstract: Nothing to educate here. Just words, commas; and single-hyphens.
  - id: quoted
    type: journal
    title: "\\"Quoted\\" words, Ada's engine -- and more..."
    authors: [Ada Lovelace]
    venue: "Notes 'on' Engines"
    pages: 10--20
    year: 2023
    abstract: She said "compute" -- it's the 'engine'... `code` & more.
"""

PAGE = """\
Publications
============

A "quoted" page line -- as Sphinx sets it.

.. publication-list::
"""


def build(
    tmp_path: Path, name: str, language: str, ours: bool, monkeypatch: pytest.MonkeyPatch
) -> str:
    src = tmp_path / name
    src.mkdir()
    (src / "conf.py").write_text(
        f'extensions = ["sphinx_cv"]\nlanguage = "{language}"\nhtml_theme = "alabaster"\n', "utf-8"
    )
    (src / "profile.yaml").write_text(PROFILE, "utf-8")
    (src / "index.rst").write_text(PAGE, "utf-8")
    with monkeypatch.context() as patch:
        if not ours:  # Sphinx's transform over every block, as before
            patch.setattr(extension, "setup_smartquotes", lambda app: None)
        app = SphinxTestApp("html", srcdir=src, freshenv=True)
        try:
            app.build()
        finally:
            app.cleanup()
    return (src / "_build" / "html" / "index.html").read_text("utf-8")


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_pages_are_the_same_as_with_sphinx_smart_quotes_everywhere(
    tmp_path: Path, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours = build(tmp_path, "ours", language, True, monkeypatch)
    theirs = build(tmp_path, "theirs", language, False, monkeypatch)
    assert ours == theirs
    assert "Hyphen-ated Words" in ours
    # The entry with quotes, dashes and an ellipsis was still educated.
    assert "Quoted" in ours and "&quot;Quoted" not in ours
    assert "10–20" in ours and "more…" in ours and "-- and" not in ours


def test_only_blocks_without_quotes_dashes_or_ellipses_are_marked() -> None:
    for text, plain in [
        ("A plain title, with hyphen-ated words.", True),
        ("Ada's engine", False),
        ('"quoted"', False),
        ("10--20", False),
        ("and more...", False),
        ("`code`", False),
        ("a \\ b", False),
        ("&#39;", False),
        (". . .", False),
    ]:
        block = nodes.paragraph("", "", nodes.Text(text))
        mark_plain(block)
        assert getattr(block, "cv_plain", False) is plain, text


@pytest.mark.parametrize("text", ["plain words", "Ada's engine"])
def test_marking_a_block_can_adopt_what_is_inside_it(text: str) -> None:
    """One walk tells every element of a block its document and marks the block: the
    same marks as without a document, a block of its own inside (under a non-text
    element) marked apart."""
    from docutils.utils import new_document

    document = new_document("<test>")
    inner = nodes.paragraph("", "", nodes.Text("inner plain"))
    block = nodes.paragraph(
        "",
        "",
        nodes.Text(text),
        nodes.strong("", "", nodes.emphasis("", "x")),
        nodes.container("", inner),
    )
    alone = block.deepcopy()
    mark_plain(alone)
    mark_plain(block, document)
    assert getattr(block, "cv_plain", False) is getattr(alone, "cv_plain", False)
    assert getattr(block, "cv_plain", False) is (text == "plain words")
    assert getattr(inner, "cv_plain", False) is True
    for node in block.findall(nodes.Element, include_self=False):
        assert node._document is document
