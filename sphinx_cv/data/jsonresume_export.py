"""The profile as a JSON Resume (the export half of :mod:`sphinx_cv.data.jsonresume`,
which holds the tables both directions share). What JSON Resume cannot hold is counted in
``kept`` and reported, never dropped quietly."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Sized
from typing import Any, TypeAlias

from .conversion import Converted
from .dates import CvDate
from .entries import Award, Entry, ResearchExperience, Section, Service
from .fields import Located, record_fields
from .interests import Topic
from .jsonresume import (
    AWARDS,
    EDUCATION,
    ENTRIES,
    LOCATION_PARTS,
    SCHEMA_ORDER,
    SCHEMA_SECTIONS,
    SCHEMA_URL,
    WORK,
    X,
    location_text,
)
from .profile import Person, Profile
from .publication import Publication
from .pubtypes import MISC
from .sections import SECTIONS
from .yamlsource import JSONValue

JSONObject: TypeAlias = dict[str, JSONValue]
_Out: TypeAlias = Converted[JSONObject]
"""The document being exported, with what it has no place for."""


def to_jsonresume(profile: Profile) -> _Out:
    """The profile as a JSON Resume document; ``kept`` lists what it has no place for."""
    out: _Out = Converted({"$schema": SCHEMA_URL})
    doc = out.data
    person = profile.person
    if person is not None:
        doc["basics"] = _export_basics(person, out)
    sections = dict(profile.sections)
    # The document's arrays in the schema's order; custom sections of the same name
    # first (a volunteer section, then service).
    parts: dict[str, list[JSONObject]] = {key: [] for key in SCHEMA_SECTIONS}
    parts["volunteer"] = [
        _export(e, _invert(ENTRIES["volunteer"]), out, section="sections.volunteer")
        for e in _section_entries(sections, "volunteer")
    ]
    for kind in SECTIONS:
        if kind.jsonresume is not None:
            # No exporter for a section the registry gives a place: a KeyError here,
            # and tests/test_sections.py, rather than a section silently dropped.
            export = SECTION_EXPORTS[kind.key]
            parts[kind.jsonresume] += [export(entry, out) for entry in getattr(profile, kind.key)]
    interests = [_export_topic(t, out) for g in profile.interests.values() for t in g.topics]
    if any(g.intro for g in profile.interests.values()):
        out.kept["interests.intro"] += 1
    parts["interests"] = _unique_names(interests)
    for key in ("certificates", "skills", "languages", "references", "projects"):
        parts[key] = [
            _export(e, _invert(ENTRIES[key]), out, section=f"sections.{key}")
            for e in _section_entries(sections, key)
        ]
    for key, value in parts.items():
        if value:
            doc[key] = [schema_order(item, key) for item in value]
    _count_unplaced(profile, out)
    for name, section in sections.items():
        out.kept[f"sections.{name}"] += len(section.entries)
    meta = _export_meta(profile)
    if meta:
        doc["meta"] = meta
    for key, kept in kept_of(profile).items():
        if key != "meta":
            doc.setdefault(key, kept)
    out.kept += Counter()
    return out


PLACED = frozenset(
    {
        "person",
        "updated",
        "interests",
        "sections",
        *(s.key for s in SECTIONS if s.jsonresume is not None),
    }
)
"""Profile fields :func:`to_jsonresume` puts somewhere in the document (``sections`` only
those JSON Resume has, the others are counted by name)."""
NOT_CONTENT = frozenset({"bibtex"})
"""Profile fields that are not part of the CV (the ``.bib`` files' publications are
exported as publications)."""


def _count_unplaced(profile: Profile, out: _Out) -> None:
    """Count every other field of the profile, by walking its declared fields: a section
    added to the profile is in the summary of what was left out until it has a place."""
    for f in dataclasses.fields(profile):
        if "cv" not in f.metadata or f.name in PLACED | NOT_CONTENT:
            continue
        value = getattr(profile, f.name)
        count = (
            len(value)
            if isinstance(value, Sized) and not isinstance(value, str)
            else int(value not in (None, ""))
        )
        if count:
            out.kept[f.name] += count


def schema_order(item: JSONObject, section: str) -> JSONObject:
    """``item``'s keys in the order the schema lists them, others after."""
    order = SCHEMA_ORDER[section]
    return {
        **{k: item[k] for k in order if k in item},
        **{k: v for k, v in item.items() if k not in order},
    }


