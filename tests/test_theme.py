"""The ``sphinx_cv`` HTML theme: layout from the profile, escaping, head metadata,
``citation_*`` tags, options, rebuilds, other hosts, packaging. (In Chromium:
tests/test_browser.py.)"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

REPO = Path(__file__).parent.parent.resolve()
ROOTS = REPO / "tests" / "roots"


def build(
    src: Path, out: Path, builder: str = "html", **overrides: Any
) -> tuple[Path, str, list[str]]:
    """(output folder, warnings, documents read)."""
    warning = io.StringIO()
    app = SphinxTestApp(
        builder,
        srcdir=src,
        builddir=out,
        confoverrides=overrides or None,
        status=io.StringIO(),
        warning=warning,
    )
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    try:
        app.build()
    finally:
        app.cleanup()
    return Path(app.outdir), re.sub(r"\x1b\[[0-9;]*m", "", warning.getvalue()), read


def copy_root(tmp_path: Path, name: str = "test-theme") -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / name, src)
    return src


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("theme")
    out, warnings, _ = build(copy_root(tmp), tmp / "build")
    assert warnings == ""
    return out


def page(out: Path, name: str) -> str:
    return (out / f"{name}.html").read_text(encoding="utf8")


class Tags(HTMLParser):
    """Start tags with their attributes, and the text of <script> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._script: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags.append((tag, values))
        if tag == "script":
            self._script = values

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts.append((self._script, data))
            self._script = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, ""))
            self._script = None

    def meta(self, key: str = "name") -> list[tuple[str, str]]:
        return [(a[key], a.get("content", "")) for t, a in self.tags if t == "meta" and key in a]


def parse(text: str) -> Tags:
    tags = Tags()
    tags.feed(text)
    return tags


# -- layout -------------------------------------------------------------------------------


def test_author_column_navigation_and_footer(site: Path) -> None:
    plain = page(site, "plain")
    assert '<body class="cv-theme cv-avatar-circle">' in plain
    # The author column, from the profile, on a page without any directive.
    assert '<p class="cv-author-name">Ada &#34;Countess&#34; Lovelace &amp; Co</p>' in plain
    assert '<p class="cv-author-affiliation">Engines &amp; &lt;Looms&gt; Lab</p>' in plain
    assert "<span>London, UK</span>" in plain
    kinds = re.findall(r'<a class="cv-author-(\w+)" href="([^"]+)"', plain)
    assert kinds == [
        ("email", "mailto:ada@example.org"),
        ("website", "https://ada.example.org"),
        ("github", "https://github.com/ada"),
        ("orcid", "https://orcid.org/0000-0002-1825-0097"),
        ("linkedin", "https://www.linkedin.com/in/ada"),
        ("scholar", "https://scholar.google.com/citations?user=abc&amp;hl=en"),
    ]
    assert "tel:" not in plain  # phone numbers only when profile_links asks for them
    assert plain.count('<svg class="cv-icon"') >= 7  # inline icons, no icon font
    # The photo is copied beside the CSS.
    assert '<img class="cv-avatar" src="_static/avatar.svg"' in plain
    assert (site / "_static" / "avatar.svg").is_file()
    # Navigation: the root document and the pages its toctree includes.
    nav = re.findall(r'<li><a href="([^"]*)"( aria-current="page")?>([^<]*)</a></li>', plain)
    assert nav == [
        ("index.html", "", "Home"),
        ("paper.html", "", "Notes on the Engine"),
        ("paper-md.html", "", "Poems as Programs"),
        ("#", ' aria-current="page"', "Plain"),
    ]
    # Footer: the profile's updated date.
    assert '<span class="cv-updated-footer">Updated September 2025</span>' in plain


def test_profile_card_without_identity(site: Path) -> None:
    # The homepage's card shows the bio and contact line, not the name again.
    card = page(site, "index").split('<div class="cv-profile-card', 1)[1].split("</div>", 1)[0]
    assert 'class="cv-bio"' in card and 'class="cv-contact"' in card
    assert "cv-name" not in card and "cv-position" not in card


