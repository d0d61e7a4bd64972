"""Real researchers' public files (tests/data/realworld/, sources in its README): the
importers keep every fact in the profile's own fields, not parked under ``x-<format>``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from clitools import DATA, cli
from docutils import nodes

from sphinx_cv.data.bibexport import to_bibtex
from sphinx_cv.data.bibtex import load_bibtex
from sphinx_cv.data.inline import parse_inline
from sphinx_cv.data.jsonresume import X, from_jsonresume
from sphinx_cv.formats import bibtex as bibtex_format
from sphinx_cv.formats.common import load_json
from sphinx_cv.render.text import inline_nodes

REAL = DATA / "realworld"


def converted(name: str) -> tuple[dict[str, Any], Any]:
    out = from_jsonresume(load_json(str(REAL / name)))
    return out.data, out.kept


def test_older_json_resume_keys_go_to_the_profile_fields() -> None:
    data, kept = converted("adams-resume.json")
    assert data["person"]["website"] == "https://0xadada.pub/"
    jobs = data["positions"]
    assert [j["organization"] for j in jobs[:2]] == ["Cinch Financial", "Nara Logics, Inc"]
    assert jobs[0]["url"] == "https://cinchfinancial.com/"
    assert not any(k.startswith(("work[]", "education[]")) for k in kept), kept
    assert all(X not in job for job in jobs)


def test_both_spellings_keep_the_schema_one_and_the_other_under_x() -> None:
    out = from_jsonresume({"work": [{"name": "New", "company": "Old", "position": "P"}],
                           "education": [{"institution": "U", "gpa": "3.9",
                                          "location": "Paris", "highlights": ["h"]}],
                           "awards": [{"title": "A", "url": "https://example.org/a"}],
                           "basics": {"name": "N", "picture": "me.jpg"}})
    job = out.data["positions"][0]
    assert job["organization"] == "New" and job[X] == {"company": "Old"}
    assert out.data["education"][0] == {"institution": "U", "location": "Paris",
                                        "gpa": "3.9", "highlights": ["h"]}
    assert out.data["awards"][0]["url"] == "https://example.org/a"
    assert out.data["person"]["photo"] == "me.jpg"


def test_academicpages_cv_json_sections_are_mapped() -> None:
    data, kept = converted("gauvain-cv.json")
    assert data["teaching"][0]["course"].startswith("GIS practical sessions")
    assert data["teaching"][0]["institution"] == "Université de Rennes"
    assert len(data["talks"]) == 3 and all(t.get("title") for t in data["talks"])
    assert data["positions"][0]["organization"].startswith("Laboratoire de Météorologie")
    assert not any(k.startswith(("teaching", "presentations", "work")) for k in kept), kept
    data, _ = converted("pocol-cv.json")
    assert [t["title"] for t in data["talks"]] == ["Talk 1", "Talk 2"]
    assert data["publications"][0]["url"] == "https://doi.org/10.20380/GI2021.20"
    assert "portfolio" not in data.get("sections", {})  # empty in the file


# --- BibTeX: the build and the import keep the same entries ------------------------------

def test_case_differing_keys_are_two_papers_and_a_duplicate_is_kept_renamed(
        tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@article{Smith20, title={Upper}, year=2020}\n"
                   "@article{smith20, title={Lower}, year=2020}\n"
                   "@article{smith20, title={Again}, year=2021}\n", encoding="utf-8")
    pubs, problems = load_bibtex(str(bib))
    assert [(p.id, p.title) for p in pubs] == [
        ("Smith20", "Upper"), ("smith20", "Lower"), ("smith20-2", "Again")]
    assert [(p.location.line, p.value) for p in problems] == [(3, "'smith20'")]
    imported = bibtex_format.load(str(bib))  # what `sphinx-cv import bibtex` reads
    assert [p["id"] for p in imported.data["publications"]] == [p.id for p in pubs]
    assert [str(p) for p in imported.problems] == [str(p) for p in problems]


def test_string_macros_and_crossref_span_the_files_read_together() -> None:
    folder = REAL / "freakypenguin"
    files = [str(folder / f"{name}.bib") for name in ("strings", "defs", "papers")]
    alone, alone_problems = load_bibtex(files[2])
    together, problems = load_bibtex(files)
    assert len(together) == len(alone) == 333
    assert sum("crossref names no other" in p.message for p in alone_problems) == 259
    assert sum("crossref names no other" in p.message for p in problems) == 1  # isca01
    first = together[0]
    assert first.venue == ("7th ACM/IEEE Symposium on Architectures for Networking and "
                           "Communications Systems")  # s-acm # "/" # s-ieee # ...
    assert first.year == 2011
    imported = bibtex_format.load(files)
    assert len(imported.data["publications"]) == 333


def test_import_bibtex_takes_several_files(tmp_path: Path) -> None:
    folder = REAL / "freakypenguin"
    result = cli("import", "bibtex", folder / "strings.bib", folder / "defs.bib",
                 folder / "papers.bib", "-o", tmp_path / "pubs.yaml")
    data = yaml.safe_load((tmp_path / "pubs.yaml").read_text("utf-8"))
    assert len(data["publications"]) == 333
    assert "crossref names no other entry" in result.err  # the one real dangling crossref
    one = cli("import", "jsonresume", REAL / "pocol-cv.json", REAL / "gauvain-cv.json")
    assert one.code == 2 and "reads one source" in one.err


# --- LaTeX markup stays markup ------------------------------------------------------------

def test_latex_markup_is_kept_as_the_profiles_markup() -> None:
    pubs, _ = load_bibtex(str(REAL / "mishra-pubs.bib"))
    titles = {p.id: p.title for p in pubs}
    assert titles["DellepereMS24"] == ("[Garuda]{.smallcaps} and [Pari]{.smallcaps}: Faster "
                                       "and Smaller SNARKs via Equifficient Polynomial "
                                       "Commitments")
    spans = parse_inline(titles["DellepereMS24"])
    assert [s.kind for s in spans][:3] == ["smallcaps", "text", "smallcaps"]
    paragraph = nodes.paragraph("", "", *inline_nodes("[Ann]{.underline} and *B* `c`"))
    assert [type(n).__name__ for n in paragraph.children] == [
        "inline", "Text", "emphasis", "Text", "literal"]
    assert paragraph.children[0]["classes"] == ["cv-underline"]
    pub = next(p for p in pubs if p.id == "DellepereMS24")
    exported = to_bibtex(pub)
    assert r"\textsc{Garuda} and \textsc{Pari}" in exported


def test_unknown_latex_command_is_a_located_warning_never_raw_text(tmp_path: Path) -> None:
    bib = tmp_path / "x.bib"
    bib.write_text("@inproceedings{a,\n  title = {\\sysname: fast {\\it and} \\textdollar"
                   "0},\n  author = {Mishra, Pratyush\\footnotemark[1]{} and B, C},\n"
                   "  booktitle = {Proc.},\n  year = 2020}\n", encoding="utf-8")
    pubs, problems = load_bibtex(str(bib))
    assert pubs[0].title == ": fast *and* $0"
    assert pubs[0].authors == ["Pratyush Mishra", "C B"]
    assert [(p.location.line, p.path, p.value) for p in problems] == [
        (2, "a.title", "'\\\\sysname'"), (3, "a.author", "'\\\\footnotemark'")]
