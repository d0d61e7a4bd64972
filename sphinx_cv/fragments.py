"""Each publication rendered to HTML once, and its HTML reused while nothing it shows
changed.

A page listing thousands of publications is read again whenever one of them changes,
and every entry was built, transformed, pickled, resolved and written again, though
all but one came out as before. The HTML builders (``html``, ``dirhtml``,
``singlehtml``, ``epub``: the builders of format ``html``) keep the HTML of each entry
beside the doctrees, keyed by a digest of everything that decides it (:class:`ListKeys`):
the publication, its label and anchor, the list's options and style, the configuration,
the co-author links, its metrics and thumbnail, the page, the builder and its HTML
settings, and the versions of sphinx-cv, Sphinx, docutils and Pygments.

When the directive finds an entry's key in the cache it puts a placeholder in its place:
a bare list item with the entry's anchor and one paragraph of the entry's words, which
Sphinx's search index reads as it read the entry. The translator writes the cached HTML
for it (:func:`visit_list_item_html`). An entry built in full is marked with its key and
its HTML is kept when it is written. Only an entry that no read transform touches is
cached (:mod:`sphinx_cv.setaside`): the entry built again from the profile is then the
entry that was read.

Every other builder, or an HTML build that finds an entry's HTML missing (another
builder read the doctrees, the cache file was deleted), builds the real entry again in
place of the placeholder (:class:`ExpandCachedEntries`), before any other
post-transform: its output is the same as without the cache.

docutils writes ``<ul class="simple">`` when every item of a list is a single paragraph,
so a placeholder has the same shape: one paragraph, or two when its entry has more.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from . import __version__
from .config import get_config
from .data.files import write_atomically
from .setaside import PLACEHOLDER, inert_but_for_quotes, mark_for_html
from .smartquotes import mark_plain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

    from .config import CvConfig
    from .data.profile import Profile
    from .data.publication import Publication
    from .directives.pubentry import EntryMaker
    from .directives.publications import PublicationList

FILE = "sphinx-cv-fragments.jsonl"
"""A line of JSON saying the format, then one line per entry: [key, html, words, single
paragraph]; a later line for a key stands over an earlier one."""
FORMAT = 2
"""The cache file's format; a file of another is ignored."""

# Python attributes (kept with the pickled doctree, never written out):
_MARK = "cv_fragment"
"""On an entry built in full: (key, writer context) to keep its HTML under."""
_CACHED = PLACEHOLDER
"""The attribute of a placeholder (a node attribute: Sphinx copies a page for LaTeX,
singlehtml and texinfo, and a copy keeps only those): (writer context, recipe,
[(key, publication id, number, label, anchor) of each entry it stands for]); the
recipe, (directive options, numbered, whether smart quotes were applied to the page),
builds the entries again."""
_START = "cv_fragment_start"
_KEYS = "cv_fragment_keys"
"""On the environment: docname -> the keys its lists use."""
_HELD = "cv_fragment_placeholders"
"""On the environment: the documents holding placeholders (no other page is walked)."""

Fragment = list[Any]
"""[html, the entry's words, whether the entry is a single paragraph]."""


