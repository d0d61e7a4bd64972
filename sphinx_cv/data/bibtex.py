"""Publications from BibTeX files.

Entries are read with pybtex's low-level parser (the parser sphinxcontrib-bibtex builds
on) so that every entry and field has a known position: problems point at the line that
needs fixing, and each publication keeps its source text for the HTML "BibTeX" block.
LaTeX in values becomes Unicode text; titles, venues and notes become the inline Markdown
the rest of the profile uses.

:func:`load_bibtex` never raises for bad input and never prints: the errors pybtex would
print or raise become problems, and an entry that cannot be read is skipped.
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pybtex.errors
from pybtex.bibtex.utils import split_name_list
from pybtex.database import Person
from pybtex.database.input.bibtex import LowLevelParser, UndefinedMacro, month_names
from pybtex.scanner import PrematureEOF
from pybtex.utils import CaseInsensitiveDict

from .bibexport import ENTRY_TYPE_KEY, ENTRY_TYPES
from .dates import DateError, parse_date, parse_month
from .fields import URL, Context, normalize_key
from .inline import parse_inline, to_plain
from .links import Link, make_link
from .model import LINK_FIELDS, PUB_TYPE, Publication, normalize_name
from .problems import Location, Problem, Subtype

MAX_SYNTAX_ERRORS = 20
"""After this many syntax errors the rest of a file is skipped (a binary or wrong file)."""

_ENTRY_START = re.compile(r"^[ \t]*@", re.M)
"""A line starting with '@': where reading resumes after a broken entry."""


def load_bibtex(path: str, *, keep_duplicates: bool = False
                ) -> tuple[list[Publication], list[Problem]]:
    """The publications in the BibTeX file at ``path``, in file order, and the problems.

    A missing or unreadable file, syntax errors, repeated keys, entries without a title
    and bad years or months are problems; the entries that can be read are returned.
    An entry whose key was used before is skipped; with ``keep_duplicates`` (importing)
    only an identical copy is, and a different entry is kept under a new key.
    Fields the profile has no place for are kept in ``extras["x-bibtex"]``.
    """
    ctx = Context(path)
    text = _read(path, ctx)
    if text is None:
        return [], ctx.problems
    try:
        with _pybtex_errors() as stray:
            source = _Source(path, text, ctx)
            source.keep_duplicates = keep_duplicates
            entries = source.scan()
            pubs = source.publications(entries)
        for error in stray:  # none known: the parser's and names' errors are handled
            ctx.report(Subtype.BIBTEX, Location(path, 1, 1), "", f"pybtex: {error}",
                       expected="a BibTeX file")
    except Exception as err:  # a bug here must not stop the build
        ctx.report(Subtype.BIBTEX, Location(path, 1, 1), "",
                   f"internal error reading this BibTeX file ({type(err).__name__}: {err}); "
                   "please report it", expected="a BibTeX file")
        return [], ctx.problems
    # In file order; a file-level problem (line 0) first.
    problems = sorted(ctx.problems, key=lambda p: (p.location.line, p.location.column))
    return pubs, problems


@contextmanager
def _pybtex_errors() -> Iterator[list[Exception]]:
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


# --- reading the file --------------------------------------------------------------------

def _read(path: str, ctx: Context) -> str | None:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        ctx.report(Subtype.FILE, Location(path), "", "BibTeX file not found",
                   expected="an existing .bib file")
        return None
    except OSError as err:
        ctx.report(Subtype.FILE, Location(path), "",
                   f"cannot read BibTeX file: {err.strerror or err}", expected="a readable file")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        where = Location(path, line, column)
        if b"\0" in data:
            ctx.report(Subtype.FILE, where, "", "not UTF-8 text (a binary file, or UTF-16?); "
                       "BibTeX file skipped", expected="a UTF-8 encoded .bib file")
            return None
        # Older tools write Latin-1/Windows-1252; read it so the entries still load.
        try:
            text = data.decode("cp1252")
            encoding = "Windows-1252"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            encoding = "Latin-1"
        ctx.report(Subtype.FILE, where, "",
                   f"BibTeX file is not UTF-8 (byte 0x{data[err.start]:02X}); read as "
                   f"{encoding}, please save it as UTF-8", expected="a UTF-8 encoded file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- parsing -----------------------------------------------------------------------------

@dataclass
class _Entry:
    type: str
    """Entry type in lower case (``inproceedings``)."""
    key: str
    start: int
    """Offset of the ``@``."""
    end: int
    """Offset after the closing brace."""
    fields: dict[str, tuple[str, int]] = field(default_factory=dict)
    """Lower-case field name -> (raw value, offset of the field name); first one wins."""


class _Parser(LowLevelParser):
    """pybtex's parser, recording where fields start and collecting errors instead of
    raising them (pybtex raises in strict mode and prints otherwise)."""

    text: str
    pos: int
    end_pos: int
    lineno: int
    command_start: int
    current_entry_key: str | None
    current_field_name: str | None

    def __init__(self, text: str) -> None:
        # A fresh macro table: @string definitions must not leak into the next file.
        super().__init__(text, macros=CaseInsensitiveDict(month_names))
        self.command_start = 0
        self.field_starts: list[int] = []
        self.errors: list[tuple[Exception, int, int, str | None, str | None]] = []
        """(error, entry start, error offset, entry key, field name)."""
        self.failed: set[int] = set()
        self.fatal = 0

    def parse_command(self) -> Any:
        self.field_starts = []
        return super().parse_command()

    def parse_field(self) -> None:
        self.eat_whitespace()
        start = self.pos
        super().parse_field()
        if self.current_field_name is not None:
            self.field_starts.append(start)

    def handle_error(self, error: Exception) -> None:
        self.errors.append((error, self.command_start, self.pos, self.current_entry_key,
                            self.current_field_name))
        if isinstance(error, UndefinedMacro):
            return  # the value is left empty, as BibTeX does; the entry is fine otherwise
        self.failed.add(self.command_start)
        self.fatal += 1
        # Resume at the next line starting with '@', not where pybtex stopped: an
        # unclosed brace would otherwise swallow every later entry.
        found = _ENTRY_START.search(self.text, self.command_start + 1)
        resume = found.end() - 1 if found else self.end_pos
        if self.fatal >= MAX_SYNTAX_ERRORS:
            resume = self.end_pos
        self.pos = resume
        self.lineno = self.text.count("\n", 0, resume) + 1


class _Source:
    """One BibTeX file's text, with offsets turned into locations."""

    keep_duplicates = False

    def __init__(self, path: str, text: str, ctx: Context) -> None:
        self.path = path
        self.text = text
        self.ctx = ctx
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def loc(self, offset: int) -> Location:
        line = bisect.bisect_right(self.line_starts, offset)
        return Location(self.path, line, offset - self.line_starts[line - 1] + 1)

    def report(self, subtype: Subtype, offset: int, path: str, message: str, *,
               value: object = None, expected: str | None = None) -> None:
        self.ctx.report(subtype, self.loc(offset), path, message, value=value,
                        expected=expected)

    def scan(self) -> list[_Entry]:
        parser = _Parser(self.text)
        entries: list[_Entry] = []
        for command, body in parser:
            start = parser.command_start
            kind = command.lower()
            if start in parser.failed or kind in ("string", "preamble"):
                continue
            key, fields = body
            entry = _Entry(kind, key, start, parser.pos)
            for (name, parts), offset in zip(fields, parser.field_starts, strict=True):
                lower = name.lower()
                if lower in entry.fields:
                    self.report(Subtype.DUPLICATE_KEY, offset, f"{key}.{lower}",
                                "field given twice; the first one is used (as BibTeX does)",
                                value=name, expected="each field once")
                    continue
                entry.fields[lower] = (" ".join("".join(parts).split()), offset)
            entries.append(entry)
        # One problem per undefined @string (IEEE abbreviations from another file, say).
        undefined = Counter(str(e.args[0]).lower() for e, *_ in parser.errors
                            if isinstance(e, UndefinedMacro))
        reported: set[str] = set()
        for error, start, offset, key, name in parser.errors:
            if not isinstance(error, UndefinedMacro):
                self._syntax_problem(error, start, offset, key, name)
                continue
            macro = str(error.args[0])
            if macro.lower() not in reported:
                reported.add(macro.lower())
                self._undefined(macro, undefined[macro.lower()], offset, key, name)
        if parser.fatal >= MAX_SYNTAX_ERRORS and parser.failed:
            self.report(Subtype.BIBTEX, max(parser.failed), "",
                        f"{MAX_SYNTAX_ERRORS} syntax errors; the rest of the file is skipped",
                        expected="a BibTeX file")
        return entries

    def _undefined(self, macro: str, times: int, offset: int, key: str | None,
                   name: str | None) -> None:
        path = f"{key}.{name.lower()}" if key and name else key or ""
        also = f" (used {times} times in this file)" if times > 1 else ""
        self.report(Subtype.BIBTEX, max(offset - len(macro), 0), path,
                    f"undefined @string name; the value is left empty{also}", value=macro,
                    expected="a {braced} or \"quoted\" value, or a @string defined above")

    def _syntax_problem(self, error: Exception, start: int, offset: int, key: str | None,
                        name: str | None) -> None:
        message = str(error.args[0]) if error.args else type(error).__name__
        skipped = "; entry skipped" if key else ""
        following = _ENTRY_START.search(self.text, start + 1)
        if isinstance(error, PrematureEOF) or (following and offset >= following.end() - 1):
            # The parser ran into the next entry or the end: point at the entry itself.
            until = (f"the next entry (line {self.loc(following.end() - 1).line})"
                     if following and offset < len(self.text) else "the end of the file")
            self.report(Subtype.BIBTEX, start, key or "",
                        f"syntax error: the entry is not closed before {until} (unbalanced "
                        "braces or quotes?)" + skipped, expected="a closing '}' for every '{'")
            return
        rest = self.text[offset:].split("\n", 1)[0].strip()
        if message == "'}' expected" and re.match(r"[A-Za-z][\w:-]*\s*=", rest):
            message = "',' expected before this field"
        self.report(Subtype.BIBTEX, offset, key or "", f"syntax error: {message}{skipped}",
                    value=rest[:40] or None,
                    expected="BibTeX syntax: @type{key, field = {value}, ...}")

    # --- entries to publications ---------------------------------------------------------

    def publications(self, entries: list[_Entry]) -> list[Publication]:
        by_key: dict[str, _Entry] = {}
        for entry in entries:
            by_key.setdefault(entry.key.lower(), entry)
        containers: set[str] = set()
        for entry in entries:
            if "crossref" in entry.fields:
                parent = self._crossref(entry, by_key)
                if parent is not None and parent.type in _CONTAINER_TYPES:
                    containers.add(parent.key.lower())
        pubs: list[Publication] = []
        first: dict[str, _Entry] = {}
        for entry in entries:
            seen = first.get(entry.key.lower())
            if seen is not None and not self._keep_duplicate(entry, seen, first):
                continue
            first[entry.key.lower()] = entry
            if entry.key.lower() in containers:
                continue  # a @proceedings only referenced for its booktitle
            try:
                pub = _Builder(self, entry).build()
            except Exception as err:  # a bug must cost one entry, not the file
                self.report(Subtype.BIBTEX, entry.start, entry.key,
                            f"internal error reading this entry ({type(err).__name__}: "
                            f"{err}); please report it", expected="a BibTeX entry")
                continue
            if pub is not None:
                pubs.append(pub)
        return pubs

    def _keep_duplicate(self, entry: _Entry, seen: _Entry, first: dict[str, _Entry]) -> bool:
        """Report an entry whose key was used before; True if it is kept (renamed)."""
        line = self.loc(seen.start).line
        same = (entry.type == seen.type and {k: v for k, (v, _) in entry.fields.items()}
                == {k: v for k, (v, _) in seen.fields.items()})
        if not self.keep_duplicates or same:
            what = "identical copy of the entry" if same else "duplicate entry key (first"
            self.report(Subtype.DUPLICATE_ID, entry.start, entry.key,
                        f"{what} at line {line}{'' if same else ')'}; this entry is skipped",
                        value=entry.key, expected="a unique key")
            return False
        n = 2
        while f"{entry.key}-{n}".lower() in first:
            n += 1
        old, entry.key = entry.key, f"{entry.key}-{n}"
        self.report(Subtype.DUPLICATE_ID, entry.start, old,
                    f"duplicate entry key (first at line {line}); kept as '{entry.key}'",
                    value=old, expected="a unique key")
        return True

    def _crossref(self, entry: _Entry, by_key: dict[str, _Entry]) -> _Entry | None:
        """Fill ``entry``'s missing venue fields from the entry its ``crossref`` names."""
        ref, offset = entry.fields["crossref"]
        parent = by_key.get(ref.strip().lower())
        if parent is None or parent is entry:
            self.report(Subtype.BIBTEX, offset, f"{entry.key}.crossref",
                        "crossref names no other entry in this file; ignored", value=ref,
                        expected="the key of a @proceedings or @book entry")
            return None
        for name in _INHERITED:
            if name not in entry.fields and name in parent.fields:
                entry.fields[name] = parent.fields[name]
        if "booktitle" not in entry.fields and "title" in parent.fields:
            entry.fields["booktitle"] = parent.fields["title"]
        return parent


