"""al-folio (https://github.com/alshedivat/al-folio), a Jekyll site: to a profile.

Reads ``_bibliography/papers.bib`` through the BibTeX reader, which knows al-folio's own
fields (``selected``, ``pdf``, ``code``, ``html``, ``slides``, ``poster``, ``video``,
``award``...); what BibTeX has no profile field for (``abbr``, ``preview``,
``bibtex_show``, ``google_scholar_id``, ``altmetric``...) stays under ``x-bibtex``, so a
BibTeX export writes it back. On top of that: ``*``/``†`` author markers are taken off
the names (kept under ``x-alfolio``, with ``annotation`` as the note that explains them),
``pdf: file.pdf`` points into ``assets/pdf/`` as al-folio does, and ``award`` is the
Markdown al-folio shows.

``_data/cv.yml`` sections of type ``map`` (facts about the person), ``time_table``
(education, experience, awards with ``items``, or a section of its own), ``list`` and
``nested_list`` (sections of their own); year ranges such as ``1933 - 1955`` become
start and end, nested descriptions become bullet points. ``_news/*.md`` become news
items, and ``_config.yml`` gives the name, the website and the ``scholar`` names that
al-folio highlights in author lists. What the profile has no field for is kept under
``x-alfolio``.
"""

from __future__ import annotations

import os
import re

from ..data.problems import Location
from . import Imported
from .common import (
    child_dict,
    clean,
    date_range,
    each,
    empty,
    entry_list,
    has_html,
    html_text,
    iso_date,
    load_yaml,
    safe_url,
    slug,
)
from .sites import SiteReader, person_links, split_body

X = "x-alfolio"
MARKS = "*†‡§¶#"
"""Superscript markers al-folio sets after author names (equal contribution...)."""
SOCIAL_KEYS = {
    "scholar_userid": "scholar",
    "github_username": "github",
    "linkedin_username": "linkedin",
    "orcid_id": "orcid",
    "twitter_username": "twitter",
    "x_username": "twitter",
    "researchgate_username": "researchgate",
    "gitlab_username": "gitlab",
    "bluesky_url": "bluesky",
    "mastodon_username": "mastodon",
    "dblp_url": "dblp",
    "semanticscholar_id": "semanticscholar",
    "email": "email",
}
"""al-folio's social settings (``_config.yml`` or ``_data/socials.yml``) -> link kind."""
NEWS_STRUCTURAL = frozenset({"layout", "inline", "related_posts"})


def load(folder: str) -> Imported:
    imp = Imported({})
    site = _Site(folder, imp)
    person, scholar = site.config()
    pubs = site.papers()
    data: dict[str, object] = {}
    site.cv(person, data)
    news = site.news()
    if news:
        data["news"] = news
    variants: list[str] = []
    if pubs:
        data["publications"] = pubs
        variants = _scholar_variants(scholar, pubs, str(person.get("name", "")))
    return site.result(
        data,
        person,
        variants,
        "_config.yml, _bibliography/papers.bib, _data/cv.yml or _news/; is it an al-folio site",
    )


