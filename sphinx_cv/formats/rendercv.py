"""RenderCV (https://rendercv.com) YAML: a whole CV in.

``cv`` gives the person (``name``, ``headline``, ``location``, ``email``, ``phone``,
``website``, ``photo``, ``social_networks``); each of ``cv.sections`` is a list of
entries whose keys tell their type, as RenderCV reads them:

- education entries (``institution``, ``area``, ``degree``) go to ``education``,
  experience entries (``company``, ``position``) to ``positions``, publication entries
  (``title``, ``authors``, ``doi``, ``journal``) to ``publications``;
- normal (``name``), one-line (``label``, ``details``), bullet (``bullet``), numbered
  (``number``, ``reversed_number``) and text entries (a plain string) make a section of
  their own under ``sections``, with the section's title.

``*Name*`` in a publication's authors is how RenderCV marks the CV's owner: the mark is
taken off and the spelling becomes one of ``person.name_variants`` (set in bold). The
``design``, ``locale`` and ``settings`` blocks, and a built-in entry that sits in a
section of another name, are kept under ``x-rendercv``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

from ..data.problems import Location
from . import Imported
from .common import (
    SourceError,
    child_dict,
    child_list,
    clean,
    each,
    empty,
    entry_list,
    iso_date,
    link_url,
    make_id,
    read_text,
    report_yaml_error,
    safe_url,
    slug,
    year_of,
)

X = "x-rendercv"
DATED = {
    "date": "date",
    "start_date": "start",
    "end_date": "end",
    "location": "location",
    "summary": "summary",
    "highlights": "highlights",
}
"""Keys every RenderCV entry may have -> the profile's dated-entry fields."""
KINDS = (
    ("education", {"institution", "area", "degree"}),
    ("experience", {"company", "position"}),
    ("publication", {"title", "authors"}),
    ("normal", {"name"}),
    ("one_line", {"label", "details"}),
    ("bullet", {"bullet"}),
    ("numbered", {"number"}),
    ("reversed_numbered", {"reversed_number"}),
)
"""RenderCV's entry types and the keys that tell them (as RenderCV tells them)."""
SECTION_KEYS = {"education": "education", "experience": "experience", "publication": "publications"}
"""The section a built-in entry is expected in; another is noted under ``x-rendercv``."""
STANDARD = {"education": "education", "experience": "positions", "publication": "publications"}


def load(path: str) -> Imported:
    text = read_text(path)
    imp = Imported({})
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as err:
        report_yaml_error(imp, path, err)
        raise SourceError(str(imp.problems[0])) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("cv"), dict):
        raise SourceError(
            f"{path}: not a RenderCV file; expected 'cv:' with 'name:' and 'sections:'"
        )
    cv = doc["cv"]
    reader = _Reader(path, imp)
    person = reader.person(cv)
    data: dict[str, object] = {}
    sections = cv.get("sections") or {}
    if not isinstance(sections, dict):
        imp.problem(
            Location(path),
            "sections is not a mapping; skipped",
            path="cv.sections",
            expected="section title: [entries]",
        )
        sections = {}
    for title, entries in sections.items():
        reader.section(str(title), entries, data)
    if reader.own_names:
        name = person.get("name") or reader.own_names[0]
        person.setdefault("name", name)
        variants = [n for n in reader.own_names if n != name]
        if variants:
            person["name_variants"] = variants
    if person:
        data["person"] = person
    extra = {k: v for k, v in doc.items() if k != "cv" and not empty(v)}
    if extra:
        data[X] = extra
        imp.kept.update(list(extra))
    from ..data.yamldump import ordered

    imp.data = ordered(data)
    return imp