_INHERITED = ("booktitle", "eventtitle", "editor", "year", "month", "date", "publisher",
              "volume", "number", "series")
_CONTAINER_TYPES = frozenset({"proceedings", "mvproceedings", "collection", "mvcollection"})


# --- types -------------------------------------------------------------------------------

_TYPES = {normalize_key(c): c for c in PUB_TYPE.choices}
_TYPES.update({normalize_key(a): c for a, c in PUB_TYPE.aliases.items()})
# BibTeX and biblatex entry types the profile format has no alias for.
_ENTRY_TYPES = {
    **_TYPES, "mvbook": "book", "collection": "book", "mvcollection": "book",
    "mvproceedings": "conference", "bookinbook": "chapter", "suppbook": "chapter",
    "suppcollection": "chapter", "inreference": "chapter", "masterthesis": "thesis",
    "data": "dataset",
}
# Entry types an arXiv id turns into a preprint; others (@inproceedings with an arXiv
# version) stay what they are.
_PREPRINT_TYPES = frozenset({"misc", "online", "electronic", "www", "unpublished", "preprint",
                             "article"})
_ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)")
_ARXIV_VENUE = re.compile(r"^\s*(arxiv|corr)\b", re.I)
_WORKSHOP = re.compile(r"\bworkshops?\b", re.I)
_STATUS_WORDS = {
    "inpress": "In press", "forthcoming": "Forthcoming", "toappear": "To appear",
    "submitted": "Submitted", "insubmission": "In submission", "accepted": "Accepted",
    "inpreparation": "In preparation", "prepublished": "Prepublished",
    "underreview": "Under review",
}
_YES = {"yes": True, "true": True, "1": True, "on": True, "y": True,
        "no": False, "false": False, "0": False, "off": False, "n": False}
