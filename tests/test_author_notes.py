"""Author notes (equal contribution ``*``, corresponding ``†``, students underlined, free
marks) from the profile and from BibTeX, shown in HTML and LaTeX with a legend."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
from docutils import nodes
from realworld import build
from sphinx.cmd.build import build_main

from sphinx_cv.data.authors import AuthorName, author
from sphinx_cv.data.bibtex import load_bibtex
from sphinx_cv.data.loader import load_profile
from sphinx_cv.render.citation import citation_nodes, notes_legend, own_names

BIB = r"""@inproceedings{a,
  title = {Paper A},
  author = {Einstein*, Albert and Podolsky*, Boris and \underline{Rosen, Nathan} and
            Bohr, Niels$^\dagger$},
  booktitle = {Physics},
  year = {1935},
}
"""

PROFILE = """person: {name: Albert Einstein}
publications:
- id: p
  title: Paper P
  year: 2024
  authors:
  - {name: Albert Einstein, note: equal}
  - {name: Ann Lee, note: 'equal, corresponding'}
  - {name: Bo Chen, note: student}
  - Cy Dunn‡
"""


@pytest.mark.parametrize(
    ("raw", "name", "notes"),
    [
        ("Jane Doe*", "Jane Doe", ("equal",)),
        ("Doe*, Jane", "Jane Doe", ("equal",)),
        ("Jane Doe†", "Jane Doe", ("corresponding",)),
        ("Jane Doe*†", "Jane Doe", ("equal", "corresponding")),
        ("Jane Doe^{†}", "Jane Doe", ("corresponding",)),
        ("Jane Doe‡", "Jane Doe", ("‡",)),
        ("Jane Doe", "Jane Doe", ()),
    ],
)
def test_marks_in_a_name_are_notes(raw: str, name: str, notes: tuple[str, ...]) -> None:
    made = author(raw)
    assert str(made) == name
    assert getattr(made, "notes", ()) == notes


def test_notes_survive_pickling() -> None:
    made = AuthorName("Jane Doe", "https://jane.example.org", ("equal",))
    again = pickle.loads(pickle.dumps(made))
    assert (again, again.url, again.notes) == ("Jane Doe", "https://jane.example.org", ("equal",))


def test_bibtex_markers_become_notes(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    pubs, problems = load_bibtex(str(path))
    assert problems == []
    authors = pubs[0].authors
    assert authors == ["Albert Einstein", "Boris Podolsky", "Nathan Rosen", "Niels Bohr"]
    assert [getattr(a, "notes", ()) for a in authors] == [
        ("equal",),
        ("equal",),
        ("student",),
        ("corresponding",),
    ]


def test_profile_notes_render_with_a_legend_and_the_owner_bold(tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    result = load_profile(str(path))
    assert result.problems == []
    pub = result.profile.publications[0]
    para = nodes.paragraph("", "", *citation_nodes(pub, own_names(["Albert Einstein"])))
    marks = [s.astext() for s in para.findall(nodes.superscript)]
    assert marks == ["*", "*†", "‡"]
    assert [s.astext() for s in para.findall(nodes.strong)] == ["Albert\u00a0Einstein"]
    students = [n.astext() for n in para.findall(nodes.inline) if "cv-student" in n["classes"]]
    assert students == ["Bo\u00a0Chen"]
    legend = notes_legend([pub])
    assert legend is not None
    assert legend.astext() == "* equal contribution, † corresponding author, student"
    assert notes_legend([]) is None


def test_notes_in_html_and_latex(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "refs.bib").write_text(BIB, encoding="utf-8")
    (site / "profile.yaml").write_text(
        "person: {name: Albert Einstein}\nbibtex: refs.bib\n", encoding="utf-8"
    )
    body, _ = build(site, "CV\n==\n\n.. publication-list::\n", tmp_path)
    assert re.search(
        r'<strong class="cv-me">Albert\xa0Einstein</strong>'
        r'<sup class="cv-author-note">\*</sup>',
        body.replace("&nbsp;", "\xa0"),
    )
    assert 'class="cv-underline cv-student"' in body
    legend = re.search(r'<p class="cv-author-notes">(.*?)</p>', body, re.S)
    assert legend is not None
    assert re.sub(r"<[^>]+>", "", legend.group(1)) == (
        "* equal contribution, † corresponding author, student"
    )
    code = build_main(["-q", "-E", "-b", "latex", str(site), str(tmp_path / "latex")])
    assert code == 0
    tex = next((tmp_path / "latex").glob("*.tex")).read_text("utf-8")
    superscript = r"(?:\\textsuperscript\{|\$\^\{\\text\{)"  # as Sphinx writes it
    assert re.search(r"Einstein\}?" + superscript + r"\*", tex)
    assert re.search(r"Bohr\}?" + superscript + "†", tex)
    assert r"\DUrole{cv-underline}" in tex
    assert "equal contribution" in tex and "corresponding author" in tex


def test_import_keeps_notes_and_links(tmp_path: Path) -> None:
    from sphinx_cv.data.yamldump import author_yaml

    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    pubs, _ = load_bibtex(str(path))
    assert [author_yaml(a) for a in pubs[0].authors] == [
        {"name": "Albert Einstein", "note": "equal"},
        {"name": "Boris Podolsky", "note": "equal"},
        {"name": "Nathan Rosen", "note": "student"},
        {"name": "Niels Bohr", "note": "corresponding"},
    ]
    assert author_yaml(AuthorName("Ann Lee", "https://ann.example.org")) == {
        "name": "Ann Lee",
        "url": "https://ann.example.org",
    }
    assert author_yaml("Ann Lee") == "Ann Lee"


@pytest.mark.parametrize("style", ["apa", "ieee"])
def test_notes_with_a_csl_style_in_html_and_latex(tmp_path: Path, style: str) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "refs.bib").write_text(BIB, encoding="utf-8")
    (site / "profile.yaml").write_text(
        "person: {name: Albert Einstein}\nbibtex: refs.bib\npeople:\n"
        "- {name: Niels Bohr, url: 'https://bohr.example.org'}\n",
        encoding="utf-8",
    )
    body, _ = build(site, f"CV\n==\n\n.. publication-list::\n   :style: {style}\n", tmp_path)
    body = body.replace("&nbsp;", "\xa0")
    assert 'class="cv-pub-csl"' in body
    # The style writes the names its way (Einstein, A. / A. Einstein); the notes follow.
    assert re.search(
        r'<strong class="cv-me">[^<]*Einstein[^<]*</strong>'
        r'<sup class="cv-author-note">\*</sup>',
        body,
    )
    assert re.search(r'Podolsky[^<]*<sup class="cv-author-note">\*</sup>', body)
    assert re.search(r'<span class="cv-underline cv-student">[^<]*Rosen[^<]*</span>', body)
    assert re.search(
        r'href="https://bohr.example.org">[^<]*Bohr[^<]*</a>'
        r'<sup class="cv-author-note">†</sup>',
        body,
    )
    legend = re.search(r'<p class="cv-author-notes">(.*?)</p>', body, re.S)
    assert legend is not None
    assert re.sub(r"<[^>]+>", "", legend.group(1)) == (
        "* equal contribution, † corresponding author, student"
    )
    code = build_main(["-q", "-E", "-b", "latex", str(site), str(tmp_path / "latex")])
    assert code == 0
    tex = next((tmp_path / "latex").glob("*.tex")).read_text("utf-8")
    superscript = r"(?:\\textsuperscript\{|\$\^\{\\text\{)"
    assert re.search(r"Einstein[^}]*\}?" + superscript + r"\*", tex)
    assert re.search(r"Bohr[^}]*\}?\}?" + superscript + "†", tex)
    assert r"\DUrole{cv-underline}" in tex and "equal contribution" in tex


def test_text_runs_are_one_node_whatever_they_are_made_of() -> None:
    """merge_text() joins adjacent text, given as Text nodes or plain strings, into one
    Text node; a lone Text node is kept as it is, an empty run still stands."""
    from sphinx_cv.render.text import merge_text

    lone = nodes.Text("lone")
    strong = nodes.strong("", "x")
    merged = merge_text([lone, strong, "a", nodes.Text("b"), "", strong, "", strong, "c"])
    assert [type(n) for n in merged] == [
        nodes.Text,
        nodes.strong,
        nodes.Text,
        nodes.strong,
        nodes.Text,
        nodes.strong,
        nodes.Text,
    ]
    assert merged[0] is lone
    assert [str(n) for n in merged if isinstance(n, nodes.Text)] == ["lone", "ab", "", "c"]
