"""The publication types, in one place: each with its group title, label prefix, its
names in BibTeX, CSL, RIS, ORCID, HugoBlox, academicpages, schema.org and the
``citation_*`` tags Google Scholar reads, and how a citation shows it.

Every other table of publication types (the profile's accepted spellings, the default
group order, the config defaults, the BibTeX and CSL exports, the importers' type maps,
the page head, the citation rules) is derived from :data:`PUB_TYPES` here, so a new type
is one row; no other module spells a type's name (tests/test_pubtypes.py checks it).
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
    number_tag: str = "citation_issue"
    """The ``citation_*`` tag for its number (a journal's issue, a report's number)."""
    csl_genre: str | None = None
    """The CSL ``genre`` that tells it from others of its CSL type (a poster's speech)."""
    # --- other formats' names, read on import ---
    ris: tuple[str, ...] = ()
    """The RIS ``TY`` codes read as this type."""
    orcid: tuple[str, ...] = ()
    """The ORCID work types read as this type."""
    hugoblox_code: str | None = None
    """Hugo Academic's old numbered publication type (before CSL names)."""
    academicpages: tuple[str, ...] = ()
    """The academicpages ``category`` values (lower case) read as this type."""
    bibtex_arxiv: tuple[str, ...] = ()
    """BibTeX entry types read as this type when the entry is an arXiv paper (its venue a
    preprint server; or, unless the entry type reads as a periodical's, no venue but an
    arXiv id, publisher or URL)."""
    bibtex_word: str | None = None
    """A word (regular expression) that makes an entry this type when its keywords say
    it, or its booktitle when the entry type reads as one of :attr:`bibtex_word_in`."""
    bibtex_word_in: tuple[str, ...] = ()
    """The types whose entries :attr:`bibtex_word` in the booktitle makes this type."""
    # --- how a citation shows it ---
    arxiv: bool = False
    """What an arXiv id with no venue is: the id is then its venue (``arXiv preprint
    arXiv:...``), and CSL exports give arXiv's DOI and publisher."""
    numbered: bool = False
    """Its venue is a series numbered per item (``CoRR abs/2203.16110``, a report
    series): cited ``venue number (year)``, without editors, pages or publisher."""
    shows_place: bool = True
    """Whether a citation shows its place (a journal's or preprint server's address is
    its publisher's: citation styles leave it out)."""
    shows_publisher: bool = True
    """Whether a citation shows its publisher (a journal's or preprint server's)."""
    event_place: bool = False
    """Its place is where the event was: shown after the venue's name (CSL
    ``event-place``), not as the publisher's (``Place: Publisher``)."""
    cited_in: bool = False
    """Its venue is the proceedings or book it is part of: cited ``In venue``."""
    shows_degree: bool = False
    """A citation names the degree (``Ph.D. thesis``) from the BibTeX entry type."""

    @property
    def periodical(self) -> bool:
        """Part of a periodical: cited ``volume(issue):pages``, and an arXiv id alone
        does not make an ``@article`` a preprint."""
        return self.schema_part == "Periodical"


PUB_TYPES: tuple[PubType, ...] = (
    PubType(
        "journal",
        "Journal Articles",
        "J",
        "article",
        "article-journal",
        aliases=("article", "article-journal", "journal-article"),
        venue_field="journal",
        venue_tag="citation_journal_title",
        schema_part="Periodical",
        csl_reads=("article-journal", "article-magazine", "review"),
        ris=("JOUR", "EJOUR", "JFULL", "MGZN"),
        orcid=("journal-article", "review", "magazine-article"),
        hugoblox_code="2",
        academicpages=("manuscripts", "journal"),
        shows_place=False,
        shows_publisher=False,
    ),
    PubType(
        "conference",
        "Conference Proceedings",
        "C",
        "inproceedings",
        "paper-conference",
        aliases=("inproceedings", "proceedings", "paper-conference", "conference-paper"),
        bibtex_reads=("mvproceedings",),
        venue_field="booktitle",
        venue_tag="citation_conference_title",
        csl_reads=("paper-conference",),
        ris=("CONF", "CPAPER"),
        orcid=("conference-paper", "conference-abstract"),
        hugoblox_code="1",
        academicpages=("conferences", "conference"),
        event_place=True,
        cited_in=True,
    ),
    PubType(
        "workshop",
        "Workshops",
        "W",
        "inproceedings",
        "paper-conference",
        venue_field="booktitle",
        venue_tag="citation_conference_title",
        bibtex_word=r"\bworkshops?\b",
        bibtex_word_in=("conference", "misc"),
        event_place=True,
        cited_in=True,
    ),
    PubType(
        "preprint",
        "Preprints",
        "P",
        "misc",
        "article",
        aliases=("unpublished", "manuscript"),
        csl_reads=("article", "manuscript"),
        ris=("UNPB", "MANSCPT"),
        orcid=("preprint", "working-paper"),
        hugoblox_code="3",
        academicpages=("preprints",),
        bibtex_arxiv=("misc", "online", "electronic", "www", "unpublished", "preprint", "article"),
        arxiv=True,
        numbered=True,
        shows_place=False,
        shows_publisher=False,
    ),
    PubType(
        "thesis",
        "Theses",
        "T",
        "phdthesis",
        "thesis",
        aliases=("phdthesis", "mastersthesis", "dissertation"),
        bibtex_reads=("masterthesis",),
        venue_field="school",
        csl_venue="publisher",
        venue_tag="citation_dissertation_institution",
        csl_reads=("thesis",),
        ris=("THES",),
        orcid=("dissertation", "dissertation-thesis"),
        hugoblox_code="7",
        academicpages=("theses", "thesis"),
        shows_degree=True,
    ),
    PubType(
        "book",
        "Books",
        "B",
        "book",
        "book",
        bibtex_reads=("mvbook", "collection", "mvcollection"),
        csl_reads=("book",),
        ris=("BOOK", "EBOOK", "EDBOOK"),
        orcid=("book", "edited-book"),
        hugoblox_code="5",
        academicpages=("books", "book"),
    ),
    PubType(
        "chapter",
        "Book Chapters",
        "BC",
        "incollection",
        "chapter",
        aliases=("incollection", "inbook"),
        bibtex_reads=("bookinbook", "suppbook", "suppcollection", "inreference"),
        venue_field="booktitle",
        venue_tag="citation_inbook_title",
        csl_reads=("chapter", "entry-encyclopedia", "entry-dictionary"),
        ris=("CHAP", "ECHAP"),
        orcid=("book-chapter",),
        hugoblox_code="6",
        cited_in=True,
    ),
    PubType(
        "patent",
        "Patents",
        "PA",
        "patent",
        "patent",
        csl_reads=("patent",),
        ris=("PAT",),
        orcid=("patent",),
        hugoblox_code="8",
    ),
    PubType(
        "talk",
        "Talks",
        "TK",
        "misc",
        "speech",
        aliases=("presentation", "speech"),
        csl_venue="event-title",
        venue_tag="citation_conference_title",
        csl_reads=("speech", "presentation"),
        ris=("SLIDE",),
        orcid=("lecture-speech",),
    ),
    PubType(
        "poster",
        "Posters",
        "PO",
        "inproceedings",
        "speech",
        venue_field="booktitle",
        csl_venue="event-title",
        venue_tag="citation_conference_title",
        csl_genre="Poster",
        orcid=("conference-poster",),
    ),
    PubType(
        "report",
        "Technical Reports",
        "R",
        "techreport",
        "report",
        aliases=("techreport",),
        venue_field="institution",
        csl_venue="publisher",
        venue_tag="citation_technical_report_institution",
        number_tag="citation_technical_report_number",
        csl_reads=("report", "standard"),
        ris=("RPRT",),
        orcid=("report",),
        hugoblox_code="4",
        numbered=True,
    ),
    PubType(
        "dataset",
        "Datasets",
        "D",
        "misc",
        "dataset",
        bibtex_reads=("data",),
        csl_reads=("dataset",),
        ris=("DATA",),
        orcid=("data-set",),
    ),
    PubType(
        "software",
        "Software",
        "S",
        "software",
        "software",
        csl_reads=("software",),
        ris=("COMP",),
        orcid=("software",),
    ),
    PubType(
        "misc",
        "Other",
        "M",
        "misc",
        "document",
        aliases=("other",),
        csl_reads=(
            "document",
            "article-newspaper",
            "webpage",
            "post",
            "post-weblog",
            "interview",
            "broadcast",
        ),
        ris=("GEN", "ELEC", "ABST", "NEWS", "BLOG"),
        orcid=("other",),
        hugoblox_code="0",
    ),
)
"""Every publication type, in the order the profile's docs list them."""

MISC = "misc"
"""The type of a publication whose type is not given (and no arXiv id says otherwise),
or whose type in an imported file has no counterpart here."""
PREPRINT = next(t.name for t in PUB_TYPES if t.arxiv)
"""The type of a publication with an arXiv id and no venue."""

DEFAULT_ORDER = (
    "preprint",
    "journal",
    "conference",
    "workshop",
    "chapter",
    "book",
    "thesis",
    "report",
    "patent",
    "poster",
    "talk",
    "dataset",
    "software",
    "misc",
)
"""The order of type groups in a list unless ``:group-order:`` says otherwise."""

BY_NAME = {t.name: t for t in PUB_TYPES}
NAMES = tuple(BY_NAME)
assert sorted(DEFAULT_ORDER) == sorted(NAMES), "DEFAULT_ORDER must name every type once"


def pub_type(name: str | None) -> PubType:
    """The type named ``name``; ``misc`` for None or an unknown name."""
    return BY_NAME.get(name or MISC, BY_NAME[MISC])


def aliases() -> dict[str, str]:
    """Every other name the profile accepts -> the type's name."""
    return {alias: t.name for t in PUB_TYPES for alias in t.aliases}


def csl_reads() -> dict[str, str]:
    """A CSL type -> the publication type it is read as."""
    return reads("csl_reads")


def reads(column: str) -> dict[str, str]:
    """Another format's name (each in the tuple or string ``column`` of the rows) -> the
    publication type it is read as: ``reads("ris")["JOUR"] == "journal"``."""
    found: dict[str, str] = {}
    for t in PUB_TYPES:
        names = getattr(t, column)
        for name in (names,) if isinstance(names, str) else names or ():
            found.setdefault(name, t.name)
    return found