class _Site(SiteReader):
    # --- _config.yml and _data/socials.yml -----------------------------------------------

    def config(self) -> tuple[dict[str, object], dict[str, object]]:
        person: dict[str, object] = {}
        config = self._yaml("_config.yml")
        if not isinstance(config, dict):
            return person, {}
        name = " ".join(
            clean(str(config[k]))
            for k in ("first_name", "middle_name", "last_name")
            if not empty(config.get(k))
        )
        if name:
            person["name"] = name
        if safe_url(config.get("url")):
            person["website"] = safe_url(config["url"])
        socials = {k: v for k, v in config.items() if k in SOCIAL_KEYS}
        extra = self._yaml(os.path.join("_data", "socials.yml"))
        if isinstance(extra, dict):
            socials.update(extra)
        if "email" in socials and not empty(socials["email"]):
            person["email"] = [clean(str(socials.pop("email")))]
        links, kept = person_links(
            {SOCIAL_KEYS.get(k, k): v for k, v in socials.items()},
            set(),
            self.imp,
            "_config.yml",
            X,
        )
        if links:
            person["links"] = links
        for key in ("title", "description", "contact_note", "keywords"):
            if not empty(config.get(key)) and str(config[key]).strip() != "blank":
                kept[f"site_{key}"] = clean(str(config[key]))
                self.imp.kept[f"_config.yml: {key}"] += 1
        if kept:
            person[X] = kept
        found = config.get("scholar")
        scholar: dict[str, object] = found if isinstance(found, dict) else {}
        return person, scholar or {}

    def _yaml(self, name: str) -> object:
        path = self.path(name)
        return load_yaml(path, self.imp) if os.path.isfile(path) else None

    # --- _bibliography/papers.bib --------------------------------------------------------

    def papers(self) -> list[dict[str, object]]:
        path = self.path("_bibliography", "papers.bib")
        if not os.path.isfile(path):
            return []
        from .bibtex import read_publications

        pubs, problems = read_publications(path)
        self.imp.problems += problems
        self.imp.entries += len(pubs)
        for pub in pubs:
            self._paper(pub)
        return pubs

    def _paper(self, pub: dict[str, object]) -> None:
        marks: dict[str, str] = {}
        authors: list[object] = []
        for name in each(pub.get("authors")):
            if not isinstance(name, str):  # {name, note}: the reader took its marks as notes
                authors.append(name)
                continue
            bare = str(name).rstrip(MARKS).strip()
            if bare != name:
                marks[bare] = str(name)[len(str(name).rstrip(MARKS)) :]
            authors.append(bare)
        if marks:
            pub["authors"] = authors
            child_dict(pub, X)["author_marks"] = marks
            self.imp.kept["_bibliography/papers.bib: author markers (*, †)"] += 1
        found = pub.get("x-bibtex")
        kept: dict[str, object] = found if isinstance(found, dict) else {}
        if "annotation" in kept and "note" not in pub:
            pub["note"] = html_text(str(kept.pop("annotation")).replace("<br>", "; "))
        pdf = pub.get("pdf")
        if isinstance(pdf, str) and "://" not in pdf and not pdf.startswith(("/", "assets/")):
            pub["pdf"] = f"assets/pdf/{pdf}"  # where al-folio keeps the file
        award = pub.get("award")
        if isinstance(award, str):
            pub["award"] = re.sub(r"\\([*_`\[\]])", r"\1", award)  # al-folio's Markdown
        if not kept:
            pub.pop("x-bibtex", None)
        self.imp.kept.update(
            f"_bibliography/papers.bib: {k} (under x-bibtex)" for k in kept if k != "entrytype"
        )

    # --- _data/cv.yml --------------------------------------------------------------------

    def cv(self, person: dict[str, object], data: dict[str, object]) -> None:
        path = self.path("_data", "cv.yml")
        if not os.path.isfile(path):
            return
        cv = load_yaml(path, self.imp)
        if not isinstance(cv, list):
            if cv is not None:
                self.imp.problem(
                    Location(path, 1, 1),
                    "not a list of sections; skipped",
                    expected="- title: ...\n  type: time_table\n  contents: ...",
                )
            return
        for i, section in enumerate(cv):
            if not isinstance(section, dict) or not isinstance(section.get("contents"), list | str):
                self.imp.problem(
                    Location(path),
                    "section without contents; skipped",
                    path=f"[{i}]",
                    expected="title, type and contents",
                )
                continue
            title = clean(str(section.get("title") or f"section {i + 1}"))
            kind = str(section.get("type") or "list")
            contents = section["contents"]
            contents = contents if isinstance(contents, list) else [contents]
            if kind == "map":
                self._map(title, contents, person)
            elif kind == "time_table":
                self._time_table(title, contents, data)
            elif kind == "nested_list":
                self.imp.entries += len(contents)
                entries = [self._nested(item) for item in contents]
                self._section(data, title, [e for e in entries if e])
            else:  # "list" and anything al-folio shows as plain text
                self.imp.entries += len(contents)
                self._section(data, title, [self._text_entry(c) for c in contents if not empty(c)])

    def _map(self, title: str, contents: list[object], person: dict[str, object]) -> None:
        facts: dict[str, object] = {}
        for item in contents:
            if not isinstance(item, dict):
                continue
            name, value = clean(str(item.get("name") or "")), item.get("value")
            if empty(value):
                continue
            if name.lower() in ("full name", "name") and "name" not in person:
                person["name"] = clean(str(value))
            elif name.lower() in ("full name", "name") and person["name"] == clean(str(value)):
                continue
            elif name.lower() in ("email", "e-mail") and "email" not in person:
                person["email"] = [clean(str(value))]
            else:
                facts[name] = clean(value)
                self.imp.kept[f"_data/cv.yml: {title}.{name}"] += 1
        if facts:
            child_dict(person, X)[title] = facts

    def _time_table(self, title: str, contents: list[object], data: dict[str, object]) -> None:
        low = title.lower()
        for item in contents:
            if not isinstance(item, dict):
                self.imp.entries += 1
                self._section(data, title, [self._text_entry(item)])
                continue
            dates = date_range(item.get("year"))
            if isinstance(item.get("items"), list):  # awards: one entry per item
                self.imp.entries += len(item["items"])
                awards: list[dict[str, object]] = [
                    {"title": html_text(str(a)), **dates} for a in item["items"] if not empty(a)
                ]
                if re.search(r"award|honou?r|prize|scholarship|fellowship", low):
                    entry_list(data, "awards").extend(awards)
                else:
                    self._section(data, title, awards)
                continue
            self.imp.entries += 1
            entry: dict[str, object] = {}
            name = item.get("title")
            if not empty(name):
                link = re.search(r"<a\s[^>]*href=\"([^\"]+)\"", str(name))
                if link and safe_url(link.group(1)):
                    entry["url"] = safe_url(link.group(1))
                name = html_text(str(name))
            entry.update(dates)
            self._description(entry, item.get("description"))
            extra: dict[str, object] = {
                k: v
                for k, v in item.items()
                if k not in ("title", "institution", "year", "description") and not empty(v)
            }
            if extra:
                entry[X] = extra
                self.imp.kept.update(f"_data/cv.yml: {title}[].{k}" for k in extra)
            place = clean(str(item.get("institution") or "")) or None
            head: dict[str, object]
            if "education" in low:
                target = "education"
                head = {"institution": place or name or "?"}
                head.update({"degree": name} if name else {})
            elif re.search(r"experience|employment|position|work|career|appointment", low):
                target = "positions"
                head = {"position": name or place or "?"}
                head.update({"organization": place} if place else {})
            else:
                head = {"title": name or place}
                head.update({"organization": place} if place and name else {})
                self._section(data, title, [{**head, **entry}])
                continue
            entry_list(data, target).append({**head, **entry})

    def _description(self, entry: dict[str, object], value: object) -> None:
        """A description (text, a list, lists with nested ``title``/``contents``) as the
        summary or bullet points; nothing of it is left out."""
        if empty(value):
            return
        if not isinstance(value, list):
            entry["summary"] = html_text(str(value))
            return
        points: list[str] = []
        for item in value:
            if isinstance(item, dict):
                head = html_text(str(item.get("title") or ""))
                subs = item.get("contents") or item.get("items") or []
                subs = subs if isinstance(subs, list) else [subs]
                tail = "; ".join(html_text(str(s)) for s in subs if not empty(s))
                points.append(
                    f"{head} {tail}".strip()
                    if head.endswith((".", ":"))
                    else ": ".join(p for p in (head, tail) if p)
                )
            elif not empty(item):
                points.append(html_text(str(item)))
        if points:
            entry["highlights"] = points

    def _nested(self, item: object) -> dict[str, object]:
        if not isinstance(item, dict):
            return self._text_entry(item) if not empty(item) else {}
        entry: dict[str, object] = {"title": html_text(str(item.get("title") or ""))}
        items = item.get("items") or []
        self._description(entry, items if isinstance(items, list) else [items])
        return entry

    def _text_entry(self, value: object) -> dict[str, object]:
        text = str(value)
        entry: dict[str, object] = {"title": html_text(text)}
        if has_html(text):
            entry[X] = {"html": text.strip()}  # the markup as written (<u>, <b>...)
            self.imp.kept["_data/cv.yml: list items with HTML"] += 1
        return entry

    @staticmethod
    def _section(data: dict[str, object], title: str, entries: list[dict[str, object]]) -> None:
        key = slug(title).replace("-", "_") or "cv"
        sections = child_dict(data, "sections")
        sections.setdefault(key, {"title": title, "entries": []})
        entry_list(child_dict(sections, key), "entries").extend(entries)

    # --- _news/*.md ----------------------------------------------------------------------

    def news(self) -> list[dict[str, object]]:
        out: list[dict[str, object]] = []
        for name, _, meta, body in self.markdown_pages("_news"):
            first, rest = split_body(body)
            item: dict[str, object] = {}
            title = clean(str(meta.get("title") or ""))
            if meta.get("inline") is False and title:
                item["text"] = title
                if first:
                    item["summary"] = first
            else:
                item["text"] = first or title or name
                if title and first:
                    child_dict(item, X)["title"] = title
            if meta.get("date") is not None:
                item["date"] = iso_date(meta["date"])
            extra: dict[str, object] = {
                k: v
                for k, v in meta.items()
                if k not in NEWS_STRUCTURAL and k not in ("title", "date") and not empty(v)
            }
            if rest:
                extra["body"] = rest
            if extra:
                child_dict(item, X).update(extra)
                self.imp.kept.update(f"_news[].{k}" for k in extra)
            out.append(item)
        return out


def _scholar_variants(
    scholar: dict[str, object], pubs: list[dict[str, object]], name: str
) -> list[str]:
    """The author-list spellings al-folio highlights: ``scholar.last_name`` with one of
    ``scholar.first_name`` (``Einstein`` with ``Albert`` or ``A.``)."""

    def words(value: object) -> list[str]:
        values = value if isinstance(value, list) else [value]
        return [clean(str(v)).lower() for v in values if not empty(v)]

    lasts, firsts = words(scholar.get("last_name")), words(scholar.get("first_name"))
    if not lasts:
        return []
    out: list[str] = []
    for item in (a for p in pubs for a in each(p.get("authors"))):
        author = str(item.get("name", "")) if isinstance(item, dict) else str(item)
        parts = author.split()
        if author == name or author in out or len(parts) < 2:
            continue
        if parts[-1].lower() in lasts and (not firsts or parts[0].lower() in firsts):
            out.append(author)
    return out
