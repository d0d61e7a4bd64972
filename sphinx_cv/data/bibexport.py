"""Publications written out as BibTeX (for the HTML 'BibTeX' block and exports)."""

from __future__ import annotations

import calendar
import re

from .model import Publication

ENTRY_TYPES = {
    "journal": "article", "conference": "inproceedings", "workshop": "inproceedings",
    "preprint": "misc", "thesis": "phdthesis", "book": "book", "chapter": "incollection",
    "patent": "patent", "talk": "misc", "poster": "inproceedings", "report": "techreport",
    "dataset": "misc", "software": "software", "misc": "misc",
}
VENUE_FIELD = {"journal": "journal", "conference": "booktitle", "workshop": "booktitle",
               "poster": "booktitle", "chapter": "booktitle", "thesis": "school",
               "report": "institution"}
_SPECIAL = re.compile(r"([&%$#_])")


def escape(value: str) -> str:
    """Escape characters BibTeX/LaTeX treat specially; keep braces balanced."""
    text = _SPECIAL.sub(r"\\\1", value)
    if text.count("{") != text.count("}"):
        text = text.replace("{", r"\{").replace("}", r"\}")
    return text


def to_bibtex(pub: Publication) -> str:
    kind = pub.type or "misc"
    fields: list[tuple[str, str]] = []
    if pub.title:
        fields.append(("title", pub.title))
    if pub.authors:
        fields.append(("author", " and ".join("others" if a == "et al." else a
                                              for a in pub.authors)))
    if pub.editors:
        fields.append(("editor", " and ".join(pub.editors)))
    if pub.venue:
        fields.append((VENUE_FIELD.get(kind, "howpublished"), pub.venue))
    if pub.year:
        fields.append(("year", str(pub.year)))
    if pub.month:
        fields.append(("month", calendar.month_abbr[pub.month].lower()))
    for name in ("volume", "number", "pages", "publisher", "doi", "url", "note"):
        value = getattr(pub, name)
        if value:
            fields.append((name, value))
    if pub.arxiv:
        fields += [("eprint", pub.arxiv), ("archiveprefix", "arXiv")]
    body = ",\n".join(f"  {name} = {{{escape(value)}}}" for name, value in fields)
    return f"@{ENTRY_TYPES.get(kind, 'misc')}{{{pub.id},\n{body}\n}}"