def test_a_site_without_profile(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "conf.py").write_text('extensions = ["sphinx_cv"]\nproject = "P"\n')
    (tmp_path / "src" / "index.rst").write_text("Hello\n=====\n\nText.\n")
    out, warnings, _ = build(tmp_path / "src", tmp_path / "build")
    assert warnings == ""
    index = page(out, "index")
    assert "cv-no-author" in index and "cv-author-name" not in index
    assert "application/ld+json" not in index


def test_homepage_loads_only_what_it_needs(site: Path) -> None:
    index = parse(page(site, "index"))
    sources = [a["src"] for t, a in index.tags if t == "script" and "src" in a]
    assert sources == ["_static/sphinx-cv-theme.js"]
    styles = [
        a["href"].split("?")[0]
        for t, a in index.tags
        if t == "link" and a.get("rel") == "stylesheet"
    ]
    assert styles == [
        "_static/pygments.css",
        "_static/sphinx-cv-theme.css",
        "_static/sphinx-cv.css",
    ]
    # Nothing links to a search page: none is built, nor the index of every word.
    assert not (site / "search.html").exists() and not (site / "searchindex.js").exists()
    assert 'rel="search"' not in page(site, "index")


def test_profile_text_is_escaped_everywhere(site: Path) -> None:
    for path in site.glob("*.html"):
        text = path.read_text(encoding="utf8")
        assert "<script>alert(1)" not in text, path.name
        assert "<b>notes" not in text, path.name
        assert "<Looms>" not in text, path.name
    index = page(site, "index")
    assert "Fellow &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in index


def test_json_ld_person(site: Path) -> None:
    tags = parse(page(site, "index"))
    blocks = [text for attrs, text in tags.scripts if attrs.get("type") == "application/ld+json"]
    assert len(blocks) == 1
    block = blocks[0]
    # Nothing in it can close the <script> element or start markup.
    assert "<" not in block and ">" not in block and "&" not in block
    person = json.loads(block)
    assert person["@type"] == "Person"
    assert person["name"] == 'Ada "Countess" Lovelace & Co'
    assert person["jobTitle"] == "Fellow </script><script>alert(1)</script>"
    assert person["affiliation"] == {
        "@type": "Organization",
        "name": "Engines & <Looms> Lab, University of London",
    }
    assert person["email"] == "ada@example.org"
    assert person["url"] == "https://ada.example.org/"
    assert person["image"] == "https://ada.example.org/_static/avatar.svg"
    assert person["sameAs"] == [
        "https://github.com/ada",
        "https://orcid.org/0000-0002-1825-0097",
        "https://www.linkedin.com/in/ada",
        "https://scholar.google.com/citations?user=abc&hl=en",
    ]
    # Only the homepage describes the person.
    assert "application/ld+json" not in page(site, "plain")


def test_title_description_opengraph_canonical(site: Path) -> None:
    index = parse(page(site, "index"))
    plain = parse(page(site, "plain"))
    assert "<title>Ada &#34;Countess&#34; Lovelace &amp; Co</title>" in page(site, "index")
    assert "<title>Plain – Ada &#34;Countess&#34; Lovelace &amp; Co</title>" in page(site, "plain")
    description = dict(index.meta())["description"]
    assert description == "Works on analytical engines </script> & <b>notes</b>."
    og = dict(index.meta("property"))
    assert og["og:type"] == "profile"
    assert og["og:title"] == og["og:site_name"] == 'Ada "Countess" Lovelace & Co'
    assert og["og:url"] == "https://ada.example.org/index.html"
    assert og["og:image"] == "https://ada.example.org/_static/avatar.svg"
    assert dict(plain.meta("property"))["og:type"] == "website"
    canonical = [a["href"] for t, a in plain.tags if t == "link" and a.get("rel") == "canonical"]
    assert canonical == ["https://ada.example.org/plain.html"]
    # One viewport tag (docutils adds a second one that the theme drops).
    assert page(site, "plain").count('name="viewport"') == 1


# -- citation_* tags ---------------------------------------------------------------------