# Link fields beside the model's shorthand ones (al-folio writes these), as link kinds.
_EXTRA_LINKS = {"html": "html", "supp": "supplement", "supplement": "supplement",
                "blog": "blog", "website": "website", "data": "data"}
_ALIASES = {"github": "code", "repo": "code", "featured": "selected",
            "highlight": "selected", "pubstate": "status", "issue": "number",
            "journaltitle": "journal", "arxivid": "arxiv"}
_YEAR = re.compile(r"[12]\d{3}")


class _Builder:
    """One entry made into a :class:`Publication`, reporting its bad fields."""

    def __init__(self, source: _Source, entry: _Entry) -> None:
        self.src = source
        self.entry = entry
        self.fields = dict(entry.fields)
        self.alias_of: dict[str, str] = {}
        for alias, name in _ALIASES.items():
            if alias in self.fields and name not in self.fields:
                self.fields[name] = self.fields[alias]
                self.alias_of[name] = alias
        self.values: dict[str, Any] = {}
        self.locations: dict[str, Location] = {}
        self.used: set[str] = {"crossref"}
        """Fields whose value went into the publication; the others go to x-bibtex."""

    def field_path(self, name: str) -> str:
        return f"{self.entry.key}.{name}"

    def raw(self, name: str) -> str | None:
        item = self.fields.get(name)
        return item[0] if item is not None and item[0].strip() else None

    def set(self, attr: str, value: Any, *names: str) -> None:
        """Set ``attr``, located at the first of the BibTeX fields ``names`` given."""
        self.values[attr] = value
        for name in names:
            if name in self.fields:
                self.locations[attr] = self.src.loc(self.fields[name][1])
                self.use(name)
                return
        self.locations[attr] = self.src.loc(self.entry.start)

    def use(self, name: str) -> None:
        self.used.add(name)
        if name in self.alias_of:
            self.used.add(self.alias_of[name])

    def unused(self) -> dict[str, str]:
        """Fields with a value that the publication does not hold, as written."""
        return {name: raw for name, (raw, _) in self.entry.fields.items()
                if name not in self.used and raw.strip()}

    def report(self, subtype: Subtype, name: str, message: str, *, value: object = None,
               expected: str | None = None) -> None:
        offset = self.fields[name][1] if name in self.fields else self.entry.start
        self.src.report(subtype, offset, self.field_path(name), message, value=value,
                        expected=expected)

    def build(self) -> Publication | None:
        entry = self.entry
        title = self.text("title")
        if not title:
            self.report(Subtype.REQUIRED, "title",
                        "title is empty; entry skipped" if "title" in self.fields
                        else "entry has no title; skipped", expected="a title field")
            return None
        self.set("id", entry.key)
        self.set("title", title, "title")
        for attr, name in (("authors", "author"), ("editors", "editor")):
            names = self.names(name)
            if names:
                self.set(attr, names, name)
        self.venue()
        self.dates()
        for attr in ("publisher", "award", "abstract", "note", "status"):
            value = self.text(attr)
            if value:
                if attr == "status":
                    value = _STATUS_WORDS.get(normalize_key(value), value)
                self.set(attr, value, attr)
        for attr in ("volume", "number", "pages"):
            value = self.text(attr, markdown=False)
            if value:
                self.set(attr, value, attr)
        doi = self.raw("doi")
        if doi:
            doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", _clean_url(doi),
                         flags=re.I)
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
        self.values["bibtex"] = self.src.text[entry.start:entry.end]
        pub = Publication(**self.values)
        pub.source = self.src.loc(entry.start)
        pub.path = entry.key
        pub.locations = self.locations
        unused = self.unused()
        if entry.type != ENTRY_TYPES.get(kind):  # @mastersthesis, @online...: for export
            unused[ENTRY_TYPE_KEY] = entry.type
        if unused:
            pub.extras = {"x-bibtex": unused}
        pub.check(self.src.ctx, entry.key)  # the date sets year and month when absent
        return pub

    # --- fields --------------------------------------------------------------------------

    def text(self, name: str, markdown: bool = True) -> str | None:
        raw = self.raw(name)
        if raw is None:
            return None
        return latex_to_text(raw, markdown=markdown) or None

    def names(self, name: str) -> list[str]:
        raw = self.raw(name)
        if raw is None:
            return []
        out: list[str] = []
        for part in split_name_list(raw):
            with _pybtex_errors() as errors:
                shown = person_name(part)
            if errors:  # "Too many commas": pybtex joins the extra parts; say so
                self.report(Subtype.BIBTEX, name, "name with too many commas", value=part,
                            expected="'Last, First', 'Last, Jr, First' or 'First Last'")
            if shown:
                out.append(shown)
        return out

    def venue(self) -> None:
        for name in ("journal", "booktitle", "eventtitle", "school", "institution",
                     "howpublished"):
            raw = self.raw(name)
            if raw is None:
                continue
            url = _url_in(raw)
            if url is not None:  # howpublished = {\url{...}} is a link, not a venue
                if self.raw("url") is None:
                    self.fields["url"] = (url, self.fields[name][1])
                    self.alias_of["url"] = name
                continue
            value = latex_to_text(raw)
            if value:
                self.set("venue", value, name)
                return

    def dates(self) -> None:
        year = self.text("year", markdown=False)
        if year:
            if _YEAR.fullmatch(year):
                self.set("year", int(year), "year")
            elif normalize_key(year) in _STATUS_WORDS and not self.raw("status"):
                self.fields["status"] = self.fields["year"]
                self.alias_of["status"] = "year"
            else:
                self.report(Subtype.DATE, "year", "bad year", value=year,
                            expected="a 4-digit year such as 2024")
        month = self.text("month", markdown=False)
        if month:
            try:
                self.set("month", parse_month(month), "month")
            except DateError:
                self.report(Subtype.DATE, "month", "bad month", value=month,
                            expected="a month: 1-12 or a name such as 'Sep'")
        date = self.text("date", markdown=False)
        if date:
            try:  # biblatex ranges (2025-09-01/2025-09-05): the start dates the paper
                self.set("date", parse_date(date.split("/")[0]), "date")
            except DateError as err:
                self.report(Subtype.DATE, "date", f"bad date: {err}", value=date,
                            expected="a date such as 2025, 2025-09 or 2025-09-15")

    def arxiv_id(self) -> str | None:
        prefix = (self.text("archiveprefix", markdown=False)
                  or self.text("eprinttype", markdown=False) or "").lower()
        for name in ("arxiv", "eprint"):
            raw = self.raw(name)
            if raw is None or (name == "eprint" and prefix not in ("", "arxiv")):
                continue
            value = re.sub(r"^arxiv:\s*", "", _clean_url(raw), flags=re.I)
            found = _ARXIV_ID.search(value)
            if found and (prefix == "arxiv" or name == "arxiv" or "arxiv" in raw.lower()
                          or found.group(0) == value):
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
            if value and URL.regex.search(value):
                self.set(attr, value, attr)
            else:
                self.report(Subtype.VALUE, attr, "not a URL; ignored", value=raw,
                            expected=URL.expected)
        out: list[Link] = []
        for name, kind in _EXTRA_LINKS.items():
            raw = self.raw(name)
            if raw is None:
                continue
            link = make_link(kind, _clean_url(raw))
            if link is None:
                self.report(Subtype.VALUE, name, "not a URL; ignored", value=raw,
                            expected=URL.expected)
            else:
                out.append(link)
                self.use(name)
                self.locations.setdefault("links", self.src.loc(self.fields[name][1]))
        if out:
            self.values["links"] = out

    def tags(self) -> None:
        raw = self.raw("keywords")
        if raw is None:
            return
        tags: list[str] = []
        for part in _split_top(raw, ",;"):
            tag = latex_to_text(part)
            if tag and tag not in tags:
                tags.append(tag)
        if tags:
            self.set("tags", tags, "keywords")

    def selected(self) -> None:
        raw = self.text("selected", markdown=False)
        if raw is None:
            return
        value = _YES.get(raw.lower())
        if value is None:
            self.report(Subtype.VALUE, "selected", "not a yes/no value; ignored", value=raw,
                        expected="yes, no, true, false, 1 or 0")
        else:
            self.set("selected", value, "selected")

    def pub_type(self) -> tuple[str, str]:
        """The publication type and the field that set it (the entry's @type: "")."""
        explicit = self.text("pubtype", markdown=False)
        if explicit:
            kind = _TYPES.get(normalize_key(explicit))
            if kind is not None:
                return kind, "pubtype"
            close = difflib.get_close_matches(normalize_key(explicit), list(_TYPES), n=1)
            hint = f"; did you mean '{_TYPES[close[0]]}'?" if close else ""
            self.report(Subtype.VALUE, "pubtype", "unknown publication type" + hint,
                        value=explicit, expected=PUB_TYPE.expected)
        # BibTeX's own `type` names a kind of report or thesis ("Technical Report");
        # only a word the profile format knows overrides the entry type.
        kind = _TYPES.get(normalize_key(self.text("type", markdown=False) or ""))
        if kind is not None:
            return kind, "type"
        kind, where = entry_kind(self.entry.type, keywords=self.raw("keywords"),
                                 booktitle=self.raw("booktitle"),
                                 venue=self.values.get("venue"),
                                 arxiv=self.values.get("arxiv"),
                                 publisher=self.raw("publisher"),
                                 url=self.values.get("url"))
        return kind, where


