"""academicpages (https://academicpages.github.io), a Jekyll site: to a profile.

Reads the ``author`` block of ``_config.yml`` (name, bio, avatar, location, employer,
e-mail and the social links), ``_publications/*.md`` (front matter ``title``, ``venue``,
``date``, ``paperurl``, ``slidesurl``, ``bibtexurl``, ``category``, ``excerpt`` and
``citation``, a formatted reference whose authors are parsed; the page text becomes the
abstract), ``_talks/*.md``, ``_teaching/*.md``, ``_portfolio/*`` (a section of its own),
``_data/cv.json`` (JSON Resume with the site's own keys) and the TSV files of
``markdown_generator/`` (US ``M/D/YY`` dates). The TSV files and cv.json repeat what the
pages say; an entry found twice is imported once. What the profile has no field for is
kept under ``x-academicpages``.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable

from ..data.entries import Entry, Talk, Teaching
from ..data.problems import Location
from ..data.publication import Publication
from ..data.pubtypes import reads
from . import Imported
from .common import (
    child_dict,
    citation_authors,
    clean,
    dicts,
    empty,
    find_doi,
    has_html,
    html_text,
    iso_date,
    jsonable,
    load_json,
    load_yaml,
    make_id,
    read_text,
    refused_link,
    safe_url,
    strings,
    year_of,
)
from .sites import (
    SiteReader,
    add_entries,
    is_placeholder,
    name_variants,
    person_links,
    split_body,
)

X = "x-academicpages"
STRUCTURAL = frozenset({"collection", "layout", "published", "author_profile"})
"""Front matter that says how Jekyll renders a page, not what it is about."""
PageReader = Callable[[dict[str, object], str, str, str], "dict[str, object] | None"]
"""Makes an entry of a page's (front matter, body, where, path), or None."""
RowReader = Callable[[dict[str, "str | None"], str, Location], "dict[str, object] | None"]
"""Makes an entry of a TSV row's (fields, where, place), or None."""
CATEGORIES = reads("academicpages")
"""A page's ``category`` (lower case) -> publication type (others leave it untyped)."""


def load(folder: str) -> Imported:
    imp = Imported({})
    site = _Site(folder, imp)
    person = site.person()
    pubs = site.pages("_publications", site.publication)
    talks = site.pages("_talks", site.talk)
    teaching = site.pages("_teaching", site.teaching)
    portfolio = site.pages("_portfolio", site.portfolio)
    add_entries(
        pubs,
        site.tsv("publications.tsv", site.tsv_publication),
        Publication,
        imp,
        X,
        "markdown_generator/publications.tsv",
    )
    add_entries(
        talks, site.tsv("talks.tsv", site.tsv_talk), Talk, imp, X, "markdown_generator/talks.tsv"
    )
    data: dict[str, object] = {}
    cv = site.cv_json()
    if cv:
        cv_person = cv.pop("person", {})
        for key, value in cv_person.items() if isinstance(cv_person, dict) else ():
            if key == X and isinstance(value, dict):
                child_dict(child_dict(person, X), "cv.json").update(value)
            elif key not in person:
                person[key] = value
            elif value != person[key]:
                child_dict(child_dict(person, X), "cv.json")[key] = value
                imp.kept[f"_data/cv.json: basics.{key}"] += 1
        add_entries(pubs, dicts(cv.pop("publications", [])), Publication, imp, X, "_data/cv.json")
        add_entries(talks, dicts(cv.pop("talks", [])), Talk, imp, X, "_data/cv.json")
        add_entries(teaching, dicts(cv.pop("teaching", [])), Teaching, imp, X, "_data/cv.json")
        add_entries(portfolio, dicts(cv.pop("portfolio", [])), Entry, imp, X, "_data/cv.json")
        sections = cv.pop("sections", {})
        for name, section in sections.items() if isinstance(sections, dict) else ():
            child_dict(data, "sections")[name] = section
        data.update(cv)
    variants: list[str] = []
    name = person.get("name")
    if name and isinstance(name, str):
        variants = name_variants(name, [a for p in pubs for a in strings(p.get("authors"))])
    for key, value in (("publications", pubs), ("talks", talks), ("teaching", teaching)):
        if value:
            data[key] = value
    if portfolio:
        child_dict(data, "sections")["portfolio"] = portfolio
    return site.result(data, person, variants)


