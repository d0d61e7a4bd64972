"""A publication's place (BibTeX ``address``/``location``, the profile's ``location``) is
shown where a citation style shows it: a book's or chapter's as the publisher's place
(``Place: Publisher``), a proceedings' as where the conference was; a journal's address
is left out, as styles do. In HTML and LaTeX, and kept through import and export."""

from __future__ import annotations

import html
import re
from pathlib import Path

from docutils import nodes
from realworld import build
from sphinx.cmd.build import build_main

from sphinx_cv.data.bibexport import to_bibtex
from sphinx_cv.data.bibtex import load_bibtex
from sphinx_cv.data.conversion import Converted
from sphinx_cv.data.csl import csl_item
from sphinx_cv.data.loader import load_profile
from sphinx_cv.data.publication import Publication
from sphinx_cv.render.citation import citation_nodes, venue_text

BIB = r"""@book{book,
  title = {A Book}, author = {Ann Lee}, publisher = {Springer}, address = {Berlin},
  year = {2001},
}
@incollection{chapter,
  title = {A Chapter}, author = {Ann Lee}, booktitle = {Handbook},
  publisher = {MIT Press}, address = {Cambridge, MA,}, pages = {1--9}, year = {2002},
}
@inproceedings{talk,
  title = {A Paper}, author = {Ann Lee}, booktitle = {Proc. of Conf},
  location = {Vienna, Austria}, publisher = {ACM}, year = {2003},
}
@article{journal,
  title = {An Article}, author = {Ann Lee}, journal = {Nature}, address = {London},
  year = {2004},
}
"""


def pubs(tmp_path: Path) -> dict[str, Publication]:
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    loaded, problems = load_bibtex(str(path))
    assert problems == []
    return {p.id: p for p in loaded}


def test_the_place_is_read_and_shown_as_a_style_shows_it(tmp_path: Path) -> None:
    by_id = pubs(tmp_path)
    assert by_id["book"].location == "Berlin"
    assert by_id["talk"].location == "Vienna, Austria"
    assert "x-bibtex" not in by_id["book"].extras
    assert venue_text(by_id["book"]) == "Berlin: Springer, 2001"
    # The data's trailing comma does not double up.
    assert venue_text(by_id["chapter"]) == "In Handbook, pp. 1–9, Cambridge, MA: MIT Press, 2002"
    assert venue_text(by_id["talk"]) == "In Proc. of Conf, Vienna, Austria, ACM, 2003"
    assert venue_text(by_id["journal"]) == "Nature, 2004"  # as styles: no journal's address
    para = nodes.paragraph("", "", *citation_nodes(by_id["book"], set()))
    assert "Berlin: Springer" in para.astext()


def test_the_place_is_kept_through_export_and_csl(tmp_path: Path) -> None:
    by_id = pubs(tmp_path)
    assert re.search(r"address\s*=\s*\{Berlin\}", to_bibtex(by_id["book"]))
    assert csl_item(by_id["book"], Converted([]))["publisher-place"] == "Berlin"
    assert csl_item(by_id["talk"], Converted([]))["event-place"] == "Vienna, Austria"


def test_the_profiles_location_field_in_html_and_latex(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "refs.bib").write_text(BIB, encoding="utf-8")
    (site / "profile.yaml").write_text(
        "person: {name: Ann Lee}\nbibtex: refs.bib\npublications:\n"
        "- {id: yaml, type: book, title: Yaml Book, authors: [Ann Lee], year: 2005,\n"
        "   publisher: Wiley, address: Hoboken}\n",
        encoding="utf-8",
    )
    assert load_profile(str(site / "profile.yaml")).problems == []
    body, _ = build(site, "CV\n==\n\n.. publication-list::\n", tmp_path)
    text = html.unescape(re.sub(r"<[^>]+>", "", body))
    for shown in (
        "Hoboken: Wiley, 2005",
        "Berlin: Springer, 2001",
        "In Proc. of Conf, Vienna, Austria, ACM, 2003",
        "Nature, 2004.",
    ):
        assert shown in text, text
    assert "London" not in text
    code = build_main(["-q", "-E", "-b", "latex", str(site), str(tmp_path / "latex")])
    assert code == 0
    tex = next((tmp_path / "latex").glob("*.tex")).read_text("utf-8")
    for shown in ("Hoboken: Wiley, 2005", "Berlin: Springer, 2001", "Vienna, Austria, ACM"):
        assert shown in tex, shown


def test_validate_says_once_that_a_journals_place_is_not_shown(tmp_path: Path) -> None:
    from clitools import cli

    path = tmp_path / "profile.yaml"
    path.write_text(
        "person: {name: Ann Lee}\npublications:\n"
        "- {id: a, type: journal, title: A, authors: [Ann Lee], venue: Nature, address: London}\n"
        "- {id: b, type: journal, title: B, authors: [Ann Lee], venue: Nature, address: London}\n"
        "- {id: c, type: book, title: C, authors: [Ann Lee], address: Berlin}\n",
        encoding="utf-8",
    )
    result = cli("validate", path)
    assert result.code == 0
    notes = [line for line in result.err.splitlines() if "not shown" in line]
    assert len(notes) == 1 and notes[0].endswith(": Publication.location of a journal"), notes
