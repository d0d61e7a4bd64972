"""Counting the facts of a real-world file and where each one went: shown on the page,
reported (a problem at its entry or field), kept in the profile but not shown by design
(listed, with the reason), or lost.

A BibTeX fact is one field of one entry; a JSON fact is one non-empty leaf value. The
entries and fields are found by scanning the input text, not through the importer, so a
field the importer drops still counts.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx.cmd.build import build_main

from sphinx_cv.data.bibtex.latex import latex_to_text
from sphinx_cv.data.problems import Problem
from sphinx_cv.formats.merge import norm_text

SHOWN_BIBTEX = (
    "title",
    "author",
    "editor",
    "journal",
    "journaltitle",
    "booktitle",
    "howpublished",
    "school",
    "institution",
    "year",
    "publisher",
    "volume",
    "number",
    "issue",
    "pages",
    "doi",
    "url",
    "note",
    "series",
    "address",
    "location",
)
"""Fields a citation shows: each must be on the page (or reported)."""
NOT_SHOWN_BIBTEX = {
    "month": "orders papers within a year",
    "date": "orders papers (the year is shown)",
    "keywords": "tags, for selecting papers",
    "abstract": "shown only with :abstracts:",
    "crossref": "its fields are read into the entry",
    "eprinttype": "says the eprint is arXiv",
    "archiveprefix": "says the eprint is arXiv",
    "eprint": "the arXiv id, shown as a link",
    "primaryclass": "arXiv category",
    "timestamp": "DBLP's bookkeeping",
    "biburl": "DBLP's bookkeeping",
    "bibsource": "DBLP's bookkeeping",
    "pagetotal": "page count, kept under x-bibtex",
    "isbn": "kept under x-bibtex",
    "issn": "kept under x-bibtex",
    "organization": "kept under x-bibtex",
    "language": "kept under x-bibtex",
    "file": "kept under x-bibtex",
    "urldate": "kept under x-bibtex",
    "elocation-id": "kept under x-bibtex",
    "ee": "kept under x-bibtex",
    "type": "the kind of report or thesis",
    "edition": "kept under x-bibtex",
    "chapter": "kept under x-bibtex",
}
"""Fields a citation does not show, and why (kept in the profile or under x-bibtex)."""
_ISO_DATE = re.compile(r"([12]\d{3})(?:-\d{2}(?:-\d{2})?)?")
_ENTRY = re.compile(r"^[ \t]*@\s*(\w+)\s*[{(]\s*([^,\s]*)\s*,", re.M)


@dataclass
class Tally:
    """Facts of one corpus file and where they went."""

    entries: int = 0
    shown_entries: int = 0
    facts: int = 0
    shown: int = 0
    reported: int = 0
    kept: Counter[str] = field(default_factory=Counter)
    lost: list[str] = field(default_factory=list)

    def row(self, name: str) -> str:
        return (
            f"{name:<32} entries {self.entries:>4} (shown {self.shown_entries:>4}) "
            f"facts in {self.facts:>5} shown {self.shown:>5} reported {self.reported:>4} "
            f"kept, not shown {sum(self.kept.values()):>4} lost {len(self.lost):>3}"
        )


def build(site: Path, rst: str, out: Path) -> tuple[str, list[str]]:
    """Build ``site`` (sphinx-build -E -q) with ``rst`` as its index page: the page's HTML
    body and the text of each publication's list item."""
    (site / "conf.py").write_text(
        'extensions = ["sphinx_cv"]\nhtml_theme = "alabaster"\n', encoding="utf-8"
    )
    (site / "index.rst").write_text(rst, encoding="utf-8")
    code = build_main(
        ["-q", "-E", "-b", "html", "-w", str(out / "warnings.txt"), str(site), str(out / "html")]
    )
    assert code == 0, (out / "warnings.txt").read_text("utf-8")
    body = (out / "html" / "index.html").read_text("utf-8").split("<body", 1)[1]
    items = [text_of(li) for li in re.findall(r"<li class=\"cv-pub .*?</li>", body, re.S)]
    return body, items


