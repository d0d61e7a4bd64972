"""CV variants (cv_pdf_variants): one profile, several PDFs. A variant with tags keeps
the entries and publications tagged with one of them, drops the sections left empty,
may have its own design, and warns past max_pages; `sphinx-cv build` writes each as
<name>.pdf and the homepage links them all."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from clitools import run
from conftest import warnings_of
from sphinx.testing.util import SphinxTestApp
from test_cli_build import pdf_links
from test_latex import REPO, needs_tex, pdf_info, pdf_text

VARIANTS = {
    "cv": {},
    "resume": {"tags": ["resume"], "design": "compact", "max_pages": 1, "label": "Résumé (PDF)"},
    "long": {"design": "sidebar", "max_pages": 1},
}


def pages(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", pdf_info(pdf), re.M).group(1))  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def variant_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site with a few entries tagged for a résumé."""
    site = tmp_path_factory.mktemp("variants") / "site"
    shutil.copytree(REPO / "example_site", site, ignore=shutil.ignore_patterns("_build"))
    profile = (site / "profile.yaml").read_text(encoding="utf8")
    for anchor in ("    start: 2025-09\n", "    advisor: [Prof. Hong Xu]\n"):
        profile = profile.replace(anchor, anchor + "    tags: [resume]\n", 1)
    profile = profile.replace(
        "  - id: lin2025multiquery\n", "  - id: lin2025multiquery\n    tags: [resume]\n", 1
    )
    (site / "profile.yaml").write_text(profile, encoding="utf8")
    with (site / "conf.py").open("a", encoding="utf8") as f:
        f.write(f"cv_pdf_variants = {VARIANTS!r}\n")
    return site


@needs_tex
def test_build_makes_each_variant(variant_site: Path) -> None:
    result = run("build", variant_site)
    assert result.code == 0, result.err
    html = variant_site / "_build" / "html"
    cv, resume, long = html / "cv.pdf", html / "resume.pdf", html / "long.pdf"
    assert cv.is_file() and resume.is_file() and long.is_file()
    # The homepage links each one, the full CV first.
    assert [(href, text) for href, text, _ in pdf_links(html / "index.html")] == [
        ("cv.pdf", "Download CV (PDF)"),
        ("resume.pdf", "Résumé (PDF)"),
        ("long.pdf", "Long (PDF)"),
    ]
    # The résumé: the tagged entries only, the other sections gone, shorter.
    assert pages(resume) == 1 < pages(cv)
    text = pdf_text(resume, "-raw")
    assert text.splitlines()[0] == "Qingyu Song"
    for kept in (
        "Work Experience",
        "Assistant Professor",
        "Education",
        "The Chinese University of Hong Kong",
        "Publications",
        "The Multi-Query Paradox",
        "Research Interest",
        "Updated September 2025",
    ):
        assert kept in text, kept
    for dropped in (
        "Tsinghua University",
        "Teaching",
        "Awards",
        "Services",
        "Research Experience",
        "Harnessing On-Device",
    ):
        assert dropped not in text, dropped
    # Interest tags cite only the papers the résumé keeps: no raw ids, no warnings.
    assert "song2025provably" not in text and "not shown by any" not in result.err
    # The full CV has everything; "long" (no tags, sidebar design) runs past max_pages.
    assert "Tsinghua University" in pdf_text(cv) and "Teaching" in pdf_text(cv)
    assert re.search(r"warning: long\.pdf has \d pages, more than its max_pages \(1\)", result.err)
    assert "resume.pdf has" not in result.err


@pytest.mark.sphinx(
    "latex",
    testroot="latex",
    freshenv=True,
    confoverrides={
        "cv_pdf_variants": {
            "a b": {},
            "r": {"tags": 3, "design": "fancy", "max_pages": "x", "colour": 1},
        },
        "cv_pdf_variant": "nope",
    },
)
def test_bad_variants_warn(app: SphinxTestApp) -> None:
    app.build()
    warnings = warnings_of(app)
    for expected in (
        "cv_pdf_variants['a b']",
        "cv_pdf_variants['r']['tags']",
        "cv_pdf_variants['r']['design']",
        "cv_pdf_variants['r']['max_pages']",
        "unknown settings colour",
        "cv_pdf_variant: no variant named 'nope'",
    ):
        assert expected in warnings, expected


