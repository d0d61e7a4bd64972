"""ORCID (https://orcid.org): a public-API v3.0 record or works list to a profile.

The source is a JSON file saved from the public API (``/record`` or ``/works``), or an
ORCID iD (``0000-0002-1825-0097`` or its ``https://orcid.org/`` address), whose record
is then fetched from the public API: ``https://pub.orcid.org/v3.0``, or the address in
the ``SPHINX_CV_ORCID_API`` environment variable (a mirror, or a local server in
tests). No credentials are needed or sent.

Works become publications (title, type, journal, date, DOI and arXiv ids, URL); a group
of several versions of one work is one publication, the other versions' put-codes kept.
The person's name, biography, e-mails, websites, keywords and other ids become the
person; employments, educations and qualifications, distinctions, invited positions,
memberships and services, and fundings become positions, education, awards, service and
a ``funding`` section. Record bookkeeping (created and modified dates, visibility,
sources' paths) is not CV content and is not imported; what else the profile has no
field for (work put-codes, other ids, peer-review groups...) is kept under ``x-orcid``.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request

from ..data.problems import Location
from ..data.pubtypes import MISC, reads
from ..data.yamlsource import JSONValue
from . import Imported
from .common import (
    SourceError,
    child_dict,
    child_list,
    clean,
    dicts,
    each,
    empty,
    entry_list,
    get_in,
    load_json,
    make_id,
    safe_url,
)

X = "x-orcid"
API = "https://pub.orcid.org/v3.0"
API_ENV = "SPHINX_CV_ORCID_API"
"""Environment variable with another API base URL (a mirror; a local server in tests)."""
TIMEOUT = 20.0
ORCID_ID = re.compile(r"^(?:https?://(?:www\.)?orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])/?$")
TYPES = reads("orcid")
"""ORCID work types -> publication types (``misc`` for the others, kept by name)."""
AFFILIATIONS = (
    ("employments", "employment", "positions"),
    ("educations", "education", "education"),
    ("qualifications", "qualification", "education"),
    ("distinctions", "distinction", "awards"),
    ("invited-positions", "invited-position", "positions"),
    ("memberships", "membership", "service"),
    ("services", "service", "service"),
)
"""Record section, its summary's key, the profile list it goes to."""


def load(source: str) -> Imported:
    if os.path.isfile(source):
        data = load_json(source)
        where = source
    else:
        found = ORCID_ID.match(source.strip())
        if not found:
            raise SourceError(
                f"{source}: no such file, and not an ORCID iD; expected a "
                "saved /record or /works JSON file, or an iD such as "
                "0000-0002-1825-0097"
            )
        data, where = fetch(found.group(1))
    if not isinstance(data, dict):
        raise SourceError(f"{where}: not an ORCID record; expected a JSON object")
    imp = Imported({})
    if "group" in data:
        works: object = data
        record: dict[str, object] = {}

    elif "activities-summary" in data or "person" in data:
        record = data
        works = get_in(data, "activities-summary", "works")
    else:
        raise SourceError(
            f"{where}: not an ORCID record; expected a public-API v3.0 "
            "/record (with 'person') or /works (with 'group') response"
        )
    reader = _Reader(where, imp)
    out: dict[str, object] = {}
    owner = re.match(r"^/(\d{4}-\d{4}-\d{4}-\d{3}[\dX])/", str(data.get("path") or ""))
    if owner and not record:  # whose works these are (a /works file has no person)
        out[X] = {"orcid": f"https://orcid.org/{owner.group(1)}"}
        imp.kept["orcid (the iD; no person in a /works file)"] += 1
    person = reader.person(record)
    if person:
        out["person"] = person
    reader.affiliations(record.get("activities-summary"), out)
    pubs = [
        p for p in (reader.work(g, i) for i, g in enumerate(dicts(get_in(works, "group")))) if p
    ]
    if pubs:
        out["publications"] = pubs
    from ..data.yamldump import ordered

    imp.data = ordered(out)
    return imp


def fetch(orcid: str) -> tuple[JSONValue, str]:
    """The public record of ``orcid`` from the API, or :class:`SourceError` saying why
    not (offline, a timeout, no such iD) in one line."""
    base = os.environ.get(API_ENV, "").strip() or API
    url = f"{base.rstrip('/')}/{orcid}/record"
    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": "sphinx-cv"}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            body = response.read(50 * 1024 * 1024)
    except urllib.error.HTTPError as err:
        why = "no such ORCID iD" if err.code == 404 else f"HTTP {err.code} {err.reason}"
        raise SourceError(f"{url}: {why}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise SourceError(
            f"cannot reach the ORCID API at {base} ({reason}); check the "
            "connection, or save the record from "
            f"https://pub.orcid.org/v3.0/{orcid}/record and import the file"
        ) from None
    try:
        data: JSONValue = json.loads(body.decode("utf-8"))
        return data, url
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise SourceError(f"{url}: the answer is not JSON ({err})") from None


