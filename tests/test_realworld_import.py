"""Real researchers' public files (tests/data/realworld/, sources in its README): the
importers keep every fact in the profile's own fields, not parked under ``x-<format>``."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from clitools import DATA, cli
from docutils import nodes
from realworld import build

from sphinx_cv.config import CvConfig
from sphinx_cv.data.bibexport import to_bibtex
from sphinx_cv.data.bibtex import entry_kind, latex_to_text, load_bibtex
from sphinx_cv.data.dates import CvDate
from sphinx_cv.data.inline import parse_inline
from sphinx_cv.data.jsonresume import X, from_jsonresume
from sphinx_cv.data.loader import load_profile
from sphinx_cv.data.publication import Publication
from sphinx_cv.formats import bibtex as bibtex_format
from sphinx_cv.formats.common import load_json
from sphinx_cv.render.citation import citation_nodes, own_names, unbolded_own, venue_text
from sphinx_cv.render.dates import format_date
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
    out = from_jsonresume(
        {
            "work": [{"name": "New", "company": "Old", "position": "P"}],
            "education": [
                {"institution": "U", "gpa": "3.9", "location": "Paris", "highlights": ["h"]}
            ],
            "awards": [{"title": "A", "url": "https://example.org/a"}],
            "basics": {"name": "N", "picture": "me.jpg"},
        }
    )
    job = out.data["positions"][0]
    assert job["organization"] == "New" and job[X] == {"company": "Old"}
    assert out.data["education"][0] == {
        "institution": "U",
        "location": "Paris",
        "gpa": "3.9",
        "highlights": ["h"],
    }
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


def test_a_username_only_profile_links_through_its_networks_address(tmp_path: Path) -> None:
    # moon-resume.json: {network: Twitter, username: "@jstestabul", url: ""}.
    result = cli("import", "jsonresume", REAL / "moon-resume.json", "-o", tmp_path / "profile.yaml")
    assert result.code == 0, result.err
    data = yaml.safe_load((tmp_path / "profile.yaml").read_text("utf-8"))
    links = {link["label"]: link["url"] for link in data["person"]["links"]}
    assert links["Twitter"] == "https://x.com/jstestabul"
    checked = cli("validate", tmp_path / "profile.yaml")
    assert "links" not in checked.out + checked.err, checked.out + checked.err


@pytest.mark.parametrize(
    ("network", "username", "url"),
    [
        ("GitHub", "octocat", "https://github.com/octocat"),
        ("twitter", "@jack", "https://x.com/jack"),
        ("X", "jack", "https://x.com/jack"),
        ("LinkedIn", "jane-doe", "https://www.linkedin.com/in/jane-doe"),
        ("GitLab", "jd", "https://gitlab.com/jd"),
        ("ORCID", "0000-0002-1825-0097", "https://orcid.org/0000-0002-1825-0097"),
        (
            "Google Scholar",
            "AbCdEfGhIjKl",
            "https://scholar.google.com/citations?user=AbCdEfGhIjKl",
        ),
        ("Codepen", "codepen.io/carlos", "https://codepen.io/carlos"),  # an address itself
        ("Blog", "https://carlos.example.org", "https://carlos.example.org"),
    ],
)
def test_a_known_networks_username_becomes_its_url(network: str, username: str, url: str) -> None:
    out = from_jsonresume(
        {"basics": {"name": "N", "profiles": [{"network": network, "username": username}]}}
    )
    assert out.data["person"]["links"] == {network: url}
    assert not out.problems and not out.notes and X not in out.data["person"]


def test_an_unknown_networks_username_is_kept_with_a_note_never_a_bad_link(tmp_path: Path) -> None:
    profiles = [
        {"network": "Codepen", "username": "carlos"},
        {"network": "GitHub", "username": "has space"},
        {"network": "Keybase", "username": "john.doe"},
    ]  # a name, not a host
    out = from_jsonresume({"basics": {"name": "N", "profiles": profiles}})
    assert "links" not in out.data["person"]
    assert out.data["person"][X]["profiles"] == profiles
    assert not out.problems
    assert [n.split(":")[0] for n in out.notes] == [
        "basics.profiles[0]",
        "basics.profiles[1]",
        "basics.profiles[2]",
    ]
    assert [n.split("'")[1] for n in out.notes] == ["carlos", "has space", "john.doe"]
    source = tmp_path / "resume.json"
    source.write_text(json.dumps({"basics": {"name": "N", "profiles": profiles}}), encoding="utf-8")
    result = cli("import", "jsonresume", source, "-o", tmp_path / "profile.yaml")
    assert result.code == 0 and "Codepen" in result.err
    checked = cli("validate", tmp_path / "profile.yaml")
    assert checked.code == 0 and "not a URL" not in checked.out + checked.err


# --- BibTeX: the build and the import keep the same entries ------------------------------


def test_case_differing_keys_are_two_papers_and_a_duplicate_is_kept_renamed(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@article{Smith20, title={Upper}, author={A. Smith}, year=2020}\n"
        "@article{smith20, title={Lower}, author={A. Smith}, year=2020}\n"
        "@article{smith20, title={Again}, author={A. Smith}, year=2021}\n",
        encoding="utf-8",
    )
    pubs, problems = load_bibtex(str(bib))
    assert [(p.id, p.title) for p in pubs] == [
        ("Smith20", "Upper"),
        ("smith20", "Lower"),
        ("smith20-2", "Again"),
    ]
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
    assert first.venue == (
        "7th ACM/IEEE Symposium on Architectures for Networking and Communications Systems"
    )  # s-acm # "/" # s-ieee # ...
    assert first.year == 2011
    imported = bibtex_format.load(files)
    assert len(imported.data["publications"]) == 333


def test_import_bibtex_takes_several_files(tmp_path: Path) -> None:
    folder = REAL / "freakypenguin"
    result = cli(
        "import",
        "bibtex",
        folder / "strings.bib",
        folder / "defs.bib",
        folder / "papers.bib",
        "-o",
        tmp_path / "pubs.yaml",
    )
    data = yaml.safe_load((tmp_path / "pubs.yaml").read_text("utf-8"))
    assert len(data["publications"]) == 333
    assert "crossref names no other entry" in result.err  # the one real dangling crossref
    one = cli("import", "jsonresume", REAL / "pocol-cv.json", REAL / "gauvain-cv.json")
    assert one.code == 2 and "reads one source" in one.err


# --- LaTeX markup stays markup ------------------------------------------------------------


def test_latex_markup_is_kept_as_the_profiles_markup() -> None:
    pubs, _ = load_bibtex(str(REAL / "mishra-pubs.bib"))
    titles = {p.id: p.title for p in pubs}
    assert titles["DellepereMS24"] == (
        "[Garuda]{.smallcaps} and [Pari]{.smallcaps}: Faster "
        "and Smaller SNARKs via Equifficient Polynomial "
        "Commitments"
    )
    spans = parse_inline(titles["DellepereMS24"])
    assert [s.kind for s in spans][:3] == ["smallcaps", "text", "smallcaps"]
    paragraph = nodes.paragraph("", "", *inline_nodes("[Ann]{.underline} and *B* `c`"))
    assert [type(n).__name__ for n in paragraph.children] == [
        "inline",
        "Text",
        "emphasis",
        "Text",
        "literal",
    ]
    assert paragraph.children[0]["classes"] == ["cv-underline"]
    pub = next(p for p in pubs if p.id == "DellepereMS24")
    exported = to_bibtex(pub)
    assert r"\textsc{Garuda} and \textsc{Pari}" in exported


def test_unknown_latex_command_is_a_located_warning_never_raw_text(tmp_path: Path) -> None:
    bib = tmp_path / "x.bib"
    bib.write_text(
        "@inproceedings{a,\n  title = {\\sysname: fast {\\it and} \\textdollar"
        "0},\n  author = {Mishra, Pratyush\\footnotemark[1]{} and B, C},\n"
        "  booktitle = {Proc.},\n  year = 2020}\n",
        encoding="utf-8",
    )
    pubs, problems = load_bibtex(str(bib))
    assert pubs[0].title == ": fast *and* $0"
    assert pubs[0].authors == ["Pratyush Mishra", "C B"]
    assert [(p.location.line, p.path, p.value) for p in problems] == [
        (2, "a.title", "'\\\\sysname'"),
        (3, "a.author", "'\\\\footnotemark'"),
    ]


def test_math_is_mathml_on_the_page_and_math_in_the_pdf() -> None:
    title = latex_to_text(r"Roots $\sqrt[3]{x}$ in $O(n \log n)$")
    assert title == r"Roots $`\sqrt[3]{x}`$ in O(n log n)"  # simple math: Unicode
    paragraph = nodes.paragraph("", "", *inline_nodes(title))
    raws = {n["format"]: n.astext() for n in paragraph.findall(nodes.raw)}
    assert raws["html"].startswith("<math") and "<mroot>" in raws["html"]
    assert "<script" not in raws["html"] and "http" not in raws["html"].split(">", 1)[1]
    assert raws["latex"] == r"$\sqrt[3]{x}$"
    # TeX docutils does not know never reaches the LaTeX output.
    for hostile in (r"$`\input{/etc/passwd}`$", r"$`\text{\input{x}}`$"):
        assert "math" not in [s.kind for s in parse_inline(hostile)]
    assert [s.kind for s in parse_inline("costs $5 or $10")] == ["text"]


def test_may_takes_no_period_and_data_punctuation_never_doubles() -> None:
    cv = CvConfig()
    assert format_date(CvDate(year=2024, month=5), cv) == "May 2024"
    assert format_date(CvDate(year=2024, month=9), cv) == "Sep. 2024"
    pub = Publication(id="a", title="T", type="journal", venue="Physics,", volume="3", year=2020)
    assert venue_text(pub) == "Physics, 3, 2020"


@pytest.mark.parametrize(
    "url",
    [
        "https://doi.org/10.1145/ABC.1",
        "http://dx.doi.org/10.1145/abc.1",
        "https://doi.org/10.1145%2Fabc.1",
    ],
)
def test_a_url_naming_the_doi_is_one_link(url: str) -> None:
    pub = Publication(id="a", title="T", doi="10.1145/abc.1", url=url)
    assert [link.kind for link in pub.all_links()] == ["doi"]
    other = Publication(id="b", title="T", doi="10.1145/abc.1", url="https://x.org/p")
    assert len(other.all_links()) == 2


def test_import_bibtex_of_a_json_file_fails_and_comma_lists_are_reported(tmp_path: Path) -> None:
    result = cli("import", "bibtex", REAL / "pocol-cv.json")
    assert result.code == 1 and "no BibTeX entries found" in result.err
    bib = tmp_path / "c.bib"
    bib.write_text(
        "@article{a, title={T}, year=2020,\n  author={Ann Lee, Bo Chen, Cy Dunn}}\n",
        encoding="utf-8",
    )
    _, problems = load_bibtex(str(bib))
    assert [(p.location.line, p.path) for p in problems] == [(2, "a.author")]
    assert "'and'" in problems[0].message


def test_thesis_kind_and_preprint_servers() -> None:
    masters = Publication(
        id="a",
        title="T",
        type="thesis",
        venue="MIT",
        year=2020,
        bibtex="@mastersthesis{a, title={T}}",
    )
    phd = Publication(
        id="b", title="T", type="thesis", venue="MIT", year=2020, bibtex="@phdthesis{b, title={T}}"
    )
    assert venue_text(masters) == "Master's thesis, MIT, 2020"
    assert venue_text(phd) == "Ph.D. thesis, MIT, 2020"
    for venue in (
        "bioRxiv",
        "Electron. Colloquium Comput. Complex.",
        "IACR Cryptol. ePrint Arch.",
        "CoRR",
    ):
        assert entry_kind("article", venue=venue)[0] == "preprint", venue
    assert entry_kind("article", venue="Nature")[0] == "journal"


def test_a_coauthor_given_with_a_url_is_linked(tmp_path: Path) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_text(
        "publications:\n- id: a\n  title: T\n  year: 2020\n  authors:\n"
        "  - {name: Ann Lee, url: 'https://ann.example.org'}\n"
        "  - {name: Bo Chen, url: 'javascript:alert(1)'}\n"
        "  - Cy Dunn\n",
        encoding="utf-8",
    )
    result = load_profile(str(profile))
    pub = result.profile.publications[0]
    assert pub.authors == ["Ann Lee", "Bo Chen", "Cy Dunn"]
    assert [(p.location.line, p.path) for p in result.problems] == [
        (7, "publications[0].authors[1].url")
    ]
    paragraph = nodes.paragraph("", "", *citation_nodes(pub, set()))
    refs = [r["refuri"] for r in paragraph.findall(nodes.reference)]
    assert refs == ["https://ann.example.org"]


def test_a_profile_publication_without_author_is_reported_once(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    profile = site / "profile.yaml"
    profile.write_text(
        "person: {name: Ann Lee}\npublications:\n- id: a\n  title: T\n"
        "  year: 2020\n- {id: b, title: U, editors: [Bo Chen]}\n"
        "- {id: c, title: V, authors: [Ann Lee]}\n",
        encoding="utf-8",
    )
    result = cli("validate", profile)
    lines = [line for line in result.out.splitlines() if "no author" in line]
    assert len(lines) == 1 and result.code == 1, result.out
    assert re.match(r".*profile\.yaml:3:3: publications\[0\]\.authors: ", lines[0]), lines
    build(site, "CV\n==\n\n.. publication-list::\n", tmp_path)
    warnings = (tmp_path / "warnings.txt").read_text("utf-8")
    found = [line for line in warnings.splitlines() if "no author" in line]
    assert len(found) == 1, warnings
    assert "profile.yaml:3:3" in found[0] and "publications[0].authors" in found[0]


def test_an_empty_profile_is_a_problem(tmp_path: Path) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_text("# nothing yet\n", encoding="utf-8")
    result = cli("validate", profile)
    assert result.code == 1 and "the profile is empty" in result.out
    profile.write_text("publications:\n- {id: a, title: T, authors: [A. Lee]}\n", encoding="utf-8")
    result = cli("validate", profile)
    assert result.code == 0 and "no person" in result.err


def test_a_problem_names_the_key_as_written(tmp_path: Path) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_text(
        "person: {name: A}\npositions:\n- position: P\n  description: [1, 2]\n", encoding="utf-8"
    )
    problems = load_profile(str(profile)).problems
    assert [p.path for p in problems] == ["positions[0].description"]


def test_own_name_under_other_initials_gets_a_hint() -> None:
    pubs = [
        Publication(id="a", title="T", authors=["J Smith", "Ann Lee", "Bo Smith"]),
        Publication(id="b", title="U", authors=["John A. Smith"]),
    ]
    own = own_names(["John A. Smith"])
    assert unbolded_own(pubs, own, "John A. Smith") == ["J Smith"]
    assert unbolded_own(pubs, own_names(["John A. Smith", "J Smith"]), "John A. Smith") == []


def test_a_custom_sections_title_is_shown_as_its_heading(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "profile.yaml").write_text(
        "person: {name: A}\nsections:\n  grants:\n    title: Grants *and* Funding\n"
        "    entries:\n    - {title: NSF CAREER}\n  misc_things:\n  - {title: X}\n",
        encoding="utf-8",
    )
    body, _ = build(
        site,
        "CV\n==\n\n.. timeline:: grants\n   :heading: yes\n\n"
        ".. timeline:: misc_things\n   :heading: yes\n",
        tmp_path,
    )
    titles = re.findall(r'class="[^"]*cv-section-title[^"]*">(.*?)</p>', body)
    assert titles == ["Grants <em>and</em> Funding", "Misc things"]


def test_json_resume_notes_name_field_paths() -> None:
    """An object's kept key is named by its field path (``basics.x``); only the items of
    a list are ``work[].x``."""
    out = from_jsonresume(
        {"basics": {"name": "A", "nickname": "B"}, "work": [{"name": "W", "description": "d"}]}
    )
    assert sorted(out.kept) == ["basics.nickname", "work[].description"]