def _digest(*parts: object) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(repr(part).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


class FragmentCache:
    """The entries' HTML kept beside the doctrees, for one HTML builder's build."""

    def __init__(
        self, folder: Path, context: str, frags: dict[str, Fragment], appendable: bool
    ) -> None:
        self.folder = folder
        self.appendable = appendable
        """Whether the file holds this format: new entries can be added at its end."""
        self.context = context
        """What the builder and its settings add to every key (:func:`writer_context`)."""
        self.frags = frags
        self.new: dict[str, Fragment] = {}
        """Written in this process since the last save."""
        self.pid = os.getpid()
        self.worker_file = ""
        self.hits = 0
        """Entries left as placeholders by this process's reads."""
        self.stored = 0
        """Entries whose HTML this process wrote and kept anew."""
        self._pubs: dict[int, tuple[Publication, str]] = {}
        self.split: Callable[[str], list[str]] | None = None
        """How an entry's text is split into the words kept for the search index: as
        the index splits it when its language splits words apart from their
        neighbours (:func:`_word_splitter`), else by text node."""

    @classmethod
    def load(cls, folder: Path, context: str) -> FragmentCache:
        """The cache saved in ``folder``; empty when the file is missing, unreadable or
        of another format. A damaged line (a build stopped while it was written) is
        left out."""
        frags: dict[str, Fragment] = {}
        try:
            lines = (folder / FILE).read_text(encoding="utf-8").split("\n")
            header = json.loads(lines[0])
        except (OSError, ValueError, UnicodeDecodeError):
            return cls(folder, context, frags, appendable=False)
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            return cls(folder, context, frags, appendable=False)
        rows = [line for line in lines[1:] if line]
        # A file that does not end its last line (a build stopped while adding to it)
        # or holds a damaged line is written anew when saved.
        intact = lines[-1] == ""
        try:
            parsed = json.loads("[" + ",".join(rows) + "]")  # one call: much faster
        except ValueError:
            intact = False
            parsed = []
            for line in rows:
                with contextlib.suppress(ValueError):
                    parsed.append(json.loads(line))
        for row in parsed:
            if isinstance(row, list) and len(row) == 4 and _valid(row[1:]):
                frags[row[0]] = row[1:]
            else:
                intact = False
        return cls(folder, context, frags, appendable=intact)

    def pub_digest(self, pub: Publication) -> str:
        """Everything shown of ``pub`` (its fields and ``x-`` extras, not where they
        were written), once per publication read."""
        known = self._pubs.get(id(pub))
        if known is not None and known[0] is pub:
            return known[1]
        digest = _digest(pub, pub.extras)
        self._pubs[id(pub)] = (pub, digest)  # the publication kept: its id stays its own
        return digest

    def put(self, key: str, frag: Fragment) -> None:
        if self.frags.get(key) != frag:  # not a page written again, unread
            self.new[key] = frag
            self.stored += 1

    def flush_worker(self) -> None:
        """In a process forked to write pages in parallel: save what it rendered for
        the main process to take (:meth:`save`)."""
        if os.getpid() == self.pid or not self.new:
            return
        if not self.worker_file:
            self.worker_file = str(self.folder / f"{FILE}.{os.getpid()}-{secrets.token_hex(4)}")
        with contextlib.suppress(OSError):  # else rendered again next time
            write_atomically(self.worker_file, json.dumps(self.new, ensure_ascii=False))

    def save(self, used: set[str]) -> None:
        """Keep the entries ``used`` (the keys of the pages read), with those rendered
        in this build, here or by the processes writing in parallel."""
        for path in glob.glob(glob.escape(str(self.folder / FILE)) + ".*"):
            try:
                with open(path, encoding="utf-8") as fh:
                    data = json.load(fh)
                os.unlink(path)
            except (OSError, ValueError, UnicodeDecodeError):
                continue
            if isinstance(data, dict):
                self.new.update((k, v) for k, v in data.items() if _valid(v))
        added = {k: v for k, v in self.new.items() if k in used and self.frags.get(k) != v}
        self.new = {}
        self.frags.update(added)
        unused = sum(1 for k in self.frags if k not in used)
        path = str(self.folder / FILE)
        try:
            if self.appendable and unused * 4 <= len(self.frags):
                # Few entries unused: the new ones are added at the end (an edit
                # writes a line or two, not the whole file).
                if added:
                    with open(path, "a", encoding="utf-8") as fh:
                        fh.write("".join(_line([k, *v]) for k, v in added.items()))
                return
            self.frags = {k: v for k, v in self.frags.items() if k in used}
            self.folder.mkdir(parents=True, exist_ok=True)
            rows = [_line({"format": FORMAT})]
            rows += [_line([k, *v]) for k, v in self.frags.items()]
            write_atomically(path, "".join(rows))
            self.appendable = True
        except OSError:
            pass  # a read-only build folder: rendered again next time


def _line(value: object) -> str:
    return json.dumps(value, ensure_ascii=False) + "\n"


def _valid(frag: object) -> bool:
    return (
        isinstance(frag, list)
        and len(frag) == 3
        and isinstance(frag[0], str)
        and isinstance(frag[1], str)
        and isinstance(frag[2], bool)
    )


def writer_context(app: Sphinx) -> str | None:
    """What decides an entry's HTML besides the entry: the builder, its translator and
    HTML settings (Sphinx's own digest of them), the language and smart quotes, and the
    versions of the code that writes it. None for a builder that is not HTML."""
    builder = app.builder
    if builder.format != "html":
        return None
    import docutils
    import pygments
    import sphinx

    try:
        translator = app.registry.get_translator_class(builder)
    except Exception:  # a builder without a translator: nothing to keep
        return None
    info = getattr(builder, "build_info", None)
    config = app.config
    settings = app.env.settings
    return _digest(
        FORMAT,
        __version__,
        sphinx.__version__,
        docutils.__version__,
        pygments.__version__,
        builder.name,
        f"{translator.__module__}.{translator.__qualname__}",
        getattr(info, "config_hash", None),
        getattr(info, "tags_hash", None),
        config.language,
        config.smartquotes,
        config.smartquotes_action,
        config.smartquotes_excludes,
        list(config.locale_dirs),
        settings.get("language_code"),
        settings.get("smart_quotes"),
        settings.get("cloak_email_addresses"),
    )


def fragment_cache(config: Any) -> FragmentCache | None:
    cache = get_config(config).store.fragments
    return cache if isinstance(cache, FragmentCache) else None


class ListKeys:
    """The keys of one publication list's entries, and its placeholders."""

    def __init__(self, cache: FragmentCache, directive: PublicationList, base: str) -> None:
        self.cache = cache
        self.base = base
        self.directive = directive
        self.recipe: tuple[dict[str, Any], bool, bool] | None = None
        self.held: list[tuple[tuple[str, str, int, str, str], Fragment]] = []
        self.keys: list[str] = directive.env.__dict__.setdefault(_KEYS, {}).setdefault(
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
        from .render.citation import coauthor_links

        maker = directive.maker
        cv = directive.cv
        base = _digest(
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
        from .web.thumbs import thumbnail

        maker = self.directive.maker
        thumb = thumbnail(maker.cv, pub)
        key = _digest(
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
        env.__dict__.setdefault(_HELD, set()).add(env.docname)
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
        item[_CACHED] = (self.cache.context, self.recipe, [entry for entry, _ in held])
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
        setattr(item, _MARK, (key, self.cache.context))


def _word_splitter(config: Any) -> Callable[[str], list[str]] | None:
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
        if _MARK in item.__dict__ and not (
            isinstance(item, nodes.Element) and inert_but_for_quotes(item)
        ):
            del item.__dict__[_MARK]


def _style_digest(name: str, cv: CvConfig) -> object:
    """The style's name and, for a CSL style, its file's content."""
    name = name.strip()
    if name in ("", "default"):
        return name
    from .render.csl import StyleError, style_path

    try:
        return (name, hashlib.blake2b(Path(style_path(name, cv.confdir)).read_bytes()).hexdigest())
    except (OSError, StyleError):
        return (name, None)


# -- writing -------------------------------------------------------------------------


def visit_list_item_html(self: HTML5Translator, node: nodes.list_item) -> None:
    cached = node.get(_CACHED)
    if cached is not None:
        cache = fragment_cache(self.builder.config)
        if cache is not None:  # else it was built again (ExpandCachedEntries)
            frags = cache.frags
            self.body.append("".join(frags[entry[0]][0] for entry in cached[2]))
            raise nodes.SkipNode
    if _MARK in node.__dict__:
        node.__dict__[_START] = len(self.body)
    type(self).visit_list_item(self, node)


def depart_list_item_html(self: HTML5Translator, node: nodes.list_item) -> None:
    type(self).depart_list_item(self, node)
    start = node.__dict__.pop(_START, None)
    if start is None:
        return
    cache = fragment_cache(self.builder.config)
    key, context = node.__dict__[_MARK]
    if cache is None or context != cache.context:
        return
    html = "".join(self.body[start:])
    if cache.split is None:
        cache.split = _word_splitter(self.builder.config) or str.splitlines
    words = "\n".join(dict.fromkeys(cache.split("\n".join(_texts(node)))))
    cache.put(key, [html, words, _single_paragraph(node)])


def _texts(node: nodes.Element) -> list[str]:
    """The text Sphinx's search index takes from ``node`` (its ``_feed_visit_nodes``),
    in no particular order (the index keeps which pages have a word)."""
    out: list[str] = []
    stack: list[nodes.Node] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, nodes.Text):
            out.append(current)
        elif not isinstance(current, (nodes.comment, nodes.raw)) and (
            "no-search" not in current["classes"]  # type: ignore[index]
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
        if not self.env.__dict__.get(_HELD):
            return  # a cold build, or every page read by another builder
        cache = fragment_cache(self.config)
        makers: dict[int, EntryMaker] = {}
        for bullet in list(self.document.findall(nodes.bullet_list)):
            if not any(_CACHED in getattr(c, "attributes", ()) for c in bullet.children):
                continue
            children: list[nodes.Node] = []
            for item in bullet.children:
                cached = item.get(_CACHED) if isinstance(item, nodes.Element) else None
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
                setattr(real, _MARK, (key, context))  # kept again when written
            reals.append(real)
        return reals

    def maker(self, recipe: tuple[dict[str, Any], bool, bool]) -> EntryMaker:
        from .directives.pubentry import entry_maker

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


# -- events ---------------------------------------------------------------------------


def load_cache(app: Sphinx) -> None:
    cv = get_config(app)
    context = writer_context(app)
    cache = cv.store.fragments
    if context is None:
        cv.store.fragments = None
    elif not isinstance(cache, FragmentCache) or cache.context != context:
        cv.store.fragments = FragmentCache.load(Path(app.doctreedir), context)


def save_cache(app: Sphinx, exception: BaseException | None) -> None:
    cache = fragment_cache(app.config)
    if cache is None or exception is not None or os.getpid() != cache.pid:
        return
    env = app.env
    keys: dict[str, list[str]] = env.__dict__.get(_KEYS, {})
    used = {k for doc, doc_keys in keys.items() if doc in env.all_docs for k in doc_keys}
    cache.save(used)


def flush_worker(app: Sphinx, *args: object) -> None:
    cache = fragment_cache(app.config)
    if cache is not None:
        cache.flush_worker()


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    env.__dict__.get(_KEYS, {}).pop(docname, None)
    env.__dict__.get(_HELD, set()).discard(docname)


def merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    theirs = other.__dict__.get(_KEYS, {})
    ours = env.__dict__.setdefault(_KEYS, {})
    for doc in docnames:
        if doc in theirs:
            ours[doc] = theirs[doc]
    held = other.__dict__.get(_HELD, set()) & docnames
    if held:
        env.__dict__.setdefault(_HELD, set()).update(held)


def setup_fragments(app: Sphinx) -> None:
    # The list item's own HTML visitors (the translator's, called by class) run for
    # every other item.
    app.add_node(nodes.list_item, override=True, html=(visit_list_item_html, depart_list_item_html))
    app.add_post_transform(ExpandCachedEntries)
    app.connect("builder-inited", load_cache)
    app.connect("build-finished", save_cache)
    app.connect("html-page-context", flush_worker)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