def entry_kind(entry_type: str, *, keywords: str | None = None, booktitle: str | None = None,
               venue: str | None = None, arxiv: str | None = None,
               publisher: str | None = None, url: str | None = None) -> tuple[str, str]:
    """The kind of an entry without a ``pubtype``, and the field that told it: from the
    entry type, the word 'workshop' in the keywords or booktitle, and arXiv signs.

    ``venue`` is the venue read (text); the others are fields as written.
    """
    kind = _ENTRY_TYPES.get(normalize_key(entry_type), "misc")
    if _WORKSHOP.search(keywords or ""):
        return "workshop", "keywords"
    if kind in ("conference", "misc") and _WORKSHOP.search(booktitle or ""):
        return "workshop", "booktitle"
    if entry_type.lower() in _PREPRINT_TYPES:
        # An arXiv paper, not (yet) one in a journal or proceedings.
        if venue and _ARXIV_VENUE.match(venue):
            return "preprint", ""
        if kind != "journal" and not venue and (
                arxiv or (publisher or "").strip().lower() == "arxiv"
                or "arxiv.org/" in (url or "").lower()):
            return "preprint", ""
    return kind, ""


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

def person_name(raw: str) -> str:
    """A BibTeX name in display form: ``First von Last, Jr``; ``others`` -> ``et al.``.

    Given names stay as written (not abbreviated); LaTeX becomes Unicode.
    """
    if raw.strip().lower() in ("others", "{others}"):
        return "et al."
    try:
        person = Person(raw)
        front = person.first_names + person.middle_names + person.prelast_names
        name = " ".join(latex_to_text(p, markdown=False) for p in
                        [*front, *person.last_names])
        jr = " ".join(latex_to_text(p, markdown=False) for p in person.lineage_names)
    except Exception:  # pybtex on odd names: fall back to the plain form
        return normalize_name(latex_to_text(raw, markdown=False))
    name = " ".join(name.split())
    return f"{name}, {jr}" if jr and name else name or jr


