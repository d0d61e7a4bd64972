"""Browsing publications on the web: the filter box above a list (and the small script
it needs, loaded only on pages that have one), and long author lists collapsed to their
first names and the owner's, expandable without JavaScript (``<details>``).

The directive marks what it knows (the filter's choices, a long author list); the
HTML-only post-transform here reshapes the entry, so the CV keeps every author.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.utils.smartquotes import educate_tokens
from sphinx.transforms import SphinxSmartQuotes, SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..data.authors import AuthorName
from ..data.publication import Publication
from ..locale import cv_text
from ..nodes import cv_details, cv_filter, cv_summary
from ..render.citation import author_nodes, author_notes, author_url, name_key

if TYPE_CHECKING:
    from sphinx.application import Sphinx

FILTER_SCRIPT = "sphinx-cv-filter.js"
NAMES_ATTR = "cv_names"
OWN_ATTR = "cv_own"
_HAS_FILTER = "cv_has_filter"
"""On a document: whether it has a filter box (a Python attribute, kept with it)."""
SHOWN = 6
"""Names a collapsed list shows: the first ones, and the owner's wherever it stands."""


def tag_slug(tag: str) -> str:
    return nodes.make_id(tag) or "tag"


def filter_box(pubs: list[Publication], target: str, titles: dict[str, str]) -> cv_filter:
    """The filter box for a list showing ``pubs``: its years (newest first), types and
    topics, as they occur."""
    years = sorted({p.year for p in pubs if p.year}, reverse=True)
    types = list(dict.fromkeys(p.type for p in pubs if p.type))
    tags: dict[str, str] = {}
    for pub in pubs:
        for tag in pub.tags:
            tags.setdefault(tag_slug(tag), tag)
    choices = {
        "year": [(str(y), str(y)) for y in years],
        "type": [(t, titles.get(t, t)) for t in types],
        "tag": sorted(tags.items(), key=lambda kv: kv[1].lower()),
    }
    return cv_filter(target=target, choices=choices)


def mark_long_authors(
    para: nodes.Element,
    authors: list[str],
    own: set[str],
    link_for: Callable[[str], str | None] = author_url,
) -> None:
    """Note on the entry's author span which names it holds (each with its link, from
    ``link_for``, and notes) and which are the owner's, for
    :class:`CollapseLongAuthorLists`."""
    for span in para.findall(nodes.inline):
        if "cv-pub-authors" in span["classes"]:
            span[NAMES_ATTR] = [_linked(name, link_for(name)) for name in authors]
            span[OWN_ATTR] = [i for i, name in enumerate(authors) if name_key(name) in own]
            return


def _linked(name: str, url: str | None) -> str:
    """``name`` carrying ``url`` (and its notes) for the transform, which has no
    profile to look co-authors up in."""
    return AuthorName(str(name), url, author_notes(name)) if url else name


def shown_indices(count: int, own: list[int], shown: int = SHOWN) -> list[int]:
    """The first ``shown`` names, the last of them given up for the owner's when the
    owner comes later."""
    first = list(range(min(shown, count)))
    later = [i for i in own if i >= shown]
    if later:
        first = first[: shown - 1] + later[:1]
    return first


class CollapseLongAuthorLists(SphinxPostTransform):
    """``A, B, C, D, E, …, Owner, and 35 more`` as the toggle of a ``<details>`` that
    holds the whole list, before the rest of the entry (HTML only)."""

    default_priority = 410
    formats = ("html",)

    def run(self, **kwargs: object) -> None:
        for span in list(self.document.findall(nodes.inline)):
            names = span.get(NAMES_ATTR)
            if names is None:
                continue
            own_idx: list[int] = span.get(OWN_ATTR, [])
            own = {name_key(names[i]) for i in own_idx}
            del span[NAMES_ATTR]
            if OWN_ATTR in span:
                del span[OWN_ATTR]
            para = span.parent
            item = para.parent if para is not None else None
            if not isinstance(item, nodes.list_item):
                continue
            visible = shown_indices(len(names), own_idx)
            summary = cv_summary(classes=["cv-pub-authors"])
            previous = -1
            for n, index in enumerate(visible):
                if n:
                    summary += nodes.Text(", …, " if index != previous + 1 else ", ")
                # No links in the toggle: a link inside <summary> is nested interactive
                # content; the full list in the details links the co-authors.
                summary.extend(author_nodes([names[index]], own))
                previous = index
            more = len(names) - len(visible)
            summary += nodes.Text(cv_text(", and {count} more").format(count=more))
            details = cv_details(classes=["cv-authors"])
            details += summary
            details += nodes.paragraph(
                "", "", *author_nodes(names, own, author_url), classes=["cv-authors-all"]
            )
            # The span and the separator after it leave the paragraph.
            index = para.index(span)
            if index + 1 < len(para) and isinstance(para[index + 1], nodes.Text):
                para.remove(para[index + 1])
            para.remove(span)
            item.insert(item.index(para), details)
            self.smart_quotes(details)

    def smart_quotes(self, root: nodes.Element) -> None:
        """Curly quotes in the names added here as everywhere else on the page (O’Brien):
        Sphinx's SmartQuotes ran before this post-transform."""
        if not SphinxSmartQuotes(self.document, None).is_available():
            return
        language = self.env.settings["language_code"]
        action = self.config.smartquotes_action
        for text in list(root.findall(nodes.Text)):
            if "'" in text or '"' in text:
                educated = "".join(educate_tokens([("plain", str(text))], action, language))
                text.parent.replace(text, nodes.Text(educated))


class NoteFilterBoxes(SphinxTransform):
    """Whether the page has a filter box, noted on the document (saved with it) while
    the publication entries are set aside (:mod:`sphinx_cv.setaside`, priority 799): the
    page's scripts are chosen without a walk of every entry."""

    default_priority = 798

    def apply(self, **kwargs: object) -> None:
        setattr(self.document, _HAS_FILTER, any(True for _ in self.document.findall(cv_filter)))


def add_filter_script(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, object],
    doctree: nodes.document | None,
) -> None:
    """The filter script, on pages that have a filter box only."""
    if doctree is None:
        return
    has = getattr(doctree, _HAS_FILTER, None)
    if has is None:  # not noted (a tree made otherwise): look
        has = any(True for _ in doctree.findall(cv_filter))
    if has:
        app.add_js_file(FILTER_SCRIPT, loading_method="defer")


def setup_browse(app: Sphinx) -> None:
    app.add_transform(NoteFilterBoxes)
    app.add_post_transform(CollapseLongAuthorLists)
    # Before the sphinx_cv theme settles the page's scripts (priority 500).
    app.connect("html-page-context", add_filter_script, priority=450)
