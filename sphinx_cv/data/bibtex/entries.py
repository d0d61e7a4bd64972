"""One BibTeX entry made a :class:`~sphinx_cv.data.publication.Publication`: fields mapped to
the profile's, names, dates, links, arXiv ids and the publication type told from the entry;
bad fields reported where they are written.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pybtex.errors
from pybtex.bibtex.utils import split_name_list
from pybtex.database import Person

from ..authors import NOTE_WORDS, AuthorName, normalize_name, split_marks
from ..converter import normalize_key
from ..dates import DateError, parse_date, parse_month
from ..linkkinds import LINK_FIELDS, READ_LINK_FIELDS
from ..links import LINK_EXPECTED, Link, make_link
from ..problems import Location, Subtype
from ..publication import PUB_TYPE, Publication
from ..scalars import URL, yes_no_word
from ..scripts import full_name
from ..yamlsource import JSONValue
from .latex import latex_to_text
from .types import (
    ENTRY_TYPE_KEY,
    ENTRY_TYPES,
    FIELD_ALIASES,
    STATUS_WORDS,
    TYPE_WORDS,
    VENUE_FIELDS,
    Entry,
    SourceText,
    entry_kind,
)

_ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)")
_YEAR = re.compile(r"[12]\d{3}")


@contextmanager
def pybtex_errors() -> Iterator[list[Exception]]:
    """Collect what pybtex reports instead of raising (strict mode) or printing it.

    Like ``pybtex.errors.capture()``, but nestable: it restores the outer collector.
    """
    saved = pybtex.errors.captured_errors
    collected: list[Exception] = []
    pybtex.errors.captured_errors = collected
    try:
        yield collected
    finally:
        pybtex.errors.captured_errors = saved


class EntryMapper:
    """One entry made into a :class:`Publication`, reporting its bad fields."""

    def __init__(self, source: SourceText, entry: Entry) -> None:
        self.src = source
        self.entry = entry
        self.fields = dict(entry.fields)
        self.alias_of: dict[str, str] = {}
        for alias, name in FIELD_ALIASES.items():
            if alias in self.fields and name not in self.fields:
                self.fields[name] = self.fields[alias]
                self.alias_of[name] = alias
        self.values: dict[str, object] = {}
        self.locations: dict[str, Location] = {}
        self.used: set[str] = {"crossref"}
        """Fields whose value went into the publication; the others go to x-bibtex."""

    def field_path(self, name: str) -> str:
        return f"{self.entry.key}.{name}"

    def raw(self, name: str) -> str | None:
        item = self.fields.get(name)
        return item[0] if item is not None and item[0].strip() else None

    def set(self, attr: str, value: object, *names: str) -> None:
        """Set ``attr``, located at the first of the BibTeX fields ``names`` given."""
        self.values[attr] = value
        for name in names:
            if name in self.fields:
                self.locations[attr] = self.src.loc(self.fields[name][1])
                self.use(name)
                return
        self.locations[attr] = self.src.loc(self.entry.start)

    def text_value(self, attr: str) -> str | None:
        """A text field already set (venue, arxiv, url), or None."""
        value = self.values.get(attr)
        return value if isinstance(value, str) else None

    def use(self, name: str) -> None:
        self.used.add(name)
        if name in self.alias_of:
            self.used.add(self.alias_of[name])

    def unused(self) -> dict[str, str]:
        """Fields with a value that the publication does not hold, as written."""
        return {
            name: raw
            for name, (raw, _) in self.entry.fields.items()
            if name not in self.used and raw.strip()
        }

    def report(
        self,
        subtype: Subtype,
        name: str,
        message: str,
        *,
        value: object = None,
        expected: str | None = None,
    ) -> None:
        offset = self.fields[name][1] if name in self.fields else self.entry.start
        self.src.report(
            subtype, offset, self.field_path(name), message, value=value, expected=expected
        )

    def build(self) -> Publication | None:
        entry = self.entry
        title = self.text("title")
        if not title:
            self.report(
                Subtype.REQUIRED,
                "title",
                "title is empty; entry skipped"
                if "title" in self.fields
                else "entry has no title; skipped",
                expected="a title field",
            )
            return None
        self.set("id", entry.key)
        self.set("title", title, "title")
        for attr, name in (("authors", "author"), ("editors", "editor")):
            names = self.names(name)
            if names:
                self.set(attr, names, name)
        if "authors" not in self.values and "editors" not in self.values:
            # Kept (a software or dataset entry may have none), but an author list is
            # what a reader looks for first: usually a field lost on the way.
            self.report(
                Subtype.REQUIRED,
                "author",
                "entry has no author; shown without one",
                expected="an author (or editor) field",
            )
        self.venue()
        self.dates()
        for attr in ("publisher", "series", "award", "abstract", "note", "status"):
            value = self.text(attr)
            if value:
                if attr == "status":
                    value = STATUS_WORDS.get(normalize_key(value), value)
                self.set(attr, value, attr)
        for name in ("location", "address"):  # biblatex's name, then BibTeX's
            value = self.text(name)
            if value:
                self.set("location", value, name)
                break
        for attr in ("volume", "number", "pages"):
            value = self.text(attr, markdown=False)
            if value:
                self.set(attr, value, attr)
        doi = self.raw("doi")
        if doi:
            doi = re.sub(
                r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", _clean_url(doi), flags=re.I
            )
            if doi:
                self.set("doi", doi, "doi")
        arxiv = self.arxiv_id()
        if arxiv:
            self.set("arxiv", arxiv, "arxiv", "eprint", "journal", "doi")
            for name in ("archiveprefix", "eprinttype"):  # implied by the arxiv field
                if (self.raw(name) or "").strip().lower() == "arxiv":
                    self.use(name)
        self.links()
        self.tags()
        self.selected()
        kind, where = self.pub_type()
        self.set("type", kind, where)
        self.values["bibtex"] = self.src.text[entry.start : entry.end]
        # Each value was made for its field by the methods below (checked there).
        make: Callable[..., Publication] = Publication
        pub = make(**self.values)
        pub.source = self.src.loc(entry.start)
        pub.path = entry.key
        pub.locations = self.locations
        unused = self.unused()
        if entry.type != ENTRY_TYPES.get(kind):  # @mastersthesis, @online...: for export
            unused[ENTRY_TYPE_KEY] = entry.type
        if unused:
            kept: dict[str, JSONValue] = dict(unused)
            pub.extras = {"x-bibtex": kept}
        pub.check(self.src.ctx, entry.key)  # the date sets year and month when absent
        return pub

    # --- fields --------------------------------------------------------------------------

    def text(self, name: str, markdown: bool = True) -> str | None:
        raw = self.raw(name)
        if raw is None:
            return None
        return self.latex(name, raw, markdown) or None

    def latex(self, name: str, raw: str, markdown: bool = True) -> str:
        """``raw`` (part of field ``name``) as text; a LaTeX command with no meaning on a
        page (``\\sysname``, ``\\footnotemark``) is left out and reported, once per
        field."""
        unknown: list[str] = []
        text = latex_to_text(raw, markdown=markdown, unknown=unknown)
        for command in dict.fromkeys(unknown):
            self.report(
                Subtype.BIBTEX,
                name,
                "unknown LaTeX command; left out (its {argument} is kept)",
                value=f"\\{command}",
                expected="text, or a command such as \\emph{...} or \\'e",
            )
        return text

    def names(self, name: str) -> list[str]:
        raw = self.raw(name)
        if raw is None:
            return []
        out: list[str] = []
        parts = split_name_list(raw)
        if len(parts) == 1 and _COMMA_LIST.fullmatch(raw.strip()):
            self.report(
                Subtype.BIBTEX,
                name,
                "looks like names separated by commas; BibTeX "
                "separates names with 'and' (read as one name)",
                value=raw,
                expected="'First Last and First Last'",
            )
        for part in parts:
            unknown: list[str] = []
            part, notes = name_notes(part)
            with pybtex_errors() as errors:
                shown = person_name(part, unknown)
            for command in dict.fromkeys(unknown):
                self.report(
                    Subtype.BIBTEX,
                    name,
                    "unknown LaTeX command in a name; left out",
                    value=f"\\{command}",
                    expected="a name",
                )
            if errors:  # "Too many commas": pybtex joins the extra parts; say so
                self.report(
                    Subtype.BIBTEX,
                    name,
                    "name with too many commas",
                    value=part,
                    expected="'Last, First', 'Last, Jr, First' or 'First Last'",
                )
            shown, marks = split_marks(shown)
            notes = (*notes, *marks)
            if shown:
                out.append(AuthorName(shown, None, notes) if notes else shown)
        return out

    def venue(self) -> None:
        for name in VENUE_FIELDS:
            raw = self.raw(name)
            if raw is None:
                continue
            url = _url_in(raw)
            if url is not None:  # howpublished = {\url{...}} is a link, not a venue
                if self.raw("url") is None:
                    self.fields["url"] = (url, self.fields[name][1])
                    self.alias_of["url"] = name
                continue
            value = self.latex(name, raw)
            if value:
                self.set("venue", value, name)
                return

    def dates(self) -> None:
        year = self.text("year", markdown=False)
        if year:
            if _YEAR.fullmatch(year):
                self.set("year", int(year), "year")
            elif normalize_key(year) in STATUS_WORDS and not self.raw("status"):
                self.fields["status"] = self.fields["year"]
                self.alias_of["status"] = "year"
            else:
                self.report(
                    Subtype.DATE,
                    "year",
                    "bad year",
                    value=year,
                    expected="a 4-digit year such as 2024",
                )
        month = self.text("month", markdown=False)
        if month:
            try:
                self.set("month", parse_month(month), "month")
            except DateError:
                self.report(
                    Subtype.DATE,
                    "month",
                    "bad month",
                    value=month,
                    expected="a month: 1-12 or a name such as 'Sep'",
                )
        date = self.text("date", markdown=False)
        if date:
            try:  # biblatex ranges (2025-09-01/2025-09-05): the start dates the paper
                self.set("date", parse_date(date.split("/")[0]), "date")
            except DateError as err:
                self.report(
                    Subtype.DATE,
                    "date",
                    f"bad date: {err}",
                    value=date,
                    expected="a date such as 2025, 2025-09 or 2025-09-15",
                )

    def arxiv_id(self) -> str | None:
        prefix = (
            self.text("archiveprefix", markdown=False)
            or self.text("eprinttype", markdown=False)
            or ""
        ).lower()
        for name in ("arxiv", "eprint"):
            raw = self.raw(name)
            if raw is None or (name == "eprint" and prefix not in ("", "arxiv")):
                continue
            value = re.sub(r"^arxiv:\s*", "", _clean_url(raw), flags=re.I)
            found = _ARXIV_ID.search(value)
            if found and (
                prefix == "arxiv"
                or name == "arxiv"
                or "arxiv" in raw.lower()
                or found.group(0) == value
            ):
                return found.group(0)
            if prefix == "arxiv" or name == "arxiv":
                return value or None
        for name, pattern in (("journal", r"arxiv[:\s]+"), ("doi", r"10\.48550/arxiv\.")):
            raw = self.raw(name)
            found = re.search(pattern + _ARXIV_ID.pattern, raw or "", re.I)
            if found:
                return found.group(1)
        return None

    def links(self) -> None:
        for attr in ("url", *LINK_FIELDS):
            raw = self.raw(attr)
            if raw is None:
                continue
            value = _clean_url(raw)
            why = URL.problem(value) if value else "not a URL"
            if why is None:
                self.set(attr, value, attr)
            else:
                self._bad_link(attr, raw, why)
        out: list[Link] = []
        for name, kind in READ_LINK_FIELDS.items():
            raw = self.raw(name)
            if raw is None:
                continue
            link = make_link(kind, _clean_url(raw))
            if link is None:
                self._bad_link(name, raw, URL.problem(_clean_url(raw)) or "not a URL")
            else:
                out.append(link)
                self.use(name)
                self.locations.setdefault("links", self.src.loc(self.fields[name][1]))
        if out:
            self.values["links"] = out

    def _bad_link(self, name: str, raw: str, why: str) -> None:
        """A link field that is not kept: an unsafe one (``javascript:``...) is dropped
        for good, not kept under ``x-bibtex`` where an export would write it back."""
        if why == "not a URL":
            self.report(Subtype.VALUE, name, f"{why}; ignored", value=raw, expected=URL.expected)
            return
        self.use(name)
        self.report(Subtype.VALUE, name, f"{why}; dropped", value=raw, expected=LINK_EXPECTED)

    def tags(self) -> None:
        raw = self.raw("keywords")
        if raw is None:
            return
        tags: list[str] = []
        for part in _split_top(raw, ",;"):
            tag = self.latex("keywords", part)
            if tag and tag not in tags:
                tags.append(tag)
        if tags:
            self.set("tags", tags, "keywords")

    def selected(self) -> None:
        raw = self.text("selected", markdown=False)
        if raw is None:
            return
        value = yes_no_word(raw)
        if value is None:
            self.report(
                Subtype.VALUE,
                "selected",
                "not a yes/no value; ignored",
                value=raw,
                expected="yes, no, true, false, 1 or 0",
            )
        else:
            self.set("selected", value, "selected")

    def pub_type(self) -> tuple[str, str]:
        """The publication type and the field that set it (the entry's @type: "")."""
        explicit = self.text("pubtype", markdown=False)
        if explicit:
            kind = TYPE_WORDS.get(normalize_key(explicit))
            if kind is not None:
                return kind, "pubtype"
            close = difflib.get_close_matches(normalize_key(explicit), list(TYPE_WORDS), n=1)
            hint = f"; did you mean '{TYPE_WORDS[close[0]]}'?" if close else ""
            self.report(
                Subtype.VALUE,
                "pubtype",
                "unknown publication type" + hint,
                value=explicit,
                expected=PUB_TYPE.expected,
            )
        # BibTeX's own `type` names a kind of report or thesis ("Technical Report");
        # only a word the profile format knows overrides the entry type.
        kind = TYPE_WORDS.get(normalize_key(self.text("type", markdown=False) or ""))
        if kind is not None:
            return kind, "type"
        kind, where = entry_kind(
            self.entry.type,
            keywords=self.raw("keywords"),
            booktitle=self.raw("booktitle"),
            venue=self.text_value("venue"),
            arxiv=self.text_value("arxiv"),
            publisher=self.raw("publisher"),
            url=self.text_value("url"),
        )
        return kind, where


# Author notes as BibTeX files write them: al-folio's ``Einstein*, A.``, a superscript
# mark, and a student's name underlined (``\underline{Doe, Jane}``).
_SUPER_MARK = re.compile(
    r"\$\^\{?(\\dagger|\\dag|\\ddagger|[*#])\}?\$"
    r"|\\textsuperscript\{(\\dag|\\dagger|\\ddag|[*#])\}"
    r"|\\(dagger|dag|ddag)\b(?:\{\})?"
)
_TEX_MARK = {
    "\\dagger": "\u2020",
    "\\dag": "\u2020",
    "\\ddagger": "\u2021",
    "\\ddag": "\u2021",
    "dagger": "\u2020",
    "dag": "\u2020",
    "ddag": "\u2021",
}
_END_MARKS = re.compile(r"(?<=[^\s,{}])([*\u2020\u2021\u00a7\u00b6#]+)(?=\s*(?:,|$))")
_UNDERLINED = re.compile(r"\\(?:underline|uline)\s*\{([^{}]*)\}")


def name_notes(raw: str) -> tuple[str, tuple[str, ...]]:
    """One BibTeX name without its note marks, and the notes: ``student`` for an
    underlined name; superscript marks become plain marks :func:`split_marks` reads."""
    notes: tuple[str, ...] = ()
    bare = _UNDERLINED.sub(r"\1", raw)
    if bare != raw:
        raw, notes = bare, ("student",)

    def mark(found: re.Match[str]) -> str:
        word = next(g for g in found.groups() if g)
        return _TEX_MARK.get(word, word)

    raw = _SUPER_MARK.sub(mark, raw)
    marks: list[str] = []

    def collect(found: re.Match[str]) -> str:  # "Einstein*, A." or "Bohr, Niels†"
        marks.extend(found.group(1))
        return ""

    raw = _END_MARKS.sub(collect, raw)
    return raw, (*notes, *(NOTE_WORDS.get(m, m) for m in marks))


_COMMA_LIST = re.compile(r"[^,{}]+\s[^,{}]+(,\s*[^,{}]+\s[^,{}]+){2,}")
"""``Ann Lee, Bo Chen, Cy Dunn``: three or more full names with commas, where BibTeX
wants 'and' (``Le Cun, Yann André`` is one name, so two parts are not enough)."""


def _split_top(text: str, seps: str) -> list[str]:
    """``text`` split at ``seps`` outside braces."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth = max(depth - 1, 0)
        elif ch in seps and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _url_in(raw: str) -> str | None:
    """The URL of a value that is only a URL (``\\url{...}`` or ``https://...``)."""
    value = raw.strip()
    match = re.fullmatch(r"\\url\s*\{([^{}]*)\}", value)
    if match:
        return match.group(1).strip()
    if re.fullmatch(r"\{?https?://[^\s{}]+\}?", value):
        return value.strip("{}")
    return None


def _clean_url(raw: str) -> str:
    """A URL or id as written in BibTeX: ``\\url{}`` unwrapped, braces and the backslash
    of ``\\_``, ``\\%``, ``\\&``, ``\\#`` (written for LaTeX) removed."""
    value = raw.strip()
    match = re.fullmatch(r"\\(?:url|href|path|doi)\s*\{(.*?)\}(?:\{.*\})?", value, re.S)
    if match:
        value = match.group(1)
    value = value.replace(r"\~{}", "~").replace(r"{\~}", "~")
    value = re.sub(r"\\([_%&#$~])", r"\1", value)
    return value.replace("{", "").replace("}", "").strip()


# --- names -------------------------------------------------------------------------------


def person_name(raw: str, unknown: list[str] | None = None) -> str:
    """A BibTeX name in display form: ``First von Last, Jr``; ``others`` -> ``et al.``.

    Given names stay as written (not abbreviated); LaTeX becomes Unicode (commands it
    does not know are added to ``unknown``).
    """
    if raw.strip().lower() in ("others", "{others}"):
        return "et al."
    try:
        person = Person(raw)
        front = person.first_names + person.middle_names + person.prelast_names
        name = full_name(
            " ".join(latex_to_text(p, markdown=False, unknown=unknown) for p in front),
            " ".join(latex_to_text(p, markdown=False, unknown=unknown) for p in person.last_names),
        )
        jr = " ".join(
            latex_to_text(p, markdown=False, unknown=unknown) for p in person.lineage_names
        )
    except Exception:  # pybtex on odd names: fall back to the plain form
        return normalize_name(latex_to_text(raw, markdown=False, unknown=unknown))
    name = " ".join(name.split())
    return f"{name}, {jr}" if jr and name else name or jr