def test_citation_tags_on_a_paper_page(site: Path) -> None:
    meta = parse(page(site, "paper")).meta()
    assert [m for m in meta if m[0].startswith("citation_")] == [
        ("citation_title", 'Notes on the <Analytical> Engine & "more"'),
        ("citation_author", 'Ada "Countess" Lovelace & Co'),
        ("citation_author", "Charles Babbage"),
        ("citation_publication_date", "1843/10"),
        ("citation_journal_title", "Scientific Memoirs"),
        ("citation_issue", "29"),
        ("citation_volume", "3"),
        ("citation_firstpage", "666"),
        ("citation_lastpage", "731"),
        ("citation_doi", "10.1000/xyz123"),
        ("citation_pdf_url", "https://ada.example.org/files/notes.pdf"),
        ("citation_abstract", "The engine weaves algebraic patterns."),
    ]
    assert dict(parse(page(site, "paper")).meta("property"))["og:type"] == "article"


def test_citation_tags_from_myst_front_matter(site: Path) -> None:
    meta = dict(parse(page(site, "paper-md")).meta())
    assert meta["citation_title"] == "Poems as Programs"
    assert meta["citation_conference_title"] == "Proc. of Verse"
    assert meta["citation_arxiv_id"] == "2001.00001"
    assert meta["citation_publication_date"] == "2020"


def test_citation_tags_under_another_theme(tmp_path: Path) -> None:
    out, warnings, _ = build(copy_root(tmp_path), tmp_path / "build", html_theme="alabaster")
    assert warnings == ""
    meta = dict(parse(page(out, "paper")).meta())
    assert meta["citation_title"] == 'Notes on the <Analytical> Engine & "more"'
    assert meta["citation_pdf_url"] == "https://ada.example.org/files/notes.pdf"


def test_no_citation_tags_elsewhere(site: Path) -> None:
    # The homepage lists both papers but is about neither.
    for name in ("index", "plain"):
        assert "citation_" not in page(site, name)


def test_unknown_publication_id_warns(tmp_path: Path) -> None:
    src = copy_root(tmp_path)
    paper = src / "paper.rst"
    paper.write_text(
        paper.read_text().replace(
            ":cv-publication: lovelace1843notes", ":cv-publication: nosuchpaper"
        )
    )
    out, warnings, _ = build(src, tmp_path / "build")
    assert "paper.rst: WARNING: cv-publication: no publication has id 'nosuchpaper'" in warnings
    assert "citation_" not in page(out, "paper")


# -- options ------------------------------------------------------------------------------


def test_theme_options(tmp_path: Path) -> None:
    out, warnings, _ = build(
        copy_root(tmp_path),
        tmp_path / "build",
        html_theme_options={
            "accent_color": "#aa3300",
            "avatar_shape": "rounded",
            "profile_links": ["scholar", "email", "phone"],
            "nav_items": [("Start", "index"), "plain", ("Blog", "https://blog.example.org/")],
            "analytics_script": "https://stats.example.org/script.js",
            "analytics_data": {"domain": "ada.example.org"},
            "description": "Ada's homepage.",
        },
    )
    assert warnings == ""
    plain = page(out, "plain")
    assert "<style>:root{--cv-accent-light:#aa3300;" in plain
    assert 'class="cv-theme cv-avatar-rounded"' in plain
    assert re.findall(r'<a class="cv-author-(\w+)"', plain) == ["scholar", "email", "phone"]
    assert 'href="tel:+442000000000"' in plain
    nav = re.findall(r'<li><a href="([^"]*)"[^>]*>([^<]*)</a></li>', plain)
    assert nav == [("index.html", "Start"), ("#", "Plain"), ("https://blog.example.org/", "Blog")]
    assert (
        '<script defer src="https://stats.example.org/script.js" '
        'data-domain="ada.example.org"></script>'
    ) in plain
    assert '<meta name="description" content="Ada&#39;s homepage." />' in plain


def test_web_cv_follows_the_pdf_accent(tmp_path: Path) -> None:
    out, warnings, _ = build(copy_root(tmp_path), tmp_path / "build", cv_pdf_accent="#0E6E78")
    assert warnings == ""
    assert "<style>:root{--cv-accent-light:#0E6E78;" in page(out, "plain")
    # The theme's own accent_color wins.
    out, _, _ = build(
        copy_root(tmp_path / "b"),
        tmp_path / "build2",
        cv_pdf_accent="#0E6E78",
        html_theme_options={"accent_color": "#aa3300"},
    )
    assert "<style>:root{--cv-accent-light:#aa3300;" in page(out, "plain")