def _schema_only(table: dict[str, str], section: str) -> dict[str, str]:
    """Profile key -> JSON Resume key, for the keys the schema has in ``section``."""
    return {k: v for k, v in _invert(table).items() if v in SCHEMA_ORDER[section]}


def _invert(table: dict[str, str]) -> dict[str, str]:
    """Profile key -> JSON Resume key; of two spellings, the first (the schema's)."""
    inverted: dict[str, str] = {}
    for key, profile_key in table.items():
        inverted.setdefault(profile_key, key)
    return inverted


def _section_entries(sections: dict[str, Section], name: str) -> list[Entry]:
    section = sections.pop(name, None)
    return list(section.entries) if section is not None else []


def _export(
    record: Located,
    table: dict[str, str],
    out: _Out,
    used: tuple[str, ...] = (),
    section: str | None = None,
    placed: tuple[str, ...] = (),
    single: bool = False,
) -> JSONObject:
    """``record``'s fields renamed by ``table`` (profile key -> JSON Resume key), then
    what it kept under x-jsonresume (but the ``used`` keys). With ``section`` (its name in
    the profile), every other declared field that has a value is counted as left out,
    but those the caller ``placed`` itself: a field added to a record is in the summary
    until the export gives it a place. ``single``: the section is one record (``person``),
    not a list."""
    if section is not None:
        where = section if single else f"{section}[]"
        for name, _ in record_fields(type(record)):
            if name not in table and name not in placed and _has_value(getattr(record, name)):
                out.kept[f"{where}.{name}"] += 1
    item: JSONObject = {}
    for attr, key in table.items():
        value = getattr(record, attr, None)
        if isinstance(value, CvDate):
            value = export_date(value, out, key)
        if value not in (None, "", []):
            item[key] = list(value) if isinstance(value, list) else value
    if isinstance(record, Award) and record.date is None and record.start is not None:
        item["date"] = export_date(record.start, out, "date")
        if record.end is not None:
            out.kept["awards[].end"] += 1
    _add_kept(item, record, used)
    return item


def _has_value(value: object) -> bool:
    return value is not None and value is not False and value not in ("", [], {})


def kept_of(record: Located) -> JSONObject:
    """What the record keeps under x-jsonresume (from an import)."""
    kept = record.extras.get(X)
    return kept if isinstance(kept, dict) else {}


def _add_kept(item: JSONObject, record: Located, used: tuple[str, ...] = ()) -> None:
    for key, value in kept_of(record).items():
        if key not in used:
            item.setdefault(key, value)


def export_date(date: CvDate, out: _Out, key: str) -> str | None:
    """A JSON Resume date (``2014``, ``2014-06``, ``2014-06-29``); an open end is left
    out; free text becomes the year (and month) it names."""
    if date.present:
        return None
    if date.text:
        out.kept[f"dates as text ({key})"] += 1
        if date.year is None:
            return None
        return f"{date.year:04d}-{date.month:02d}" if date.month else f"{date.year:04d}"
    return date.iso()


def _export_basics(person: Person, out: _Out) -> JSONObject:
    basics = _export(
        person,
        {"name": "name", "position": "label", "photo": "image", "website": "url", "bio": "summary"},
        out,
        used=("location", "usernames", "profiles"),
        section="person",
        placed=("email", "phone", "location", "links"),
        single=True,
    )
    kept = kept_of(person)
    if person.email:
        basics["email"] = person.email[0]
    if person.phone:
        basics["phone"] = person.phone[0]
    out.kept.update(
        {
            "person.email (all but the first)": len(person.email[1:]),
            "person.phone (all but the first)": len(person.phone[1:]),
        }
    )
    original = kept.get("location")
    if person.location:
        if isinstance(original, dict) and location_text(original) == person.location:
            basics["location"] = original
        else:
            city, _, region = person.location.partition(", ")
            location: JSONObject = {k: v for k, v in (("city", city), ("region", region)) if v}
            if isinstance(original, dict):  # the address has no field: kept as it was
                location.update((k, v) for k, v in original.items() if k not in LOCATION_PARTS)
            basics["location"] = location
    elif isinstance(original, dict):
        basics["location"] = original
    profiles = kept.get("profiles")
    urls = [link.url for link in person.links]
    if isinstance(profiles, list) and [_profile_url(p) for p in profiles] == urls:
        basics["profiles"] = profiles
    elif person.links:
        found = kept.get("usernames")
        usernames: JSONObject = found if isinstance(found, dict) else {}
        basics["profiles"] = [
            {
                "network": link.label,
                **({"username": usernames[link.label]} if link.label in usernames else {}),
                "url": link.url,
            }
            for link in person.links
        ]
    return schema_order(basics, "basics")


