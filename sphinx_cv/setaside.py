"""Publication entries set aside while Sphinx's early read transforms walk the page.

Sphinx and docutils run some forty transforms over every page as it is read, most of
them a walk of the whole tree looking for footnotes, targets, substitutions, messages or
text to translate; on a page of a thousand publications that was a third of the build,
and an entry holds none of those things. An entry of nothing but text, inline markup,
links with their address and sphinx-cv's own blocks (:func:`inert`), whose text smart
quotes would leave as it is (:mod:`sphinx_cv.smartquotes`), is taken out of its list
when the directive has built it and put back in its place by :class:`PutBack`, before
the transforms that may care about it: the link checker's collection (priority 800),
the domains, the ``doctree-read`` event and Sphinx's environment collectors. The tree
that is saved and written is the same as before.

The HTML builder walks each page again to resolve it (references, code languages,
images): those entries step aside once more for its post-transforms
(:class:`SetAsideForHtml`, :class:`PutBackForHtml`), unless one of sphinx-cv's own
needs them, and are back before ``doctree-resolved`` and the writer. Another
extension's transform that should see inside an entry must run after these.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from .nodes import cv_details, cv_summary, cv_thumbnail
from .smartquotes import is_plain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_ITEMS = "cv_set_aside"
"""On a list: its (index, item) pairs set aside."""
_LISTS = "cv_lists_set_aside"
"""On the document: the lists with items set aside."""

_SAVED_LISTS = "cv_publication_lists"
"""On the document, saved with it: every list that had items set aside."""
_HTML = "cv_set_aside_in_html"
"""On an item: set aside while the HTML builder resolves the page too."""

PLACEHOLDER = "cv-cached"
"""The attribute that makes a list item a placeholder (:mod:`.fragments`)."""

_INERT = frozenset(
    {
        nodes.list_item,
        nodes.paragraph,
        nodes.inline,
        nodes.strong,
        nodes.emphasis,
        nodes.literal,
        nodes.subscript,
        nodes.superscript,
        nodes.Text,
        cv_details,
        cv_summary,
        cv_thumbnail,
    }
)


def inert(item: nodes.Element) -> bool:
    """Whether no read transform has anything to do in ``item``: only the node types
    above and links with their address, every block of text plain for smart quotes."""
    return _check(item) is not None


def inert_but_for_quotes(item: nodes.Element) -> bool:
    """Whether only smart quotes may change ``item`` (see :func:`inert`)."""
    return _check(item, quotes=False) is not None


def _check(item: nodes.Element, quotes: bool = True) -> bool | None:
    """None when ``item`` is not inert (``quotes``: nor plain for smart quotes); else
    whether it carries no ``cv_*`` attribute (marks that sphinx-cv's own HTML
    post-transforms act on). One walk for both."""
    unmarked = True
    stack: list[nodes.Node] = [item]  # a plain walk, in no order: see CvDirective.adopt
    while stack:
        node = stack.pop()
        if type(node) is nodes.Text:  # most of an entry; nothing to check
            continue
        if isinstance(node, nodes.reference):
            if not node.get("refuri") or node.get("refname") or node.get("anonymous"):
                return None
        elif type(node) not in _INERT:
            return None
        if isinstance(node, nodes.Element):
            if (
                quotes
                and isinstance(node, nodes.TextElement)
                and not isinstance(node.parent, nodes.TextElement)
                and not is_plain(node)
            ):
                return None
            if unmarked and any(key.startswith("cv_") for key in node.attributes):
                unmarked = False
            stack.extend(node.children)
    return unmarked


def set_aside(bullet: nodes.bullet_list, document: nodes.document) -> None:
    """Take the inert items out of ``bullet`` until :class:`PutBack` runs. Those that
    no HTML post-transform of sphinx-cv's needs (no ``cv_*`` attribute: a long author
    list, a link to the paper's page) are marked to be set aside again while the HTML
    builder resolves the page (:class:`SetAsideForHtml`)."""
    aside = []
    for i, item in enumerate(bullet.children):
        if not isinstance(item, nodes.Element):
            continue
        # A placeholder of sphinx_cv.fragments: inert, unmarked, no walk needed.
        check = True if PLACEHOLDER in item.attributes else _check(item)
        if check is None:
            continue
        aside.append((i, item))
        if check:
            setattr(item, _HTML, True)  # Python attributes: kept with the doctree only
    if not aside:
        return
    _take(bullet, aside, document)
    document.__dict__.setdefault(_SAVED_LISTS, []).append(bullet)


def mark_for_html(item: nodes.Element) -> None:
    """Mark ``item``, put in a list after the page was read, to be set aside while the
    HTML builder resolves the page, as :func:`set_aside` would have."""
    if _check(item) is True:
        setattr(item, _HTML, True)


def _take(
    bullet: nodes.Element, aside: Sequence[tuple[int, nodes.Node]], document: nodes.document
) -> None:
    taken = {id(item) for _, item in aside}
    bullet.children = [c for c in bullet.children if id(c) not in taken]
    setattr(bullet, _ITEMS, aside)
    document.__dict__.setdefault(_LISTS, []).append(bullet)


def put_back(document: nodes.document) -> None:
    for bullet in document.__dict__.pop(_LISTS, ()):
        for i, item in bullet.__dict__.pop(_ITEMS, ()):
            bullet.children.insert(i, item)  # in order of index: each lands where it was


class PutBack(SphinxTransform):
    """The entries set aside go back where they were, before any transform that may
    look into them."""

    default_priority = 799

    def apply(self, **kwargs: Any) -> None:
        put_back(self.document)


class SetAsideForHtml(SphinxPostTransform):
    """While the HTML builder resolves a page (references, code languages, images...),
    the entries set aside when it was read are out of the way again."""

    default_priority = 1  # before every other post-transform
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for bullet in self.document.__dict__.get(_SAVED_LISTS, ()):
            aside = [
                (i, item)
                for i, item in enumerate(bullet.children)
                if getattr(item, _HTML, False) is True
            ]
            if aside:
                _take(bullet, aside, self.document)


class PutBackForHtml(SphinxPostTransform):
    default_priority = 999  # after every other post-transform, before doctree-resolved
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        put_back(self.document)


def setup_setaside(app: Sphinx) -> None:
    app.add_transform(PutBack)
    app.add_post_transform(SetAsideForHtml)
    app.add_post_transform(PutBackForHtml)