def test_search_is_optional(tmp_path: Path) -> None:
    out, warnings, _ = build(
        copy_root(tmp_path), tmp_path / "build", html_theme_options={"show_search": True}
    )
    assert warnings == ""
    plain = page(out, "plain")
    assert '<li><a href="search.html">Search</a></li>' in plain
    # Search-term highlighting on the pages search leads to.
    assert "sphinx_highlight.js" in plain and "doctools.js" in plain
    # The search page keeps Sphinx's scripts, which it needs, and has its index.
    search = page(out, "search")
    assert "searchtools.js" in search and "doctools.js" in search
    assert '"plain"' in (out / "searchindex.js").read_text("utf-8")  # its docnames
    # A navigation item naming the search page keeps it too.
    out, warnings, _ = build(
        copy_root(tmp_path / "nav"),
        tmp_path / "build2",
        html_theme_options={"nav_items": "Home=index, Find=search"},
    )
    assert (out / "search.html").exists() and (out / "searchindex.js").exists()


def test_bad_theme_options_warn_and_fall_back(tmp_path: Path) -> None:
    out, warnings, _ = build(
        copy_root(tmp_path),
        tmp_path / "build",
        html_theme_options={
            "accent_color": "red;}body{display:none",
            "avatar_shape": "hexagon",
            "nav_items": ["index", "nosuchpage"],
            "analytics_script": "javascript:alert(1)",
            "show_search": "maybe",
        },
    )
    for expected in (
        "'red;}body{display:none' is not a CSS colour",
        "avatar_shape']: 'hexagon'",
        "'nosuchpage' is neither a document nor a URL",
        "'javascript:alert(1)' is not a script URL",
        "show_search']: expected true or false",
    ):
        assert expected in warnings
    assert warnings.count("WARNING") == 5, warnings
    plain = page(out, "plain")
    assert "display:none" not in plain and "javascript:" not in plain
    assert "cv-avatar-circle" in plain


def test_missing_photo_falls_back_to_initials(tmp_path: Path) -> None:
    src = copy_root(tmp_path)
    (src / "avatar.svg").unlink()
    out, warnings, _ = build(src, tmp_path / "build", html_theme_options={})
    assert re.search(r"profile\.yaml:\d+:\d+: WARNING: person\.photo: photo not found", warnings)
    assert '<span class="cv-avatar cv-avatar-initials" aria-hidden="true">AC</span>' in page(
        out, "plain"
    )


def test_theme_is_the_default(tmp_path: Path) -> None:
    out, warnings, _ = build(ROOTS / "test-basic", tmp_path / "default")
    assert warnings == ""
    assert "cv-theme" in page(out, "index")
    out, _, _ = build(ROOTS / "test-basic", tmp_path / "alabaster", html_theme="alabaster")
    index = page(out, "index")
    assert "cv-theme" not in index and "sphinx-cv-theme.css" not in index
    assert "sphinx-cv.css" in index  # the directives' own CSS under any theme


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml"])
def test_other_html_builders(tmp_path: Path, builder: str) -> None:
    out, warnings, _ = build(copy_root(tmp_path), tmp_path / "build", builder)
    assert warnings == ""
    index = (out / "index.html").read_text(encoding="utf8")
    assert '<p class="cv-author-name">' in index


# -- rebuilds -----------------------------------------------------------------------------


def test_profile_edit_rewrites_every_page(tmp_path: Path) -> None:
    src = copy_root(tmp_path)
    out, _, read = build(src, tmp_path / "build")
    assert sorted(read) == ["index", "paper", "paper-md", "plain"]
    plain = out / "plain.html"
    # Nothing changed: nothing read, nothing written.
    before = plain.stat().st_mtime_ns
    _, _, read = build(src, tmp_path / "build")
    assert read == [] and plain.stat().st_mtime_ns == before
    # A new position shows on every page, including the one without directives,
    # which is written again without being read again.
    profile = src / "profile.yaml"
    profile.write_text(profile.read_text().replace("position: Fellow", "position: Professor"))
    later = time.time() + 5
    os.utime(profile, (later, later))
    _, warnings, read = build(src, tmp_path / "build")
    assert warnings == ""
    assert sorted(read) == ["index", "paper", "paper-md"]
    assert '<p class="cv-author-position">Professor &lt;/script&gt;' in plain.read_text()