class _Reader:
    def __init__(self, path: str, imp: Imported) -> None:
        self.path = path
        self.imp = imp
        self.used: set[str] = set()
        self.own_names: list[str] = []

    def person(self, cv: dict[str, object]) -> dict[str, object]:
        person: dict[str, object] = {}
        extra: dict[str, object] = {}
        for key, field in (("name", "name"), ("headline", "position"), ("location", "location")):
            if not empty(cv.get(key)):
                person[field] = clean(str(cv[key]))
        for key in ("email", "phone"):
            value = cv.get(key)
            if not empty(value):
                values = value if isinstance(value, list) else [value]
                person[key] = [clean(str(v)) for v in values if not empty(v)]
        for key in ("website", "photo"):
            if not empty(cv.get(key)):
                url = safe_url(str(cv[key]))
                if url:
                    person[key] = url
                else:
                    extra[key] = cv[key]
                    self.imp.problem(
                        Location(self.path),
                        f"not a safe link; kept under {X}",
                        path=f"cv.{key}",
                        value=str(cv[key]),
                    )
        links: dict[str, str] = {}
        for i, item in enumerate(each(cv.get("social_networks"))):
            network = item.get("network") if isinstance(item, dict) else None
            url = (
                link_url(str(network), item.get("username"))
                if network and isinstance(item, dict)
                else None
            )
            if url:
                links[str(network)] = url
            else:
                child_list(extra, "social_networks").append(item)
                self.imp.kept[f"cv.social_networks[{i}]"] += 1
        if links:
            person["links"] = links
        for key, value in cv.items():
            if key not in (
                "name",
                "headline",
                "location",
                "email",
                "phone",
                "website",
                "photo",
                "social_networks",
                "sections",
            ) and not empty(value):
                extra[key] = value
                self.imp.kept[f"cv.{key}"] += 1
        if extra:
            person[X] = extra
        return person

    def section(self, title: str, entries: object, data: dict[str, object]) -> None:
        items: list[object] = entries if isinstance(entries, list) else [entries]
        key = slug(title).replace("-", "_") or "section"
        own: list[dict[str, object]] = []
        kinds: set[str] = set()
        readers: dict[str, Callable[[dict[str, object], str], dict[str, object]]] = {
            "education": self.education,
            "experience": self.experience,
            "publication": self.publication,
        }
        for i, item in enumerate(items):
            if empty(item):
                continue
            self.imp.entries += 1
            kind = _kind(item)
            kinds.add(kind)
            where = f"cv.sections.{title}[{i}]"
            if kind in STANDARD and isinstance(item, dict):  # a kind of a mapping
                entry = readers[kind](item, where)
                if key != SECTION_KEYS[kind]:
                    child_dict(entry, X)["section"] = title  # where the CV showed it
                entry_list(data, STANDARD[kind]).append(entry)
            else:
                own.append(self.plain(item, kind, where))
        if own:
            if title == title.lower():  # a key such as selected_honors, shown as RenderCV does
                title = " ".join(w[:1].upper() + w[1:] for w in title.replace("_", " ").split())
            section: dict[str, object] = {"title": title, "entries": own}
            numbered = kinds & {"numbered", "reversed_numbered"}
            if numbered:
                section[X] = {"entry_type": sorted(numbered)[0]}  # numbers are shown
            child_dict(data, "sections")[key] = section

    def _dated(
        self, item: dict[str, object], entry: dict[str, object], used: set[str], where: str
    ) -> None:
        for key, field in DATED.items():
            value = item.get(key)
            if empty(value):
                continue
            used.add(key)
            if field in ("date", "start", "end"):
                entry[field] = iso_date(value)
            elif field == "highlights":
                entry[field] = [
                    clean(str(h))
                    for h in (value if isinstance(value, list) else [value])
                    if not empty(h)
                ]
            else:
                entry[field] = clean(str(value))
        url = item.get("url")
        if not empty(url):
            if safe_url(str(url)):
                entry["url"] = safe_url(str(url))
                used.add("url")
            else:
                self.imp.problem(
                    Location(self.path),
                    f"not a safe link; kept under {X}",
                    path=f"{where}.url",
                    value=str(url),
                )
        extra = {k: v for k, v in item.items() if k not in used and not empty(v)}
        if extra:
            before = entry.get(X)
            entry[X] = {**(before if isinstance(before, dict) else {}), **extra}
            self.imp.kept.update(f"cv.sections[].{k}" for k in extra)

    def education(self, item: dict[str, object], where: str) -> dict[str, object]:
        entry: dict[str, object] = {"institution": clean(str(item.get("institution") or "?"))}
        for key, field in (("degree", "degree"), ("area", "field")):
            if not empty(item.get(key)):
                entry[field] = clean(str(item[key]))
        self._dated(item, entry, {"institution", "degree", "area"}, where)
        return entry

    def experience(self, item: dict[str, object], where: str) -> dict[str, object]:
        entry: dict[str, object] = {
            "position": clean(str(item.get("position") or item.get("company") or "?"))
        }
        if not empty(item.get("company")):
            entry["organization"] = clean(str(item["company"]))
        self._dated(item, entry, {"position", "company"}, where)
        return entry

    def publication(self, item: dict[str, object], where: str) -> dict[str, object]:
        authors: list[str] = []
        for name in each(item.get("authors")):
            text = clean(str(name))
            own = re.fullmatch(r"\*\*?(.+?)\*?\*", text)  # *Name*: the CV's owner
            if own:
                text = own.group(1).strip()
                if text not in self.own_names:
                    self.own_names.append(text)
            authors.append(text)
        date = iso_date(item["date"]) if not empty(item.get("date")) else None
        pub: dict[str, object] = {
            "id": make_id(
                item.get("title"), year_of(date), self.used, authors[0] if authors else ""
            )
        }
        pub["title"] = clean(str(item.get("title") or ""))
        if authors:
            pub["authors"] = authors
        if not empty(item.get("journal")):
            pub["venue"] = clean(str(item["journal"]))
        if date is not None:
            pub["date"] = date
        if not empty(item.get("doi")):
            pub["doi"] = clean(str(item["doi"]))
        if not empty(item.get("summary")):
            pub["note"] = clean(str(item["summary"]))
        used = {"title", "authors", "journal", "date", "doi", "summary"}
        url = item.get("url")
        if not empty(url) and safe_url(str(url)):
            pub["url"] = safe_url(str(url))
            used.add("url")
        extra = {k: v for k, v in item.items() if k not in used and not empty(v)}
        if extra:
            pub[X] = extra
            self.imp.kept.update(f"cv.sections[].{k}" for k in extra)
        return pub

    def plain(self, item: object, kind: str, where: str) -> dict[str, object]:
        if kind == "text" or not isinstance(item, dict):  # only mappings have other kinds
            return {"title": clean(str(item))}
        entry: dict[str, object] = {}
        main = {
            "normal": "name",
            "one_line": "label",
            "bullet": "bullet",
            "numbered": "number",
            "reversed_numbered": "reversed_number",
        }[kind]
        entry["title"] = clean(str(item.get(main)))
        used = {main}
        if kind == "one_line" and not empty(item.get("details")):
            entry["summary"] = clean(str(item["details"]))
            used.add("details")
        self._dated(item, entry, used, where)
        return entry


def _kind(item: object) -> str:
    if not isinstance(item, dict):
        return "text"
    keys = {k for k, v in item.items()}
    for kind, tell in KINDS:
        if kind == "publication" and {"title", "authors"} <= keys:
            return kind
        if kind != "publication" and tell & keys and (kind != "experience" or "company" in keys):
            return kind
    return "normal"
