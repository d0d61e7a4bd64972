"""The publication record: its declared fields (BibTeX, CSL and JSON Resume names
accepted as aliases), how a YAML entry overlays a BibTeX one, and the links it shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import pubtypes
from .authors import AUTHORS
from .converter import Context
from .dates import CvDate
from .fields import DATE, PLAIN, TEXT, TEXTS, Located, spec
from .linkkinds import LINK_FIELDS
from .linklist import LINKS
from .links import Link, link_target, make_link
from .scalars import IDENT, URL, Bool, Choice, Month, Text, Year

PRIVATE_FIELDS = (
    "file",
    "files",
    "pdf-file",
    "local-url",
    "annote",
    "annotation",
    "comment",
    "owner",
    "timestamp",
    "date-added",
    "date-modified",
    "added-at",
    "groups",
    "readstatus",
    "priority",
    "mendeley-*",
    "bdsk-*",
    "jabref-*",
    "zotero-*",
    "x-*",
)
"""Fields a reference manager writes for its user alone (the paper's file on disk,
reading notes, who added it and when): left out of the BibTeX a page shows. Patterns as
:mod:`fnmatch` reads them; ``cv_bibtex_private_fields`` replaces the list."""


PUB_TYPE = Choice(pubtypes.NAMES, pubtypes.aliases())
_LINKS_MADE = "_links_made"
"""On a publication: (the link fields' values, the links made of them)."""

# Shorthand link fields beside `links:` (LINK_FIELDS) each become a link of that kind.


@dataclass
class Publication(Located):
    """A publication: paper, preprint, thesis, book, patent...

    ``id`` is the stable key used by interest tags, ``:pub:`` and BibTeX overlay.
    """

    id: str = spec(
        IDENT,
        "Stable key (a BibTeX key works), used by interest tags and the :pub: role.",
        aliases=("key", "citekey", "ID"),
        required=True,
    )
    type: str | None = spec(
        PUB_TYPE,
        "Kind of work (BibTeX and CSL type names accepted).",
        aliases=("entrytype", "ENTRYTYPE", "kind"),
    )
    title: str | None = spec(TEXT, "Title (inline Markdown).", aliases=("name",))
    authors: list[str] = spec(
        AUTHORS,
        "Authors in order: a list, or 'A and B' as in BibTeX; "
        "'Last, First' is accepted. An author may be {name, url, "
        "note}: note 'equal' (shown *), 'corresponding' (†), "
        "'student' (underlined) or a free mark; 'Name*' and "
        "'Name†' say the same. A legend follows the list.",
        aliases=("author",),
        list_default=True,
    )
    editors: list[str] = spec(
        AUTHORS, "Editors, as authors.", aliases=("editor",), list_default=True
    )
    venue: str | None = spec(
        TEXT,
        "Where it appeared: conference, journal, workshop.",
        aliases=(
            "booktitle",
            "journal",
            "container_title",
            "journaltitle",
            "event",
            "conference",
            "school",
            "institution",
        ),
    )
    year: int | None = spec(Year(), "Year of publication.")
    month: int | None = spec(Month(), "Month (1-12 or a name); orders papers within a year.")
    date: CvDate | None = spec(
        DATE,
        "Full date; sets year and month when they are absent.",
        aliases=("issued", "releaseDate"),
    )
    status: str | None = spec(
        TEXT, "Publication status, e.g. 'In submission', 'To appear'.", aliases=("pubstate",)
    )
    publisher: str | None = spec(TEXT, "Publisher.")
    location: str | None = spec(
        TEXT,
        "Place: the publisher's city for a book or chapter "
        "(shown 'Place: Publisher'), the conference's for "
        "proceedings. BibTeX 'address' or 'location'.",
        aliases=("address", "place"),
    )
    series: str | None = spec(TEXT, "Book or proceedings series, e.g. 'LNCS'.")
    volume: str | None = spec(PLAIN, "Volume.")
    number: str | None = spec(PLAIN, "Issue or number.", aliases=("issue",))
    pages: str | None = spec(PLAIN, "Pages, e.g. '1-12'.", aliases=("page",))
    doi: str | None = spec(PLAIN, "DOI, e.g. '10.1145/1234567.1234568'.", aliases=("DOI",))
    arxiv: str | None = spec(PLAIN, "arXiv id, e.g. '2509.15552'.", aliases=("eprint", "arXiv"))
    url: str | None = spec(URL, "Main URL of the paper.", aliases=("URL", "link"))
    pdf: str | None = spec(URL, "PDF URL or path.")
    code: str | None = spec(URL, "Code repository.", aliases=("github", "repo"))
    slides: str | None = spec(URL, "Slides.")
    video: str | None = spec(URL, "Video of the talk.")
    poster: str | None = spec(URL, "Poster.")
    project: str | None = spec(URL, "Project page.")
    links: list[Link] = spec(LINKS, "More links: {label: url}.", list_default=True)
    tags: list[str] = spec(
        TEXTS, "Topics, for selecting papers by tag.", aliases=("keywords", "topics")
    )
    selected: bool = spec(
        Bool(), "Show in 'selected publications'.", aliases=("featured", "highlight"), default=False
    )
    award: str | None = spec(TEXT, "An award the paper won, e.g. 'Best Paper Award'.")
    abstract: str | None = spec(TEXT, "Abstract; shown in an expandable block in HTML.")
    image: str | None = spec(
        URL,
        "Thumbnail beside the entry on the web (not in the CV): "
        "a path relative to the profile, /path from the site's "
        "folder, or a URL.",
        aliases=("thumbnail", "teaser"),
    )
    # Not "annote": reference managers keep private reading notes there.
    note: str | None = spec(TEXT, "A note shown after the entry.", aliases=("notes",))
    bibtex: str | None = spec(
        Text(markdown=False), "BibTeX shown with the entry; generated when absent."
    )

    def check(self, ctx: Context, path: str) -> bool:
        if self.date is not None and not self.date.present:
            self.year = self.year or self.date.year
            self.month = self.month or self.date.month
        if self.type is None:
            self.type = pubtypes.PREPRINT if self.arxiv and not self.venue else pubtypes.MISC
        return True

    def overlay(self, other: Publication) -> None:
        """Apply the fields ``other`` (a YAML entry) wrote over this (BibTeX) entry.

        Links are added to the BibTeX ones; every other written field replaces its value.
        """
        for name in other.locations:
            if name == "links":
                self.links = self.links + other.links
            elif name != "id":
                setattr(self, name, getattr(other, name))
        if "date" in other.locations and other.date is not None:
            if "year" not in other.locations:
                self.year = other.date.year
            if "month" not in other.locations:
                self.month = other.date.month
        self.locations = {**self.locations, **other.locations}
        for key, value in other.extras.items():  # x-bibtex: the YAML's fields win
            mine = self.extras.get(key)
            if isinstance(mine, dict) and isinstance(value, dict):
                value = {**mine, **value}
            self.extras[key] = value
        self.source = other.source
        self.path = other.path

    def all_links(self) -> list[Link]:
        """Every link in display order: shorthand fields first, then ``links``.

        Worked out once for the values the link fields hold (every list showing the
        paper asks again), and again only if one of them changes."""
        shorthand = tuple(getattr(self, kind) for kind in LINK_FIELDS)
        key = (shorthand, self.arxiv, self.doi, tuple(self.links), self.url)
        saved = self.__dict__.get(_LINKS_MADE)
        if saved is not None and saved[0] == key:
            return list(saved[1])
        out = self._make_links()
        self.__dict__[_LINKS_MADE] = (key, tuple(out))  # not a field: no trace in the data
        return out

    def _make_links(self) -> list[Link]:
        out: list[Link] = []
        seen: set[str] = set()

        def add(link: Link | None) -> None:
            # One button per target: a URL naming the DOI is the DOI link.
            if link is not None and link_target(link.url) not in seen:
                seen.add(link_target(link.url))
                out.append(link)

        for kind in LINK_FIELDS[:1]:
            value = getattr(self, kind)
            if value:
                add(make_link(kind, value))
        if self.arxiv:
            add(make_link("arxiv", self.arxiv))
        if self.doi:
            add(make_link("doi", self.doi) or Link("DOI", "https://doi.org/" + self.doi, "doi"))
        for kind in LINK_FIELDS[1:]:
            value = getattr(self, kind)
            if value:
                add(make_link(kind, value))
        for link in self.links:
            add(link)
        if self.url:
            add(make_link("url", self.url))
        return out

    def sort_key(self) -> tuple[int, int]:
        return (self.year or 0, self.month or 0)
