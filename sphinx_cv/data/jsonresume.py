"""JSON Resume (schema v1.0.0, https://jsonresume.org/schema) to and from the profile.

Import maps every section: ``basics`` to ``person``, ``work`` to ``positions``,
``education``, ``awards``, ``publications`` and ``interests`` to theirs, and
``volunteer``, ``certificates``, ``skills``, ``languages``, ``references`` and
``projects`` to custom sections of those names. The older keys real files still use
(``company``, ``website``, ``picture``, ``gpa``) and academicpages' ``cv.json`` sections
(``presentations``, ``teaching``, ``portfolio``) map to the same fields. What the
profile has no field for (``work[].description``, an address, unknown keys) is kept under
``x-jsonresume`` on the record it belongs to, so export writes it back: import, export
and import again gives the same profile. Export (in :mod:`.jsonresume_export`) reports, instead
of dropping quietly, what JSON Resume cannot hold (co-authors, teaching, talks...).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping

from .conversion import Converted
from .entries import Entry, default_section_title
from .interests import Topic
from .links import LINK_EXPECTED, id_url, normalize_url
from .problems import show_value
from .profile import Person
from .publication import Publication
from .scalars import URL
from .sections import SECTIONS as PROFILE_SECTIONS
from .yamldump import in_field_order, ordered

SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
X = "x-jsonresume"
"""Key under which fields with no place in the profile are kept."""

# JSON Resume sections kept as custom sections of the profile: name -> heading.
# fmt: off
# Field maps, kept in rows: one key per line would double their length.
SECTIONS = {"volunteer": "Volunteering", "certificates": "Certificates", "skills": "Skills",
            "languages": "Languages", "references": "References", "projects": "Projects"}

# Per section: JSON Resume key -> profile key, in the record's field order.
# The schema before v1.0.0 (``website``, ``picture``, ``company``, ``gpa``), which real
# files and academicpages' cv.json still use, maps to the same fields; when a file gives
# both spellings, the first one wins and the other is kept under x-jsonresume.
BASICS = {"name": "name", "label": "position", "email": "email", "phone": "phone",
          "url": "website", "website": "website", "image": "photo", "picture": "photo",
          "summary": "bio"}
WORK = {"position": "position", "name": "organization", "company": "organization",
        "startDate": "start", "endDate": "end", "location": "location", "url": "url",
        "website": "url", "summary": "summary", "highlights": "highlights"}
EDUCATION = {"institution": "institution", "studyType": "degree", "area": "field",
             "score": "gpa", "gpa": "gpa", "courses": "courses", "startDate": "start",
             "endDate": "end", "location": "location", "url": "url", "website": "url",
             "summary": "summary", "highlights": "highlights"}
AWARDS = {"title": "title", "awarder": "awarder", "date": "date", "url": "url",
          "website": "url", "summary": "summary", "location": "location",
          "highlights": "highlights"}
PUBLICATIONS = {"name": "title", "publisher": "venue", "releaseDate": "date", "url": "url",
                "website": "url", "summary": "abstract"}
# academicpages' cv.json adds sections of its own: talks, teaching and a portfolio.
TALKS = {"name": "title", "title": "title", "event": "event", "venue": "event",
         "date": "date", "location": "location", "url": "url", "description": "summary",
         "summary": "summary"}
TEACHING = {"course": "course", "name": "course", "title": "course",
            "institution": "institution", "date": "date", "startDate": "start",
            "endDate": "end", "role": "role", "location": "location", "url": "url",
            "description": "summary", "summary": "summary"}
READS = {"positions": WORK, "education": EDUCATION, "awards": AWARDS, "talks": TALKS,
         "teaching": TEACHING}
"""Section key -> its JSON Resume key -> profile key table, for the sections that
:data:`.sections.SECTIONS` says the import reads."""
PORTFOLIO = {"name": "title", "title": "title", "date": "date", "url": "url",
             "description": "summary", "summary": "summary"}
ENTRIES = {
    "volunteer": {"position": "title", "organization": "organization", "startDate": "start",
                  "endDate": "end", "url": "url", "summary": "summary",
                  "highlights": "highlights"},
    "certificates": {"name": "title", "issuer": "organization", "date": "date", "url": "url"},
    "skills": {"name": "title", "level": "summary", "keywords": "highlights"},
    "languages": {"language": "title", "fluency": "summary"},
    "references": {"name": "title", "reference": "summary"},
    "projects": {"name": "title", "entity": "organization", "startDate": "start",
                 "endDate": "end", "url": "url", "description": "summary",
                 "highlights": "highlights"},
}
# fmt: on
DATE_KEYS = frozenset({"startDate", "endDate", "date", "releaseDate"})
SCHEMA_SECTIONS = (
    "work",
    "volunteer",
    "education",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
    "projects",
)
"""The schema's lists of entries, in its order (the export writes them so)."""
KNOWN_TOP = (
    "$schema",
    "basics",
    *SCHEMA_SECTIONS,
    "meta",
    "presentations",  # academicpages' cv.json
    "teaching",
    "portfolio",
)
LOCATION_PARTS = ("city", "region", "countryCode")
# Keys of each section's items in the schema's order, for export.
SCHEMA_ORDER = {
    "basics": (
        "name",
        "label",
        "image",
        "email",
        "phone",
        "url",
        "summary",
        "location",
        "profiles",
    ),
    "work": (
        "name",
        "location",
        "description",
        "position",
        "url",
        "startDate",
        "endDate",
        "summary",
        "highlights",
    ),
    "volunteer": (
        "organization",
        "position",
        "url",
        "startDate",
        "endDate",
        "summary",
        "highlights",
    ),
    "education": (
        "institution",
        "url",
        "area",
        "studyType",
        "startDate",
        "endDate",
        "score",
        "courses",
    ),
    "awards": ("title", "date", "awarder", "summary"),
    "certificates": ("name", "date", "url", "issuer"),
    "publications": ("name", "publisher", "releaseDate", "url", "summary"),
    "skills": ("name", "level", "keywords"),
    "languages": ("language", "fluency"),
    "interests": ("name", "keywords"),
    "references": ("name", "reference"),
    "projects": (
        "name",
        "description",
        "highlights",
        "keywords",
        "startDate",
        "endDate",
        "url",
        "roles",
        "entity",
        "type",
    ),
}


