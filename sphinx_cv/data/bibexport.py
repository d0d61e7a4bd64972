"""Publications written out as BibTeX (the HTML 'BibTeX' block and ``sphinx-cv export``).

The output reads back into the same publication (:mod:`.bibtex` is the reader; the tables
both use are in :mod:`.bibtex.types`): the profile's inline Markdown becomes LaTeX,
display names become BibTeX names, kinds the
entry type cannot tell apart (workshop, preprint, poster...) are kept in ``pubtype``,
and fields the profile only kept (``x-bibtex``) are written back as they were.
"""

from __future__ import annotations

import calendar
import fnmatch
import re
from collections.abc import Iterable, Mapping

from .bibtex.types import (
    ENTRY_TYPE_KEY,
    VENUE_FIELD,
    VENUE_FIELDS,
    entry_kind,
)
from .inline import Span, parse_inline
from .linkkinds import LINK_FIELDS, LINK_KIND_FIELDS
from .links import Link, link_problem
from .publication import PRIVATE_FIELDS, Publication
from .pubtypes import MISC, pub_type

_TEXT_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_TEXT_SPECIAL = re.compile(r"[\\{}&%$#_~^]")
# Pairs the reader turns into dashes and quotes; a group between them keeps them literal.
_LIGATURES = re.compile(r"(?<=`)(?=`)|(?<=')(?=')")
_DASHES = {"-": "-", "–": "--", "—": "---"}
_DASH = re.compile("([-–—])")


def escape(value: str) -> str:
    """Plain text as LaTeX: special characters escaped, dashes as ``--``/``---``, a
    no-break space as ``~``."""
    text = _TEXT_SPECIAL.sub(lambda m: _TEXT_ESCAPES[m.group(0)], value)
    text = _LIGATURES.sub("{}", text)
    out: list[str] = []
    after_dash = False
    for piece in _DASH.split(text):
        if piece in _DASHES:
            if after_dash:
                out.append("{}")  # "--" next to "-" would read as one longer dash
            out.append(_DASHES[piece])
            after_dash = True
        elif piece:
            out.append(piece)
            after_dash = False
    return "".join(out).replace("\u00a0", "~")


def _protected(text: str) -> str:
    """Escaped, with words such as ``BERT`` or ``iPhone`` braced against the
    lower-casing of bibliography styles."""
    out = []
    for i, part in enumerate(_WORD.split(text)):
        if i % 2 and any(c.isupper() for c in part[1:]):
            out.append("{" + part + "}")
        else:
            out.append(escape(part))
    return "".join(out)


_WORD = re.compile(r"([^\W_]+)")


def text_to_latex(markdown: str, protect: bool = False) -> str:
    """A profile text field (inline Markdown) as the LaTeX of a BibTeX value."""
    return "".join(_span(s, protect) for s in parse_inline(markdown))


def _span(span: Span, protect: bool) -> str:
    if span.kind == "text":
        # Plain dollars are text in the profile's Markdown ("$5 or $10", and "$x$" too:
        # only $`x`$ is math), so they are escaped: what reads back is what the page shows.
        return _plain(span.text, protect)
    if span.kind == "literal":
        return r"\texttt{" + escape(span.text) + "}"
    if span.kind == "math":
        return f"${span.text}$"
    inner = "".join(_span(c, protect) for c in span.children)
    if span.kind == "link":
        return r"\href{" + url_value(span.url) + "}{" + inner + "}"
    command = {"strong": r"\textbf{", "underline": r"\underline{", "smallcaps": r"\textsc{"}.get(
        span.kind, r"\emph{"
    )
    return command + inner + "}"


def _plain(text: str, protect: bool) -> str:
    return _protected(text) if protect else escape(text)


def url_value(url: str) -> str:
    """A URL or id for a BibTeX field: what breaks LaTeX escaped (the reader undoes it)."""
    return re.sub(r"([%#&])", r"\\\1", url).replace("{", "").replace("}", "")


