"""``atom.xml``: the profile's news (and other dated sections the site names) as an
Atom 1.0 feed at the site root, announced in the ``<head>`` of every page.

:func:`atom_feed` is pure (records in, XML bytes out) and builds the document with
:mod:`xml.etree.ElementTree`, so every piece of profile text is escaped by the
serializer. The Sphinx side collects the entries, renders their text through the HTML
builder (nodes, never strings) and writes the file when the build is done.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast
from urllib.parse import urljoin

from docutils import nodes

from ..config import get_config
from ..data.dates import CvDate
from ..data.linklist import entry_links
from ..data.problems import Subtype
from ..logging_ import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.environment import BuildEnvironment

    from ..data.profile import Profile

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_FILE = "atom.xml"
FEED_TYPE = "application/atom+xml"
HTML_BUILDERS = ("html", "dirhtml")
"""Builders whose output is a website (not single page, epub or help formats)."""


@dataclass
class FeedEntry:
    key: str
    """Stable within the feed: section, date and a digest of the text."""
    title: str
    updated: dt.datetime
    content_html: str = ""
    link: str | None = None
    categories: list[str] = field(default_factory=list)


def rfc3339(when: dt.datetime) -> str:
    return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def date_of(date: CvDate | None) -> dt.datetime | None:
    """The first moment of a dated entry (UTC); None for undated or free text without
    a year."""
    if date is None or date.present or not date.year:
        return None
    return dt.datetime(date.year, date.month or 1, date.day or 1, tzinfo=dt.timezone.utc)


def entry_key(section: str, date: CvDate | None, text: str) -> str:
    """``news-2025-09-01-<digest of the text>``: the same entry keeps its id."""
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    when = date_of(date)
    return f"{section}-{when.date().isoformat() if when else 'undated'}-{digest}"


def atom_feed(
    *,
    title: str,
    base_url: str,
    feed_url: str,
    author: str | None,
    entries: list[FeedEntry],
    updated: dt.datetime,
    subtitle: str = "",
) -> bytes:
    """An Atom 1.0 document (RFC 4287): ids and links are absolute against
    ``base_url``; entries newest first."""
    ET.register_namespace("", ATOM_NS)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    sub(feed, "id", feed_url)
    sub(feed, "title", title or base_url)
    if subtitle:
        sub(feed, "subtitle", subtitle)
    sub(feed, "updated", rfc3339(updated))
    sub(feed, "link", rel="self", type=FEED_TYPE, href=feed_url)
    sub(feed, "link", rel="alternate", type="text/html", href=base_url)
    if author:
        sub(sub(feed, "author"), "name", author)
    sub(feed, "generator", "sphinx-cv")
    for entry in sorted(entries, key=lambda e: (e.updated, e.key), reverse=True):
        item = sub(feed, "entry")
        sub(item, "id", urljoin(feed_url, "#" + entry.key))
        sub(item, "title", entry.title)
        sub(item, "updated", rfc3339(entry.updated))
        sub(
            item,
            "link",
            rel="alternate",
            type="text/html",
            href=urljoin(base_url, entry.link) if entry.link else base_url,
        )
        for term in entry.categories:
            sub(item, "category", term=term)
        if entry.content_html:
            content = sub(item, "content", entry.content_html, type="html")
            content.set("xml:base", base_url)
    ET.indent(feed)
    data: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


# -- Sphinx ---------------------------------------------------------------------------------


def app_of(env: BuildEnvironment) -> Sphinx:
    """The application of a transform's environment (``env.app`` before Sphinx 8.1,
    ``env._app`` after; ``SphinxTransform.app`` is deprecated in Sphinx 9)."""
    app: Sphinx | None = getattr(env, "_app", None)
    return app if app is not None else env.app


def site_url(app: Sphinx) -> str | None:
    """``html_baseurl`` with a trailing slash, or None when the site has none."""
    base = (app.config.html_baseurl or "").strip()
    if not base:
        return None
    return base if base.endswith("/") else base + "/"


def feed_enabled(app: Sphinx) -> bool:
    return get_config(app).feed and app.builder.name in HTML_BUILDERS and site_url(app) is not None


def check_feed_config(app: Sphinx) -> None:
    cv = get_config(app)
    if cv.feed and app.builder.name in HTML_BUILDERS and site_url(app) is None:
        warn(
            "cv_feed needs html_baseurl (the feed's links must be absolute); no atom.xml "
            "is written",
            Subtype.CONFIG,
        )


def announce_feed(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, object],
    doctree: nodes.document | None,
) -> None:
    """``<link rel="alternate">`` in every page's head, under any theme."""
    if not feed_enabled(app):
        return
    base = site_url(app)
    assert base is not None
    title = str(context.get("docstitle") or app.config.project or "News")
    tag = (
        f'\n<link rel="alternate" type="{FEED_TYPE}" title="{html.escape(title)}" '
        f'href="{html.escape(urljoin(base, FEED_FILE))}" />'
    )
    context["metatags"] = str(context.get("metatags") or "") + tag


