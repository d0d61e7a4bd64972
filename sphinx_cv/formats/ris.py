"""RIS, the export format of Google Scholar, EndNote, Zotero, Mendeley and most
publishers: publications in.

Parsed with rispy (https://pypi.org/project/rispy/), every tag read as a list so that a
tag written twice (two ``PB`` lines, as Mendeley writes) loses nothing. Mapped: the type
(``TY``), title (``TI``/``T1``), authors (``AU``/``A1``, ``Last, First``), editors
(``A2``), venue (``T2``, ``JO``, ``JF``...), date (``DA``, ``PY``, ``Y1``: ``2017/07//``),
volume, issue, pages (``SP``-``EP``), publisher, DOI, abstract (``AB``/``N2``), keywords,
notes and links (``UR``). The rest (ISSN, place, language, database, an unknown tag...)
is kept under ``x-ris`` by its RIS tag.
"""

from __future__ import annotations

import re

from ..data.problems import Location
from ..data.pubtypes import MISC, reads
from . import Imported
from .common import SourceError, clean, find_doi, make_id, read_text, safe_url

X = "x-ris"
TYPES = reads("ris")
"""RIS reference types -> publication types (``misc`` for the others, kept by name)."""
TITLES = ("TI", "T1")
AUTHORS = ("AU", "A1")
VENUES = ("T2", "JO", "JF", "BT", "T3", "JA", "J2")
"""Where RIS tools put the journal or proceedings, first found first."""
DATES = ("DA", "PY", "Y1")


def load(path: str) -> Imported:
    import rispy
    from rispy.config import TAG_KEY_MAPPING

    text = read_text(path)
    starts = len(re.findall(r"^\s*TY  -", text, re.M))
    if not starts:
        raise SourceError(
            f"{path}: no RIS references found; expected lines such as 'TY  - JOUR' ... 'ER  - '"
        )
    # Tags, not rispy's names, so that kept values are said as the file says them.
    mapping = {tag: tag for tag in TAG_KEY_MAPPING}
    tags = [t for t in TAG_KEY_MAPPING if t not in ("TY", "ER")]
    try:
        records = rispy.loads(text, mapping=mapping, list_tags=tags)
    except Exception as err:  # rispy raises IOError and others on malformed input
        raise SourceError(f"{path}: not valid RIS: {err}") from None
    imp = Imported({}, entries=starts)
    used: set[str] = set()
    pubs = [publication(r, imp, used, path, i) for i, r in enumerate(records)]
    if len(records) != starts:
        imp.problem(
            Location(path),
            f"{starts} references start with 'TY  -' but "
            f"{len(records)} were read; check that each ends with 'ER  - '",
            expected="'TY  - ...' ... 'ER  - ' around each reference",
        )
    imp.data = {"publications": pubs}
    return imp


def publication(
    record: dict[str, object], imp: Imported, used: set[str], path: str, index: int
) -> dict[str, object]:
    values: dict[str, list[str]] = {}
    for tag, value in record.items():
        if tag == "unknown_tag" and isinstance(value, dict):
            for other, more in value.items():
                values.setdefault(str(other), []).extend(str(v) for v in more)
        elif isinstance(value, list):
            values[tag] = [clean(str(v)) for v in value if clean(str(v))]
        elif clean(str(value)):
            values[tag] = [clean(str(value))]
    taken: dict[str, int] = {}  # tag -> how many of its values the profile says

    def first(*names: str) -> str | None:
        for name in names:
            if values.get(name):
                taken[name] = max(taken.get(name, 0), 1)
                return values[name][0]
        return None

    def every(name: str) -> list[str]:
        taken[name] = len(values.get(name, []))
        return values.get(name, [])

    pub: dict[str, object] = {}
    kind = first("TY") or ""
    authors = [_name(a) for a in every("AU")] or [_name(a) for a in every("A1")]
    title = first(*TITLES)
    date = _date(first(*DATES))
    ident = first("ID")
    if ident and re.fullmatch(r"[A-Za-z][^\s,/:]*", ident) and ident not in used:
        used.add(ident)
        pub["id"] = ident
    else:
        pub["id"] = make_id(title, str(date or "")[:4], used, authors[0] if authors else "")
        taken.pop("ID", None)
    pub["type"] = TYPES.get(kind.upper(), MISC)
    if kind.upper() not in TYPES:
        taken.pop("TY", None)
    if title:
        pub["title"] = title
    if authors:
        pub["authors"] = authors
    editors = [_name(a) for a in every("A2")]
    if editors:
        pub["editors"] = editors
    venue = first(*VENUES)
    if venue:
        pub["venue"] = venue
    if date is not None:
        pub["date"] = date
        for tag in DATES:  # a year the date already says is not kept again
            if values.get(tag) and str(_date(values[tag][0])) in str(date):
                taken[tag] = 1
    for tag, name in (("VL", "volume"), ("IS", "number"), ("PB", "publisher")):
        value = first(tag)
        if value:
            pub[name] = value
    start, end = first("SP"), first("EP")
    if start:
        pub["pages"] = f"{start}–{end}" if end and "-" not in start else start
    doi = first("DO")
    if doi:
        pub["doi"] = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", doi, flags=re.I)
    abstract = first("AB", "N2")
    if abstract:
        pub["abstract"] = " ".join(abstract.split())
    keywords = every("KW")
    if keywords:
        pub["tags"] = keywords
    notes = every("N1")
    if notes:
        pub["note"] = "; ".join(notes)
    links: list[str] = []
    for url in every("UR"):
        safe = safe_url(url)
        if safe is None:
            imp.problem(
                Location(path), f"not a safe link; kept under {X}", path=f"[{index}].UR", value=url
            )
        elif find_doi(safe) and pub.get("doi") and find_doi(safe) == pub["doi"]:
            continue  # the DOI's own address: the doi field links it
        else:
            links.append(safe)
    if links:
        pub["url"] = links[0]
        if links[1:]:
            pub["links"] = {f"Link {i}": u for i, u in enumerate(links[1:], start=2)}
    extra: dict[str, object] = {}
    for tag, found in values.items():
        rest = (
            [u for u in found if safe_url(u) is None] if tag == "UR" else found[taken.get(tag, 0) :]
        )
        if rest:
            extra[tag] = rest[0] if len(rest) == 1 else rest
    if extra:
        pub[X] = extra
        imp.kept.update(f"publications[].{tag}" for tag in extra)
    return pub


def _name(text: str) -> str:
    """``Last, First`` as ``First Last``; a name without a comma as written."""
    last, comma, given = text.partition(",")
    if not comma:
        return text.strip()
    suffix = ""
    if "," in given:  # Last, First, Jr.
        given, _, suffix = given.partition(",")
    name = f"{given.strip()} {last.strip()}".strip()
    return f"{name}, {suffix.strip()}" if suffix.strip() else name


def _date(value: str | None) -> int | str | None:
    """``2017/07//`` -> ``2017-07``; ``2014//`` -> 2014; ``2023/05/04/`` -> ``2023-05-04``."""
    if not value:
        return None
    parts = [p for p in re.split(r"[/-]", value.strip())[:3] if p.strip()]
    if parts and re.fullmatch(r"\d{4}", parts[0]):
        numbers = [parts[0]] + [p.zfill(2) for p in parts[1:] if p.isdigit()]
        return int(numbers[0]) if len(numbers) == 1 else "-".join(numbers)
    return value.strip()
