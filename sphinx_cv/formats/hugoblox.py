"""HugoBlox (Hugo Academic, https://hugoblox.com), a Hugo site: to a profile.

Authors come from ``data/authors/*.yaml`` (HugoBlox's author schema: nested ``name``,
``role``, ``affiliations``, ``links``, ``education``, ``experience``, ``skills``,
``languages``, ``awards``) and from the older ``content/authors/*/_index.md`` (``title``,
``organizations``, ``profiles`` or ``social``, ``work``...). The site's owner (``is_owner``
or ``superuser``, else the ``me`` or ``admin`` slug) becomes the person; a second file
for the owner fills only what the first lacks and its differing values are kept; other
authors' pages are kept under ``x-hugoblox``.

``content/publications/*/index.md`` (or ``content/publication/``) become publications:
author slugs (``me``) are the person's name, ``publication_types`` (CSL names, or the
old numbers) the type, ``publication`` the venue, ``featured`` the selected flag,
``hugoblox.ids`` the DOI and arXiv id, ``links[]`` and the older ``url_pdf``,
``url_code``... the links. The page's ``cite.bib`` fills what the front matter lacks;
its other values are kept. Everything the profile has no field for (author notes,
``publication_short``, ``summary``, images, projects...) is kept under ``x-hugoblox``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypedDict

from ..data.entries import Award, Education, Entry, Position
from ..data.linkkinds import LINK_FIELDS
from ..data.problems import Location
from ..data.publication import Publication
from ..data.pubtypes import MISC, reads
from . import Imported
from .common import (
    child_dict,
    child_list,
    clean,
    each,
    empty,
    entry_list,
    front_matter,
    get_in,
    html_text,
    iso_date,
    jsonable,
    load_yaml,
    make_id,
    safe_url,
    strings,
    year_of,
)
from .csl import TYPES as CSL_TYPES
from .sites import SiteReader, add_entries, name_variants

X = "x-hugoblox"
OLD_TYPES = reads("hugoblox_code")
"""Hugo Academic's numbered publication types (before CSL names)."""
STRUCTURAL = frozenset(
    {
        "schema",
        "slug",
        "is_owner",
        "superuser",
        "highlight_name",
        "publishDate",
        "draft",
        "lastmod",
        "weight",
    }
)
"""Keys that say how Hugo builds the page, not facts about the person or the work."""


class _Author(TypedDict):
    """An author page or file as read, before it is the person or kept."""

    slug: str
    name: str
    owner: bool
    meta: dict[str, object]
    body: str
    where: str
    raw: dict[str, object]


def load(folder: str) -> Imported:
    imp = Imported({})
    site = _Site(folder, imp)
    people = site.authors()
    owners = [p for p in people if p["owner"]] or [
        p for p in people if p["slug"] in ("me", "admin")
    ][:1]
    data: dict[str, object] = {}
    person: dict[str, object] = {}
    for i, owner in enumerate(owners):
        site.add_person(owner, person, data, first=i == 0)
    others = {p["slug"]: p["raw"] for p in people if p not in owners}
    if others:
        child_dict(person, X)["authors"] = others
        imp.kept.update(f"{p['where']} (another author's page)" for p in people if p not in owners)
    names = {p["slug"]: p["name"] for p in people if p["name"]}
    for owner in owners:
        names[owner["slug"]] = str(person.get("name") or owner["slug"])
    names.setdefault("me", str(person.get("name", "me")))
    pubs = site.publications(names)
    variants: list[str] = []
    if pubs:
        data["publications"] = pubs
        name = person.get("name")
        if name and isinstance(name, str):
            spelled = [a for p in pubs for a in strings(p.get("authors"))]
            spelled += [
                a
                for p in pubs  # cite.bib's spellings, as the page's Cite shows
                for a in strings(get_in(p, X, "cite.bib", "authors"))
            ]
            variants = name_variants(name, spelled)
    return site.result(
        data,
        person,
        variants,
        "data/authors/, content/authors/ or content/publications/; is it a HugoBlox site",
    )


