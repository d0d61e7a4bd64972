"""Reading BibTeX files: the text, pybtex's parser, syntax problems, duplicates and
``crossref``; each entry is then made a publication by :mod:`.entries`.

Entries are read with pybtex's low-level parser (the parser sphinxcontrib-bibtex builds
on) so that every entry and field has a known position: problems point at the line that
needs fixing, and each publication keeps its source text for the HTML "BibTeX" block.

:func:`load_bibtex` never raises for bad input and never prints: the errors pybtex would
print or raise become problems, and an entry that cannot be read is skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from pybtex.database.input.bibtex import LowLevelParser, UndefinedMacro, month_names
from pybtex.scanner import PrematureEOF
from pybtex.utils import CaseInsensitiveDict

from ..converter import Context
from ..files import read_file
from ..problems import Location, Problem, Subtype
from ..publication import Publication
from .entries import EntryMapper, pybtex_errors
from .types import CONTAINER_TYPES, INHERITED, Entry, SourceText

MAX_SYNTAX_ERRORS = 20
"""After this many syntax errors the rest of a file is skipped (a binary or wrong file)."""

_ENTRY_START = re.compile(r"^[ \t]*@", re.M)
"""A line starting with '@': where reading resumes after a broken entry."""


def load_bibtex(paths: str | Sequence[str]) -> tuple[list[Publication], list[Problem]]:
    """The publications in the BibTeX file(s) at ``paths``, in file order, and the problems.

    Several files are read as BibTeX reads ``\\bibliography{abbrev,main}``: a ``@string``
    defined in one file is known in the files after it, and a ``crossref`` finds an entry
    of any of them. A missing or unreadable file, syntax errors, repeated keys, entries
    without a title and bad years or months are problems; the entries that can be read are
    returned. Keys differing only in letter case are two entries; a key used before is
    kept under a new key (``key-2``) and reported, an identical copy is skipped and
    reported. The build and ``sphinx-cv import`` both read through here, so both keep
    the same entries. Fields the profile has no place for are kept in
    ``extras["x-bibtex"]``.
    """
    names = [paths] if isinstance(paths, str) else list(paths)
    ctx = Context(names[0] if names else "")
    macros: CaseInsensitiveDict = CaseInsensitiveDict(month_names)
    try:
        with pybtex_errors() as stray:
            scanned: list[tuple[_Source, Entry]] = []
            for path in names:
                text = _read(path, ctx)
                if text is not None:
                    source = _Source(path, text, ctx)
                    scanned += [(source, e) for e in source.scan(macros)]
            pubs = _publications(scanned)
        for error in stray:  # none known: the parser's and names' errors are handled
            ctx.report(
                Subtype.BIBTEX,
                Location(names[0], 1, 1),
                "",
                f"pybtex: {error}",
                expected="a BibTeX file",
            )
    except Exception as err:  # a bug here must not stop the build
        ctx.report(
            Subtype.BIBTEX,
            Location(names[0], 1, 1),
            "",
            f"internal error reading this BibTeX file ({type(err).__name__}: {err}); "
            "please report it",
            expected="a BibTeX file",
        )
        return [], ctx.problems
    # In file order; a file-level problem (line 0) first.
    order = {name: i for i, name in enumerate(names)}
    problems = sorted(
        ctx.problems,
        key=lambda p: (order.get(p.location.file, 0), p.location.line, p.location.column),
    )
    return pubs, problems


# --- reading the file --------------------------------------------------------------------


def _read(path: str, ctx: Context) -> str | None:
    try:
        data = read_file(path)  # a regular file under the size cap; never blocks
    except FileNotFoundError:
        ctx.report(
            Subtype.FILE,
            Location(path),
            "",
            "BibTeX file not found",
            expected="an existing .bib file",
        )
        return None
    except OSError as err:
        ctx.report(
            Subtype.FILE,
            Location(path),
            "",
            f"cannot read BibTeX file: {err.strerror or err}",
            expected="a readable file",
        )
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        where = Location(path, line, column)
        if b"\0" in data:
            ctx.report(
                Subtype.FILE,
                where,
                "",
                "not UTF-8 text (a binary file, or UTF-16?); BibTeX file skipped",
                expected="a UTF-8 encoded .bib file",
            )
            return None
        # Older tools write Latin-1/Windows-1252; read it so the entries still load.
        try:
            text = data.decode("cp1252")
            encoding = "Windows-1252"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            encoding = "Latin-1"
        ctx.report(
            Subtype.FILE,
            where,
            "",
            f"BibTeX file is not UTF-8 (byte 0x{data[err.start]:02X}); read as "
            f"{encoding}, please save it as UTF-8",
            expected="a UTF-8 encoded file",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- parsing -----------------------------------------------------------------------------


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

    def __init__(self, text: str, macros: CaseInsensitiveDict) -> None:
        # The files read together share one macro table, as BibTeX's do.
        super().__init__(text, macros=macros)
        self.command_start = 0
        self.field_starts: list[int] = []
        self.errors: list[tuple[Exception, int, int, str | None, str | None]] = []
        """(error, entry start, error offset, entry key, field name)."""
        self.failed: set[int] = set()
        self.fatal = 0

    def parse_command(self) -> object:  # what pybtex's parser makes of a command
        self.field_starts = []
        return super().parse_command()

    def parse_field(self) -> None:
        self.eat_whitespace()
        start = self.pos
        super().parse_field()
        if self.current_field_name is not None:
            self.field_starts.append(start)

    def handle_error(self, error: Exception) -> None:
        self.errors.append(
            (error, self.command_start, self.pos, self.current_entry_key, self.current_field_name)
        )
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


class _Source(SourceText):
    """One BibTeX file: its entries scanned (then made publications by
    :func:`_publications`)."""

    def scan(self, macros: CaseInsensitiveDict) -> list[Entry]:
        parser = _Parser(self.text, macros)
        entries: list[Entry] = []
        for command, body in parser:
            start = parser.command_start
            kind = command.lower()
            if start in parser.failed or kind in ("string", "preamble"):
                continue
            key, fields = body
            entry = Entry(kind, key, start, parser.pos)
            for (name, parts), offset in zip(fields, parser.field_starts, strict=True):
                lower = name.lower()
                if lower in entry.fields:
                    self.report(
                        Subtype.DUPLICATE_KEY,
                        offset,
                        f"{key}.{lower}",
                        "field given twice; the first one is used (as BibTeX does)",
                        value=name,
                        expected="each field once",
                    )
                    continue
                entry.fields[lower] = (" ".join("".join(parts).split()), offset)
            entries.append(entry)
        # One problem per undefined @string (IEEE abbreviations from another file, say).
        undefined = Counter(
            str(e.args[0]).lower() for e, *_ in parser.errors if isinstance(e, UndefinedMacro)
        )
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
            self.report(
                Subtype.BIBTEX,
                max(parser.failed),
                "",
                f"{MAX_SYNTAX_ERRORS} syntax errors; the rest of the file is skipped",
                expected="a BibTeX file",
            )
        return entries

    def _undefined(
        self, macro: str, times: int, offset: int, key: str | None, name: str | None
    ) -> None:
        path = f"{key}.{name.lower()}" if key and name else key or ""
        also = f" (used {times} times in this file)" if times > 1 else ""
        self.report(
            Subtype.BIBTEX,
            max(offset - len(macro), 0),
            path,
            f"undefined @string name; the value is left empty{also}",
            value=macro,
            expected='a {braced} or "quoted" value, or a @string defined above',
        )

    def _syntax_problem(
        self, error: Exception, start: int, offset: int, key: str | None, name: str | None
    ) -> None:
        message = str(error.args[0]) if error.args else type(error).__name__
        skipped = "; entry skipped" if key else ""
        following = _ENTRY_START.search(self.text, start + 1)
        if isinstance(error, PrematureEOF) or (following and offset >= following.end() - 1):
            # The parser ran into the next entry or the end: point at the entry itself.
            until = (
                f"the next entry (line {self.loc(following.end() - 1).line})"
                if following and offset < len(self.text)
                else "the end of the file"
            )
            self.report(
                Subtype.BIBTEX,
                start,
                key or "",
                f"syntax error: the entry is not closed before {until} (unbalanced "
                "braces or quotes?)" + skipped,
                expected="a closing '}' for every '{'",
            )
            return
        rest = self.text[offset:].split("\n", 1)[0].strip()
        if message == "'}' expected" and re.match(r"[A-Za-z][\w:-]*\s*=", rest):
            message = "',' expected before this field"
        self.report(
            Subtype.BIBTEX,
            offset,
            key or "",
            f"syntax error: {message}{skipped}",
            value=rest[:40] or None,
            expected="BibTeX syntax: @type{key, field = {value}, ...}",
        )


# --- entries to publications -------------------------------------------------------------


def _publications(scanned: list[tuple[_Source, Entry]]) -> list[Publication]:
    by_key: dict[str, Entry] = {}
    for _, entry in scanned:
        by_key.setdefault(entry.key.lower(), entry)  # BibTeX finds a crossref in any case
    containers: set[str] = set()
    for source, entry in scanned:
        if "crossref" in entry.fields:
            parent = _crossref(source, entry, by_key)
            # A @proceedings, or a venue entry without a title (a shared file of venue
            # definitions), is only there to be inherited from.
            if parent is not None and (
                parent.type in CONTAINER_TYPES or "title" not in parent.fields
            ):
                containers.add(parent.key.lower())
    pubs: list[Publication] = []
    first: dict[str, tuple[_Source, Entry]] = {}
    for source, entry in scanned:
        seen = first.get(entry.key)
        if seen is not None and not _keep_duplicate(source, entry, seen, first):
            continue
        first[entry.key] = (source, entry)
        if entry.key.lower() in containers:
            continue  # a @proceedings only referenced for its booktitle
        try:
            pub = EntryMapper(source, entry).build()
        except Exception as err:  # a bug must cost one entry, not the file
            source.report(
                Subtype.BIBTEX,
                entry.start,
                entry.key,
                f"internal error reading this entry ({type(err).__name__}: "
                f"{err}); please report it",
                expected="a BibTeX entry",
            )
            continue
        if pub is not None:
            pubs.append(pub)
    return pubs


def _keep_duplicate(
    source: _Source,
    entry: Entry,
    seen: tuple[_Source, Entry],
    first: dict[str, tuple[_Source, Entry]],
) -> bool:
    """Report an entry whose key was used before; True if it is kept (renamed)."""
    where = seen[0].loc(seen[1].start)
    at = f"line {where.line}" if seen[0] is source else f"{where.file}:{where.line}"
    same = entry.type == seen[1].type and {k: v for k, (v, _) in entry.fields.items()} == {
        k: v for k, (v, _) in seen[1].fields.items()
    }
    if same:
        source.report(
            Subtype.DUPLICATE_ID,
            entry.start,
            entry.key,
            f"identical copy of the entry at {at}; this entry is skipped",
            value=entry.key,
            expected="a unique key",
        )
        return False
    n = 2
    while f"{entry.key}-{n}" in first:
        n += 1
    old, entry.key = entry.key, f"{entry.key}-{n}"
    source.report(
        Subtype.DUPLICATE_ID,
        entry.start,
        old,
        f"duplicate entry key (first at {at}); kept as '{entry.key}'",
        value=old,
        expected="a unique key",
    )
    return True


def _crossref(source: _Source, entry: Entry, by_key: dict[str, Entry]) -> Entry | None:
    """Fill ``entry``'s missing venue fields from the entry its ``crossref`` names."""
    ref, offset = entry.fields["crossref"]
    parent = by_key.get(ref.strip().lower())
    if parent is None or parent is entry:
        source.report(
            Subtype.BIBTEX,
            offset,
            f"{entry.key}.crossref",
            "crossref names no other entry in the BibTeX files; ignored",
            value=ref,
            expected="the key of a @proceedings or @book entry",
        )
        return None
    for name in INHERITED:
        if name not in entry.fields and name in parent.fields:
            entry.fields[name] = parent.fields[name]
    if "booktitle" not in entry.fields and "title" in parent.fields:
        entry.fields["booktitle"] = parent.fields["title"]
    return parent