# --- import ------------------------------------------------------------------------------


def from_jsonresume(resume: object) -> Converted[dict[str, object]]:
    """A JSON Resume document as profile data (ready for :func:`.yamldump.profile_yaml`)."""
    out: Converted[dict[str, object]] = Converted({})
    if not isinstance(resume, dict):
        out.problems.append(
            "the document is not a JSON object; expected a JSON Resume "
            'such as {"basics": {"name": ...}}'
        )
        return out
    resume = _safe_links_of(resume, "", out)
    profile: dict[str, object] = {}
    extra: dict[str, object] = {}
    basics = resume.get("basics")
    if basics is not None:
        person = _basics(basics, out)
        if person:
            profile["person"] = person
    meta = resume.get("meta")
    if isinstance(meta, dict) and meta:
        updated, rest = _meta(meta)
        if updated is not None:
            profile["updated"] = updated
        if rest:
            extra["meta"] = rest
            out.kept.update(f"meta.{k}" for k in rest)
    elif meta is not None:
        extra["meta"] = meta
        out.kept["meta"] += 1
    topics = _items(resume, "interests", out, extra)
    if topics:
        profile["interests"] = [_topic(t, out) for t in topics]
    for section in PROFILE_SECTIONS:
        key = section.jsonresume_reads
        if key is None or section.key == "publications":  # read with their ids below
            continue
        items = _items(resume, key, out, extra)
        if items:
            profile[section.key] = [
                _record(item, READS[section.key], section.record, key, out) for item in items
            ]
    pubs = _items(resume, "publications", out, extra)
    if pubs:
        profile["publications"] = _publications(pubs, out)
    sections: dict[str, object] = {}
    portfolio = _items(resume, "portfolio", out, extra)
    if portfolio:
        sections["portfolio"] = [_portfolio_item(item, out) for item in portfolio]
    for key, title in SECTIONS.items():
        items = _items(resume, key, out, extra)
        if items:
            entries = [_entry(key, item, out) for item in items]
            sections[key] = (
                entries
                if title == default_section_title(key)
                else {"title": title, "entries": entries}
            )
    if sections:
        profile["sections"] = sections
    for key, value in resume.items():
        if key not in KNOWN_TOP:
            extra[key] = value
            out.kept[key] += 1
    if extra:
        profile[X] = extra
    out.data = ordered(profile)
    return out


LINK_KEYS = frozenset({"url", "image"})
"""JSON Resume's keys whose value becomes a link (or an image source) on the site."""


def _without_unsafe_links(value: object, path: str, out: Converted[dict[str, object]]) -> object:
    """``value`` without the ``url`` and ``image`` values the link policy refuses
    (``javascript:``...): each is dropped and said, so it reaches neither the profile nor
    an ``x-jsonresume`` copy."""
    if isinstance(value, list):
        return [_without_unsafe_links(v, f"{path}[{i}]", out) for i, v in enumerate(value)]
    if not isinstance(value, dict):
        return value
    return _safe_links_of(value, path, out)