def _profile_url(item: object) -> str | None:
    """The URL a JSON Resume profile becomes in the profile (see :func:`_links`)."""
    if not isinstance(item, dict):
        return None
    from .links import make_link

    url = str(item.get("url") or item.get("username") or "").strip()
    link = make_link(str(item.get("network") or "Link"), url)
    return link.url if link is not None else None


def _export_publication(pub: Publication, out: _Out) -> JSONObject:
    # The id is not content: an import makes one again from the title and year.
    item = _export(
        pub,
        {"title": "name", "venue": "publisher", "abstract": "summary"},
        out,
        section="publications",
        placed=("id", "date", "year", "month", "url", "type"),
    )
    if pub.date is not None:
        date = export_date(pub.date, out, "releaseDate")
        if date:
            item["releaseDate"] = date
    elif pub.year:
        item["releaseDate"] = f"{pub.year:04d}-{pub.month:02d}" if pub.month else str(pub.year)
    links = pub.all_links()
    url = pub.url or (links[0].url if links else None)
    if url:
        item["url"] = url
    if pub.type not in (None, MISC):
        out.kept["publications[].type"] += 1
    return item


def _export_research(r: ResearchExperience, out: _Out) -> JSONObject:
    item = _export(
        r,
        {
            "organization": "name",
            "role": "position",
            "start": "startDate",
            "end": "endDate",
            "location": "location",
            "url": "url",
            "summary": "summary",
            "highlights": "highlights",
        },
        out,
        section="research",
        placed=("project",),
    )
    if r.project and not r.summary:
        item["summary"] = r.project
    elif r.project:
        out.kept["research[].project"] += 1
    return item


def _export_service(s: Service, out: _Out) -> JSONObject:
    item = _export(
        s,
        {
            "role": "position",
            "organization": "organization",
            "start": "startDate",
            "end": "endDate",
            "url": "url",
            "summary": "summary",
            "highlights": "highlights",
        },
        out,
        section="service",
        placed=("items",),
    )
    if s.items:
        before = item.get("highlights")
        item["highlights"] = [*s.items, *(before if isinstance(before, list) else [])]
    return item


SECTION_EXPORTS: dict[str, Callable[[Any, _Out], JSONObject]] = {
    "positions": lambda p, out: _export(p, _invert(WORK), out, section="positions"),
    "research": _export_research,
    "service": _export_service,
    "education": lambda e, out: _export(
        e, _schema_only(EDUCATION, "education"), out, section="education"
    ),
    # An award's start is its date when it has none; its end is counted there.
    "awards": lambda a, out: _export(
        a, _schema_only(AWARDS, "awards"), out, section="awards", placed=("start", "end")
    ),
    "publications": _export_publication,
}
"""Section key -> how one of its entries becomes a JSON Resume item, for each section
:data:`.sections.SECTIONS` gives a JSON Resume array."""


def _export_topic(topic: Topic, out: _Out) -> JSONObject:
    item: JSONObject = {"name": topic.name}
    kept = kept_of(topic)
    original = kept.get("keywords")
    if isinstance(original, list) and ", ".join(map(str, original)) == topic.summary:
        item["keywords"] = original
    elif topic.summary:
        item["keywords"] = topic.summary.split(", ")
    if topic.publications:
        out.kept["interests[].publications"] += 1
    _add_kept(item, topic)
    return item


def _unique_names(items: list[JSONObject]) -> list[JSONObject]:
    """Interests by name: a topic listed in several groups once."""
    seen: set[str] = set()
    out: list[JSONObject] = []
    for item in items:
        name = str(item["name"])  # a topic's name
        if name not in seen:
            seen.add(name)
            out.append(item)
    return out


def _export_meta(profile: Profile) -> JSONObject:
    meta_kept = kept_of(profile).get("meta")
    meta: JSONObject = dict(meta_kept) if isinstance(meta_kept, dict) else {}
    stamp = meta.get("lastModified")
    if profile.updated is not None and not profile.updated.present:
        day = profile.updated.iso()
        if not (isinstance(stamp, str) and stamp.startswith(day)):
            meta["lastModified"] = day
    return meta
