"""A page per publication (``cv_publication_pages = True``): ``publications/<id>.html``
with the title, authors (linked where the profile links them), venue, abstract, links,
BibTeX, citation count, the ``citation_*`` tags Google Scholar reads, OpenGraph and a
schema.org ``ScholarlyArticle``.

The pages are added through ``html-collect-pages`` under the theme's ``page.html``, so
they work with any theme; their body is built as docutils nodes and rendered by the
builder's own HTML writer (which escapes every piece of profile text). Publication
lists link each title to its page through an HTML-only post-transform.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, cast

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..config import get_config
from ..data.profile import Profile
from ..data.publication import Publication
from ..data.pubtypes import pub_type
from ..render.citation import (
    author_nodes,
    author_url,
    coauthor_links,
    name_key,
    notes_legend,
    own_names,
    venue_text,
)
from ..render.text import inline, inline_nodes, link
from .feed import HTML_BUILDERS, app_of, site_url
from .thumbs import thumbnail

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder

    from ..data.yamlsource import JSONValue

PAGES_DIR = "publications"
PAGE_ATTR = "cv_page"
"""Set on a publication title in a list: the page of that publication."""
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def page_slug(pub_id: str) -> str:
    """A file name for ``pub_id``: letters, digits, ``.``, ``_`` and ``-`` only, no
    leading dot (no ``..``, no hidden file), at most 80 characters, never ``index``. An
    id that had to change gets a digest of the original, so two ids never share a page."""
    slug = _UNSAFE.sub("-", pub_id).strip(".-")[:80]
    # "index" would be the folder's own page under dirhtml (publications/ itself).
    if slug != pub_id or not slug or slug.lower() == "index":
        digest = hashlib.sha1(pub_id.encode("utf-8")).hexdigest()[:8]
        slug = f"{slug}-{digest}" if slug else digest
    return slug


def page_names(profile: Profile) -> dict[str, str]:
    """Publication id -> page name (``publications/<slug>``)."""
    return {pub.id: f"{PAGES_DIR}/{page_slug(pub.id)}" for pub in profile.publications}


def pages_enabled(app: Sphinx) -> bool:
    return get_config(app).publication_pages and app.builder.name in HTML_BUILDERS


def _profile(app: Sphinx) -> Profile | None:
    from ..theme.context import load_profile

    return load_profile(get_config(app))


def generated_pages(app: Sphinx) -> list[str]:
    """The page names this build generates, except where a document of that name exists
    (the user's own page for a paper wins)."""
    if not pages_enabled(app):
        return []
    profile = _profile(app)
    if profile is None:
        return []
    return [name for name in page_names(profile).values() if name not in app.env.all_docs]


# -- the page -------------------------------------------------------------------------------


def authors_paragraph(
    pub: Publication, own: set[str], links: dict[str, str], home: str
) -> nodes.paragraph:
    """The authors, the owner's name linked to the homepage and co-authors to the pages
    the profile gives for them."""

    def link_for(name: str) -> str | None:
        key = name_key(name)
        return home if key in own else author_url(name) or links.get(key)

    para = nodes.paragraph(classes=["cv-paper-authors", "cv-pub-authors"])
    para.extend(author_nodes(pub.authors, own, link_for))
    return para


def page_body(
    app: Sphinx,
    profile: Profile,
    pub: Publication,
    pagename: str,
    cited: list[nodes.Node] | None = None,
) -> nodes.section:
    """The page of ``pub`` as nodes."""
    from ..data.bibexport import shown_bibtex

    builder = app.builder
    section = nodes.section(ids=["cv-paper"], classes=["cv-paper"])
    title = pub.title or pub.id
    section += nodes.title("", "", *inline_nodes(title))
    thumb = thumbnail(get_config(app), pub, pagename)
    if thumb is not None:
        section += thumb
    own = own_names(
        [
            *get_config(app).name_variants,
            *((profile.person.name, *profile.person.name_variants) if profile.person else ()),
        ]
    )
    if pub.authors:
        home = builder.get_relative_uri(pagename, app.config.root_doc)
        section += authors_paragraph(pub, own, coauthor_links(profile), home)
        legend = notes_legend([pub])
        if legend is not None:
            section += legend
    venue = venue_text(pub)
    if venue:
        section += nodes.paragraph(
            "", "", inline(venue, "cv-pub-venue"), classes=["cv-paper-venue"]
        )
    extra: list[nodes.Node] = []
    for value, cls in (
        (pub.status, "cv-pub-status"),
        (pub.award, "cv-pub-award"),
        (pub.note, "cv-pub-note"),
    ):
        if value:
            extra += [nodes.Text(" ") if extra else nodes.Text(""), inline(value, cls)]
    if extra:
        section += nodes.paragraph("", "", *extra, classes=["cv-paper-notes"])
    if cited is not None:
        section += nodes.paragraph("", "", *cited, classes=["cv-paper-cited"])
    links = pub.all_links()
    if links:
        para = nodes.paragraph(classes=["cv-paper-links", "cv-pub-links"])
        for i, item in enumerate(links):
            if i:
                para += nodes.Text(" · ")
            para += link(item.label, item.url, "cv-link", f"cv-link-{item.kind}")
        section += para
    if pub.abstract:
        part = _part("Abstract", "cv-abstract")
        part += nodes.paragraph("", "", *inline_nodes(pub.abstract), classes=["cv-paper-abstract"])
        section += part
    if pub.tags:
        section += nodes.paragraph("", "Topics: " + ", ".join(pub.tags), classes=["cv-paper-tags"])
    bibtex = shown_bibtex(pub, get_config(app).bibtex_private_fields)
    part = _part("BibTeX", "cv-bibtex")
    part += nodes.literal_block(bibtex, bibtex, language="bibtex")
    section += part
    listed = _listing_page(app, pub.id)
    if listed is not None:
        docname, anchor = listed
        uri = builder.get_relative_uri(pagename, docname) + "#" + anchor
        section += nodes.paragraph(
            "",
            "",
            nodes.reference("", "All publications", refuri=uri, internal=True),
            classes=["cv-paper-back"],
        )
    return section


def _part(title: str, anchor: str) -> nodes.section:
    part = nodes.section(ids=[anchor], classes=["cv-paper-part"])
    part += nodes.title(title, title)
    return part


def _listing_page(app: Sphinx, pub_id: str) -> tuple[str, str] | None:
    domain = app.env.get_domain("cv")
    for docname in sorted(domain.labels):  # type: ignore[attr-defined]
        found = domain.labels[docname].get(pub_id)  # type: ignore[attr-defined]
        if found is not None:
            return docname, found[1]
    return None


def scholarly_article(pub: Publication, url: str | None) -> dict[str, JSONValue]:
    """schema.org ``ScholarlyArticle`` for the paper's page."""
    from ..theme.head import plain

    data: dict[str, JSONValue] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": plain(pub.title or pub.id),
        "name": plain(pub.title or pub.id),
    }
    authors = [{"@type": "Person", "name": name} for name in pub.authors if name != "et al."]
    if authors:
        data["author"] = authors
    if pub.year:
        data["datePublished"] = str(pub.year) + (f"-{pub.month:02d}" if pub.month else "")
    if pub.venue:
        data["isPartOf"] = {"@type": pub_type(pub.type).schema_part, "name": plain(pub.venue)}
    if pub.abstract:
        data["abstract"] = plain(pub.abstract)
    if pub.tags:
        data["keywords"] = [plain(t) for t in pub.tags]
    if pub.doi:
        doi = re.sub(r"^(?:doi:|https?://(?:dx\.)?doi\.org/)", "", pub.doi.strip(), flags=re.I)
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": doi}
        data["sameAs"] = "https://doi.org/" + doi
    if url:
        data["url"] = url
    return data


