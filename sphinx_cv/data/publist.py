"""Select, sort, group and number publications for one list (pure, linear after sorting).

Labels count per publication type within the list, so a list shows ``C8 ... C1`` and
``W2, W1`` whether it is grouped by type, by year or not at all.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from .publication import Publication
from .pubtypes import DEFAULT_ORDER, MISC

GROUP_BY = ("type", "year", "none")
SORTS = ("newest", "oldest", "none")
NUMBERINGS = ("reverse", "forward", "none")


@dataclass
class ListSpec:
    """What one ``publication-list`` shows, and how."""

    types: Sequence[str] = ()
    years: tuple[int | None, int | None] = (None, None)
    tags: Sequence[str] = ()
    exclude_tags: Sequence[str] = ()
    selected: bool = False
    status: str | None = None
    authors: Sequence[str] = ()
    ids: Sequence[str] = ()
    group_by: str = "type"
    type_order: Sequence[str] = DEFAULT_ORDER
    sort: str = "newest"
    numbering: str = "reverse"
    prefixes: dict[str, str] = field(default_factory=dict)
    limit: int | None = None


@dataclass
class Item:
    pub: Publication
    number: int = 0
    label: str = ""


@dataclass
class Group:
    key: str
    items: list[Item]


def fold(text: str) -> str:
    """Case- and accent-insensitive form for matching names and tags."""
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join(
        "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split()
    )


def select(pubs: Iterable[Publication], spec: ListSpec) -> list[Publication]:
    types = set(spec.types)
    tags = {fold(t) for t in spec.tags}
    excluded = {fold(t) for t in spec.exclude_tags}
    authors = [fold(a) for a in spec.authors]
    status = fold(spec.status) if spec.status else None
    lo, hi = spec.years
    ids = {i: n for n, i in enumerate(spec.ids)}
    out = []
    for pub in pubs:
        if ids and pub.id not in ids:
            continue
        if types and pub.type not in types:
            continue
        if spec.selected and not pub.selected:
            continue
        if (lo is not None or hi is not None) and pub.year is None:
            continue
        if lo is not None and pub.year is not None and pub.year < lo:
            continue
        if hi is not None and pub.year is not None and pub.year > hi:
            continue
        if tags and not tags & {fold(t) for t in pub.tags}:
            continue
        if excluded and excluded & {fold(t) for t in pub.tags}:
            continue
        if status is not None and status not in fold(pub.status or ""):
            continue
        if authors and not any(a in fold(name) for a in authors for name in pub.authors):
            continue
        out.append(pub)
    if ids and spec.sort == "none":
        out.sort(key=lambda p: ids[p.id])  # explicit ids keep the order given
    return out


def arrange(pubs: Iterable[Publication], spec: ListSpec) -> list[Group]:
    """The groups to show, each with numbered, labelled items."""
    chosen = select(pubs, spec)
    if spec.sort != "none":
        # Stable even with reverse=True: papers of the same month keep source order.
        chosen.sort(key=Publication.sort_key, reverse=spec.sort == "newest")
    if spec.limit is not None:
        chosen = chosen[: spec.limit]
    items = [Item(p) for p in chosen]
    _number(items, spec)
    if spec.group_by == "none":
        return [Group("", items)] if items else []
    groups: dict[str, list[Item]] = {}
    for item in items:
        key = item.pub.type or MISC if spec.group_by == "type" else str(item.pub.year or "")
        groups.setdefault(key, []).append(item)
    if spec.group_by == "type":
        order = {t: i for i, t in enumerate(spec.type_order)}
        keys = sorted(groups, key=lambda k: order.get(k, len(order)))
    else:
        keys = sorted(groups, key=lambda k: int(k) if k else 0, reverse=spec.sort != "oldest")
    return [Group(k, groups[k]) for k in keys]


def _number(items: list[Item], spec: ListSpec) -> None:
    counts: dict[str, int] = {}
    for item in items:
        counts[item.pub.type or MISC] = counts.get(item.pub.type or MISC, 0) + 1
    seen: dict[str, int] = {}
    for item in items:
        kind = item.pub.type or MISC
        seen[kind] = seen.get(kind, 0) + 1
        if spec.numbering == "forward":
            item.number = seen[kind]
        else:
            item.number = counts[kind] - seen[kind] + 1
        item.label = f"{spec.prefixes.get(kind, '')}{item.number}"


def relevant_and_other(
    pubs: Iterable[Publication], spec: ListSpec, relevant: Sequence[str], limit: int, other: int
) -> list[Group]:
    """A funder's list: the ``limit`` newest publications tagged with one of ``relevant``
    (group ``relevant-products``), then the ``other`` newest of the rest (group
    ``other-products``).

    ``spec`` still filters and sorts; its grouping and limit are replaced. Each group
    is numbered on its own.
    """
    chosen = select(pubs, spec)
    first = arrange(chosen, replace(spec, tags=list(relevant), group_by="none", limit=limit))
    shown = {id(item.pub) for group in first for item in group.items}
    rest = [p for p in chosen if id(p) not in shown]
    second = arrange(rest, replace(spec, tags=(), group_by="none", limit=other))
    return [Group("relevant-products", g.items) for g in first] + [
        Group("other-products", g.items) for g in second
    ]