def test_parallel_build_equals_serial(tmp_path: Path) -> None:
    src = copy_root(tmp_path)
    serial, _, _ = build(src, tmp_path / "serial")
    from sphinx.cmd.build import build_main

    assert (
        build_main(
            [
                "-q",
                "-j",
                "2",
                "-b",
                "html",
                str(src),
                str(tmp_path / "par"),
                "-d",
                str(tmp_path / "par-doctrees"),
            ]
        )
        == 0
    )
    for name in ("index", "paper", "paper-md", "plain"):
        assert page(serial, name) == page(tmp_path / "par", name), name


# -- nothing from another host ------------------------------------------------------------

# What a browser loads by itself: these attributes, <link> relations and CSS url()/@import.
_LOADING_ATTRS = {
    "img": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "track": ("src",),
}
_LOADING_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "preload",
    "prefetch",
    "modulepreload",
    "manifest",
    "preconnect",
    "dns-prefetch",
    "prerender",
}
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")
_JS_URL = re.compile(r"""["'`]((?:https?:)?//[^"'`\s]+)""")


# XML namespace names look like URLs but are never fetched.
_NAMESPACES = {
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1999/xhtml",
    "http://www.w3.org/1999/xlink",
}


def remote(url: str) -> bool:
    return bool(re.match(r"(?:https?:)?//", url.strip(), re.I)) and url not in _NAMESPACES


def loaded_urls(out: Path) -> list[tuple[str, str]]:
    """(file, URL) of everything the pages would make a browser fetch."""
    found = []
    for path in sorted(out.rglob("*")):
        rel = str(path.relative_to(out))
        if path.suffix == ".html":
            text = path.read_text(encoding="utf8")
            tags = parse(text)
            for tag, attrs in tags.tags:
                names = _LOADING_ATTRS.get(tag, ())
                if tag == "link" and set(attrs.get("rel", "").lower().split()) & _LOADING_RELS:
                    names = ("href",)
                for name in names:
                    for part in attrs.get(name, "").split(","):
                        if part.strip():
                            found.append((rel, part.strip().split()[0]))
                found += [
                    (rel, m.group(1) or m.group(2))
                    for m in _CSS_URL.finditer(attrs.get("style", ""))
                ]
            for m in re.finditer(r"<style[^>]*>(.*?)</style>", text, re.S):
                found += [(rel, u.group(1) or u.group(2)) for u in _CSS_URL.finditer(m.group(1))]
        elif path.suffix == ".css":
            found += [
                (rel, m.group(1) or m.group(2))
                for m in _CSS_URL.finditer(path.read_text(encoding="utf8"))
            ]
        elif path.suffix == ".js" and path.name != "searchindex.js":
            found += [(rel, m.group(1)) for m in _JS_URL.finditer(path.read_text(encoding="utf8"))]
    return found


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("example")
    out, warnings, _ = build(REPO / "example_site", tmp)
    assert warnings == ""
    return out


def test_the_checker_sees_remote_loads(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        '<link rel="stylesheet" href="https://cdn.example.com/x.css">'
        '<link rel="canonical" href="https://me.example.org/">'
        '<img src="//img.example.com/a.png"><a href="https://scholar.example.com/">x</a>'
        '<style>@import "https://fonts.example.com/f.css";</style>'
    )
    (tmp_path / "b.css").write_text("body{background:url('https://img.example.com/b.png')}")
    (tmp_path / "c.js").write_text('fetch("https://api.example.com/x")')
    assert sorted(u for _, u in loaded_urls(tmp_path) if remote(u)) == [
        "//img.example.com/a.png",
        "https://api.example.com/x",
        "https://cdn.example.com/x.css",
        "https://fonts.example.com/f.css",
        "https://img.example.com/b.png",
    ]


