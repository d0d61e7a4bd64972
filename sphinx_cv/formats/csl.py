"""CSL-JSON, the format of Zotero, citeproc and pandoc: publications in and out.

Import maps every CSL variable the profile has a field for (title, names, container,
issued, DOI...) and keeps the others (ISSN, accessed, short titles...) under ``x-csl``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..data.problems import Location
from ..data.pubtypes import MISC, csl_reads, pub_type, reads
from . import Exported, Imported
from .common import (
    SourceError,
    clean,
    empty,
    html_text,
    load_json,
    make_id,
    refused_link,
    safe_url,
)

if TYPE_CHECKING:
    from ..data.profile import Profile

X = "x-csl"

TYPES = csl_reads()
GENRES = {genre.lower(): kind for genre, kind in reads("csl_genre").items()}
"""A CSL ``genre`` (lower case) -> the publication type it makes an item of any type."""
"""A CSL type -> the publication type it is read as."""
# CSL variable -> profile field, for plain text values.
TEXT = {
    "title": "title",
    "publisher": "publisher",
    "volume": "volume",
    "issue": "number",
    "page": "pages",
    "DOI": "doi",
    "abstract": "abstract",
    "note": "note",
    "status": "status",
    "publisher-place": "location",
    "event-place": "location",
}
VENUES = ("container-title", "event-title", "event", "collection-title")
STRUCTURAL = frozenset({"id", "type", "citation-key"})


def load(path: str) -> Imported:
    data = load_json(path)
    if isinstance(data, dict) and "items" in data:  # CSL-JSON wrapped, as some tools write
        data = data["items"]
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise SourceError(
            f"{path}: not CSL-JSON; expected a list of items such as "
            '[{"type": "article-journal", "title": ...}]'
        )
    imp = Imported({}, entries=len(data))
    used: set[str] = set()
    pubs: list[object] = []
    for i, item in enumerate(data):
        if not isinstance(item, dict):
            imp.problem(
                Location(path), "not an object; skipped", path=f"[{i}]", expected="a CSL item"
            )
            continue
        pubs.append(publication(item, imp, used, path, f"[{i}]"))
    imp.data = {"publications": pubs}
    return imp


def publication(
    item: Mapping[str, object], imp: Imported, used: set[str], path: str, where: str, x_key: str = X
) -> dict[str, object]:
    """One CSL item as a profile publication; the rest kept under ``x_key``."""
    pub: dict[str, object] = {}
    extra: dict[str, object] = {}
    authors = names(item.get("author"))
    key = clean(str(item.get("citation-key") or item.get("id") or ""))
    year = issued_year(item.get("issued"))
    if key and re.fullmatch(r"[^\s,/:]+", key) and key not in used and not key.isdigit():
        used.add(key)
        pub["id"] = key
    else:
        pub["id"] = make_id(item.get("title"), year, used, authors[0] if authors else "")
    for name in ("id", "citation-key"):  # the one that did not become the id is kept
        if not empty(item.get(name)) and clean(str(item[name])) != pub["id"]:
            extra[name] = item[name]
    kind = clean(str(item.get("type") or ""))
    if kind:
        pub["type"] = GENRES.get(str(item.get("genre", "")).lower()) or TYPES.get(kind, MISC)
        if kind not in TYPES:
            extra["type"] = kind
    if authors:
        pub["authors"] = authors
    editors = names(item.get("editor"))
    if editors:
        pub["editors"] = editors
    for variable in VENUES:
        value = item.get(variable)
        if not empty(value) and "venue" not in pub:
            pub["venue"] = html_text(str(value))
        elif not empty(value) and variable != "event":
            extra[variable] = value
    date = issued(item.get("issued"))
    if date is not None:
        pub["date"] = date
    for variable, name in TEXT.items():
        value = item.get(variable)
        if not empty(value) and name in pub:  # event-place after publisher-place
            extra[variable] = value
        elif not empty(value):
            text = str(value).strip()
            pub[name] = html_text(text) if variable in ("title", "abstract") else text
    kind_name = pub.get("type")
    if (
        "venue" not in pub
        and "publisher" in pub
        and pub_type(kind_name if isinstance(kind_name, str) else None).csl_venue == "publisher"
    ):
        # A thesis' school, a report's institution: CSL calls them the publisher.
        pub["venue"] = pub.pop("publisher")
    number = str(item.get("number") or "")
    arxiv = re.fullmatch(r"arXiv:(\S+)", number.strip(), re.I)
    if arxiv:
        pub["arxiv"] = arxiv.group(1)
    elif number.strip():
        pub.setdefault("number", number.strip())
    doi = str(pub.get("doi", ""))
    if doi.lower().startswith("10.48550/arxiv.") and "arxiv" not in pub:
        pub["arxiv"] = doi[len("10.48550/arXiv.") :]
    url = item.get("URL")
    if not empty(url):
        safe = safe_url(str(url))
        refused = refused_link(url)
        if safe:
            pub["url"] = safe
        elif refused:
            imp.problem(Location(path), f"{refused}; dropped", path=f"{where}.URL", value=str(url))
        else:
            imp.problem(
                Location(path),
                "not a safe link (http, https or a relative path); kept under " + x_key,
                path=f"{where}.URL",
                value=str(url),
            )
            extra["URL"] = url
    keywords = item.get("keyword")
    if isinstance(keywords, str) and keywords.strip():
        pub["tags"] = [k.strip() for k in re.split(r"[,;]", keywords) if k.strip()]
    for variable, value in item.items():
        if variable in STRUCTURAL or variable in TEXT or variable in VENUES or empty(value):
            continue
        if variable in ("author", "editor", "issued", "URL", "keyword", "number", "genre"):
            if variable == "genre" and str(value).lower() not in GENRES:
                extra[variable] = value
            elif variable in ("author", "editor") and _odd_names(value):
                extra[variable] = value  # names the profile cannot say (roles...)
            continue
        extra[variable] = value
    imp.kept.update(f"publications[].{k}" for k in extra)
    if extra:
        pub[x_key] = extra
    return pub


def names(people: object) -> list[str]:
    """CSL names as display names: ``Jan van der Berg, Jr.``."""
    if not isinstance(people, list):
        return []
    out: list[str] = []
    for person in people:
        if isinstance(person, str):
            out.append(person.strip())
            continue
        if not isinstance(person, dict):
            continue
        literal = person.get("literal")
        if literal:
            out.append(str(literal).strip())
            continue
        parts = [
            person.get("given"),
            person.get("dropping-particle"),
            person.get("non-dropping-particle"),
            person.get("family"),
        ]
        name = " ".join(str(p).strip() for p in parts if p)
        if person.get("suffix"):
            name += f", {person['suffix']}"
        if name:
            out.append(name)
    return out


def _odd_names(people: object) -> bool:
    known = {
        "given",
        "family",
        "literal",
        "suffix",
        "dropping-particle",
        "non-dropping-particle",
        "sequence",
    }
    return isinstance(people, list) and any(
        not isinstance(p, dict | str) or (isinstance(p, dict) and set(p) - known) for p in people
    )


def issued(value: object) -> int | str | None:
    """``2024``, ``2024-05`` or ``2024-05-17`` from CSL's date-parts (or its raw text)."""
    if not isinstance(value, dict):
        return None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        try:
            numbers = [int(p) for p in parts[0][:3]]
        except (TypeError, ValueError):
            numbers = []
        if numbers:
            if len(numbers) == 1:
                return numbers[0]
            return "-".join([f"{numbers[0]:04d}", *(f"{n:02d}" for n in numbers[1:])])
    for key in ("raw", "literal"):
        if value.get(key):
            return str(value[key]).strip()
    return None


def issued_year(value: object) -> int | None:
    date = issued(value)
    found = re.match(r"\d{4}", str(date)) if date is not None else None
    return int(found.group(0)) if found else None


def dump(profile: Profile) -> Exported:
    from ..data.csl import to_csl

    converted = to_csl(profile.publications)
    return Exported(
        json.dumps(converted.data, indent=2, ensure_ascii=False) + "\n", converted.summary()
    )
