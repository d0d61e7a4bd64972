"""The website features (tests/roots/test-web): the Atom feed, sitemap.xml and
robots.txt, a page per publication, the filter box, collapsed author lists and
"Cited by N", serial and under ``-j 2``."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import build_serial_and_parallel
from test_theme import build, copy_root, parse

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE = "https://ada.example.org/site/"
ROOT = Path(__file__).parent / "roots" / "test-web"
OLD = time.mktime((2020, 1, 1, 12, 0, 0, 0, 0, -1))
TALKS_DAY = time.mktime((2021, 5, 6, 12, 0, 0, 0, 0, -1))


def dated_root(tmp_path: Path) -> Path:
    """The test root with known modification times: every file 2020-01-01, talks.rst
    2021-05-06."""
    src = copy_root(tmp_path, "test-web")
    for path in src.iterdir():
        os.utime(path, (OLD, OLD))
    os.utime(src / "talks.rst", (TALKS_DAY, TALKS_DAY))
    return src


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("web")
    out, warnings, _ = build(dated_root(tmp), tmp / "build")
    assert warnings == ""
    return out


def html_pages(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.html") if "_static" not in p.parts)


def read(path: Path) -> str:
    """A page's HTML, names' no-break spaces as plain ones."""
    return path.read_text(encoding="utf8").replace("\u00a0", " ")


def text_of(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


# -- the feed --------------------------------------------------------------------------------


def test_feed_is_atom_1_0(site: Path) -> None:
    feed = ET.parse(site / "atom.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    # RFC 4287 4.1.1: a feed has exactly one id, title and updated, and an author (or
    # every entry has one).
    for tag in ("id", "title", "updated", "author"):
        assert len(feed.findall(f"{ATOM}{tag}")) == 1, tag
    self_link = [e for e in feed.findall(f"{ATOM}link") if e.get("rel") == "self"]
    assert [e.get("href") for e in self_link] == [BASE + "atom.xml"]
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 6  # three news items, three talks
    ids, dates = [], []
    for entry in entries:
        for tag in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{tag}")) == 1, tag
        ids.append(entry.findtext(f"{ATOM}id"))
        dates.append(
            dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated", "").replace("Z", "+00:00"))
        )
        link = entry.find(f"{ATOM}link")
        assert link is not None and urlsplit(link.get("href", "")).scheme == "https"
    assert len(set(ids)) == len(ids)
    assert all(urlsplit(i or "").scheme == "https" for i in ids)
    assert dates == sorted(dates, reverse=True)  # newest first
    first = entries[0]
    # Profile text is text, never markup, in the title; the content is escaped HTML.
    assert first.findtext(f"{ATOM}title") == "Our paper on engines was accepted at Verse <&> more."
    content = first.find(f"{ATOM}content")
    assert content is not None and content.get("type") == "html"
    assert "<strong>engines</strong>" in (content.text or "")
    assert "&lt;&amp;&gt; more" in (content.text or "")


def test_feed_is_announced_in_every_page(site: Path) -> None:
    pages = html_pages(site)
    assert len(pages) >= 7  # three documents, three papers, index and search
    for page in pages:
        links = [
            a
            for t, a in parse(page.read_text(encoding="utf8")).tags
            if t == "link" and a.get("rel") == "alternate"
        ]
        assert [(a["type"], a["href"]) for a in links] == [
            ("application/atom+xml", BASE + "atom.xml")
        ], page.name


def test_no_feed_sitemap_or_robots_without_a_base_url(tmp_path: Path) -> None:
    out, warnings, _ = build(copy_root(tmp_path, "test-web"), tmp_path / "build", html_baseurl="")
    for name in ("atom.xml", "sitemap.xml", "robots.txt"):
        assert not (out / name).exists(), name
    assert "cv_feed needs html_baseurl" in warnings
    assert "cv_sitemap needs html_baseurl" in warnings
    assert 'type="application/atom+xml"' not in (out / "index.html").read_text("utf8")


# -- sitemap and robots ----------------------------------------------------------------------


def test_sitemap_lists_every_page_with_lastmod(site: Path) -> None:
    root = ET.parse(site / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset"
    listed = {}
    for url in root.findall(f"{SITEMAP}url"):
        lastmod = url.findtext(f"{SITEMAP}lastmod")
        assert lastmod, url.findtext(f"{SITEMAP}loc")
        listed[url.findtext(f"{SITEMAP}loc")] = dt.date.fromisoformat(lastmod)
    pages = {
        BASE + p.relative_to(site).as_posix()
        for p in html_pages(site)
        if p.name not in ("genindex.html", "search.html")
    }
    assert set(listed) == pages
    # A page's date is its source's, or the profile's when it shows the profile.
    assert listed[BASE + "talks.html"] == dt.date(2021, 5, 6)
    assert listed[BASE + "index.html"] == dt.date(2020, 1, 1)
    assert listed[BASE + "publications/big2024.html"] == dt.date(2020, 1, 1)


def test_robots_names_the_sitemap(site: Path) -> None:
    robots = (site / "robots.txt").read_text(encoding="utf8").splitlines()
    assert "User-agent: *" in robots
    assert f"Sitemap: {BASE}sitemap.xml" in robots


def test_a_robots_txt_of_the_users_is_kept(tmp_path: Path) -> None:
    src = copy_root(tmp_path, "test-web")
    (src / "extra").mkdir()
    (src / "extra" / "robots.txt").write_text("User-agent: *\nDisallow: /\n")
    with open(src / "conf.py", "a", encoding="utf8") as fh:
        fh.write('html_extra_path = ["extra"]\n')
    out, warnings, _ = build(src, tmp_path / "build")
    assert warnings == ""
    assert (out / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"
    assert (out / "sitemap.xml").exists()


# -- a page per publication ------------------------------------------------------------------


def test_publication_page(site: Path) -> None:
    text = read(site / "publications" / "lovelace1843notes.html")
    tags = parse(text)
    meta = dict(tags.meta())
    assert meta["citation_title"] == 'Notes on the <Analytical> Engine & "more"'
    assert [v for k, v in tags.meta() if k == "citation_author"] == [
        "Ada Lovelace",
        "Charles Babbage",
    ]
    assert meta["citation_doi"] == "10.1000/xyz123"
    abstract = "The engine weaves algebraic patterns </script> & more."
    assert dict(tags.meta("property"))["og:description"] == abstract
    ld = [
        json.loads(body)
        for attrs, body in tags.scripts
        if attrs.get("type") == "application/ld+json"
    ]
    article = next(d for d in ld if d["@type"] == "ScholarlyArticle")
    assert article["headline"] == 'Notes on the <Analytical> Engine & "more"'
    assert article["abstract"] == abstract
    assert [a["name"] for a in article["author"]] == ["Ada Lovelace", "Charles Babbage"]
    assert article["url"] == BASE + "publications/lovelace1843notes.html"
    assert article["sameAs"] == "https://doi.org/10.1000/xyz123"
    # The body: title, authors with co-author links, venue, count, links, abstract, BibTeX.
    assert "<h1>Notes on the &lt;Analytical&gt; Engine &amp; \u201cmore\u201d" in text
    assert 'href="https://babbage.example.org/">Charles Babbage</a>' in text
    assert 'href="../index.html"><strong class="cv-me">Ada Lovelace' in text
    # Quotes and dashes set as in the lists (Sphinx's smartquotes), not in the BibTeX.
    assert "Scientific Memoirs, 3:666\u2013731" in text
    assert "Cited by 42" in text
    assert 'href="https://doi.org/10.1000/xyz123">DOI</a>' in text
    assert "The engine <em>weaves</em> algebraic patterns &lt;/script&gt; &amp; more." in text
    assert "<h2>BibTeX" in text and "lovelace1843notes" in text_of(text)
    assert 'href="../publications.html#pub-lovelace1843notes"' in text


def test_lists_link_titles_to_their_pages(site: Path) -> None:
    text = read(site / "publications.html")
    for pub_id in ("lovelace1843notes", "byron2020", "big2024"):
        assert f'href="publications/{pub_id}.html"' in text, pub_id
        assert (site / "publications" / f"{pub_id}.html").exists()


def test_no_pages_unless_asked(tmp_path: Path) -> None:
    out, warnings, _ = build(
        copy_root(tmp_path, "test-web"), tmp_path / "build", cv_publication_pages=False
    )
    assert warnings == ""
    assert not (out / "publications").exists()
    assert "cv-pub-page" not in read(out / "publications.html")


# -- browsing --------------------------------------------------------------------------------


def test_filter_box_and_everything_visible_without_js(site: Path) -> None:
    text = read(site / "publications.html")
    tags = parse(text).tags
    forms = [a for t, a in tags if t == "form" and "cv-filter" in a.get("class", "")]
    assert len(forms) == 1
    # Hidden until the script shows it: without JS there is no dead box, and no entry
    # is hidden.
    assert "hidden" in forms[0]
    target = forms[0]["data-cv-target"]
    assert any(a.get("id") == target for _, a in tags)
    entries = [a for t, a in tags if t == "li" and "cv-pub" in a.get("class", "").split()]
    assert len(entries) == 3 and not any("hidden" in a for a in entries)
    selects = {a["name"] for t, a in tags if t == "select"}
    assert selects == {"year", "type", "tag"}
    assert "cv-year-1843" in text and "cv-tag-engines" in text
    scripts = [a["src"] for t, a in tags if t == "script" and "src" in a]
    assert any("sphinx-cv-filter.js" in s for s in scripts)
    # The script is loaded only where there is a box.
    assert "sphinx-cv-filter.js" not in (site / "talks.html").read_text(encoding="utf8")


def test_long_author_list_collapsed_with_the_owner_shown(site: Path) -> None:
    text = read(site / "publications.html")
    entry = text[text.index('id="pub-big2024"') :]
    entry = entry[: entry.index("</li>")]
    summary = entry[entry.index("<summary>") : entry.index("</summary>")]
    assert '<strong class="cv-me">Ada Lovelace</strong>' in summary
    assert text_of(summary).endswith("and 35 more")
    assert "Grace Hopper" in summary and "Member16" not in summary
    full = entry[entry.index('class="cv-authors-all"') :]
    assert "Member16 Consortium16" in full and "Coauthor19 Person19" in full
    # Short lists stay as they are.
    byron = text[text.index('id="pub-byron2020"') :]
    assert "<details" not in byron[: byron.index("</li>")].split("cv-abstract")[0]


def test_the_cv_keeps_every_author_and_no_counts(tmp_path: Path) -> None:
    out, warnings, _ = build(copy_root(tmp_path, "test-web"), tmp_path / "build", "text")
    assert warnings == ""
    text = " ".join(read(out / "publications.txt").split())
    assert "Member16 Consortium16" in text and "and 35 more" not in text
    assert "Cited by" not in text and "h-index" not in text


def test_counts_in_the_cv_when_asked(tmp_path: Path) -> None:
    out, warnings, _ = build(
        copy_root(tmp_path, "test-web"), tmp_path / "build", "text", cv_citations_in_cv=True
    )
    assert warnings == ""
    text = (out / "publications.txt").read_text(encoding="utf8")
    assert "Cited by 42" in text and "Cited by 7" in text and "h-index" in text


# -- citation counts -------------------------------------------------------------------------


def test_cited_by_and_totals_on_the_web(site: Path) -> None:
    text = read(site / "publications.html")
    for count in (42, 7, 3):
        assert f'<span class="cv-cited-by">Cited by {count}</span>' in text
    box = text[text.index('class="cv-metrics') :]
    box = text_of(box[: box.index("</div>")])
    assert "52 Citations" in box and "3 h-index" in box and "3 Papers counted" in box
    assert "OpenAlex, manual" in box and "2025-09-10" in box


def test_no_counts_without_metrics_yaml(tmp_path: Path) -> None:
    src = copy_root(tmp_path, "test-web")
    (src / "metrics.yaml").unlink()
    out, warnings, _ = build(src, tmp_path / "build")
    assert warnings == ""
    text = read(out / "publications.html")
    assert "Cited by" not in text and "cv-metrics" not in text


def test_a_bad_metrics_file_is_reported_with_its_line(tmp_path: Path) -> None:
    src = copy_root(tmp_path, "test-web")
    (src / "metrics.yaml").write_text(
        "lovelace1843notes: {citations: 42}\nbyron2020: {citations: many}\n"
    )
    out, warnings, _ = build(src, tmp_path / "build")
    assert re.search(
        r"metrics\.yaml:2:\d+: WARNING: byron2020\.citations: bad citation count", warnings
    ), warnings
    assert warnings.count("bad citation count") == 1  # told once per build
    text = read(out / "publications.html")
    assert "Cited by 42" in text and "Cited by 7" not in text


def test_editing_metrics_rereads_the_pages_with_lists(tmp_path: Path) -> None:
    src = copy_root(tmp_path, "test-web")
    build(src, tmp_path / "build")
    metrics = src / "metrics.yaml"
    metrics.write_text(metrics.read_text().replace("citations: 42", "citations: 43"))
    future = time.time() + 5
    os.utime(metrics, (future, future))
    out, _, reread = build(src, tmp_path / "build")
    assert reread == ["publications"]
    assert "Cited by 43" in read(out / "publications.html")
    assert "Cited by 43" in (out / "publications" / "lovelace1843notes.html").read_text("utf8")


# -- parallel --------------------------------------------------------------------------------


def test_parallel_output_equals_serial(tmp_path: Path) -> None:
    serial, parallel = build_serial_and_parallel(dated_root(tmp_path), tmp_path)
    outs = {"1": serial, "2": parallel}
    files = [
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        "publications.html",
        "index.html",
        "_images/cv/lovelace1843notes.png",
        *(f"publications/{p.name}" for p in (outs["1"] / "publications").iterdir()),
    ]
    for name in files:
        assert (outs["1"] / name).read_bytes() == (outs["2"] / name).read_bytes(), name


# -- thumbnails ------------------------------------------------------------------------------


def test_thumbnail_in_the_list_and_on_the_page(site: Path) -> None:
    copy = site / "_images" / "cv" / "lovelace1843notes.png"
    assert copy.read_bytes() == (ROOT / "images" / "engine.png").read_bytes()
    for page, src in (
        ("publications.html", "_images/cv/lovelace1843notes.png"),
        ("publications/lovelace1843notes.html", "../_images/cv/lovelace1843notes.png"),
    ):
        imgs = [
            a
            for t, a in parse(read(site / page)).tags
            if t == "img" and "cv-pub-thumb" in a.get("class", "")
        ]
        assert [(a["src"], a["alt"]) for a in imgs] == [(src, "")], page
    text = read(site / "publications.html")
    byron = text[text.index('id="pub-byron2020"') :]
    assert "cv-pub-thumb" not in byron[: byron.index("</li>")]


def test_no_thumbnail_in_the_cv(tmp_path: Path) -> None:
    out, warnings, _ = build(copy_root(tmp_path, "test-web"), tmp_path / "build", "latex")
    assert warnings == ""
    assert not list(out.rglob("*.png"))
    assert "engine.png" not in next(out.glob("*.tex")).read_text(encoding="utf8")


def test_thumbnails_outside_the_site_or_not_images_are_left_out(tmp_path: Path) -> None:
    src = copy_root(tmp_path, "test-web")
    (tmp_path / "secret.png").write_bytes(b"not for the web")
    (src / "notes.txt").write_text("text")
    profile = src / "profile.yaml"
    text = profile.read_text()
    text = text.replace("image: images/engine.png", "image: ../secret.png")
    text = text.replace("    tags: [poetry]\n", "    tags: [poetry]\n    image: notes.txt\n")
    text = text.replace(
        "    abstract: Forty-one people wrote this.\n",
        "    abstract: Forty-one people wrote this.\n    image: https://img.example.org/big.png\n",
    )
    profile.write_text(text)
    out, warnings, _ = build(src, tmp_path / "build")
    assert re.search(
        r"profile\.yaml:\d+:\d+: WARNING: publications\[0\]\.image: image is "
        r"outside the site folder",
        warnings,
    ), warnings
    assert re.search(r"publications\[1\]\.image: image is not an image file", warnings)
    assert warnings.count("WARNING") == 2
    assert not (out / "_images" / "cv").exists()
    page = read(out / "publications.html")
    imgs = [a["src"] for t, a in parse(page).tags if t == "img"]
    assert imgs == ["https://img.example.org/big.png"]  # a URL the profile chose


# -- talks -----------------------------------------------------------------------------------


def test_talks_grouped_by_year_with_their_links(site: Path) -> None:
    text = read(site / "talks.html")
    main = text[text.index("<main") : text.index("</main>")]
    years = re.findall(r'<p class="cv-group-title rubric">(\d{4})</p>', main)
    assert years == ["2025", "2024"]
    first = main[main.index(">2025<") : main.index('<p class="cv-group-title rubric">2024')]
    assert "<strong>Engines &amp; Looms</strong>, Royal Society, London, UK." in first
    assert "On Bernoulli Numbers" in first and "Notes on Notes" not in first
    links = re.findall(r'class="cv-link cv-link-(\w+) reference external" href="([^"]+)"', first)
    assert links == [
        ("slides", "/files/engines-slides.pdf"),
        ("video", "https://video.example.org/engines"),
        ("code", "https://github.com/ada/looms"),
        ("slides", "https://slides.example.org/bernoulli"),
    ]


def test_group_by_year_keeps_undated_entries_last() -> None:
    from sphinx_cv.data.dates import parse_date
    from sphinx_cv.data.entries import Talk
    from sphinx_cv.directives.timeline import group_by_year

    def talk(title: str, date: str | None) -> Talk:
        return Talk(title=title, date=parse_date(date) if date else None)

    talks = [
        talk("a", "2025-03"),
        talk("b", None),
        talk("c", "2025"),
        talk("d", "2023-01-02"),
        talk("e", "Fall term"),
    ]
    groups = [(year, [t.title for t in group]) for year, group in group_by_year(talks)]
    assert groups == [(2025, ["a", "c"]), (2023, ["d"]), (None, ["b", "e"])]


# -- comments --------------------------------------------------------------------------------


def external_scripts(page: Path) -> list[dict[str, str]]:
    return [a for t, a in parse(read(page)).tags if t == "script" and "://" in a.get("src", "")]


def test_nothing_from_another_host_by_default(site: Path) -> None:
    for page in html_pages(site):
        assert external_scripts(page) == [], page.name
        assert "cv-comments" not in read(page)


def test_giscus_comments_on_paper_pages(tmp_path: Path) -> None:
    data = {"repo": "ada/site", "repo-id": "R_1", "category-id": "DIC_2", "theme": "light"}
    out, warnings, _ = build(
        copy_root(tmp_path, "test-web"),
        tmp_path / "build",
        html_theme_options={"comments": "giscus", "comments_data": data},
    )
    assert warnings == ""
    scripts = external_scripts(out / "publications" / "big2024.html")
    assert [s["src"] for s in scripts] == ["https://giscus.app/client.js"]
    assert scripts[0]["data-repo"] == "ada/site" and scripts[0]["data-theme"] == "light"
    assert scripts[0]["data-mapping"] == "pathname"  # a default the options keep
    for name in ("index.html", "publications.html", "talks.html"):
        assert external_scripts(out / name) == [], name


def test_utterances_on_the_pages_named(tmp_path: Path) -> None:
    out, warnings, _ = build(
        copy_root(tmp_path, "test-web"),
        tmp_path / "build",
        html_theme_options={
            "comments": "utterances",
            "comments_data": {"repo": "ada/site"},
            "comments_pages": ["talks"],
        },
    )
    assert warnings == ""
    assert [s["src"] for s in external_scripts(out / "talks.html")] == [
        "https://utteranc.es/client.js"
    ]
    assert external_scripts(out / "publications" / "big2024.html") == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"comments": "disqus"}, "'disqus'; expected one of giscus, utterances"),
        (
            {"comments": "giscus", "comments_data": {"repo": "ada/site"}},
            "giscus needs repo-id, category-id",
        ),
        (
            {"comments": "utterances", "comments_data": {"Repo": "x"}},
            "expected a mapping of data-* attribute names",
        ),
    ],
)
def test_comment_mistakes_are_reported_and_load_nothing(
    tmp_path: Path, options: dict[str, Any], message: str
) -> None:
    out, warnings, _ = build(
        copy_root(tmp_path, "test-web"), tmp_path / "build", html_theme_options=options
    )
    assert message in warnings
    assert external_scripts(out / "publications" / "big2024.html") == []


# -- issue 16, "done when" -------------------------------------------------------------------


def test_a_quickstart_site_with_the_features_switched_on(tmp_path: Path) -> None:
    from clitools import cli

    site = tmp_path / "mysite"
    assert cli("quickstart", site, "--name", "Jane Doe").code == 0
    conf = site / "conf.py"
    text = conf.read_text(encoding="utf8")
    for line in (
        'html_baseurl = "https://you.github.io/"',
        "cv_feed = True",
        "cv_sitemap = True",
        "cv_publication_pages = True",
    ):
        assert f"# {line}\n" in text, line  # shown commented out, ready to switch on
        text = text.replace(f"# {line}\n", f"{line}\n")
    conf.write_text(text, encoding="utf8")
    profile = site / "profile.yaml"
    profile.write_text(
        profile.read_text(encoding="utf8").replace(
            "    selected: true\n", "    selected: true\n    abstract: We show *how* it works.\n"
        ),
        encoding="utf8",
    )
    (site / "metrics.yaml").write_text(
        "doe2025first: {citations: 12, source: OpenAlex, date: 2025-09-10}\n"
    )
    out, warnings, _ = build(site, tmp_path / "build")
    assert warnings == ""
    feed = ET.parse(out / "atom.xml").getroot()
    assert len(feed.findall(f"{ATOM}entry")) == 2  # the two news items
    assert ET.parse(out / "sitemap.xml").getroot().tag == f"{SITEMAP}urlset"
    assert "Sitemap: https://you.github.io/sitemap.xml" in (out / "robots.txt").read_text()
    tags = parse(read(out / "publications" / "doe2025first.html"))
    assert dict(tags.meta())["citation_title"] == "A First Paper Title"
    assert dict(tags.meta("property"))["og:description"] == "We show how it works."
    listing = read(out / "publications.html")
    assert 'class="cv-filter"' in listing and "Cited by 12" in listing


def test_a_rebuild_that_writes_no_document(tmp_path: Path) -> None:
    """Nothing to read or write: the generated pages are rendered all the same (the
    HTML writer's per-document numbering is not there then)."""
    src = copy_root(tmp_path, "test-web")
    out, _, _ = build(src, tmp_path / "build")
    page = out / "publications" / "lovelace1843notes.html"
    first = page.read_bytes()
    page.unlink()
    out, warnings, reread = build(src, tmp_path / "build")
    assert warnings == "" and reread == []
    assert page.read_bytes() == first


def test_a_noop_rebuild_parses_no_profile_and_rewrites_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sphinx_cv.data import loader

    src = copy_root(tmp_path, "test-web")
    out, _, _ = build(src, tmp_path / "build")
    outputs = [
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        "publications/big2024.html",
        "_images/cv/lovelace1843notes.png",
    ]
    before = {name: (out / name).stat().st_mtime_ns for name in outputs}
    parsed: list[object] = []
    real = loader.load_profile

    def counting(*args: Any, **kwargs: Any) -> Any:
        parsed.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(loader, "load_profile", counting)
    time.sleep(0.01)
    out, warnings, reread = build(src, tmp_path / "build")
    assert warnings == "" and reread == [] and parsed == []
    assert {name: (out / name).stat().st_mtime_ns for name in outputs} == before
    # A new thumbnail (same page sources) is copied on the next build.
    image = src / "images" / "engine.png"
    image.write_bytes(image.read_bytes() + b"\0")
    out, warnings, reread = build(src, tmp_path / "build")
    assert reread == [] and len(parsed) == 1
    assert (out / "_images" / "cv" / "lovelace1843notes.png").read_bytes() == image.read_bytes()


def test_page_names_are_safe_and_distinct() -> None:
    from sphinx_cv.web.pubpages import page_slug

    assert page_slug("lovelace1843notes") == "lovelace1843notes"
    odd = ["../etc/passwd", ".hidden", "a b", "a/b", "a:b", "index", "Index", "", "ü"]
    slugs = [page_slug(i) for i in odd]
    assert len(set(slugs)) == len(slugs)
    for slug in slugs:
        assert re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9._-]*", slug), slug
        assert slug.lower() != "index" and ".." not in slug