def name_to_bibtex(name: str) -> str:
    """A display name (``First von Last, Jr``, ``et al.``) as a BibTeX name."""
    if name == "et al.":
        return "others"
    if re.search(r"\sand\s", name, re.I):
        return "{" + escape(name) + "}"  # "Barnes and Noble" is one name
    base, sep, jr = name.rpartition(", ")
    if not sep:
        return escape(name)
    from pybtex.database import Person  # only exports with a suffix need pybtex

    person = Person(base)
    last = " ".join(person.prelast_names + person.last_names)
    first = " ".join(person.first_names + person.middle_names)
    return escape(f"{last}, {jr}, {first}" if first else f"{last}, {jr}")


def _names(names: list[str]) -> str:
    return " and ".join(name_to_bibtex(n) for n in names)


def _keywords(tags: list[str]) -> str:
    out = []
    for tag in tags:
        value = text_to_latex(tag)
        out.append("{" + value + "}" if re.search(r"[,;]", tag) else value)
    return ", ".join(out)


def bibtex_entry(pub: Publication) -> tuple[str, list[tuple[str, str]]]:
    """The entry type and (field, value) pairs of ``pub``; values are BibTeX text without
    the outer braces."""
    kind = pub.type or MISC
    found = pub.extras.get("x-bibtex")
    kept = {str(k).lower(): v for k, v in found.items()} if isinstance(found, dict) else {}
    entry_type = str(kept.pop(ENTRY_TYPE_KEY, "") or pub_type(kind).bibtex)
    fields: list[tuple[str, str]] = []

    def add(name: str, value: str | None) -> None:
        if value:
            fields.append((name, value))

    add("title", text_to_latex(pub.title, protect=True) if pub.title else None)
    add("author", _names(pub.authors))
    add("editor", _names(pub.editors))
    venue_field = _venue_field(kind, kept)
    if pub.venue:
        add(venue_field, text_to_latex(pub.venue))
    if pub.year:
        add("year", str(pub.year))
    if pub.month:
        add("month", calendar.month_abbr[pub.month].lower())
    if pub.date is not None:
        add("date", escape(pub.date.iso()))
    for name in ("volume", "number", "pages"):
        add(name, escape(getattr(pub, name) or ""))
    add("publisher", text_to_latex(pub.publisher) if pub.publisher else None)
    add("series", text_to_latex(pub.series) if pub.series else None)
    add("address", text_to_latex(pub.location) if pub.location else None)
    add("doi", url_value(pub.doi or ""))
    add("url", url_value(pub.url or ""))
    if pub.arxiv:
        fields += [("eprint", url_value(pub.arxiv)), ("archiveprefix", "arXiv")]
    for name in LINK_FIELDS:
        add(name, url_value(getattr(pub, name) or ""))
    for link in _kind_links(pub.links):
        add(LINK_KIND_FIELDS[link.kind], url_value(link.url))
    add("keywords", _keywords(pub.tags))
    for name, attr in (
        ("abstract", "abstract"),
        ("note", "note"),
        ("award", "award"),
        ("pubstate", "status"),
    ):
        value = getattr(pub, attr)
        add(name, text_to_latex(value) if value else None)
    if pub.selected:
        add("selected", "true")
    written = dict(fields)
    read_back, _ = entry_kind(
        entry_type,
        keywords=written.get("keywords"),
        booktitle=written.get("booktitle", str(kept.get("booktitle", ""))),
        venue=pub.venue,
        arxiv=pub.arxiv,
        publisher=written.get("publisher"),
        url=pub.url,
    )
    if read_back != kind:
        add("pubtype", kind)
    for name, value in kept.items():
        if name not in written and value not in (None, ""):
            fields.append((name, str(value)))
    return entry_type, fields


