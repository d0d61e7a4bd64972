"""The keys of a publication list's entries, and the placeholders of those whose HTML
is kept (see :mod:`sphinx_cv.fragments`)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..setaside import inert_but_for_quotes
from ..smartquotes import mark_plain
from .store import CACHED, HELD, KEYS, MARK, Fragment, FragmentCache, digest, fragment_cache

if TYPE_CHECKING:
    from ..config import CvConfig
    from ..data.profile import Profile
    from ..data.publication import Publication
    from ..directives.publications import PublicationList


class ListKeys:
    """The keys of one publication list's entries, and its placeholders."""

    def __init__(self, cache: FragmentCache, directive: PublicationList, base: str) -> None:
        self.cache = cache
        self.base = base
        self.directive = directive
        self.recipe: tuple[dict[str, Any], bool, bool] | None = None
        self.held: list[tuple[tuple[str, str, int, str, str], Fragment]] = []
        self.keys: list[str] = directive.env.__dict__.setdefault(KEYS, {}).setdefault(
            directive.env.docname, []
        )
        temp = directive.env.temp_data
        self.seen: set[str] = temp.setdefault("cv_search_seen", set())  # type: ignore[assignment]
        """The words already given to the search index by this page's placeholders."""

    @classmethod
    def start(cls, directive: PublicationList, profile: Profile, numbered: bool) -> ListKeys | None:
        """The keys of a list being built, or None when its entries are not cached."""
        cache = fragment_cache(directive.config)
        if cache is None:
            return None
        from ..render.citation import coauthor_links

        maker = directive.maker
        cv = directive.cv
        base = digest(
            cache.context,
            directive.env.docname,
            cv,
            sorted(directive.options.items()),
            numbered,
            maker.names,
            sorted(maker.own),
            _style_digest(str(directive.options.get("style", cv.citation_style)), cv),
            sorted(coauthor_links(profile).items()),
        )
        return cls(cache, directive, base)

    def key(self, pub: Publication, number: int, label: str, anchor: str) -> str:
        from ..web.thumbs import thumbnail

        maker = self.directive.maker
        thumb = thumbnail(maker.cv, pub)
        key = digest(
            self.base,
            self.cache.pub_digest(pub),
            number,
            label,
            anchor,
            maker.metrics.get(pub.id),
            sorted(thumb.attributes.items()) if thumb is not None else None,
        )
        self.keys.append(key)
        return key

    def hold(self, key: str, pub: Publication, number: int, label: str, anchor: str) -> bool:
        """Whether the HTML of this entry is kept: then it waits, with the entries
        kept before it in its list, for :meth:`placeholder`."""
        frag = self.cache.frags.get(key)
        if frag is None:
            return False
        self.held.append(((key, pub.id, number, label, anchor), frag))
        return True

    def placeholder(self) -> nodes.list_item | None:
        """One placeholder for the entries held since the last, or None: a list item
        with the words they give the search index, and as many paragraphs as make
        docutils' check of a simple list come out as for them."""
        if not self.held:
            return None
        held, self.held = self.held, []
        self.cache.hits += len(held)
        env = self.directive.env
        env.__dict__.setdefault(HELD, set()).add(env.docname)
        words = self.new_words("\n".join(frag[1] for _, frag in held))
        para = nodes.paragraph("", "", nodes.Text(words))
        mark_plain(para, always=True)  # words for the index: no smart quotes
        item = nodes.list_item("", para, classes=["cv-pub"])
        if not all(frag[2] for _, frag in held):
            item += nodes.paragraph()  # not a single paragraph: see the module's doc
        if self.recipe is None:
            from sphinx.transforms import SphinxSmartQuotes

            smart = SphinxSmartQuotes(self.directive.state.document, None).is_available()
            self.recipe = (dict(self.directive.options), self.directive.maker.numbered, smart)
        item[CACHED] = (self.cache.context, self.recipe, [entry for entry, _ in held])
        return item

    def new_words(self, words: str) -> str:
        """Those of an entry's ``words`` (one a line, see :func:`search_words`) that
        the search index has not had from this page's placeholders: it keeps which
        pages have a word, so the rest would only cost time."""
        seen = self.seen
        new = [w for w in words.split("\n") if w not in seen]
        seen.update(new)
        return "\n".join(new)

    def mark(self, item: nodes.list_item, key: str) -> None:
        """Keep the HTML of this entry, built in full, when it is written."""
        setattr(item, MARK, (key, self.cache.context))


def word_splitter(config: Any) -> Callable[[str], list[str]] | None:
    """How the search index of this build splits text into words, when it is by a
    regular expression, word by word (Sphinx's default); None for a language whose
    splitter looks at the text around a word (Chinese, Japanese)."""
    from importlib import import_module

    from sphinx.search import SearchLanguage, languages

    lang = getattr(config, "html_search_language", None) or config.language or "en"
    found = languages.get(lang)
    if found is None and "_" in lang:
        found = languages.get(lang.partition("_")[0])
    if found is None:
        from sphinx.search.en import SearchEnglish

        found = SearchEnglish
    if isinstance(found, str):
        module, name = found.rsplit(".", 1)
        found = getattr(import_module(module), name)
    if getattr(found, "split", None) is not SearchLanguage.split:
        return None
    return found._word_re.findall


def unmark(items: Iterable[nodes.Node]) -> None:
    """Entries left in their list while the page is read: not kept when a read
    transform other than smart quotes may change them (see the module's doc)."""
    for item in items:
        if MARK in item.__dict__ and not (
            isinstance(item, nodes.Element) and inert_but_for_quotes(item)
        ):
            del item.__dict__[MARK]


def _style_digest(name: str, cv: CvConfig) -> object:
    """The style's name and, for a CSL style, its file's content."""
    name = name.strip()
    if name in ("", "default"):
        return name
    from ..render.csl import StyleError, style_path

    try:
        return (name, hashlib.blake2b(Path(style_path(name, cv.confdir)).read_bytes()).hexdigest())
    except (OSError, StyleError):
        return (name, None)