class _Site(SiteReader):
    # --- authors -------------------------------------------------------------------------

    def authors(self) -> list[_Author]:
        out: list[_Author] = []
        folder = self.path("data", "authors")
        if os.path.isdir(folder):
            for name in sorted(os.listdir(folder)):
                if name.endswith((".yaml", ".yml")):
                    meta = load_yaml(os.path.join(folder, name), self.imp)
                    if isinstance(meta, dict):
                        out.append(
                            self._author(
                                meta, os.path.splitext(name)[0], f"data/authors/{name}", ""
                            )
                        )
        for top in ("authors", "author"):
            folder = self.path("content", top)
            if not os.path.isdir(folder):
                continue
            for slug in sorted(os.listdir(folder)):
                path = os.path.join(folder, slug, "_index.md")
                if os.path.isfile(path):
                    meta, body = front_matter(path, self.imp)
                    if meta is not None:
                        out.append(
                            self._author(meta, slug, f"content/{top}/{slug}/_index.md", body)
                        )
        return out

    @staticmethod
    def _author(meta: dict[str, object], slug: str, where: str, body: str) -> _Author:
        name = meta.get("name")
        if isinstance(name, dict):
            display = name.get("display") or " ".join(
                str(name[k]) for k in ("given", "family") if name.get(k)
            )
        else:
            display = (
                name
                or meta.get("title")
                or " ".join(str(meta[k]) for k in ("first_name", "last_name") if meta.get(k))
            )
        return {
            "slug": str(meta.get("slug") or slug),
            "name": clean(str(display or "")),
            "owner": bool(meta.get("is_owner") or meta.get("superuser")),
            "meta": meta,
            "body": clean(body),
            "where": where,
            "raw": {k: v for k, v in meta.items() if k not in STRUCTURAL},
        }

    def add_person(
        self, author: _Author, person: dict[str, object], data: dict[str, object], first: bool
    ) -> None:
        meta, where = author["meta"], author["where"]
        mine: dict[str, object] = {}
        extra: dict[str, object] = {}
        used = set(STRUCTURAL) | {"name", "title", "first_name", "last_name"}
        if author["name"]:
            mine["name"] = author["name"]
        name = meta.get("name")
        if isinstance(name, dict):
            rest = {k: v for k, v in name.items() if k not in ("display",) and not empty(v)}
            if rest:
                extra["name"] = rest
        if not empty(meta.get("role")):
            mine["position"] = clean(str(meta["role"]))
            used.add("role")
        bio = meta.get("bio") or author["body"]
        if not empty(bio):
            mine["bio"] = " ".join(str(bio).split())
            used.add("bio")
        orgs = meta.get("affiliations") or meta.get("organizations") or []
        if isinstance(orgs, list) and orgs:
            used.update({"affiliations", "organizations"})
            mine["affiliation"] = [
                clean(str(o.get("name") if isinstance(o, dict) else o))
                for o in orgs
                if not empty(o)
            ]
            urls = [o for o in orgs if isinstance(o, dict) and o.get("url")]
            if urls:
                extra["affiliations"] = urls
        for key in ("email",):
            if not empty(meta.get(key)):
                mine["email"] = [clean(str(meta[key]))]
                used.add(key)
        links = meta.get("links") or meta.get("profiles") or meta.get("social") or []
        used.update({"links", "profiles", "social"})
        for item in links if isinstance(links, list) else []:
            self._person_link(item, mine, extra)
        interests = meta.get("interests")
        if isinstance(interests, list) and interests:
            data.setdefault("interests", [clean(str(i)) for i in interests if not empty(i)])
            used.add("interests")
        readers: tuple[tuple[str, Callable[[object, str], dict[str, object]], str, type], ...] = (
            ("education", self._degree, "education", Education),
            ("experience", self._job, "positions", Position),
            ("work", self._job, "positions", Position),
            ("awards", self._award, "awards", Award),
        )
        for key, convert, target, cls in readers:
            items = meta.get(key)
            if key == "education" and isinstance(items, dict):
                items = items.get("courses")  # the older {courses: [...]} form
            if not isinstance(items, list):
                continue
            used.add(key)
            self.imp.entries += len(items)
            entries = [e for e in (convert(i, where) for i in items) if e]
            add_entries(entry_list(data, target), entries, cls, self.imp, X, where)
        for key in ("skills", "languages"):
            items = meta.get(key)
            if isinstance(items, list) and items:
                used.add(key)
                self.imp.entries += len(items)
                sections = child_dict(data, "sections")
                sections.setdefault(key, {"title": key.capitalize(), "entries": []})
                add_entries(
                    entry_list(child_dict(sections, key), "entries"),
                    [self._group(i, key) for i in items if isinstance(i, dict)],
                    Entry,
                    self.imp,
                    X,
                    where,
                )
        for key, value in meta.items():
            if key not in used and not empty(value):
                extra[key] = value
                self.imp.kept[f"{where}: {key}"] += 1
        for key, value in mine.items():
            if key not in person:
                person[key] = value
            elif value != person[key] and not first:
                extra[key] = value
                self.imp.kept[f"{where}: {key}"] += 1
        if extra:
            child_dict(person, X)[where] = extra

    def _person_link(
        self, item: object, person: dict[str, object], extra: dict[str, object]
    ) -> None:
        if not isinstance(item, dict):
            return
        url = clean(str(item.get("url") or item.get("link") or ""))
        icon = str(item.get("icon") or "").split("/")[-1]
        look = {k: v for k, v in item.items() if k not in ("url", "link") and not empty(v)}
        if url.startswith("mailto:"):
            person.setdefault("email", [url[len("mailto:") :]])
            key = "email"
        elif safe_url(url):
            label = clean(str(item.get("label") or icon.replace("-", " ") or "Link"))
            from ..data.links import kind_of, label_for

            kind = kind_of(label)
            key = label_for(kind) if kind else label
            child_dict(person, "links")[key] = safe_url(url)
        else:
            child_list(extra, "links").append(item)
            return
        if look:  # the icon (and label) the site drew the link with
            child_dict(extra, "link_icons")[key] = look

    def _dates(self, item: dict[str, object], entry: dict[str, object]) -> set[str]:
        used: set[str] = set()
        for keys, field in (
            (("start", "date_start"), "start"),
            (("end", "date_end"), "end"),
            (("date", "year"), "date"),
        ):
            for key in keys:
                if not empty(item.get(key)):
                    entry[field] = iso_date(item[key])
                    used.add(key)
            used.update(k for k in keys if k in item)  # '' is an open end, not a fact
        if "start" in entry and "end" not in entry:
            entry["end"] = "present"
        return used

    def _entry(
        self, item: dict[str, object], entry: dict[str, object], used: set[str], where: str
    ) -> dict[str, object]:
        used |= self._dates(item, entry) | {"summary"}
        if not empty(item.get("summary")):
            entry["summary"] = " ".join(str(item["summary"]).split())
        button = item.get("button")
        if isinstance(button, dict) and safe_url(button.get("url")):
            entry["url"] = safe_url(button["url"])
        extra = {k: v for k, v in item.items() if k not in used and not empty(v)}
        if extra:
            entry[X] = extra
            self.imp.kept.update(f"{where}: {k}" for k in extra)
        return entry

    def _degree(self, item: object, where: str) -> dict[str, object]:
        if not isinstance(item, dict):
            return {}
        entry: dict[str, object] = {"institution": clean(str(item.get("institution") or "?"))}
        degree = item.get("degree") or item.get("area") or item.get("course")
        if not empty(degree):
            entry["degree"] = clean(str(degree))
        return self._entry(item, entry, {"institution", "degree", "area", "course"}, where)

    def _job(self, item: object, where: str) -> dict[str, object]:
        if not isinstance(item, dict):
            return {}
        entry: dict[str, object] = {
            "position": clean(str(item.get("role") or item.get("position") or "?"))
        }
        org = item.get("org") or item.get("company_name") or item.get("company")
        if not empty(org):
            entry["organization"] = clean(str(org))
        if safe_url(item.get("company_url")):
            entry["url"] = safe_url(item["company_url"])
        return self._entry(
            item,
            entry,
            {"role", "position", "org", "company_name", "company", "company_url"},
            where,
        )

    def _award(self, item: object, where: str) -> dict[str, object]:
        if not isinstance(item, dict):
            return {}
        entry: dict[str, object] = {"title": clean(str(item.get("title") or "?"))}
        if not empty(item.get("awarder")):
            entry["awarder"] = clean(str(item["awarder"]))
        if safe_url(item.get("url")):
            entry["url"] = safe_url(item["url"])
        return self._entry(item, entry, {"title", "awarder", "url"}, where)

    def _group(self, item: dict[str, object], key: str) -> dict[str, object]:
        """A skill group (its items as bullet points) or a language (its level)."""
        entry: dict[str, object] = {"title": clean(str(item.get("name") or "?"))}
        extra: dict[str, object] = {
            k: v for k, v in item.items() if k not in ("name", "items", "label") and not empty(v)
        }
        if key == "languages" and not empty(item.get("label")):
            entry["summary"] = clean(str(item["label"]))
        found = item.get("items")
        items = found if isinstance(found, list) else []
        if items:
            entry["highlights"] = [
                clean(str(i.get("label") or i.get("name"))) for i in items if isinstance(i, dict)
            ]
            levels = [
                {k: v for k, v in i.items() if k not in ("label", "name") and not empty(v)}
                for i in items
                if isinstance(i, dict)
            ]
            if any(levels):
                extra["items"] = levels  # levels and icons, in the order of the points
        if extra:
            entry[X] = extra
            self.imp.kept.update(f"{key}[].{k}" for k in extra)
        return entry

    # --- publications --------------------------------------------------------------------

    def publications(self, names: dict[str, str]) -> list[dict[str, object]]:
        pubs: list[dict[str, object]] = []
        for top in ("publications", "publication"):
            folder = self.path("content", top)
            if not os.path.isdir(folder):
                continue
            for slug in sorted(os.listdir(folder)):
                path = os.path.join(folder, slug, "index.md")
                if not os.path.isfile(path):
                    continue
                self.imp.entries += 1
                meta, body = front_matter(path, self.imp)
                if meta is None:
                    continue
                where = f"content/{top}/{slug}"
                pub = self._publication(meta, body, names, where, path)
                if pub is None:
                    continue
                pubs.append(pub)
                bib = os.path.join(folder, slug, "cite.bib")
                if os.path.isfile(bib):
                    self._cite(pub, pubs, bib, f"{where}/cite.bib")
        return pubs

    def _publication(
        self, meta: dict[str, object], body: str, names: dict[str, str], where: str, path: str
    ) -> dict[str, object] | None:
        title = self.title_of(meta, "publication", where, path)
        if not title:
            return None
        used = set(STRUCTURAL) | {
            "title",
            "authors",
            "date",
            "publication_types",
            "publication",
            "abstract",
            "tags",
            "featured",
            "links",
            "hugoblox",
            "doi",
        }
        authors = [
            names.get(str(a), clean(str(a))) for a in each(meta.get("authors")) if not empty(a)
        ]
        pub: dict[str, object] = {
            "id": make_id(
                title, year_of(meta.get("date")), self.used, authors[0] if authors else ""
            )
        }
        kinds = meta.get("publication_types") or []
        kind = str(kinds[0] if isinstance(kinds, list) and kinds else kinds or "")
        if kind:
            pub["type"] = CSL_TYPES.get(kind) or OLD_TYPES.get(kind, MISC)
        pub["title"] = title
        if authors:
            pub["authors"] = authors
        venue = meta.get("publication")
        if isinstance(venue, dict):
            venue = venue.get("name")
        if not empty(venue):
            pub["venue"] = clean(str(venue))
        if meta.get("date") is not None:
            pub["date"] = iso_date(meta["date"])
        hugoblox = meta.get("hugoblox")
        ids = hugoblox.get("ids", {}) if isinstance(hugoblox, dict) else {}
        if isinstance(ids, dict):
            for key in ("doi", "arxiv"):
                if not empty(ids.get(key)):
                    pub[key] = clean(str(ids[key]))
            rest = {k: v for k, v in ids.items() if k not in ("doi", "arxiv")}
            if rest:
                child_dict(pub, X)["ids"] = rest
        if not empty(meta.get("doi")):
            pub.setdefault("doi", clean(str(meta["doi"])))
        for key, value in meta.items():  # url_pdf, url_code...: the older links
            if key.startswith("url_") and not empty(value):
                used.add(key)
                self._link(pub, key[len("url_") :], value, None, where)
        for item in each(meta.get("links")):
            if isinstance(item, dict):
                self._link(
                    pub,
                    str(item.get("type") or item.get("name") or "link"),
                    item.get("url"),
                    item,
                    where,
                )
        if not empty(meta.get("abstract")):
            pub["abstract"] = " ".join(str(meta["abstract"]).split())
        tags = meta.get("tags")
        if isinstance(tags, list) and tags:
            pub["tags"] = [clean(str(t)) for t in tags if not empty(t)]
        if meta.get("featured") is True:
            pub["selected"] = True
        awards = meta.get("awards")
        if isinstance(awards, list) and awards:
            pub["award"] = ", ".join(
                html_text(str(a.get("name") if isinstance(a, dict) else a)) for a in awards
            )
            levels = [a for a in awards if isinstance(a, dict) and set(a) - {"name"}]
            if levels:
                child_dict(pub, X)["awards"] = levels
            used.add("awards")
        extra: dict[str, object] = {k: v for k, v in meta.items() if k not in used and not empty(v)}
        if clean(body):
            extra["body"] = clean(body)  # the page's text, Markdown
        if extra:
            child_dict(pub, X).update({k: jsonable(v) for k, v in extra.items()})
            self.imp.kept.update(f"publications[].{k}" for k in extra)
        return pub

    def _link(
        self,
        pub: dict[str, object],
        kind: str,
        url: object,
        item: dict[str, object] | None,
        where: str,
    ) -> None:
        kind = kind.lower()
        if kind == "preprint" and item and str(item.get("provider")).lower() == "arxiv":
            pub.setdefault("arxiv", clean(str(item.get("id") or "")))
            return
        if empty(url) or clean(str(url)) == "#":
            if not empty(url):  # the template's '#' placeholder: a link to nowhere
                self.imp.notes.append(
                    f"{where}: the '{kind}' link is the template's '#' placeholder; left out"
                )
            return
        safe = safe_url(str(url))
        if safe is None:
            child_list(child_dict(pub, X), "links").append(item or {kind: url})
            self.imp.problem(
                Location(self.path(where)),
                "not a safe link; kept under " + X,
                path=f"{where}.links",
                value=str(url),
            )
            return
        # A links[].type or url_TYPE naming a shorthand link field goes there; others go
        # to links with their label.
        field = kind if kind in LINK_FIELDS else None
        if field and field not in pub:
            pub[field] = safe
        else:
            label = clean(str((item or {}).get("label") or kind.capitalize()))
            child_dict(pub, "links")[label] = safe

    def _cite(
        self, pub: dict[str, object], pubs: list[dict[str, object]], path: str, where: str
    ) -> None:
        from .bibtex import read_publications

        entries, problems = read_publications(path)
        self.imp.problems += problems
        if not entries:
            return
        first, *more = entries
        differ: dict[str, object] = {}
        for key, value in first.items():
            if key == "id":
                if not str(value).isdigit():
                    self.used.discard(str(pub["id"]))
                    pub["id"] = value
                continue
            if key in ("year", "month") and "date" in pub:
                continue  # said by the page's date
            if key not in pub or (key == "venue" and pub["venue"] == pub["title"]):
                pub[key] = value  # (some pages name the paper itself as the venue)
            elif pub[key] != value and key != "x-bibtex":
                differ[key] = value
        self.imp.kept.update(
            f"{where}: {k} (under x-bibtex)"
            for k in each(first.get("x-bibtex"))
            if k != "entrytype"
        )
        if differ:
            child_dict(pub, X)["cite.bib"] = differ
            self.imp.kept.update(f"{where}: {k}" for k in differ)
        if more:  # a cite.bib with several entries: each is a publication
            self.imp.entries += len(more)
            add_entries(pubs, more, Publication, self.imp, X, where)