# --- LaTeX to text -----------------------------------------------------------------------

_TOKEN = re.compile(r"\\[A-Za-z]+\*?[ \t\n]*|\\[^A-Za-z]|---|--|``|''|[ \t\n]+"
                    r"|[^\\{}$~`'\-^_ \t\n]+|.", re.S)
_MAX_DEPTH = 60

# Accent commands -> combining mark, placed after the first letter of the argument.
_ACCENTS = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303",
    "=": "\u0304", ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b",
    "c": "\u0327", "d": "\u0323", "b": "\u0331", "r": "\u030a", "k": "\u0328",
    "t": "\u0361",
}
_SPACING_ACCENTS = {"~": "~", "^": "^", "'": "´", "`": "`", '"': "¨", "=": "¯"}

_SYMBOLS = {
    "i": "ı", "j": "ȷ", "ss": "ß", "SS": "SS", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ",
    "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "dh": "ð", "DH": "Ð",
    "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ", "dj": "đ", "DJ": "Đ",
    "copyright": "©", "textcopyright": "©", "textregistered": "®", "texttrademark": "™",
    "dag": "†", "ddag": "‡", "textdagger": "†", "textdaggerdbl": "‡", "S": "§", "P": "¶",
    "pounds": "£", "textsterling": "£", "euro": "€", "texteuro": "€", "textyen": "¥",
    "textendash": "–", "textemdash": "—", "ldots": "…", "dots": "…", "textellipsis": "…",
    "textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“",
    "textquotedblright": "”", "textquotesingle": "'", "textquotedbl": '"',
    "guillemotleft": "«", "guillemotright": "»", "guillemetleft": "«",
    "guillemetright": "»", "textless": "<", "textgreater": ">", "textbar": "|",
    "textbackslash": "\\", "textasciitilde": "~", "textasciicircum": "^",
    "textunderscore": "_", "textdegree": "°", "textbullet": "•",
    "textperiodcentered": "·", "textexclamdown": "¡", "textquestiondown": "¿",
    "textsection": "§", "textparagraph": "¶", "textmu": "µ", "textpm": "±",
    "texttimes": "×", "textdiv": "÷", "textonehalf": "½", "textordfeminine": "ª",
    "textordmasculine": "º", "LaTeX": "LaTeX", "LaTeXe": "LaTeX2ε", "TeX": "TeX",
    "BibTeX": "BibTeX", "XeTeX": "XeTeX", "slash": "/", "nobreakspace": "\u00a0",
    "quad": " ", "qquad": " ", "enspace": " ", "thinspace": "\u202f", "space": " ",
    "newline": " ", "linebreak": " ", "par": " ", "hfill": " ", "break": " ",
    "noindent": "", "relax": "", "protect": "", "unskip": "", "ignorespaces": "",
    "allowbreak": "", "null": "", "empty": "",
}
_CONTROL_SYMBOLS = {
    "&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", " ": " ",
    "\n": " ", "\t": " ", "\\": " ", ",": "\u202f", "-": "", "/": "", "@": "", ";": " ",
    ":": " ", "!": "", "|": "|", "*": "",
}
# Declarations style the rest of their group: {\em ...}, {\bf ...}.
_DECLARATIONS = {
    "em": "em", "it": "em", "itshape": "em", "sl": "em", "slshape": "em",
    "bf": "strong", "bfseries": "strong",
}
_NO_STYLE_DECLARATIONS = frozenset({
    "rm", "rmfamily", "sf", "sffamily", "tt", "ttfamily", "sc", "scshape", "upshape",
    "mdseries", "normalfont", "tiny", "scriptsize", "footnotesize", "small", "normalsize",
    "large", "Large", "LARGE", "huge", "Huge", "selectfont", "centering",
})
_STYLE_COMMANDS = {"emph": "em", "textit": "em", "textsl": "em", "textbf": "strong"}
_TRANSPARENT = frozenset({
    "textrm", "textsf", "texttt", "textsc", "textup", "textmd", "textnormal", "mbox",
    "hbox", "text", "NoCaseChange", "nocase", "makebox", "fbox", "enquote", "textlatin",
    "textenglish", "uline", "underline", "textsuperscript", "textsubscript", "sout", "hl",
})
_DROP_ONE = frozenset({
    "cite", "citep", "citet", "citealp", "parencite", "textcite", "footnote", "thanks",
    "label", "ref", "eqref", "hspace", "vspace", "noopsort", "sortnoop", "SortNoop",
    "hyphenation", "index", "color", "pagecolor", "nocite", "selectlanguage", "bibstring",
})
_SECOND_ARG = frozenset({"textcolor", "href", "foreignlanguage", "bibinfo", "colorbox"})
"""Commands whose first argument is not text: ``\\href{url}{text}``."""
_UPPER = frozenset({"MakeUppercase", "uppercase", "MakeTextUppercase"})
_LOWER = frozenset({"MakeLowercase", "lowercase", "MakeTextLowercase"})
_VERBATIM = frozenset({"url", "path", "nolinkurl", "doi"})
# Single quotes stay as written: "O'Brien" must still match the name in the profile.
_TEXT_SPECIAL = {"~": "\u00a0", "--": "–", "---": "—", "``": "“", "''": "”"}

