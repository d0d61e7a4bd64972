"""The directives under sphinx-cv's own theme and the common ones: a clean build, and in
Chromium no horizontal overflow at phone width in light and dark mode."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).parent.parent.resolve()
THEMES = ["sphinx_cv", "alabaster", "furo", "pydata_sphinx_theme", "sphinx_book_theme"]
CHROMIUM = shutil.which("chromium")


@pytest.fixture(scope="module", params=THEMES)
def themed_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    from sphinx.cmd.build import build_main

    theme = request.param
    if importlib.util.find_spec(theme) is None:
        pytest.skip(f"{theme} is not installed (pip install '.[test]' installs it)")
    out = tmp_path_factory.mktemp(theme)
    code = build_main(
        [
            "-W",
            "--keep-going",
            "-q",
            "-D",
            f"html_theme={theme}",
            "-b",
            "html",
            str(REPO / "example_site"),
            str(out / "html"),
            "-d",
            str(out / "doctrees"),
        ]
    )
    assert code == 0
    return theme, out / "html"


def test_builds_and_keeps_the_output(themed_site: tuple[str, Path]) -> None:
    _, html = themed_site
    cv = (html / "cv.html").read_text(encoding="utf8")
    assert cv.count('class="cv-pub ') == 13
    assert 'class="cv-ref">A3</span>' in cv
    assert "sphinx-cv.css" in cv


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_overflow_on_phones(themed_site: tuple[str, Path], scheme: str) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    theme, html = themed_site
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(viewport={"width": 375, "height": 740}, color_scheme=scheme)  # type: ignore[arg-type]
        page = context.new_page()
        for name in ("index", "publications", "cv"):
            page.goto((html / f"{name}.html").as_uri())
            # pydata-based themes switch mode by attribute; furo follows the system.
            page.evaluate(f"document.documentElement.dataset.theme = '{scheme}'")
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{theme} {scheme} {name}: {overflow}px"
        browser.close()


@pytest.fixture(scope="module", params=THEMES)
def themed_web(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    """tests/roots/test-web (feed, sitemap, paper pages, counts) under each theme."""
    from sphinx.cmd.build import build_main

    theme = request.param
    if importlib.util.find_spec(theme) is None:
        pytest.skip(f"{theme} is not installed (pip install '.[test]' installs it)")
    out = tmp_path_factory.mktemp(f"web-{theme}")
    code = build_main(
        [
            "-W",
            "--keep-going",
            "-q",
            "-D",
            f"html_theme={theme}",
            "-b",
            "html",
            str(REPO / "tests" / "roots" / "test-web"),
            str(out / "html"),
            "-d",
            str(out / "doctrees"),
        ]
    )
    assert code == 0
    return theme, out / "html"


def test_web_features_under_every_theme(themed_web: tuple[str, Path]) -> None:
    import json
    import xml.etree.ElementTree as ET

    from test_theme import parse

    theme, html = themed_web
    feed = ET.parse(html / "atom.xml").getroot()
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    urls = ET.parse(html / "sitemap.xml").getroot()
    assert len(urls) == 6  # three documents, three papers
    assert (html / "robots.txt").exists()
    for name in ("index", "publications", "talks", "publications/big2024"):
        tags = parse((html / f"{name}.html").read_text(encoding="utf8")).tags
        assert any(t == "link" and a.get("type") == "application/atom+xml" for t, a in tags), (
            theme,
            name,
        )
    paper = (html / "publications" / "lovelace1843notes.html").read_text(encoding="utf8")
    tags = parse(paper)
    meta = dict(tags.meta())
    assert meta["citation_title"] == 'Notes on the <Analytical> Engine & "more"', theme
    assert (
        dict(tags.meta("property"))["og:description"]
        == "The engine weaves algebraic patterns </script> & more."
    ), theme
    types = [
        json.loads(body)["@type"]
        for a, body in tags.scripts
        if a.get("type") == "application/ld+json"
    ]
    assert "ScholarlyArticle" in types, theme
    assert "Cited by 42" in paper and "cv-pub-thumb" in paper, theme
    listing = (html / "publications.html").read_text(encoding="utf8")
    assert 'href="publications/lovelace1843notes.html"' in listing, theme
    assert "Cited by 42" in listing and 'class="cv-filter"' in listing, theme