def _value(node: object) -> str | None:
    """ORCID's ``{"value": x}`` wrapper (or ``None``) as text."""
    if isinstance(node, dict):
        node = node.get("value")
    return clean(str(node)) if node not in (None, "") else None


def _date(node: object) -> int | str | None:
    """``{"year": {"value": "2021"}, "month": ..., "day": ...}`` -> ``2021-11-07``."""
    if not isinstance(node, dict):
        return None
    parts = [_value(node.get(k)) for k in ("year", "month", "day")]
    numbers = []
    for part in parts:
        if not part or not part.isdigit():
            break
        numbers.append(part)
    if not numbers:
        return None
    if len(numbers) == 1:
        return int(numbers[0])
    return "-".join([numbers[0], *(n.zfill(2) for n in numbers[1:])])


class _Reader:
    def __init__(self, where: str, imp: Imported) -> None:
        self.where = where
        self.imp = imp
        self.used: set[str] = set()

    def person(self, record: dict[str, object]) -> dict[str, object]:
        person: dict[str, object] = {}
        extra: dict[str, object] = {}
        data = record.get("person")
        credit = _value(get_in(data, "name", "credit-name"))
        full = " ".join(
            p
            for p in (
                _value(get_in(data, "name", "given-names")),
                _value(get_in(data, "name", "family-name")),
            )
            if p
        )
        if credit or full:
            person["name"] = credit or full
            if credit and full and credit != full:
                person["name_variants"] = [full]
        others = [
            _value(o.get("content")) for o in dicts(get_in(data, "other-names", "other-name"))
        ]
        if any(others):
            child_list(person, "name_variants").extend(o for o in others if o)
        bio = get_in(data, "biography", "content")
        if not empty(bio):
            person["bio"] = " ".join(str(bio).split())
        emails = [
            clean(str(e.get("email")))
            for e in dicts(get_in(data, "emails", "email"))
            if e.get("email")
        ]
        if emails:
            person["email"] = emails
        links: dict[str, str] = {}
        orcid = get_in(record, "orcid-identifier", "path")
        if orcid:
            links["ORCID"] = f"https://orcid.org/{orcid}"
        for item in dicts(get_in(data, "researcher-urls", "researcher-url")):
            url = safe_url(_value(item.get("url")))
            if url:
                links[_value(item.get("url-name")) or url] = url
            else:
                child_list(extra, "researcher-urls").append(_value(item.get("url")))
                self.imp.problem(
                    Location(self.where),
                    f"not a safe link; kept under {X}",
                    path="person.researcher-urls",
                    value=str(_value(item.get("url"))),
                )
        for item in dicts(get_in(data, "external-identifiers", "external-identifier")):
            url = safe_url(_value(item.get("external-id-url")))
            label = clean(str(item.get("external-id-type") or "id"))
            if url:
                links[label] = url
            else:
                child_dict(extra, "external-identifiers")[label] = item.get("external-id-value")
        if links:
            person["links"] = links
        keywords = [
            w
            for w in (_value(k.get("content")) for k in dicts(get_in(data, "keywords", "keyword")))
            if w
        ]
        if keywords:
            extra["keywords"] = keywords  # research keywords; interests are worded by you
        countries = [_value(a.get("country")) for a in dicts(get_in(data, "addresses", "address"))]
        if any(countries):
            extra["countries"] = [c for c in countries if c]
        if extra:
            person[X] = extra
            self.imp.kept.update(f"person.{k}" for k in extra)
        return person

    def affiliations(self, summary: object, out: dict[str, object]) -> None:
        for section, key, target in AFFILIATIONS:
            for group in dicts(get_in(summary, section, "affiliation-group")):
                for item in each(group.get("summaries")):
                    found = item.get(f"{key}-summary") if isinstance(item, dict) else None
                    if isinstance(found, dict):
                        self.imp.entries += 1
                        entry_list(out, target).append(self._affiliation(found, target, section))
        for group in dicts(get_in(summary, "fundings", "group")):
            for item in dicts(group.get("funding-summary")):
                self.imp.entries += 1
                fund: dict[str, object] = {"title": _value(get_in(item, "title", "title")) or "?"}
                org = get_in(item, "organization", "name")
                if org:
                    fund["organization"] = clean(str(org))
                fund.update(self._span(item))
                if safe_url(_value(item.get("url"))):
                    fund["url"] = safe_url(_value(item.get("url")))
                if item.get("type"):
                    fund[X] = {"type": item["type"], "put-code": item.get("put-code")}
                sections = child_dict(out, "sections")
                sections.setdefault("funding", {"title": "Funding", "entries": []})
                entry_list(child_dict(sections, "funding"), "entries").append(fund)
        reviews = get_in(summary, "peer-reviews", "group")
        if reviews and isinstance(reviews, list):
            child_dict(out, X)["peer-reviews"] = len(reviews)
            self.imp.kept["peer-reviews (groups, counted)"] += 1

    @staticmethod
    def _span(item: dict[str, object]) -> dict[str, object]:
        span: dict[str, object] = {}
        start, end = _date(item.get("start-date")), _date(item.get("end-date"))
        if start is not None:
            span["start"] = start
            span["end"] = end if end is not None else "present"
        elif end is not None:
            span["date"] = end
        return span

    def _affiliation(self, item: dict[str, object], target: str, section: str) -> dict[str, object]:
        org = item.get("organization")
        name = clean(str(get_in(org, "name") or "?"))
        role = clean(str(item.get("role-title") or "")) or None
        dept = clean(str(item.get("department-name") or "")) or None
        entry: dict[str, object]
        if target == "positions":
            entry = {"position": role or dept or name, "organization": name}
            if dept and role:
                entry["department"] = dept
        elif target == "education":
            entry = {"institution": name}
            entry.update({"degree": role} if role else {})
            entry.update({"field": dept} if dept else {})
        elif target == "awards":
            entry = {"title": role or dept or name, "awarder": name}
        else:  # service
            entry = {
                "role": role or dept or section.rstrip("s").replace("-", " "),
                "organization": name,
            }
        entry.update(self._span(item))
        address = get_in(org, "address")
        place = ", ".join(
            clean(str(get_in(address, k)))
            for k in ("city", "region", "country")
            if get_in(address, k)
        )
        if place:
            entry["location"] = place
        if safe_url(_value(item.get("url"))):
            entry["url"] = safe_url(_value(item.get("url")))
        extra: dict[str, object] = (
            {"section": section}
            if section not in ("employments", "educations", "distinctions", "services")
            else {}
        )
        if item.get("put-code") is not None:
            extra["put-code"] = item["put-code"]
        if entry.get("department") is None and dept and target == "awards":
            extra["department"] = dept
        if extra:
            entry[X] = extra
        return entry

    def work(self, group: dict[str, object], index: int) -> dict[str, object] | None:
        summaries = dicts(group.get("work-summary"))
        self.imp.entries += 1
        if not summaries:
            self.imp.problem(
                Location(self.where),
                "work group without a work; skipped",
                path=f"group[{index}]",
                expected="work-summary",
            )
            return None
        # ORCID lists the preferred version first (display-index).
        work = summaries[0]
        title = _value(get_in(work, "title", "title"))
        date = _date(work.get("publication-date"))
        pub: dict[str, object] = {"id": make_id(title, str(date or "")[:4], self.used)}
        kind = clean(str(work.get("type") or ""))
        pub["type"] = TYPES.get(kind, MISC)
        pub["title"] = title or "?"
        extra: dict[str, object] = {}
        subtitle = _value(get_in(work, "title", "subtitle"))
        if subtitle:
            pub["title"] = f"{pub['title']}: {subtitle}"
        translated = get_in(work, "title", "translated-title")
        if _value(translated):
            extra["translated-title"] = _value(translated)
        venue = _value(work.get("journal-title"))
        if venue:
            pub["venue"] = venue
        if date is not None:
            pub["date"] = date
        ids = get_in(work.get("external-ids") or group.get("external-ids"), "external-id")
        for ext in dicts(ids):
            kind_id = str(ext.get("external-id-type") or "").lower()
            value = clean(str(ext.get("external-id-value") or ""))
            normal = _value(ext.get("external-id-normalized")) or value
            if kind_id == "doi" and "doi" not in pub:
                pub["doi"] = normal
            elif kind_id == "arxiv" and "arxiv" not in pub:
                pub["arxiv"] = re.sub(r"^arxiv:", "", value, flags=re.I)
            elif value:
                child_dict(extra, "ids")[kind_id] = value
        url = safe_url(_value(work.get("url")))
        if url:
            pub["url"] = url
        if kind and kind not in TYPES:
            extra["type"] = kind
        extra["put-code"] = work.get("put-code")
        extra["source"] = _value(get_in(work, "source", "source-name"))
        if len(summaries) > 1:
            extra["versions"] = [
                {
                    "put-code": s.get("put-code"),
                    "source": _value(get_in(s, "source", "source-name")),
                }
                for s in summaries[1:]
            ]
        kept = pub[X] = {k: v for k, v in extra.items() if v is not None}
        self.imp.kept.update(f"works[].{k}" for k in kept if k not in ("put-code", "source"))
        return pub