Piece = tuple[str, str]
"""Text and its style: ``""``, ``"em"`` or ``"strong"``."""


def latex_to_text(raw: str, markdown: bool = True) -> str:
    """A BibTeX value as Unicode text: accents, symbols and dashes converted, braces
    removed, simple ``$math$`` made Unicode (other math kept as written).

    With ``markdown``, ``\\emph``/``\\textbf`` become ``*em*``/``**strong**`` and
    characters that would read as Markdown are escaped, so the text renders as written.
    """
    pieces = _Latex(raw).run()
    return _render(pieces, markdown)


class _Latex:
    def __init__(self, text: str) -> None:
        self.toks: list[str] = _TOKEN.findall(text)
        self.i = 0
        self.flat = 0  # braces past _MAX_DEPTH, read without recursing

    def run(self) -> list[Piece]:
        out: list[Piece] = []
        while self.i < len(self.toks):
            out += self.group(0, "")
            self.i += 1  # a stray '}' at the top level ends group(0); skip it
        return out

    def group(self, depth: int, style: str) -> list[Piece]:
        """Pieces up to the '}' closing this group (consumed), or to the end."""
        out: list[Piece] = []
        while self.i < len(self.toks):
            tok = self.toks[self.i]
            if tok == "}":
                if self.flat:
                    self.flat -= 1
                    self.i += 1
                    continue
                if depth:
                    self.i += 1
                return out
            self.i += 1
            if tok == "{":
                if depth >= _MAX_DEPTH:
                    self.flat += 1
                else:
                    out += self.group(depth + 1, style)
                continue
            name = _command_name(tok)
            if name in _DECLARATIONS:
                style = _DECLARATIONS[name]
                continue
            if name in _NO_STYLE_DECLARATIONS:
                continue
            out += self.one(tok, depth, style)
        return out

    def one(self, tok: str, depth: int, style: str) -> list[Piece]:
        """The pieces for token ``tok`` (already consumed) and any arguments it takes."""
        if tok in ("$", "\\("):
            return [(self.math("\\)" if tok == "\\(" else "$"), style)]
        name = _command_name(tok)
        if name is None:
            return [(" " if tok[0] in " \t\n" else _TEXT_SPECIAL.get(tok, tok), style)]
        if name in _ACCENTS:  # \'e, \"{o}, \c c, \v{s}
            base = _plain(self.arg(depth, style))
            return [(_accent(_ACCENTS[name], base, name), style)]
        if name in _CONTROL_SYMBOLS:
            return [(_CONTROL_SYMBOLS[name], style)]
        if name in _SYMBOLS:
            return [(_SYMBOLS[name], style)]
        if name in _STYLE_COMMANDS:
            return self.arg(depth, _STYLE_COMMANDS[name])
        if name in _TRANSPARENT:
            return self.arg(depth, style)
        if name in _UPPER or name in _LOWER:
            return [(t.upper() if name in _UPPER else t.lower(), s)
                    for t, s in self.arg(depth, style)]
        if name in _DROP_ONE:
            self.arg(depth, style)
            return []
        if name in _SECOND_ARG:
            self.raw_arg()
            return self.arg(depth, style)
        if name in _VERBATIM:
            return [(self.raw_arg(), style)]
        if name == "ensuremath":
            return [(_math_or_source("$", self.raw_arg()), style)]
        if self.peek_group():
            return []  # an unknown command: keep the text of its arguments
        return [(tok, style)]  # an unknown macro such as \sysname stays visible

    def peek_group(self) -> bool:
        """Whether a non-empty {group} follows (``\\macro{}`` only ends a macro name)."""
        j = self.i
        while j < len(self.toks) and self.toks[j].isspace():
            j += 1
        return self.toks[j:j + 1] == ["{"] and self.toks[j + 1:j + 2] != ["}"]

    def arg(self, depth: int, style: str) -> list[Piece]:
        """One argument: a {group}, a command, or a single character."""
        while self.i < len(self.toks) and self.toks[self.i].isspace():
            self.i += 1
        if self.i >= len(self.toks) or self.toks[self.i] == "}" or depth >= _MAX_DEPTH:
            return []  # (too deep: \\'\\'\\'... must not exhaust the stack)
        tok = self.toks[self.i]
        self.i += 1
        if tok == "{":
            return self.group(depth + 1, style)
        if tok.startswith("\\"):
            return self.one(tok, depth + 1, style)
        if len(tok) > 1:  # TeX takes one character; leave the rest for later
            self.i -= 1
            self.toks[self.i] = tok[1:]
            tok = tok[0]
        return self.one(tok, depth, style)

    def raw_arg(self) -> str:
        """An argument's source text, braces balanced and removed."""
        while self.i < len(self.toks) and self.toks[self.i].isspace():
            self.i += 1
        if self.i >= len(self.toks) or self.toks[self.i] != "{":
            return ""
        self.i += 1
        level, out = 1, []
        while self.i < len(self.toks):
            tok = self.toks[self.i]
            self.i += 1
            level += tok == "{"
            level -= tok == "}"
            if level == 0:
                break
            out.append(tok)
        return "".join(out)

    def math(self, close: str) -> str:
        start = self.i
        while self.i < len(self.toks) and self.toks[self.i] != close:
            self.i += 1
        if self.i >= len(self.toks):  # no closing '$': a literal dollar sign
            self.i = start
            return "$" if close != "\\)" else ""
        src = "".join(self.toks[start:self.i])
        self.i += 1
        opening = "\\(" if close == "\\)" else close
        return _math_or_source(opening, src, close)


