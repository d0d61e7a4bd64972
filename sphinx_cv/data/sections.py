"""The profile's sections of entries, one row each: every other table that lists the
sections (the ``timeline`` directive's names, the order of a written profile, the records
an import merges, the JSON Resume export and import, the dated records, the quickstart
headings) is derived from :data:`SECTIONS`.

A new section is a row here, a record in :mod:`.entries` and a field on
:class:`~.profile.Profile` (``tests/test_sections.py`` checks the three agree).
"""

from __future__ import annotations

from dataclasses import dataclass

from .entries import (
    Award,
    Dated,
    Education,
    NewsItem,
    Position,
    ResearchExperience,
    Service,
    Talk,
    Teaching,
)
from .fields import Located
from .publication import Publication


@dataclass(frozen=True)
class SectionKind:
    """One section of the profile: a list of records under ``key``."""

    key: str
    """The profile's key (``positions``), also the ``timeline`` directive's argument."""
    record: type[Located]
    """The record each entry is."""
    title: str
    """The default heading: ``timeline``'s ``:heading:``, the quickstart pages' heading
    (translated through the catalog when the page keeps it as written)."""
    jsonresume: str | None
    """The JSON Resume array the export puts the entries in (None: counted as left out)."""
    jsonresume_reads: str | None
    """The JSON Resume array the import reads into this section (None: none)."""

    @property
    def dated(self) -> bool:
        """A dated section, shown by the ``timeline`` directive (publications have their
        own list)."""
        return issubclass(self.record, Dated)


SECTIONS: tuple[SectionKind, ...] = (
    SectionKind("positions", Position, "Positions", "work", "work"),
    SectionKind("education", Education, "Education", "education", "education"),
    # Research experience is work in JSON Resume; read back, it is a position.
    SectionKind("research", ResearchExperience, "Research", "work", None),
    SectionKind("teaching", Teaching, "Teaching", None, "teaching"),
    SectionKind("awards", Award, "Awards", "awards", "awards"),
    # Service is volunteering in JSON Resume; read back, it is a custom section.
    SectionKind("service", Service, "Service", "volunteer", None),
    SectionKind("talks", Talk, "Talks", None, "presentations"),
    SectionKind("news", NewsItem, "News", None, None),
    SectionKind("publications", Publication, "Publications", "publications", "publications"),
)
"""The sections in the order a written profile lists them."""

BY_KEY: dict[str, SectionKind] = {s.key: s for s in SECTIONS}

DATED_SECTIONS: tuple[str, ...] = tuple(s.key for s in SECTIONS if s.dated)
"""The built-in dated sections, the ``timeline`` directive's names."""


def section_list(keys: tuple[str, ...] | list[str]) -> str:
    """``keys`` as the docs list them: ```a``, ``b``, ``c```."""
    return ", ".join(f"``{k}``" for k in keys)