def smart_quotes(app: Sphinx, pagename: str, body: nodes.section) -> nodes.section:
    """Quotes and dashes as Sphinx sets them in documents (``smartquotes``), so the
    paper's page reads like the lists: a generated page is never read, and the
    transform runs here on its own."""
    from sphinx.transforms import SphinxSmartQuotes
    from sphinx.util.docutils import new_document

    document = new_document(pagename)
    document.settings.env = app.env
    document.settings.smart_quotes = True
    document.settings.smartquotes_locales = []
    document.settings.language_code = app.env.settings.get("language_code", "en")
    document += body
    SphinxSmartQuotes(document, startnode=None).apply()
    return body


def collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, object], str]]:
    """``html-collect-pages``: one page per publication, under ``page.html``."""
    from ..theme.head import plain, shorten
    from .feed import render_html
    from .metrics import cited_nodes, load_metrics
    from .stamp import note_output, unchanged

    if not pages_enabled(app) or unchanged(app):
        return
    profile = _profile(app)
    if profile is None:
        return
    names = page_names(profile)
    metrics = load_metrics(get_config(app))
    for pub in profile.publications:
        pagename = names[pub.id]
        if pagename in app.env.all_docs:
            continue
        cited = cited_nodes(metrics.get(pub.id))
        body = smart_quotes(app, pagename, page_body(app, profile, pub, pagename, cited))
        meta = {"cv-publication": pub.id}
        if pub.abstract:
            meta["description"] = shorten(plain(pub.abstract), 300)
        context: dict[str, object] = {
            "title": html.escape(plain(pub.title or pub.id)),
            "body": render_html(app, body),
            "meta": meta,
            "display_toc": False,
            "toc": "",
            "sourcename": "",
            "cv_publication_page": pub.id,
        }
        builder = cast("StandaloneHTMLBuilder", app.builder)  # html-collect-pages: HTML
        out = os.path.relpath(str(builder.get_outfilename(pagename)), str(app.outdir))
        note_output(app, out.replace(os.sep, "/"))
        yield pagename, context, "page.html"


