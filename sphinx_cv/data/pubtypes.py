"""The publication types, in one place: each with its group title, label prefix, and its
names in BibTeX, CSL, schema.org and the ``citation_*`` tags Google Scholar reads.

Every other table of publication types (the profile's accepted spellings, the default
group order, the config defaults, the BibTeX and CSL exports, the page head) is derived
from :data:`PUB_TYPES` here, so a new type is one row.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PubType:
    name: str
    """The profile's word (``type: journal``)."""
    title: str
    """Default title of its group in a publication list."""
    prefix: str
    """Default label prefix (``J`` in ``[J3]``)."""
    bibtex: str
    """The entry type BibTeX exports write."""
    csl: str
    """The CSL type CSL-JSON exports write."""
    aliases: tuple[str, ...] = ()
    """Other names the profile accepts for it (BibTeX, CSL, Crossref spellings)."""
    bibtex_reads: tuple[str, ...] = ()
    """Further BibTeX/biblatex entry types read as this type (beyond the aliases)."""
    csl_reads: tuple[str, ...] = ()
    """The CSL types read as this type on import (CSL has more types than the profile)."""
    venue_field: str = "howpublished"
    """The BibTeX field exports write the venue to."""
    csl_venue: str = "container-title"
    """The CSL variable the venue goes to (an event, or a thesis' publisher)."""
    venue_tag: str | None = None
    """The ``citation_*`` tag for the venue (Highwire Press tags), if any."""
    schema_part: str = "PublicationEvent"
    """The schema.org type of what it is part of (a periodical or an event)."""


PUB_TYPES: tuple[PubType, ...] = (
    PubType("journal", "Journal Articles", "J", "article", "article-journal",
            aliases=("article", "article-journal", "journal-article"),
            venue_field="journal", venue_tag="citation_journal_title",
            schema_part="Periodical",
            csl_reads=("article-journal", "article-magazine", "review")),
    PubType("conference", "Conference Proceedings", "C", "inproceedings", "paper-conference",
            aliases=("inproceedings", "proceedings", "paper-conference", "conference-paper"),
            bibtex_reads=("mvproceedings",), venue_field="booktitle",
            venue_tag="citation_conference_title",
            csl_reads=("paper-conference",)),
    PubType("workshop", "Workshops", "W", "inproceedings", "paper-conference",
            venue_field="booktitle", venue_tag="citation_conference_title"),
    PubType("preprint", "Preprints", "P", "misc", "article",
            aliases=("unpublished", "manuscript"),
            csl_reads=("article", "manuscript")),
    PubType("thesis", "Theses", "T", "phdthesis", "thesis",
            aliases=("phdthesis", "mastersthesis", "dissertation"),
            bibtex_reads=("masterthesis",), venue_field="school", csl_venue="publisher",
            venue_tag="citation_dissertation_institution",
            csl_reads=("thesis",)),
    PubType("book", "Books", "B", "book", "book",
            bibtex_reads=("mvbook", "collection", "mvcollection"),
            csl_reads=("book",)),
    PubType("chapter", "Book Chapters", "BC", "incollection", "chapter",
            aliases=("incollection", "inbook"),
            bibtex_reads=("bookinbook", "suppbook", "suppcollection", "inreference"),
            venue_field="booktitle", venue_tag="citation_inbook_title",
            csl_reads=("chapter", "entry-encyclopedia", "entry-dictionary")),
    PubType("patent", "Patents", "PA", "patent", "patent",
            csl_reads=("patent",)),
    PubType("talk", "Talks", "TK", "misc", "speech", aliases=("presentation", "speech"),
            csl_venue="event-title", venue_tag="citation_conference_title",
            csl_reads=("speech", "presentation")),
    PubType("poster", "Posters", "PO", "inproceedings", "speech", venue_field="booktitle",
            csl_venue="event-title", venue_tag="citation_conference_title"),
    PubType("report", "Technical Reports", "R", "techreport", "report",
            aliases=("techreport",), venue_field="institution", csl_venue="publisher",
            venue_tag="citation_technical_report_institution",
            csl_reads=("report", "standard")),
    PubType("dataset", "Datasets", "D", "misc", "dataset", bibtex_reads=("data",),
            csl_reads=("dataset",)),
    PubType("software", "Software", "S", "software", "software",
            csl_reads=("software",)),
    PubType("misc", "Other", "M", "misc", "document", aliases=("other",),
            csl_reads=("document", "article-newspaper", "webpage", "post", "post-weblog",
                       "interview", "broadcast")),
)
"""Every publication type, in the order the profile's docs list them."""

DEFAULT_ORDER = ("preprint", "journal", "conference", "workshop", "chapter", "book",
                 "thesis", "report", "patent", "poster", "talk", "dataset", "software",
                 "misc")
"""The order of type groups in a list unless ``:group-order:`` says otherwise."""

BY_NAME = {t.name: t for t in PUB_TYPES}
NAMES = tuple(BY_NAME)
assert sorted(DEFAULT_ORDER) == sorted(NAMES), "DEFAULT_ORDER must name every type once"


def pub_type(name: str | None) -> PubType:
    """The type named ``name``; ``misc`` for None or an unknown name."""
    return BY_NAME.get(name or "misc", BY_NAME["misc"])


def aliases() -> dict[str, str]:
    """Every other name the profile accepts -> the type's name."""
    return {alias: t.name for t in PUB_TYPES for alias in t.aliases}


def csl_reads() -> dict[str, str]:
    """A CSL type -> the publication type it is read as."""
    return {csl: t.name for t in PUB_TYPES for csl in t.csl_reads}