def test_no_page_loads_anything_from_another_host(example_site: Path) -> None:
    urls = loaded_urls(example_site)
    assert any(u.startswith("_static/sphinx-cv-theme.css") for _, u in urls)
    assert [(f, u) for f, u in urls if remote(u)] == []
    # Links the visitor may click are fine, and the example has some.
    assert "https://scholar.google.com/" in page(example_site, "index")


# -- head helpers -------------------------------------------------------------------------


def test_script_json_round_trips_any_text() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from sphinx_cv.theme.head import script_json

    @settings(max_examples=300, deadline=None)
    @given(st.text())
    def check(text: str) -> None:
        out = script_json({"name": text, "list": [text]})
        assert not re.search(r"[<>&\u2028\u2029]", out)
        assert json.loads(out) == {"name": text, "list": [text]}

    check()


def test_citation_meta_by_type() -> None:
    from sphinx_cv.data.publication import Publication
    from sphinx_cv.theme.head import citation_meta

    def meta(**fields: Any) -> list[tuple[str, str]]:
        return citation_meta(Publication(**fields), lambda u: "https://x.org" + u)

    thesis = meta(
        id="t", type="thesis", title="On *Looms*", authors=["A B"], venue="UoL", year=2020
    )
    assert thesis == [
        ("citation_title", "On Looms"),
        ("citation_author", "A B"),
        ("citation_publication_date", "2020"),
        ("citation_dissertation_institution", "UoL"),
    ]
    report = meta(
        id="r",
        type="report",
        title="R",
        venue="Lab",
        number="TR-7",
        doi="https://doi.org/10.1/x",
        pdf="/r.pdf",
        authors=["A", "et al."],
    )
    assert report == [
        ("citation_title", "R"),
        ("citation_author", "A"),
        ("citation_technical_report_institution", "Lab"),
        ("citation_technical_report_number", "TR-7"),
        ("citation_doi", "10.1/x"),
        ("citation_pdf_url", "https://x.org/r.pdf"),
    ]


def test_shorten_and_initials() -> None:
    from sphinx_cv.theme.head import initials, shorten

    assert shorten("a " * 10, 9) == "a a a a…"
    assert shorten("short", 9) == "short"
    assert initials("Qingyu Song") == "QS"
    assert initials("Jean-Luc van der Berg") == "JB"
    assert initials("Plato") == "P"
    assert initials("") == "?"


def test_addresses_wrap_at_their_joints() -> None:
    from sphinx_cv.theme.context import wrap_parts

    assert wrap_parts("first.last@mail.example.org") == ["first.last@", "mail.example.org"]
    assert wrap_parts("people.example.org/~ada") == ["people", ".example", ".org/", "~ada"]
    assert wrap_parts("Google Scholar") == ["Google Scholar"]


def test_option_parsing() -> None:
    from sphinx_cv.theme.options import parse_options

    said: list[str] = []
    opts = parse_options(
        {
            "theme_accent_color": "oklch(60% 0.15 250)",
            "theme_profile_links": "Google Scholar, e-mail",
            "theme_nav_items": "index, CV=cv, https://x.org",
            "theme_profile_sidebar": "false",
        },
        said.append,
    )
    assert said == []
    assert opts.accent_color == "oklch(60% 0.15 250)"
    assert opts.profile_links == ["scholar", "email"]
    assert opts.nav_items == [(None, "index"), ("CV", "cv"), (None, "https://x.org")]
    assert opts.profile_sidebar is False
    assert parse_options({}).avatar_shape == "circle"
    parse_options(
        {"nav_items": [3], "profile_links": 5, "analytics_data": {"Bad Key": 1}}, said.append
    )
    assert len(said) == 3


# -- packaging ----------------------------------------------------------------------------


def test_wheel_ships_the_theme(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, src / name)
    shutil.copytree(
        REPO / "sphinx_cv", src / "sphinx_cv", ignore=shutil.ignore_patterns("__pycache__")
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "-w",
            str(tmp_path / "dist"),
            str(src),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    wheel = next((tmp_path / "dist").glob("sphinx_cv-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    theme = REPO / "sphinx_cv" / "theme" / "sphinx_cv"
    for path in theme.rglob("*"):
        if path.is_file():
            assert f"sphinx_cv/theme/sphinx_cv/{path.relative_to(theme).as_posix()}" in names
