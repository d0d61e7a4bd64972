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

When the directive finds an entry's key in the cache (:mod:`.keys`) it builds nothing
for it: each run of such entries in a list becomes one placeholder, a bare list item
with one paragraph of their words, which Sphinx's search index reads as it read the
entries (each word once a page: the index keeps which pages have a word). The
translator writes the kept HTML for it (:mod:`.write`). An entry built in full is marked
with its key and its HTML is kept when it is written (:mod:`.store`). Only an entry that
no read transform but smart quotes touches is kept (:mod:`sphinx_cv.setaside`): the
entry built again from the profile, and given smart quotes as the page was, is then the
entry that was read.

Every other builder, or an HTML build that finds an entry's HTML missing (another
builder read the doctrees, the cache file was deleted), builds the real entry again in
place of the placeholder (:class:`ExpandCachedEntries`), before any other
post-transform: its output is the same as without the cache.

docutils writes ``<ul class="simple">`` when every item of a list is a single paragraph,
so a placeholder has the same shape: one paragraph, or two when one of its entries has
more.

A build forked to write pages in parallel (``-j``) leaves what its processes rendered in
files the main process adds to the cache when the build finishes. The cache file is
added to, and written anew only when a quarter of its entries are no longer used.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes

from .. import __version__
from ..config import get_config
from .keys import ListKeys, unmark
from .store import FILE, FORMAT, HELD, KEYS, FragmentCache, digest, fragment_cache
from .write import ExpandCachedEntries, depart_list_item_html, visit_list_item_html

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__all__ = ["FILE", "FORMAT", "FragmentCache", "ListKeys", "fragment_cache", "unmark"]


def writer_context(app: Sphinx) -> str | None:
    """What decides an entry's HTML besides the entry: the builder, its translator and
    HTML settings (Sphinx's own digest of them), the extensions loaded, the language and
    smart quotes, and the versions of the code that writes it. None for a builder that
    is not HTML."""
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
    return digest(
        FORMAT,
        __version__,
        sphinx.__version__,
        docutils.__version__,
        pygments.__version__,
        builder.name,
        f"{translator.__module__}.{translator.__qualname__}",
        getattr(info, "config_hash", None),
        getattr(info, "tags_hash", None),
        # Another extension's transform may change an entry: which are loaded, which
        # versions.
        sorted((name, str(ext.version)) for name, ext in app.extensions.items()),
        config.language,
        config.smartquotes,
        config.smartquotes_action,
        config.smartquotes_excludes,
        list(config.locale_dirs),
        settings.get("language_code"),
        settings.get("smart_quotes"),
        settings.get("cloak_email_addresses"),
    )


def load_cache(app: Sphinx) -> None:
    cv = get_config(app)
    context = writer_context(app)
    cache = cv.store.fragments
    if context is None:
        cv.store.fragments = None
    elif not isinstance(cache, FragmentCache) or cache.context != context:
        cv.store.fragments = FragmentCache(Path(app.doctreedir), context)


def read_before_forking(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Read the cache file before pages are read, so that processes reading them in
    parallel do not each read it."""
    cache = fragment_cache(app.config)
    if cache is not None and docnames:
        cache.frags  # noqa: B018 - read now


def save_cache(app: Sphinx, exception: BaseException | None) -> None:
    cache = fragment_cache(app.config)
    if cache is None or exception is not None or os.getpid() != cache.pid:
        return
    env = app.env
    keys: dict[str, list[str]] = env.__dict__.get(KEYS, {})
    used = {k for doc, doc_keys in keys.items() if doc in env.all_docs for k in doc_keys}
    cache.save(used)


def flush_worker(app: Sphinx, *args: object) -> None:
    cache = fragment_cache(app.config)
    if cache is not None:
        cache.flush_worker()


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    env.__dict__.get(KEYS, {}).pop(docname, None)
    env.__dict__.get(HELD, set()).discard(docname)


def merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    theirs = other.__dict__.get(KEYS, {})
    ours = env.__dict__.setdefault(KEYS, {})
    for doc in docnames:
        if doc in theirs:
            ours[doc] = theirs[doc]
    held = other.__dict__.get(HELD, set()) & docnames
    if held:
        env.__dict__.setdefault(HELD, set()).update(held)


def setup_fragments(app: Sphinx) -> None:
    # The list item's own HTML visitors (the translator's, called by class) run for
    # every other item.
    app.add_node(nodes.list_item, override=True, html=(visit_list_item_html, depart_list_item_html))
    app.add_post_transform(ExpandCachedEntries)
    app.connect("builder-inited", load_cache)
    app.connect("env-before-read-docs", read_before_forking)
    app.connect("build-finished", save_cache)
    app.connect("html-page-context", flush_worker)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