def text_of(markup: str) -> str:
    return norm_text(html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def bibtex_entries(paths: Iterable[Path]) -> list[tuple[str, str, str, dict[str, str], int]]:
    """(file, type, key, fields, line) of every entry, scanned from the text with pybtex's
    parser (macros shared across the files); @string, @preamble, @comment left out."""
    from pybtex.database.input.bibtex import LowLevelParser, month_names
    from pybtex.utils import CaseInsensitiveDict

    macros: CaseInsensitiveDict = CaseInsensitiveDict(month_names)
    out = []
    for path in paths:
        text = path.read_text("utf-8")
        parser = LowLevelParser(text, macros=macros, handle_error=lambda error: None)
        starts = {m.start(): m for m in _ENTRY.finditer(text)}
        for command, body in parser:
            if command.lower() in ("string", "preamble", "comment"):
                continue
            key, fields = body
            line = text.count("\n", 0, parser.command_start) + 1
            out.append(
                (path.name, command.lower(), key, {n.lower(): "".join(v) for n, v in fields}, line)
            )
        assert (
            len(out)
            >= len(
                [
                    m
                    for m in starts.values()
                    if m.group(1).lower() not in ("string", "preamble", "comment")
                ]
            )
            - 5
        )
    return out


def tally_bibtex(
    paths: list[Path],
    items: list[str],
    problems: list[Problem],
    kept_extra: dict[str, dict[str, str]],
) -> Tally:
    """Where each field of each entry went. ``kept_extra``: x-bibtex of each publication
    by id."""
    tally = Tally()
    entries = bibtex_entries(paths)
    targets = {f["crossref"].strip().lower() for *_, f, _ in entries if "crossref" in f}
    for file, kind, key, fields, line in entries:
        if key.lower() in targets and (
            not fields.get("title", "").strip() or kind == "proceedings"
        ):
            # A venue definition: its fields are read into the entries that crossref it.
            tally.kept["(crossref target's fields)"] += sum(1 for v in fields.values() if v.strip())
            tally.facts += sum(1 for v in fields.values() if v.strip())
            continue
        tally.entries += 1
        reported = [p for p in problems if _about(p, file, key, line)]
        title = norm_text(latex_to_text(fields.get("title", ""), markdown=False))
        item = _item_for(title, fields, items)
        if item is not None:
            tally.shown_entries += 1
        for name, raw in fields.items():
            if not raw.strip():
                continue
            tally.facts += 1
            if item is not None and name in SHOWN_BIBTEX and _field_shown(name, raw, item):
                tally.shown += 1
            elif any(p.path == f"{key}.{name}" for p in reported) or (item is None and reported):
                tally.reported += 1  # at its field, or the entry was skipped and said so
            elif name in NOT_SHOWN_BIBTEX or name in kept_extra.get(key, {}):
                tally.kept[name] += 1
            elif name == "publisher" and kind == "article":
                tally.kept["publisher (of a journal: styles leave it out)"] += 1
            elif name in ("address", "location") and kind == "article":
                tally.kept[f"{name} (of a journal: styles leave it out)"] += 1
            else:
                tally.lost.append(f"{file}:{line} {key}.{name} = {raw[:60]!r}")
    return tally


def _about(problem: Problem, file: str, key: str, line: int) -> bool:
    loc = problem.location
    return Path(loc.file).name == file and (
        problem.path == key or problem.path.startswith(f"{key}.") or loc.line == line
    )


def _item_for(title: str, fields: dict[str, str], items: list[str]) -> str | None:
    """The list item showing the entry: its title, and most of its other fields (a
    preprint and its conference version share a title)."""
    if not title:
        return None
    found = [i for i in items if title in i]
    if len(found) < 2:
        return found[0] if found else None
    return max(
        found,
        key=lambda i: sum(
            _field_shown(n, v, i)
            for n, v in fields.items()
            if n in SHOWN_BIBTEX and n not in ("url", "doi")
        ),
    )


def _field_shown(name: str, raw: str, item: str) -> bool:
    if name in ("author", "editor"):
        names = re.split(r"\s+and\s+", raw)
        return all(_name_shown(n, item) for n in names if n.strip().lower() != "others")
    if name in ("url", "doi") or "\\url" in raw:
        return True  # links: the page shows them as buttons, checked by the link test
    value = norm_text(latex_to_text(raw, markdown=False))
    return bool(value) and value in item


def _name_shown(raw: str, item: str) -> bool:
    """A name is shown when its last name is (given names may be initials)."""
    from sphinx_cv.data.bibtex.entries import person_name

    words = norm_text(person_name(raw)).split()
    return not words or words[-1] in item or any(w in item for w in words)


def json_facts(value: Any, path: str = "") -> list[tuple[str, str]]:
    """(path, text) of every non-empty leaf."""
    if isinstance(value, dict):
        return [f for k, v in value.items() for f in json_facts(v, f"{path}.{k}".strip("."))]
    if isinstance(value, list):
        return [f for i, v in enumerate(value) for f in json_facts(v, f"{path}[{i}]")]
    if value is None or (isinstance(value, str) and not value.strip()):
        return []
    return [(path, str(value))]


def tally_json(document: Any, body: str, problems: list[str], kept: set[str]) -> Tally:
    """Where each leaf of a JSON Resume went: its text on the page (a URL as a link
    target), a problem naming it, or a field kept under x-jsonresume (``kept`` holds
    their paths with ``[]`` for indexes)."""
    tally = Tally()
    text = text_of(body)
    hrefs = {html.unescape(h) for h in re.findall(r'href="([^"]+)"', body)}
    for path, value in json_facts(document):
        tally.facts += 1
        generic = re.sub(r"\[\d+\]", "[]", path)
        norm = norm_text(value)
        date = _ISO_DATE.fullmatch(value)
        if date:  # shown as month and year: the day only when asked for
            norm = date.group(1)
        # A username is shown as the end of its profile link's address.
        if (
            (norm and norm in text)
            or value in hrefs
            or value.rstrip("/") in {h.rstrip("/") for h in hrefs}
            or (
                path.endswith(".username")
                and any(h.endswith("/" + value.lstrip("@")) for h in hrefs)
            )
        ):
            tally.shown += 1
        elif any(
            value in p or generic.split(".")[-1] in p
            for p in problems
            if norm and norm_text(value) in norm_text(p)
        ):
            tally.reported += 1
        elif generic in kept or any(generic.startswith(k) for k in kept):
            tally.kept[generic] += 1
        else:
            tally.lost.append(f"{path} = {value[:60]!r}")
    return tally