@pytest.mark.sphinx(
    "latex",
    testroot="latex",
    freshenv=True,
    confoverrides={"cv_pdf_variants": {"short": {"design": "modern"}}, "cv_pdf_variant": "short"},
)
def test_variant_design(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf8")
    assert "\\def\\cvdesign{modern}" in tex


def test_funder_style_lists() -> None:
    """'5 most relevant + 5 other products': :tags: relevant :limit: 5, then
    :exclude-tags: relevant :limit: 5."""
    from sphinx_cv.data.publication import Publication
    from sphinx_cv.data.publist import ListSpec, arrange

    pubs = [
        Publication(
            id=f"p{i}",
            type="journal",
            title=f"P{i}",
            year=2000 + i,
            tags=["Relevant"] if i % 3 == 0 else ["other"],
        )
        for i in range(20)
    ]

    def shown(**spec: object) -> list[str]:
        groups = arrange(pubs, ListSpec(group_by="none", limit=5, **spec))  # type: ignore[arg-type]
        return [item.pub.id for group in groups for item in group.items]

    relevant = shown(tags=["relevant"])
    others = shown(exclude_tags=["relevant"])
    assert relevant == ["p18", "p15", "p12", "p9", "p6"]
    assert others == ["p19", "p17", "p16", "p14", "p13"]
    assert not set(relevant) & set(others)


def test_relevant_and_other() -> None:
    """The variant option: the newest relevant ones, then the newest of all the rest."""
    from sphinx_cv.data.publication import Publication
    from sphinx_cv.data.publist import ListSpec, relevant_and_other

    pubs = [
        Publication(
            id=f"p{i}",
            type="journal",
            title=f"P{i}",
            year=2000 + i,
            tags=["Relevant"] if i % 3 == 0 else ["other"],
        )
        for i in range(20)
    ]
    groups = relevant_and_other(pubs, ListSpec(), ["relevant"], 5, 5)
    assert [g.key for g in groups] == ["relevant-products", "other-products"]
    assert [i.pub.id for i in groups[0].items] == ["p18", "p15", "p12", "p9", "p6"]
    assert [i.pub.id for i in groups[1].items] == ["p19", "p17", "p16", "p14", "p13"]
    few = relevant_and_other(pubs[:4], ListSpec(), ["relevant"], 1, 9)
    assert [[i.pub.id for i in g.items] for g in few] == [["p3"], ["p2", "p1", "p0"]]


@pytest.mark.sphinx(
    "latex",
    testroot="latex",
    freshenv=True,
    confoverrides={
        "cv_pdf_variants": {
            "nsf": {"publications": {"relevant": ["none-has-it"], "limit": 5, "other": 2}}
        },
        "cv_pdf_variant": "nsf",
    },
)
def test_funder_variant_in_the_pdf(app: SphinxTestApp) -> None:
    app.build()
    assert "cv_pdf_variants" not in warnings_of(app)  # (an interest's paper is left out)
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf8")
    assert "Other products" in tex and "Most relevant products" not in tex
    start = tex.index("Other products")
    assert tex[start:].count("\\item") == 2  # "other": 2 of the three publications


@pytest.mark.sphinx(
    "latex",
    testroot="latex",
    freshenv=True,
    confoverrides={
        "cv_pdf_variants": {
            "a": {"publications": {"relevant": [], "limit": -1}},
            "b": {"publications": ["x"]},
        }
    },
)
def test_bad_funder_option_warns(app: SphinxTestApp) -> None:
    app.build()
    warnings = warnings_of(app)
    assert "cv_pdf_variants['a']['publications']" in warnings
    assert "cv_pdf_variants['b']['publications']" in warnings