class _Site(SiteReader):
    # --- _config.yml ---------------------------------------------------------------------

    def person(self) -> dict[str, object]:
        path = self.path("_config.yml")
        if not os.path.isfile(path):
            return {}
        config = load_yaml(path, self.imp)
        if not isinstance(config, dict):
            return {}
        found = config.get("author")
        author: dict[str, object] = found if isinstance(found, dict) else {}
        person: dict[str, object] = {}
        for key, target in (
            ("name", "name"),
            ("bio", "bio"),
            ("location", "location"),
            ("employer", "affiliation"),
            ("email", "email"),
            ("uri", "website"),
        ):
            if not empty(author.get(key)):
                person[target] = clean(str(author[key]))
        if "name" not in person and not empty(config.get("name")):
            person["name"] = clean(str(config["name"]))
        if "website" not in person and safe_url(config.get("url")):
            person["website"] = safe_url(config["url"])
        links, kept = person_links(
            author,
            {"name", "bio", "location", "employer", "email", "uri", "avatar"},
            self.imp,
            "_config.yml: author",
            X,
        )
        if links:
            person["links"] = links
        extra: dict[str, object] = {}
        if not empty(author.get("avatar")):
            # The picture lives in the old site's images/ folder: copy it beside the
            # profile and set person.photo.
            extra["avatar"] = f"images/{clean(str(author['avatar']))}"
            self.imp.kept["_config.yml: author.avatar"] += 1
        extra.update(kept)
        for key in ("title", "description"):
            if not empty(config.get(key)):
                extra[f"site_{key}"] = clean(str(config[key]))
                self.imp.kept[f"_config.yml: {key}"] += 1
        if extra:
            person[X] = extra
        return person

    # --- collections ---------------------------------------------------------------------

    def pages(self, collection: str, convert: PageReader) -> list[dict[str, object]]:
        out = []
        for name, path, meta, body in self.markdown_pages(collection):
            entry = convert(meta, body, f"{collection}/{name}", path)
            if entry is not None:
                out.append(entry)
        return out

    def _extra(self, meta: dict[str, object], used: set[str], where: str) -> dict[str, object]:
        extra: dict[str, object] = {
            k: jsonable(v)
            for k, v in meta.items()
            if k not in used and k not in STRUCTURAL and not empty(v)
        }
        self.imp.kept.update(f"{where.split('/')[0]}[].{k}" for k in extra)
        return extra

    def _url(self, value: object, where: str, field: str, path: str) -> str | None:
        if empty(value):
            return None
        url = safe_url(str(value))
        refused = refused_link(str(value))
        if refused:  # the caller leaves it out of x-academicpages too
            self.imp.problem(
                Location(path),
                f"{refused}; dropped",
                path=f"{where}.{field}",
                value=repr(clean(str(value))),
            )
        elif url is None:
            self.imp.problem(
                Location(path),
                f"not a safe link (http, https, mailto or a relative path); kept under {X}",
                path=f"{where}.{field}",
                value=repr(clean(str(value))),
            )
        return url

    def publication(
        self, meta: dict[str, object], body: str, where: str, path: str
    ) -> dict[str, object] | None:
        pub: dict[str, object] = {}
        used = {"title", "venue", "date", "citation", "category"}
        title = self.title_of(meta, "publication", where, path)
        if not title:
            return None
        citation = clean(str(meta.get("citation") or ""))
        authors = citation_authors(citation) if citation else []
        year = year_of(meta.get("date"))
        pub["id"] = make_id(title, year, self.used, authors[0] if authors else "")
        kind = CATEGORIES.get(str(meta.get("category") or "").lower())
        if kind:
            pub["type"] = kind
        elif meta.get("category"):
            used.discard("category")
        pub["title"] = html_text(title)
        if authors:
            pub["authors"] = authors
        if not empty(meta.get("venue")):
            pub["venue"] = html_text(str(meta["venue"]))
        if meta.get("date") is not None:
            pub["date"] = iso_date(meta["date"])
        for key, field in (
            ("paperurl", "url"),
            ("slidesurl", "slides"),
            ("bibtexurl", "bibtex_url"),
            ("codeurl", "code"),
        ):
            url = self._url(meta.get(key), where, key, path)
            if url is None:
                if refused_link(meta.get(key)):
                    used.add(key)
                continue
            used.add(key)
            if field == "url" and url.lower().split("?")[0].endswith(".pdf"):
                field = "pdf"
            if field == "bibtex_url":
                child_dict(pub, "links")["BibTeX"] = url
            else:
                pub[field] = url
        doi = find_doi(citation, meta.get("paperurl"))
        if doi:
            pub["doi"] = doi
        abstract = self._abstract(body, meta)
        if abstract:
            pub["abstract"] = abstract
        elif not empty(meta.get("excerpt")):
            pub["abstract"] = html_text(str(meta["excerpt"]))
            used.add("excerpt")
        extra = self._extra(meta, used, where)
        if citation:
            extra["citation"] = html_text(citation)  # the formatted reference, as shown
        if extra:
            pub[X] = extra
        return pub

    @staticmethod
    def _abstract(body: str, meta: dict[str, object]) -> str:
        """The page text without the lines the template adds from the front matter."""
        lines = []
        for line in clean(body).splitlines():
            text = clean(line)
            if text.startswith("[Download paper here]") or text.lower().startswith(
                "recommended citation:"
            ):
                continue
            lines.append(line.rstrip())
        text = "\n".join(lines).strip()
        if text.lower().startswith("abstract:"):
            text = text[len("abstract:") :].strip()
        return " ".join(text.split()) if "\n\n" not in text else text

    def talk(
        self, meta: dict[str, object], body: str, where: str, path: str
    ) -> dict[str, object] | None:
        title = self.title_of(meta, "talk", where, path)
        if not title:
            return None
        talk: dict[str, object] = {"title": html_text(title)}
        used = {"title", "venue", "date", "location"}
        if not empty(meta.get("venue")):
            talk["event"] = html_text(str(meta["venue"]))
        if meta.get("date") is not None:
            talk["date"] = iso_date(meta["date"])
        if not empty(meta.get("location")):
            talk["location"] = clean(str(meta["location"]))
        links: dict[str, str] = {}
        for key, label in (("talk_url", "Talk"), ("slidesurl", "Slides"), ("videourl", "Video")):
            url = self._url(meta.get(key), where, key, path)
            if url:
                links[label] = url
            if url or refused_link(meta.get(key)):
                used.add(key)
        if links:
            talk["links"] = links
        extra = self._extra(meta, used, where)
        self._body(talk, body, extra)
        if extra:
            talk[X] = extra
        return talk

    def teaching(
        self, meta: dict[str, object], body: str, where: str, path: str
    ) -> dict[str, object] | None:
        title = self.title_of(meta, "course", where, path)
        if not title:
            return None
        course: dict[str, object] = {"course": html_text(title)}
        used = {"title", "venue", "date", "location"}
        if not empty(meta.get("venue")):
            course["institution"] = html_text(str(meta["venue"]))
        if meta.get("date") is not None:
            course["date"] = iso_date(meta["date"])
        if not empty(meta.get("location")):
            course["location"] = clean(str(meta["location"]))
        extra = self._extra(meta, used, where)
        self._body(course, body, extra)
        if extra:
            course[X] = extra
        return course

    def portfolio(
        self, meta: dict[str, object], body: str, where: str, path: str
    ) -> dict[str, object] | None:
        title = self.title_of(meta, "portfolio item", where, path)
        if not title:
            return None
        item: dict[str, object] = {"title": html_text(title)}
        used = {"title", "date"}
        if meta.get("date") is not None:
            item["date"] = iso_date(meta["date"])
        excerpt = clean(str(meta.get("excerpt") or ""))
        if excerpt and html_text(excerpt):
            item["summary"] = html_text(excerpt)
            if not has_html(excerpt):
                used.add("excerpt")  # said whole by the summary; else kept as written
        extra = self._extra(meta, used, where)
        if "summary" in item:
            if clean(body):
                extra["body"] = clean(body)
        else:
            self._body(item, body, extra)
        if extra:
            item[X] = extra
        return item

    def _body(self, entry: dict[str, object], body: str, extra: dict[str, object]) -> None:
        """The page text: its first paragraph as the summary, the rest kept."""
        first, rest = split_body(body)
        if first:
            entry["summary"] = first
        if rest:
            extra["body"] = rest
        if first and is_placeholder(first):
            self.imp.notes.append(
                f"{self.folder}: '{entry.get('title') or entry.get('course')}'"
                " still has the template's placeholder text"
            )

    # --- markdown_generator/*.tsv --------------------------------------------------------

    def tsv(self, name: str, convert: RowReader) -> list[dict[str, object]]:
        path = self.path("markdown_generator", name)
        if not os.path.isfile(path):
            return []
        rows = list(csv.DictReader(io.StringIO(read_text(path)), delimiter="\t"))
        out = []
        for line, row in enumerate(rows, start=2):
            self.imp.entries += 1
            fields = {str(k).strip(): clean(v) for k, v in row.items() if k is not None}
            entry = convert(fields, f"markdown_generator/{name}", Location(path, line))
            if entry is not None:
                out.append(entry)
        return out

    def tsv_publication(
        self, row: dict[str, str | None], where: str, loc: Location
    ) -> dict[str, object] | None:
        meta: dict[str, object] = {
            "title": row.get("title"),
            "venue": row.get("venue"),
            "date": iso_date(row.get("pub_date")) if row.get("pub_date") else None,
            "citation": row.get("citation"),
            "paperurl": row.get("paper_url"),
            "slidesurl": row.get("slides_url"),
            "bibtexurl": row.get("bibtex_url"),
            "category": row.get("category"),
        }
        known = {
            "title",
            "venue",
            "pub_date",
            "citation",
            "paper_url",
            "slides_url",
            "bibtex_url",
            "category",
            "excerpt",
        }
        pub = self.publication(
            {k: v for k, v in meta.items() if not empty(v)},
            row.get("excerpt") or "",
            where,
            loc.file,
        )
        if pub is not None:
            extra = {k: v for k, v in row.items() if k not in known and not empty(v)}
            if extra:
                child_dict(pub, X).update(extra)
                self.imp.kept.update(f"{where}: {k}" for k in extra)
        return pub

    def tsv_talk(
        self, row: dict[str, str | None], where: str, loc: Location
    ) -> dict[str, object] | None:
        meta: dict[str, object] = {
            k: row.get(k) for k in ("title", "type", "venue", "location", "talk_url")
        }
        if row.get("date"):
            meta["date"] = iso_date(row["date"])
        talk = self.talk(
            {k: v for k, v in meta.items() if not empty(v)},
            row.get("description") or "",
            where,
            loc.file,
        )
        if talk is not None and row.get("url_slug"):
            child_dict(talk, X)["url_slug"] = row["url_slug"]
            self.imp.kept[f"{where}: url_slug"] += 1
        return talk

    # --- _data/cv.json -------------------------------------------------------------------

    def cv_json(self) -> dict[str, object]:
        path = self.path("_data", "cv.json")
        if not os.path.isfile(path):
            return {}
        from ..data.jsonresume import from_jsonresume

        resume = load_json(path)
        if not isinstance(resume, dict):
            self.imp.problem(
                Location(path),
                "not a JSON object; skipped",
                expected='a JSON Resume such as {"basics": ...}',
            )
            return {}
        # The JSON Resume mapping reads academicpages' own keys too (company, website,
        # gpa, presentations, teaching, portfolio).
        self.imp.entries += sum(len(v) for v in resume.values() if isinstance(v, list))
        converted = from_jsonresume(resume)
        for message in converted.problems:
            self.imp.problem(Location(path), message)
        self.imp.kept.update({f"_data/cv.json: {k}": n for k, n in converted.kept.items()})
        data = {(X if k == "x-jsonresume" else k): _rename_x(v) for k, v in converted.data.items()}
        found = data.get("sections")
        sections = found if isinstance(found, dict) else {}
        data["portfolio"] = sections.pop("portfolio", [])
        if not sections:
            data.pop("sections", None)
        for pub in dicts(data.get("publications")):
            pub["id"] = make_id(pub.get("title"), year_of(pub.get("date")), self.used)
        return data


def _rename_x(value: object) -> object:
    """``x-jsonresume`` keys (from the JSON Resume mapping) as ``x-academicpages``."""
    if isinstance(value, dict):
        return {(X if k == "x-jsonresume" else k): _rename_x(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rename_x(v) for v in value]
    return value