def _command_name(tok: str) -> str | None:
    if tok.startswith("\\") and len(tok) > 1:
        return tok[1:].rstrip(" \t\n*") if tok[1].isalpha() else tok[1]
    return None


def _plain(pieces: list[Piece]) -> str:
    return "".join(t for t, _ in pieces)


def _accent(mark: str, base: str, name: str) -> str:
    if not base.strip():
        return _SPACING_ACCENTS.get(name, "") + base.strip()
    first = {"ı": "i", "ȷ": "j"}.get(base[0], base[0])  # \'{\i}: the dotless i takes it
    return unicodedata.normalize("NFC", first + mark + base[1:])


# --- math --------------------------------------------------------------------------------

_GREEK = {name: chr(code) for name, code in (
    ("alpha", 0x3B1), ("beta", 0x3B2), ("gamma", 0x3B3), ("delta", 0x3B4),
    ("epsilon", 0x3F5), ("varepsilon", 0x3B5), ("zeta", 0x3B6), ("eta", 0x3B7),
    ("theta", 0x3B8), ("vartheta", 0x3D1), ("iota", 0x3B9), ("kappa", 0x3BA),
    ("lambda", 0x3BB), ("mu", 0x3BC), ("nu", 0x3BD), ("xi", 0x3BE), ("pi", 0x3C0),
    ("varpi", 0x3D6), ("rho", 0x3C1), ("varrho", 0x3F1), ("sigma", 0x3C3),
    ("varsigma", 0x3C2), ("tau", 0x3C4), ("upsilon", 0x3C5), ("phi", 0x3D5),
    ("varphi", 0x3C6), ("chi", 0x3C7), ("psi", 0x3C8), ("omega", 0x3C9),
    ("Gamma", 0x393), ("Delta", 0x394), ("Theta", 0x398), ("Lambda", 0x39B),
    ("Xi", 0x39E), ("Pi", 0x3A0), ("Sigma", 0x3A3), ("Upsilon", 0x3A5), ("Phi", 0x3A6),
    ("Psi", 0x3A8), ("Omega", 0x3A9))}
_MATH_SYMBOLS = {
    **_GREEK, "times": "×", "cdot": "·", "pm": "±", "mp": "∓", "div": "÷", "leq": "≤",
    "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈", "sim": "∼",
    "simeq": "≃", "cong": "≅", "equiv": "≡", "propto": "∝", "ll": "≪", "gg": "≫",
    "infty": "∞", "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←",
    "Rightarrow": "⇒", "Leftarrow": "⇐", "leftrightarrow": "↔", "Leftrightarrow": "⇔",
    "mapsto": "↦", "uparrow": "↑", "downarrow": "↓", "in": "∈", "notin": "∉", "ni": "∋",
    "subset": "⊂", "subseteq": "⊆", "supset": "⊃", "supseteq": "⊇", "cup": "∪",
    "cap": "∩", "setminus": "∖", "emptyset": "∅", "varnothing": "∅", "forall": "∀",
    "exists": "∃", "nabla": "∇", "partial": "∂", "sum": "∑", "prod": "∏", "int": "∫",
    "oint": "∮", "ell": "ℓ", "hbar": "ℏ", "Re": "ℜ", "Im": "ℑ", "aleph": "ℵ", "circ": "∘",
    "ast": "∗", "star": "⋆", "bullet": "•", "ldots": "…", "cdots": "⋯", "dots": "…",
    "langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈",
    "rceil": "⌉", "vert": "|", "mid": "|", "Vert": "‖", "oplus": "⊕", "otimes": "⊗",
    "odot": "⊙", "neg": "¬", "lnot": "¬", "wedge": "∧", "land": "∧", "vee": "∨",
    "lor": "∨", "top": "⊤", "bot": "⊥", "perp": "⊥", "prime": "′", "dagger": "†",
    "angle": "∠", "triangle": "△", "square": "□", "checkmark": "✓", "lbrace": "{",
    "rbrace": "}", "%": "%", "&": "&", "#": "#", "_": "_", "$": "$", "{": "{", "}": "}",
    "|": "‖", ",": " ", ";": " ", ":": " ", " ": " ", "!": "", "quad": " ", "qquad": " ",
    "left": "", "right": "", "big": "", "Big": "", "bigl": "", "bigr": "", "Bigl": "",
    "Bigr": "", "bigg": "", "Bigg": "", "displaystyle": "", "textstyle": "",
    "limits": "", "nolimits": "", "colon": ":", "lvert": "|", "rvert": "|",
}
# Relations and binary operators get spaces: TeX spaces them, and the space written
# after \in is eaten with the command name.
_MATH_SPACED = frozenset({
    "times", "cdot", "pm", "mp", "div", "leq", "le", "geq", "ge", "neq", "ne", "approx",
    "sim", "simeq", "cong", "equiv", "propto", "ll", "gg", "to", "rightarrow", "leftarrow",
    "gets", "Rightarrow", "Leftarrow", "leftrightarrow", "Leftrightarrow", "mapsto", "in",
    "notin", "ni", "subset", "subseteq", "supset", "supseteq", "cup", "cap", "setminus",
    "oplus", "otimes", "odot", "wedge", "land", "vee", "lor", "mid",
})
_MATH_OPERATORS = frozenset({
    "log", "ln", "lg", "exp", "sin", "cos", "tan", "max", "min", "sup", "inf", "lim",
    "arg", "det", "dim", "deg", "gcd", "Pr", "argmax", "argmin", "mod", "bmod", "ker",
})
_MATH_TEXT = frozenset({
    "mathrm", "mathit", "mathbf", "mathsf", "mathtt", "mathnormal", "mathcal", "mathscr",
    "mathfrak", "boldsymbol", "bm", "operatorname", "text", "textrm", "textit", "textbf",
    "textsf", "texttt", "mbox", "emph",
})
_BLACKBOARD = {"R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "P": "ℙ", "E": "𝔼",
               "H": "ℍ", "F": "𝔽", "1": "𝟙"}