def _safe_links_of(
    value: Mapping[str, object], path: str, out: Converted[dict[str, object]]
) -> dict[str, object]:
    """An object's keys with :func:`_without_unsafe_links` applied."""
    kept: dict[str, object] = {}
    for key, item in value.items():
        where = f"{path}.{key}" if path else str(key)
        why = URL.problem(item.strip()) if key in LINK_KEYS and isinstance(item, str) else None
        if why is not None and why != "not a URL":
            out.problems.append(
                f"{where}: {why}; dropped (got {show_value(item)}); expected {LINK_EXPECTED}"
            )
            continue
        kept[key] = _without_unsafe_links(item, where, out)
    return kept


def _items(
    resume: dict[str, object], key: str, out: Converted[dict[str, object]], extra: dict[str, object]
) -> list[dict[str, object]]:
    """The objects of a section; anything else in it is kept under x-jsonresume."""
    value = resume.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        extra[key] = value
        out.problems.append(f"{key}: not a list; kept under {X}.{key}")
        return []
    objects = [v for v in value if isinstance(v, dict)]
    others = [v for v in value if not isinstance(v, dict)]
    if others:
        extra[key] = others
        out.problems.append(f"{key}: {len(others)} item(s) not objects; kept under {X}.{key}")
    return objects


def _record(
    item: Mapping[str, object],
    table: dict[str, str],
    cls: type,
    path: str,
    out: Converted[dict[str, object]],
    *,
    listed: bool = True,
) -> dict[str, object]:
    """``item``'s fields renamed by ``table``; the others kept under x-jsonresume and
    counted by field path: ``work[].description`` for the items of a list, and
    ``basics.x`` for the one object (``listed=False``)."""
    data: dict[str, object] = {}
    extra: dict[str, object] = {}
    for key, value in item.items():
        if key in table and table[key] not in data and value not in (None, "", []):
            data[table[key]] = _date(value) if key in DATE_KEYS else value
        elif value not in (None, "", []):
            extra[key] = value
            out.kept[f"{path}[].{key}" if listed else f"{path}.{key}"] += 1
    data = in_field_order(data, cls)
    if extra:
        data[X] = extra
    return data


def _basics(basics: object, out: Converted[dict[str, object]]) -> dict[str, object]:
    if not isinstance(basics, dict):
        out.problems.append(f"basics: not an object; kept under {X}")
        return {X: basics}
    rest = {k: v for k, v in basics.items() if k not in ("location", "profiles")}
    person = _record(rest, BASICS, Person, "basics", out, listed=False)
    kept = person.pop(X, None)
    extra: dict[str, object] = kept if isinstance(kept, dict) else {}
    location = basics.get("location")
    if isinstance(location, dict):
        text = location_text(location)
        if text:
            person["location"] = text
        if set(location) - set(LOCATION_PARTS) or not text:
            # The address has no field: keep the object, used again on export.
            extra["location"] = location
            out.kept.update(f"basics.location.{k}" for k in location if k not in LOCATION_PARTS)
    elif location not in (None, ""):
        person["location"] = location
    profiles = basics.get("profiles")
    if isinstance(profiles, list) and profiles:
        links, usernames, odd = _links(profiles, out)
        if links:
            person["links"] = links
        if usernames:
            extra["usernames"] = usernames
            out.kept["basics.profiles[].username"] += len(usernames)
        if odd:  # items the links cannot say: the list is kept, used again on export
            extra["profiles"] = profiles
            out.kept["basics.profiles"] += 1
    elif profiles not in (None, []):
        extra["profiles"] = profiles
        out.kept["basics.profiles"] += 1
    person = in_field_order(person, Person)
    if extra:
        person[X] = extra
    return person


def location_text(location: Mapping[str, object]) -> str:
    """``San Francisco, California, US`` from JSON Resume's location parts."""
    return ", ".join(
        str(location[k]).strip() for k in LOCATION_PARTS if str(location.get(k) or "").strip()
    )


_ADDRESS = re.compile(r"^(https?://\S+|[\w-]+(\.[\w-]+)+/\S*)$", re.I)