def feed_entries(app: Sphinx) -> tuple[list[FeedEntry], Profile | None]:
    """The entries of the configured sections, and the profile (or None)."""
    from ..directives.timeline import headline
    from ..domain import load_profile_once
    from ..render.text import inline_nodes, joined, link

    cv = get_config(app)
    if not os.path.exists(cv.profile_path):
        return [], None
    profile = load_profile_once(cv).profile
    fallback = date_of(profile.updated) or dt.datetime.fromtimestamp(
        int(os.path.getmtime(cv.profile_path)), dt.timezone.utc
    )
    entries: list[FeedEntry] = []
    for section in cv.feed_sections:
        records = profile.section(section)
        if records is None:
            warn(f"cv_feed_sections: no section {section!r} in the profile", Subtype.CONFIG)
            continue
        for record in records:
            head = headline(record).head
            title = " ".join(nodes.paragraph("", "", *head).astext().split())
            if not title:
                continue
            start, end = record.when
            date = end if end is not None and not end.present else start
            body = nodes.container()
            body += nodes.paragraph("", "", *head)
            if record.summary:
                body += nodes.paragraph("", "", *inline_nodes(record.summary))
            if record.highlights:
                bullets = nodes.bullet_list()
                for text in record.highlights:
                    bullets += nodes.list_item("", nodes.paragraph("", "", *inline_nodes(text)))
                body += bullets
            links = entry_links(record)
            if links:
                body += nodes.paragraph(
                    "", "", *joined([link(item.label, item.url) for item in links], " · ")
                )
            entries.append(
                FeedEntry(
                    key=entry_key(section, date, title),
                    title=title,
                    updated=date_of(date) or date_of(start) or fallback,
                    content_html=render_html(app, body),
                    link=record.url or None,
                    categories=[section],
                )
            )
    return entries, profile


def render_html(app: Sphinx, node: nodes.Element) -> str:
    """Nodes as an HTML fragment, through the builder's own writer (which escapes)."""
    # Only HTML builds render pages and feeds (see feed_enabled and pages_enabled).
    builder = cast("StandaloneHTMLBuilder", app.builder)
    # The HTML writer numbers titles from the page being written (set per document by
    # write_doc): none is on a rebuild that writes no document, and a generated page's
    # sections are never numbered.
    saved = {
        name: getattr(builder, name)
        for name in ("fignumbers", "secnumbers")
        if hasattr(builder, name)
    }
    builder.fignumbers, builder.secnumbers = {}, {}
    try:
        parts = builder.render_partial(node)
    finally:
        for name in ("fignumbers", "secnumbers"):
            if name in saved:
                setattr(builder, name, saved[name])
            else:
                delattr(builder, name)
    return str(parts["fragment"]).strip()


def write_feed(app: Sphinx, exception: BaseException | None) -> None:
    from .stamp import note_output, unchanged

    if exception is not None or not feed_enabled(app) or unchanged(app):
        return
    base = site_url(app)
    assert base is not None
    entries, profile = feed_entries(app)
    person = profile.person if profile is not None else None
    updated = max((e.updated for e in entries), default=None) or dt.datetime(
        1970, 1, 1, tzinfo=dt.timezone.utc
    )
    data = atom_feed(
        title=str(app.config.html_title or app.config.project or ""),
        base_url=base,
        feed_url=urljoin(base, FEED_FILE),
        author=person.name if person is not None else None,
        entries=entries,
        updated=updated,
    )
    with open(os.path.join(app.outdir, FEED_FILE), "wb") as fh:
        fh.write(data)
    note_output(app, FEED_FILE)


def setup_feed(app: Sphinx) -> None:
    app.connect("builder-inited", check_feed_config)
    app.connect("html-page-context", announce_feed)
    app.connect("build-finished", write_feed)