_MATH_ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "tilde": "\u0303",
                 "widetilde": "\u0303", "bar": "\u0304", "overline": "\u0305",
                 "vec": "\u20d7", "dot": "\u0307", "ddot": "\u0308"}
_SUP = dict(zip("0123456789+-=()abcdefghijklmnoprstuvwxyzT⊤′∗*",
                "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᵀᵀ′**", strict=True))
_SUB = dict(zip("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ",
                strict=True))


class _UnknownMath(Exception):
    pass


def _math_or_source(opening: str, src: str, close: str | None = None) -> str:
    """Simple math as Unicode (``$\\alpha$`` -> α); anything else kept as written."""
    try:
        text = _Math(src).seq(0)
    except _UnknownMath:
        return f"{opening}{src}{close if close is not None else opening}"
    text = re.sub(r" {2,}", " ", text).replace("( ", "(").replace(" )", ")")
    return text.strip()


class _Math:
    def __init__(self, src: str) -> None:
        self.toks: list[str] = _TOKEN.findall(src)
        self.i = 0

    def seq(self, depth: int) -> str:
        out: list[str] = []
        while self.i < len(self.toks):
            tok = self.toks[self.i]
            self.i += 1
            if tok == "}":
                if depth:
                    return "".join(out)
                raise _UnknownMath
            if tok == "{":
                if depth >= _MAX_DEPTH:
                    raise _UnknownMath
                out.append(self.seq(depth + 1))
            elif tok in ("^", "_"):
                out.append(_script(self.arg(depth), tok == "^"))
            else:
                out.append(self.one(tok, depth))
        return "".join(out)

    def arg(self, depth: int) -> str:
        while self.i < len(self.toks) and self.toks[self.i].isspace():
            self.i += 1
        if self.i >= len(self.toks) or depth >= _MAX_DEPTH:
            raise _UnknownMath
        tok = self.toks[self.i]
        self.i += 1
        if tok == "{":
            return self.seq(depth + 1)
        if tok.startswith("\\"):
            return self.one(tok, depth + 1)
        if tok in ("}", "^", "_"):
            raise _UnknownMath
        if len(tok) > 1:
            self.i -= 1
            self.toks[self.i] = tok[1:]
            tok = tok[0]
        return self.one(tok, depth)

    def one(self, tok: str, depth: int) -> str:
        name = _command_name(tok)
        if name is None:
            if tok.isspace():
                return " "
            return {"'": "′", "''": "″", "~": " "}.get(tok, tok)
        if name in _MATH_SPACED:
            return f" {_MATH_SYMBOLS[name]} "
        if name in _MATH_SYMBOLS:
            return _MATH_SYMBOLS[name]
        if name in _MATH_OPERATORS:
            return f" {name} "
        if name in _MATH_TEXT:
            return self.arg(depth)
        if name == "mathbb":
            return "".join(_BLACKBOARD.get(c, c) for c in self.arg(depth))
        if name in _MATH_ACCENTS:
            base = self.arg(depth)
            return unicodedata.normalize("NFC", base[:1] + _MATH_ACCENTS[name] + base[1:])
        if name in ("frac", "dfrac", "tfrac"):
            num, den = self.arg(depth), self.arg(depth)
            wrap = [t if len(t) <= 1 or t.isalnum() else f"({t})" for t in (num, den)]
            return "/".join(wrap)
        if name == "sqrt":
            inner = self.arg(depth)
            return "√" + (inner if len(inner) <= 1 or inner.isalnum() else f"({inner})")
        raise _UnknownMath


def _script(text: str, sup: bool) -> str:
    table = _SUP if sup else _SUB
    if text and all(c in table for c in text):
        return "".join(table[c] for c in text)
    if sup and text and not any(c.isalnum() for c in text):
        return text  # marks such as Song$^\dagger$: the mark itself reads well
    mark = "^" if sup else "_"
    return mark + (text if len(text) <= 1 else f"({text})")


# --- Markdown ----------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]])")
_SPACES = re.compile(r"[ \t\n]+")


def _render(pieces: list[Piece], markdown: bool) -> str:
    plain = _SPACES.sub(" ", _plain(pieces)).strip()
    if not markdown or not plain:
        return plain
    styled = any(s and t.strip() for t, s in pieces)
    if not styled:
        spans = parse_inline(plain)
        if len(spans) == 1 and spans[0].kind == "text" and spans[0].text == plain:
            return plain  # nothing in it reads as Markdown: keep it unescaped
        return _MD_SPECIAL.sub(r"\\\1", plain)
    runs: list[Piece] = []
    for text, style in pieces:
        if runs and runs[-1][1] == style:
            runs[-1] = (runs[-1][0] + text, style)
        else:
            runs.append((text, style))
    out: list[str] = []
    for text, style in runs:
        text = _SPACES.sub(" ", text)
        core = text.strip()
        if not style or not core:
            out.append(_MD_SPECIAL.sub(r"\\\1", text))
            continue
        marker = "*" if style == "em" else "**"
        lead = " " if text[0] == " " else ""
        trail = " " if text[-1] == " " else ""
        escaped = _MD_SPECIAL.sub(r"\\\1", core)
        out.append(f"{lead}{marker}{escaped}{marker}{trail}")
    md = _SPACES.sub(" ", "".join(out)).strip()
    # Emphasis markers next to escaped characters can read differently; the text matters
    # more than the styling.
    return md if to_plain(md) == plain else _MD_SPECIAL.sub(r"\\\1", plain)
