"""Profiles written as readable YAML (what ``sphinx-cv import`` prints).

Records become plain data in the order their fields are declared (the order of the
example profile); the YAML is block style, with short lists of names inline and a blank
line between sections and between the entries of a section.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

import yaml

from .dates import CvDate
from .entries import Section, default_section_title
from .fields import Located, record_fields
from .interests import InterestGroup, Interests, Ref, Topic
from .links import Link
from .publication import Publication
from .sections import SECTIONS

TOP_ORDER = (
    "person",
    "updated",
    "interests",
    *(s.key for s in SECTIONS),
    "sections",
    "bibtex",
    "people",
)
"""Top-level keys in the order a profile is written (the example profile's order)."""

WIDTH = 88
INLINE = frozenset(
    {
        "authors",
        "editors",
        "name_variants",
        "tags",
        "advisor",
        "mentor",
        "items",
        "publications",
        "keywords",
        "roles",
    }
)
"""Keys whose lists of names or ids are written inline, as in the example profile."""


_V = TypeVar("_V")


class FlowList(list[object]):
    """A list written inline: ``authors: [Ada Lovelace, Charles Babbage]``."""


# --- records to plain data ---------------------------------------------------------------


def ordered(data: dict[str, _V]) -> dict[str, _V]:
    """Top-level keys in :data:`TOP_ORDER`, others (``x-...``) after them."""
    out = {k: data[k] for k in TOP_ORDER if k in data}
    out.update((k, v) for k, v in data.items() if k not in out)
    return out


def field_order(cls: type) -> list[str]:
    """A record's field names as written: its own fields first, then inherited ones
    (an entry's title before the dates every dated entry has)."""
    names = [name for name, _ in record_fields(cls)]
    own = [n for n in names if n in vars(cls).get("__annotations__", {})]
    return own + [n for n in names if n not in own]


def in_field_order(data: dict[str, _V], cls: type) -> dict[str, _V]:
    """``data`` with the record's fields in :func:`field_order`, other keys after them."""
    order = field_order(cls)
    out = {k: data[k] for k in order if k in data}
    out.update((k, v) for k, v in data.items() if k not in out)
    return out


def record_data(obj: Located) -> dict[str, object]:
    """A record's fields that have a value, in :func:`field_order`, then its ``x-`` keys."""
    data: dict[str, object] = {}
    for name in field_order(type(obj)):
        if isinstance(obj, Publication) and name == "bibtex":
            continue  # the entry's source text: generated again from the fields
        value = getattr(obj, name)
        if name in ("authors", "editors"):
            value = [author_yaml(n) for n in value]
        value = _plain(value, name)
        if value not in (None, [], {}, False, ""):
            data[name] = value
    # year and month follow from a publication's date when it gives them
    if isinstance(obj, Publication) and obj.date is not None and data.get("year") == obj.date.year:
        data.pop("year")
        if data.get("month") == obj.date.month:
            data.pop("month")
    if isinstance(obj, Topic) and list(data) == ["name"]:
        return data  # written as the plain name by _plain
    data.update(obj.extras)
    return data


def _plain(value: object, name: str = "") -> object:
    if isinstance(value, Topic):
        data = record_data(value)
        return data["name"] if list(data) == ["name"] else data
    if isinstance(value, Located):
        return record_data(value)
    if isinstance(value, CvDate):
        return date_data(value)
    if isinstance(value, Ref):
        return value.id
    if isinstance(value, list):
        if value and all(isinstance(v, Link) for v in value):
            return links_data(value)
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        if name == "interests":
            return interests_data(value)
        if name == "sections":
            return sections_data(value)
        return {k: _plain(v) for k, v in value.items()}
    return value


def author_yaml(name: str) -> str | dict[str, object]:
    """An author as the profile reads it back: the name, or ``{name, url, note}`` when
    the name links to a page or carries notes (``equal``, ``corresponding``...)."""
    url, notes = getattr(name, "url", None), getattr(name, "notes", ())
    if not url and not notes:
        return name_yaml(name)
    data: dict[str, object] = {"name": name_yaml(str(name))}
    if url:
        data["url"] = url
    if notes:
        data["note"] = ", ".join(notes)
    return data


def name_yaml(name: str) -> str:
    """A display name as the profile reads it back: ``John Smith, Jr.`` (a comma means
    ``Last, First`` there) is written ``Smith, Jr., John``."""
    base, sep, suffix = name.rpartition(", ")
    words = base.split(" ")
    if not sep or len(words) < 2:
        return name
    # The last name starts at a particle (van, de la) or is the last word.
    start = next((i for i, w in enumerate(words[1:-1], 1) if w[:1].islower()), len(words) - 1)
    return f"{' '.join(words[start:])}, {suffix}, {' '.join(words[:start])}"


def date_data(date: CvDate) -> int | str:
    """``2025`` as a number, other dates as written (``2025-09``, ``present``, text)."""
    if date.year and not (date.month or date.present or date.text):
        return date.year
    return date.iso()


def links_data(links: list[Link]) -> dict[str, str] | list[dict[str, str]]:
    """``{label: url}``, or a list of ``{label, url}`` when two links share a label."""
    labels = [link.label for link in links]
    if len(set(labels)) == len(labels):
        return {link.label: link.url for link in links}
    return [{"label": link.label, "url": link.url} for link in links]


def interests_data(groups: dict[str, InterestGroup]) -> object:
    if list(groups) == [Interests.DEFAULT] and not groups[Interests.DEFAULT].intro:
        return _plain(groups[Interests.DEFAULT].topics)
    return {name: record_data(group) for name, group in groups.items()}


def sections_data(sections: dict[str, Section]) -> dict[str, object]:
    out: dict[str, object] = {}
    for name, section in sections.items():
        data = record_data(section)
        if data.get("title") == default_section_title(name):
            data.pop("title")
        out[name] = data.get("entries", []) if list(data) == ["entries"] else data
    return out


# --- YAML --------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Block style with list items indented under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    if "\n" in text.strip("\n"):
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|")
    return dumper.represent_str(text)


def _flow(dumper: yaml.SafeDumper, items: FlowList) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=True)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(FlowList, _flow)


def _inline_lists(data: object, key: str = "") -> object:
    """Lists of short texts under :data:`INLINE` keys as :class:`FlowList`."""
    if isinstance(data, dict):
        return {k: _inline_lists(v, str(k)) for k, v in data.items()}
    if isinstance(data, list):
        if key in INLINE and all(isinstance(i, str | int) and "\n" not in str(i) for i in data):
            return FlowList(data)
        return [_inline_lists(v) for v in data]
    return data


def to_yaml(data: object) -> str:
    return yaml.dump(
        _inline_lists(data),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=WIDTH,
    )


def profile_yaml(data: Mapping[str, object], header: str = "") -> str:
    """A profile's plain data as YAML: a blank line between top-level keys and between
    the entries of a list of records. ``header`` is a comment put first."""
    blocks: list[str] = []
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            items = [_indent(to_yaml([item])) for item in value]
            head = to_yaml({key: 0}).rsplit(":", 1)[0]
            blocks.append(f"{head}:\n" + "\n".join(items))
        else:
            blocks.append(to_yaml({key: value}))
    text = "\n".join(blocks)
    if header:
        text = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines()) + "\n" + text
    return text


def _indent(text: str) -> str:
    return "".join("  " + line if line.strip() else line for line in text.splitlines(keepends=True))
