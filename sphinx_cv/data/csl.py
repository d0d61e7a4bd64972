"""Publications as CSL-JSON, the format of citeproc, pandoc and Zotero.

Titles and venues become plain text (CSL's rich-text markup is not portable); display
names are split into family and given names. What CSL has no variable for (an 'et al.'
in an author list, code and slide links, awards) is counted in ``kept``.
"""

from __future__ import annotations

import re
from typing import TypeAlias

from .conversion import Converted
from .inline import to_plain
from .publication import Publication
from .pubtypes import pub_type
from .yamlsource import JSONValue

CSLItem: TypeAlias = dict[str, JSONValue]
"""One CSL-JSON item."""

ARXIV_DOI = "10.48550/arXiv."


def to_csl(pubs: list[Publication]) -> Converted[list[CSLItem]]:
    """CSL-JSON items for ``pubs``, in order."""
    out: Converted[list[CSLItem]] = Converted([])
    out.data = [csl_item(pub, out) for pub in pubs]
    return out


def csl_item(pub: Publication, out: Converted[list[CSLItem]]) -> CSLItem:
    kind = pub_type(pub.type)
    item: CSLItem = {"id": pub.id, "type": kind.csl}

    def add(name: str, value: JSONValue) -> None:
        if value not in (None, "", []):
            item[name] = value

    add("title", to_plain(pub.title) if pub.title else None)
    add("author", names(pub.authors, out, "authors"))
    add("editor", names(pub.editors, out, "editors"))
    if pub.venue:
        variable = kind.csl_venue
        if variable == "publisher" and pub.publisher:
            variable = "container-title"
        add(variable, to_plain(pub.venue))
    add("genre", kind.csl_genre)
    add("issued", issued(pub))
    add("status", to_plain(pub.status) if pub.status else None)
    add("publisher", to_plain(pub.publisher) if pub.publisher else item.get("publisher"))
    if pub.location:  # a proceedings' place is the event's; any other, the publisher's
        add("event-place" if kind.event_place else "publisher-place", to_plain(pub.location))
    add("volume", pub.volume)
    add("issue", pub.number)
    add("page", pub.pages.replace("–", "-") if pub.pages else None)
    add("DOI", pub.doi)
    if pub.arxiv and kind.arxiv:
        # arXiv's own DOI and number, as Zotero writes them for preprints.
        item.setdefault("DOI", ARXIV_DOI + pub.arxiv)
        item.setdefault("publisher", "arXiv")
        add("number", f"arXiv:{pub.arxiv}")
    links = pub.all_links()
    add("URL", pub.url or (links[0].url if links else None))
    add("abstract", to_plain(pub.abstract) if pub.abstract else None)
    add("note", to_plain(pub.note) if pub.note else None)
    add("keyword", ", ".join(to_plain(t) for t in pub.tags))
    shown = {item.get("URL"), *(f"https://doi.org/{d}" for d in [item.get("DOI")] if d)}
    others = [link for link in links if link.url not in shown and link.kind != "arxiv"]
    if others:
        out.kept["links other than the URL"] += len(others)
    for name in ("award", "selected"):
        if getattr(pub, name):
            out.kept[f"publications[].{name}"] += 1
    return item


def names(people: list[str], out: Converted[list[CSLItem]], field: str) -> list[dict[str, str]]:
    """Display names as CSL names: ``Jan van der Berg, Jr`` -> family ``Berg``, given
    ``Jan``, non-dropping-particle ``van der``, suffix ``Jr``."""
    from pybtex.database import Person  # only imported when names are split

    result: list[dict[str, str]] = []
    for name in people:
        if name == "et al.":
            out.kept[f"'et al.' in {field}"] += 1
            continue
        base, sep, suffix = name.rpartition(", ")
        if not sep:
            base, suffix = name, ""
        person = Person(base)
        parts = {
            "family": " ".join(person.last_names),
            "given": " ".join(person.first_names + person.middle_names),
            "non-dropping-particle": " ".join(person.prelast_names),
            "suffix": suffix,
        }
        csl = {k: re.sub(r"[{}]", "", v) for k, v in parts.items() if v}
        result.append(csl if "family" in csl else {"literal": name})
    return result


def issued(pub: Publication) -> CSLItem | None:
    date = pub.date
    if date is not None and date.year and not date.text and not date.present:
        parts = [date.year, date.month, date.day]
    elif pub.year:
        parts = [pub.year, pub.month, None]
    elif date is not None and date.text:
        return {"literal": date.text}
    else:
        return None
    return {"date-parts": [[p for p in parts if p]]}