def _links(
    profiles: list[object], out: Converted[dict[str, object]]
) -> tuple[dict[str, str] | list[dict[str, str]], dict[str, str], bool]:
    """Profiles as ``{network: url}`` (a list when a network repeats), the usernames by
    network, and whether any item says more than that (not an object, other keys, a
    network given twice with usernames, or a username no URL can be made of)."""
    pairs: list[tuple[str, str]] = []
    usernames: dict[str, str] = {}
    odd = False
    for index, item in enumerate(profiles):
        if not isinstance(item, dict):
            odd = True
            continue
        network = str(item.get("network") or "").strip() or "Link"
        url = str(item.get("url") or "").strip()
        username = str(item.get("username") or "").strip()
        if not url and username:
            # Only a network the link kinds know has a URL for a username; any other
            # would become a link to the bare name, which is no URL at all. A username
            # that is an address itself (github.com/name, https://...) is one.
            url = id_url(network, username) or (
                normalize_url(username) if _ADDRESS.match(username) else ""
            )
            if not url:
                out.notes.append(
                    f"basics.profiles[{index}]: no URL for the {network} username "
                    f"'{username}' (not a network with a known address); kept under {X}"
                )
        elif username:
            odd = odd or network in usernames
            usernames[network] = username
        if url:
            pairs.append((network, url))
        odd = odd or bool(set(item) - {"network", "url", "username"}) or not url
    labels = [label for label, _ in pairs]
    if len(set(labels)) == len(labels):
        return dict(pairs), usernames, odd
    return [{"label": label, "url": url} for label, url in pairs], usernames, odd


def _meta(meta: dict[str, object]) -> tuple[object, dict[str, object]]:
    """``updated`` from ``lastModified`` (its date), and the rest of meta to keep."""
    rest = {k: v for k, v in meta.items() if k != "lastModified"}
    stamp = meta.get("lastModified")
    if not isinstance(stamp, str) or not stamp.strip():
        if stamp is not None:
            rest["lastModified"] = stamp
        return None, rest
    day = re.match(r"\d{4}(-\d{2}(-\d{2})?)?", stamp.strip())
    if day and day.group(0) != stamp.strip():
        rest["lastModified"] = stamp  # a time of day: kept, used again on export
    return _date(day.group(0) if day else stamp), rest


def _date(value: object) -> object:
    """``2014`` as a number (reads best in YAML); other dates as written."""
    if isinstance(value, str) and re.fullmatch(r"[12]\d{3}", value.strip()):
        return int(value)
    return value


def _topic(item: dict[str, object], out: Converted[dict[str, object]]) -> object:
    """A topic; its keywords become the summary (``a, b``), split again on export."""
    data = _record(item, {"name": "name"}, Topic, "interests", out)
    extra = data.get(X)
    keywords = extra.get("keywords") if isinstance(extra, dict) else None
    if (
        isinstance(extra, dict)
        and isinstance(keywords, list)
        and all(isinstance(k, str) for k in keywords)
    ):
        out.kept["interests[].keywords"] -= 1
        data["summary"] = ", ".join(keywords)
        if not any("," in k for k in keywords):
            del extra["keywords"]  # the summary says it; split again on export
        if not extra:
            del data[X]
    out.kept += Counter()  # drop the zero counts
    return data["name"] if list(data) == ["name"] else in_field_order(data, Topic)


def _entry(
    section: str, item: dict[str, object], out: Converted[dict[str, object]]
) -> dict[str, object]:
    return _record(item, ENTRIES[section], Entry, section, out)


def _portfolio_item(
    item: dict[str, object], out: Converted[dict[str, object]]
) -> dict[str, object]:
    entry = _record(item, PORTFOLIO, Entry, "portfolio", out)
    kept = entry.get(X)
    extra: dict[str, object] = kept if isinstance(kept, dict) else {}
    if extra.get("category") == "portfolio":  # says only where it came from
        del extra["category"]
        out.kept["portfolio[].category"] -= 1
        out.kept += Counter()
        if not extra:
            entry.pop(X)
    return entry


def _publications(
    items: list[dict[str, object]], out: Converted[dict[str, object]]
) -> list[dict[str, object]]:
    pubs: list[dict[str, object]] = []
    used: set[str] = set()
    for item in items:
        data = _record(item, PUBLICATIONS, Publication, "publications", out)
        ident = _pub_id(data, used)
        used.add(ident)
        pubs.append(in_field_order({"id": ident, **data}, Publication))
    return pubs


_STOP_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "on",
        "of",
        "in",
        "for",
        "and",
        "to",
        "with",
        "towards",
        "toward",
        "from",
        "at",
        "by",
        "is",
        "are",
    }
)


def _pub_id(data: dict[str, object], used: set[str]) -> str:
    """An id from the title's first two words and the year: ``video-killed-2014``."""
    text = unicodedata.normalize("NFKD", str(data.get("title") or ""))
    words = [
        w
        for w in re.findall(r"[a-z0-9]+", text.encode("ascii", "ignore").decode().lower())
        if w not in _STOP_WORDS
    ]
    year = re.match(r"[12]\d{3}", str(data.get("date") or ""))
    base = "-".join(words[:2] + ([year.group(0)] if year else [])) or "publication"
    ident, n = base, 2
    while ident in used:
        ident, n = f"{base}-{n}", n + 1
    return ident
