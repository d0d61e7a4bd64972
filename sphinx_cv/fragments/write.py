"""Writing placeholders as the HTML kept, keeping the HTML of entries built in full,
and building the entries again where the HTML is not at hand (see
:mod:`sphinx_cv.fragments`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..config import get_config
from ..setaside import mark_for_html
from .keys import word_splitter
from .store import CACHED, HELD, MARK, START, FragmentCache, fragment_cache

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

    from ..directives.pubentry import EntryMaker


def _cache_of(translator: HTML5Translator) -> FragmentCache | None:
    """The cache, looked up once per page written."""
    try:
        return translator.__dict__["_cv_fragments"]
    except KeyError:
        cache = translator.__dict__["_cv_fragments"] = fragment_cache(translator.builder.config)
        return cache


def visit_list_item_html(self: HTML5Translator, node: nodes.list_item) -> None:
    cached = node.get(CACHED)
    if cached is not None:
        cache = _cache_of(self)
        if cache is not None:  # else it was built again (ExpandCachedEntries)
            frags = cache.frags
            self.body.append("".join(frags[entry[0]][0] for entry in cached[2]))
            raise nodes.SkipNode
    if MARK in node.__dict__:
        node.__dict__[START] = len(self.body)
    type(self).visit_list_item(self, node)


def depart_list_item_html(self: HTML5Translator, node: nodes.list_item) -> None:
    type(self).depart_list_item(self, node)
    start = node.__dict__.pop(START, None)
    if start is None:
        return
    cache = _cache_of(self)
    key, context = node.__dict__[MARK]
    if cache is None or context != cache.context:
        return
    html = "".join(self.body[start:])
    if cache.split is None:
        cache.split = word_splitter(self.builder.config) or str.splitlines
    words = "\n".join(dict.fromkeys(cache.split("\n".join(_texts(node)))))
    cache.put(key, [html, words, _single_paragraph(node)])


def _texts(node: nodes.Element) -> list[str]:
    """The text Sphinx's search index takes from ``node`` (its ``_feed_visit_nodes``),
    in no particular order (the index keeps which pages have a word)."""
    out: list[str] = []
    stack: list[nodes.Node] = [node]
    text, skipped = nodes.Text, (nodes.comment, nodes.raw)
    while stack:
        current = stack.pop()
        if isinstance(current, text):
            out.append(current)
        elif not isinstance(current, skipped) and (
            "no-search" not in current.attributes["classes"]  # type: ignore[attr-defined]
        ):
            stack.extend(current.children)
    return out


def _single_paragraph(item: nodes.Element) -> bool:
    """Whether docutils' check of a simple list passes on ``item``: one paragraph
    (things it does not show aside)."""
    shown = [c for c in item.children if not isinstance(c, nodes.Invisible)]
    return len(shown) <= 1 and all(isinstance(c, nodes.paragraph) for c in shown)


class ExpandCachedEntries(SphinxPostTransform):
    """Each placeholder whose HTML this builder does not have becomes its entry again,
    built from the profile as the directive built it, before any other post-transform
    looks into the page."""

    default_priority = 0

    def run(self, **kwargs: Any) -> None:
        if not self.env.__dict__.get(HELD):
            return  # a cold build, or every page read by another builder
        cache = fragment_cache(self.config)
        makers: dict[int, EntryMaker] = {}
        for bullet in list(self.document.findall(nodes.bullet_list)):
            if not any(CACHED in getattr(c, "attributes", ()) for c in bullet.children):
                continue
            children: list[nodes.Node] = []
            for item in bullet.children:
                cached = item.get(CACHED) if isinstance(item, nodes.Element) else None
                if cached is None:
                    children.append(item)
                    continue
                context, recipe, entries = cached
                if (
                    cache is not None
                    and context == cache.context
                    and all(entry[0] in cache.frags for entry in entries)
                ):
                    children.append(item)
                    continue
                if id(recipe) not in makers:
                    makers[id(recipe)] = self.maker(recipe)
                reals = self.expand(makers[id(recipe)], entries, bullet, cache, context)
                children.extend(reals)
                if recipe[2]:
                    for real in reals:
                        educate(real, self.document, self.config.smartquotes_action)
            bullet.children = []
            bullet.extend(children)  # their parent set again

    def expand(
        self,
        maker: EntryMaker,
        entries: list[tuple[str, str, int, str, str]],
        bullet: nodes.bullet_list,
        cache: FragmentCache | None,
        context: str,
    ) -> list[nodes.list_item]:
        """The entries a placeholder stands for, built as the directive built them."""
        by_id = maker.profile.by_id
        reals = []
        for key, pub_id, number, label, anchor in entries:
            pub = by_id.get(pub_id)
            if pub is None:  # the page is read again when its publications change
                continue
            real = maker.entry(pub, number, label, anchor)
            for node in real.findall(nodes.Element):
                node.document = self.document
            real.parent = bullet  # where smart quotes look for the language
            mark_for_html(real)
            if cache is not None and context == cache.context:
                setattr(real, MARK, (key, context))  # kept again when written
            reals.append(real)
        return reals

    def maker(self, recipe: tuple[dict[str, Any], bool, bool]) -> EntryMaker:
        from ..directives.pubentry import entry_maker

        profile = self.env.get_domain("cv").load().profile  # type: ignore[attr-defined]
        options, numbered, _ = recipe
        return entry_maker(get_config(self.config), profile, options, numbered, _quiet, _ignore)


class _OneEntry:
    """What smart quotes see of a page: its settings, and only the one entry."""

    def __init__(self, document: nodes.document, item: nodes.Element) -> None:
        self.settings = document.settings
        self.reporter = document.reporter
        self.item = item

    def findall(self, condition: Any) -> Iterable[nodes.Node]:
        return self.item.findall(condition)


def educate(item: nodes.Element, document: nodes.document, action: str) -> None:
    """Smart quotes over ``item`` (in its place in ``document``), as Sphinx's
    transform applied them to the page when it was read."""
    from docutils.transforms.universal import SmartQuotes
    from sphinx.transforms import SphinxSmartQuotes

    transform = SphinxSmartQuotes(_OneEntry(document, item), None)  # type: ignore[arg-type]
    transform.smartquotes_action = action  # type: ignore[misc]  # as Sphinx's own apply()
    SmartQuotes.apply(transform)  # the availability was decided when it was read


def _quiet(message: str, subtype: object) -> None:
    """The list's warnings were told when the page was read."""


def _ignore(path: str) -> None:
    pass