def paper_head(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, object],
    doctree: nodes.document | None,
) -> None:
    """On a paper's page: the JSON-LD, and ``og:description`` under themes that write no
    OpenGraph of their own (ours writes it from the page's description)."""
    pub_id = context.get("cv_publication_page")
    if not pub_id or not isinstance(pub_id, str):
        return
    from ..theme.head import script_json

    profile = _profile(app)
    pub = profile.by_id.get(pub_id) if profile is not None else None
    if pub is None:
        return
    base = site_url(app)
    url = base + app.builder.get_target_uri(pagename) if base else None
    tags = ""
    if "theme_avatar_shape" not in context:  # another theme
        meta = context.get("meta")
        description = meta.get("description") if isinstance(meta, dict) else None
        if description:
            tags += (
                f'\n<meta name="description" content="{html.escape(description)}" />'
                f'\n<meta property="og:description" '
                f'content="{html.escape(description)}" />'
            )
        tags += (
            '\n<meta property="og:type" content="article" />'
            f'\n<meta property="og:title" content="{context["title"]}" />'
        )
    tags += (
        f'\n<script type="application/ld+json">{script_json(scholarly_article(pub, url))}</script>'
    )
    context["metatags"] = str(context.get("metatags") or "") + tags


# -- lists link each title to its page -------------------------------------------------------


class LinkTitlesToPages(SphinxPostTransform):
    """A publication title in a list becomes a link to the paper's page (HTML site
    builders only; the CV keeps plain titles)."""

    default_priority = 400
    formats = ("html",)

    def run(self, **kwargs: object) -> None:
        if not get_config(self.config).publication_pages:
            return  # no title was marked (the setting is read with the pages)
        app = app_of(self.env)
        enabled = pages_enabled(app)
        docname = self.env.docname
        for node in list(self.document.findall(nodes.inline)):
            target = node.get(PAGE_ATTR)
            if not target:
                continue
            del node[PAGE_ATTR]
            if not enabled:
                continue
            uri = app.builder.get_relative_uri(docname, target)
            ref = nodes.reference(
                "", "", *node.children, refuri=uri, internal=True, classes=["cv-pub-page"]
            )
            node.children = []
            node += ref


def setup_pubpages(app: Sphinx) -> None:
    app.connect("html-collect-pages", collect_pages)
    app.connect("html-page-context", paper_head)
    app.add_post_transform(LinkTitlesToPages)
