"""Profile fields deliberately not shown as text on any page, and fields shown on the
web pages only: ``validate`` names the ones a profile gives (once), and
tests/test_schema_walk.py proves every other field of the schema reaches the HTML and
the LaTeX."""

from __future__ import annotations

import dataclasses

from .fields import Located, record_fields
from .pubtypes import PUB_TYPES
from .sections import SECTIONS

DATED = (*(s.record.__name__ for s in SECTIONS), "Entry")
"""The records with ``tags``: every section's, and a custom section's entry."""

NOT_SHOWN: dict[str, str] = {
    **{
        f"{record}.tags": "tags select entries (cv_tags, :tags:, the filter box); they are "
        "not text of the page"
        for record in DATED
    },
    "NewsItem.location": "a news item is one sentence: where belongs in its text",
}
"""``Record.field`` -> why no page shows it as text."""

NOT_SHOWN_FOR: dict[str, tuple[tuple[str, ...], str]] = {
    "Publication.location": (
        tuple(t.name for t in PUB_TYPES if not t.shows_place),
        "a journal's or preprint server's address is its publisher's: citation styles leave it out",
    ),
}
"""``Record.field`` -> the entry types for which no page shows it, and why (shown for
the others; tests/test_places.py proves both)."""

WEB_ONLY: dict[str, str] = {
    "Person.photo": "the PDF designs have no photo (a CV for applications leaves it out)",
    "Publication.abstract": "abstracts are for the web page; the CV lists the papers",
    "Publication.bibtex": "an entry's BibTeX is for copying from the web page",
    "Publication.image": "a paper's thumbnail is shown on the web only",
}
"""``Record.field`` -> why the PDF leaves out what the web pages show."""


def unshown_fields(profile: object) -> list[str]:
    """The fields of :data:`NOT_SHOWN` that ``profile`` gives a value, as ``field``
    names (``tags``, ``location`` of news), each once, in the order first met."""
    found: dict[str, None] = {}

    def walk(value: object) -> None:
        if isinstance(value, Located) and dataclasses.is_dataclass(value):
            record = type(value).__name__
            for name, _ in record_fields(type(value)):
                field_value = getattr(value, name, None)
                key = f"{record}.{name}"
                if key in NOT_SHOWN and field_value:
                    found.setdefault(name if name == "tags" else key)
                kinds = NOT_SHOWN_FOR.get(key, ((), ""))[0]
                if field_value and getattr(value, "type", None) in kinds:
                    found.setdefault(f"{key} of a {value.type}")  # type: ignore[attr-defined]
                walk(field_value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(profile)
    return list(found)
