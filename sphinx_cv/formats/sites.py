"""What the site importers (academicpages, al-folio, HugoBlox) share: collecting entries
from several files of one site without duplicates, person links, Markdown bodies."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping

from ..data.links import kind_of, make_link
from ..data.problems import Location
from . import Imported
from .common import child_dict, clean, empty, front_matter, link_url
from .merge import find_match, plain


class SiteReader:
    """What reading any site folder needs: its paths, the importer's record, used ids."""

    def __init__(self, folder: str, imp: Imported) -> None:
        self.folder = folder
        self.imp = imp
        self.used: set[str] = set()

    def path(self, *parts: str) -> str:
        return os.path.join(self.folder, *parts)

    def markdown_pages(self, collection: str) -> Iterator[tuple[str, str, dict[str, object], str]]:
        """(name, path, front matter, body) of each page of a collection folder, in name
        order; each counts as an entry, and one whose front matter is invalid is reported
        (by :func:`front_matter`) and not given."""
        folder = self.path(collection)
        if not os.path.isdir(folder):
            return
        for name in sorted(os.listdir(folder)):
            if name.startswith(".") or not name.endswith((".md", ".markdown", ".html")):
                continue
            path = os.path.join(folder, name)
            self.imp.entries += 1
            meta, body = front_matter(path, self.imp)
            if meta is not None:
                yield name, path, meta, body

    def title_of(self, meta: Mapping[str, object], what: str, where: str, path: str) -> str:
        """A page's front-matter title, cleaned; '' (reported: the page is skipped) when
        it has none. ``what`` names the page's kind (``talk``, ``publication``...)."""
        title = clean(str(meta.get("title") or ""))
        if not title:
            self.imp.problem(
                Location(path, 1),
                f"{what} without a title; skipped",
                path=where,
                expected="title: in the front matter",
            )
        return title

    def result(
        self,
        data: dict[str, object],
        person: dict[str, object],
        variants: list[str],
        looked_for: str | None = None,
    ) -> Imported:
        """The import's result: ``data`` with the person (and the other spellings of
        their name found in the author lists) in the profile's order. When the folder held
        nothing, a note names what was ``looked_for`` and asks whether it is such a site."""
        from ..data.yamldump import ordered

        if variants:
            person["name_variants"] = variants
        if person:
            data["person"] = person
        if not data and looked_for is not None:
            self.imp.notes.append(f"{self.folder}: found none of {looked_for}?")
        self.imp.data = ordered(data)
        return self.imp


def add_entries(
    target: list[dict[str, object]],
    new: list[dict[str, object]],
    cls: type,
    imp: Imported,
    x_key: str,
    where: str,
) -> None:
    """Append ``new`` entries to ``target``; one that is already there (the same paper
    in a Markdown page and a TSV file) fills only the fields it lacks, and a value that
    differs is kept under ``x_key`` so nothing is lost."""
    for entry in new:
        index = find_match(entry, target, cls)
        if index is None:
            target.append(entry)
            continue
        mine = target[index]
        conflicts: dict[str, object] = {}
        for key, value in entry.items():
            if key in ("id", x_key):
                continue
            if key not in mine or empty(mine[key]):
                mine[key] = value
            elif plain(mine[key]) != plain(value) and not _same_text(mine[key], value):
                conflicts[key] = value
        theirs = entry.get(x_key)
        if isinstance(theirs, dict):
            extra = child_dict(mine, x_key)
            for key, value in theirs.items():
                extra.setdefault(key, value)
        if conflicts:
            child_dict(child_dict(mine, x_key), where).update(conflicts)
            imp.kept.update(f"{where}.{k}" for k in conflicts)
        title = mine.get("title") or mine.get("course") or mine.get("position") or "?"
        imp.notes.append(
            f"{where}: '{_short(title)}' is also in the site's pages; merged into one entry"
        )


def _same_text(a: object, b: object) -> bool:
    return (
        isinstance(a, str)
        and isinstance(b, str)
        and " ".join(a.lower().split()) == " ".join(b.lower().split())
    )


def _short(value: object) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= 50 else text[:47] + "..."


def person_links(
    values: Mapping[str, object], skip: set[str], imp: Imported, where: str, x_key: str
) -> tuple[dict[str, str], dict[str, object]]:
    """Social links from ``{network: url-or-id}``; what is not a safe link is returned
    to keep. Empty values are left out (they are unset settings)."""
    links: dict[str, str] = {}
    kept: dict[str, object] = {}
    for key, value in values.items():
        if key in skip or empty(value):
            continue
        url = link_url(str(key), value) if isinstance(value, str | int) else None
        if url is None:
            kept[key] = value
            imp.kept[f"{where}.{key}"] += 1
            continue
        link = make_link(str(key), url)
        label = link.label if link is not None and kind_of(str(key)) else str(key)
        links[label] = url
    return links, kept


_PLACEHOLDER = re.compile(
    r"^This is a description of (your talk|a teaching experience)|"
    r"^This is an item in your portfolio",
    re.I,
)


def split_body(body: str) -> tuple[str, str]:
    """A page's Markdown body as (first paragraph, the rest), each stripped."""
    text = clean(body)
    if not text:
        return "", ""
    first, _, rest = text.partition("\n\n")
    return " ".join(first.split()), rest.strip()


def is_placeholder(text: str) -> bool:
    """The text the site template ships with ('This is a description of your talk...')."""
    return bool(_PLACEHOLDER.search(text))


def name_variants(name: str, authors: list[str]) -> list[str]:
    """Author-list spellings of ``name`` (``P. Shuai`` for ``Pin Shuai``) so it is set
    in bold."""
    words = name.split()
    if len(words) < 2:
        return []
    last, first = words[-1].lower(), words[0][:1].lower()
    out = []
    for author in authors:
        parts = author.replace(",", " ").split()
        if not parts or author == name or author in out:
            continue
        if parts[-1].lower() == last and parts[0][:1].lower() == first:
            out.append(author)
        elif parts[0].lower() == last and len(parts) > 1 and parts[1][:1].lower() == first:
            out.append(author)  # "Zachara J." style: last name first
    return out