def _venue_field(kind: str, kept: Mapping[str, object]) -> str:
    """The field for the venue: the usual one for the kind, unless a field kept from the
    original entry has that name (then one the reader reads before it)."""
    usual = VENUE_FIELD.get(kind, "howpublished")
    if usual not in kept:
        return usual
    return next((f for f in VENUE_FIELDS if f not in kept), usual)


def _kind_links(links: list[Link]) -> list[Link]:
    """The first link of each kind that has a BibTeX field of its own."""
    seen: set[str] = set()
    out = []
    for link in links:
        if link.kind in LINK_KIND_FIELDS and link.kind not in seen:
            seen.add(link.kind)
            out.append(link)
    return out


def unexported_links(pub: Publication) -> list[Link]:
    """Links with no BibTeX field (labelled links of no known kind, second of a kind)."""
    kept = _kind_links(pub.links)
    return [link for link in pub.links if link not in kept]


def to_bibtex(pub: Publication) -> str:
    entry_type, fields = bibtex_entry(pub)
    body = ",\n".join(
        f"  {name} = {value}" if _is_month_macro(name, value) else f"  {name} = {{{value}}}"
        for name, value in fields
    )
    return f"@{entry_type}{{{pub.id},\n{body}\n}}"


def _is_month_macro(name: str, value: str) -> bool:
    """``month = sep``: BibTeX's month names are written bare, as styles expect."""
    return name == "month" and value in _MONTH_MACROS


_MONTH_MACROS = frozenset(calendar.month_abbr[m].lower() for m in range(1, 13))


_URL_FIELDS = frozenset({"url", "doi", "eprint", *LINK_FIELDS, *LINK_KIND_FIELDS.values()})


def shown_bibtex(pub: Publication, private: Iterable[str] = PRIVATE_FIELDS) -> str:
    """The BibTeX a page shows for ``pub``: the entry as the ``.bib`` wrote it (or as
    generated), without ``private`` fields and without links the link policy refuses."""
    return without_fields(pub.bibtex or to_bibtex(pub), private)


def without_fields(entry: str, private: Iterable[str]) -> str:
    """``entry`` (one BibTeX entry) without the fields whose name matches one of the
    ``private`` patterns, or whose link is refused; the rest as written."""
    patterns = [p.lower() for p in private]
    start = re.match(r"\s*@\s*[\w-]+\s*[{(]", entry)
    if start is None:
        return entry
    parts = _split_fields(entry[start.end() :])
    if parts is None:
        return entry
    head, fields, tail = parts
    kept = []
    for text in fields:
        name, _, value = text.partition("=")
        name = name.strip().lower()
        if any(fnmatch.fnmatchcase(name, p) for p in patterns):
            continue
        if name in _URL_FIELDS and link_problem(value.strip().strip('{}"').strip()):
            continue
        kept.append(text)
    if len(kept) == len(fields):
        return entry
    return entry[: start.end()] + ",".join([head, *kept]) + tail


def _split_fields(body: str) -> tuple[str, list[str], str] | None:
    """The key, the ``name = value`` pieces and the closing part of an entry's body,
    split at the commas outside braces and quotes; None if it does not close."""
    pieces: list[str] = []
    depth, quoted, begin = 0, False, 0
    for i, ch in enumerate(body):
        if ch == '"' and depth == 0 and (i == 0 or body[i - 1] != "\\"):
            quoted = not quoted
        elif quoted:
            continue
        elif ch == "{" or (ch == "(" and depth > 0):
            depth += 1
        elif ch in "})":
            if depth == 0:
                pieces.append(body[begin:i])
                tail = body[i:]
                key, fields = pieces[0], pieces[1:]
                if fields and not fields[-1].strip():  # a trailing comma
                    fields, tail = fields[:-1], "," + fields[-1] + tail
                return key, fields, tail
            depth -= 1
        elif ch == "," and depth == 0:
            pieces.append(body[begin:i])
            begin = i + 1
    return None
