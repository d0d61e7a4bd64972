"""The profile: the record that holds every section (:class:`Profile`), the person it is
about (:class:`Person`) and the co-authors whose names link to their pages.

Field declarations (:func:`~.fields.spec`) carry the converter, the help text and the
accepted aliases, so validation, the JSON Schema and the reference docs share one source.
Names follow JSON Resume, BibTeX and CSL where they overlap (``startDate``, ``studyType``,
``booktitle``, ``container-title`` are all accepted as aliases). The records of the
sections are in :mod:`.entries`, :mod:`.publication` and :mod:`.interests`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .dates import CvDate
from .entries import (
    Award,
    Education,
    NewsItem,
    Position,
    ResearchExperience,
    Section,
    Sections,
    Service,
    Talk,
    Teaching,
)
from .fields import DATE, PLAIN, PLAINS, TEXT, TEXTS, ListOf, Located, Record, spec
from .interests import InterestGroup, Interests
from .linklist import LINKS
from .links import Link
from .publication import Publication
from .scalars import EMAIL, URL, Pattern
from .sections import DATED_SECTIONS


@dataclass
class Person(Located):
    """The researcher: name, position, contact and links shown in headers and cards."""

    name: str = spec(
        PLAIN, "Full name as it should appear in headers and author lists.", required=True
    )
    name_variants: list[str] = spec(
        PLAINS,
        "Other spellings of your name in author lists (e.g. 'Q. Song'); all are set in bold.",
        aliases=("aliases", "other_names"),
    )
    position: str | None = spec(TEXT, "Current position or title.", aliases=("label", "title"))
    affiliation: list[str] = spec(
        TEXTS,
        "Affiliation, one line per unit (e.g. school, then university).",
        aliases=("affiliations", "organization", "institution"),
    )
    location: str | None = spec(TEXT, "City and country.")
    email: list[str] = spec(ListOf(EMAIL), "E-mail address(es).", aliases=("emails",))
    phone: list[str] = spec(PLAINS, "Phone number(s).", aliases=("phones",))
    website: str | None = spec(URL, "Homepage URL.", aliases=("url", "homepage"))
    links: list[Link] = spec(
        LINKS,
        "Profiles elsewhere: {label: url}; known labels (Google "
        "Scholar, ORCID, GitHub, LinkedIn...) also take a bare id.",
        aliases=("profiles",),
        list_default=True,
    )
    photo: str | None = spec(
        URL,
        "Photo or avatar, a path relative to the profile or a URL.",
        aliases=("image", "avatar", "picture"),
    )
    bio: str | None = spec(TEXT, "Short biography (inline Markdown).", aliases=("summary", "about"))


ORCID = Pattern(
    r"^(?:https?://orcid\.org/)?\d{4}-\d{4}-\d{4}-\d{3}[\dX]$",
    "an ORCID iD such as 0000-0002-1825-0097",
)


@dataclass
class Coauthor(Located):
    """A co-author whose name links to their page wherever it appears (author lists on
    every page, publication pages)."""

    name: str = spec(PLAIN, "Their name as author lists give it.", required=True)
    url: str | None = spec(
        URL, "Their homepage: the name links to it.", aliases=("homepage", "website")
    )
    orcid: str | None = spec(
        ORCID, "Their ORCID iD: the name links to orcid.org when no url is given."
    )
    aliases: list[str] = spec(
        PLAINS,
        "Other spellings of the name in author lists (e.g. 'A. Lovelace').",
        aliases=("name_variants",),
    )

    def link(self) -> str | None:
        """Where the name links: the homepage, else the ORCID record."""
        if self.url:
            return self.url
        if self.orcid:
            return "https://orcid.org/" + self.orcid.rsplit("/", 1)[-1]
        return None


@dataclass
class Profile(Located):
    """A researcher's profile: everything the homepage and the CV show."""

    person: Person | None = spec(
        Record(Person), "Name, position, contact and links.", aliases=("basics",)
    )
    updated: CvDate | None = spec(
        DATE,
        "When the CV was last updated ('Updated September 2025'); the build date when absent.",
        aliases=("last_updated", "lastModified"),
    )
    interests: dict[str, InterestGroup] = spec(
        Interests(),
        "Research interests: a topic list, or named groups such as current and past.",
        aliases=("research_interests",),
        default=None,
    )
    positions: list[Position] = spec(
        ListOf(Record(Position), single=False),
        "Work experience.",
        aliases=("work", "experience", "employment", "work_experience"),
    )
    education: list[Education] = spec(ListOf(Record(Education), single=False), "Degrees.")
    research: list[ResearchExperience] = spec(
        ListOf(Record(ResearchExperience), single=False),
        "Research experience.",
        aliases=("research_experience",),
    )
    publications: list[Publication] = spec(
        ListOf(Record(Publication), single=False),
        "Publications; entries with the id of a BibTeX entry add to or override its fields.",
        aliases=("papers",),
    )
    teaching: list[Teaching] = spec(ListOf(Record(Teaching), single=False), "Teaching.")
    awards: list[Award] = spec(
        ListOf(Record(Award), single=False),
        "Awards and honours.",
        aliases=("honors", "honours", "grants"),
    )
    service: list[Service] = spec(
        ListOf(Record(Service), single=False), "Professional service.", aliases=("services",)
    )
    talks: list[Talk] = spec(
        ListOf(Record(Talk), single=False), "Talks.", aliases=("presentations",)
    )
    news: list[NewsItem] = spec(ListOf(Record(NewsItem), single=False), "News items.")
    sections: dict[str, Section] = spec(
        Sections(),
        "Further sections of plain entries, by name (e.g. 'students', 'patents').",
        default=None,
    )
    bibtex: list[str] = spec(
        PLAINS,
        "BibTeX files with more publications, relative to the profile.",
        aliases=("bibtex_files", "bib"),
    )
    people: list[Coauthor] = spec(
        ListOf(Record(Coauthor), single=False),
        "Co-authors "
        "whose names link to their pages wherever they appear: "
        "name, url, orcid and other spellings (aliases).",
        aliases=("coauthors",),
    )

    def __post_init__(self) -> None:
        self.interests = self.interests or {}
        self.sections = self.sections or {}

    def __setattr__(self, name: str, value: Any) -> None:
        # The publications are always a Publications list, which keeps its index by id.
        if name == "publications" and not isinstance(value, Publications):
            value = Publications(value)
        super().__setattr__(name, value)

    def section(self, name: str) -> list[Any] | None:
        """The entries of a built-in or custom section, or None if there is no such name."""
        if name in DATED_SECTIONS:
            return list(getattr(self, name))
        custom = self.sections.get(name)
        return list(custom.entries) if custom is not None else None

    def publication(self, pub_id: str) -> Publication | None:
        return self.by_id.get(pub_id)

    @property
    def by_id(self) -> dict[str, Publication]:
        """The publications by id (the loader leaves no id repeated): made once, and
        again after any change of the list (see :class:`Publications`)."""
        pubs = self.publications
        assert isinstance(pubs, Publications)  # made so by __setattr__
        return pubs.by_id()


class Publications(list[Publication]):
    """The profile's publications: a list that forgets its index by id whenever it
    changes (assigned to, added to, shortened, an entry replaced, reordered), so
    :attr:`Profile.by_id` is never stale and costs nothing while the list is unchanged.
    A publication's ``id`` is its key everywhere and is not changed after loading."""

    _by_id: dict[str, Publication] | None = None

    def by_id(self) -> dict[str, Publication]:
        if self._by_id is None:
            self._by_id = {p.id: p for p in self}
        return self._by_id

    def __reduce__(self) -> tuple[type[Publications], tuple[list[Publication]]]:
        return (Publications, (list(self),))  # the index is made again, not pickled


def _forgetting(name: str) -> Any:
    """``list.<name>``, which changes the list, made to forget the index first."""
    method = getattr(list, name)

    def changed(self: Publications, *args: Any, **kwargs: Any) -> Any:
        self._by_id = None
        return method(self, *args, **kwargs)

    changed.__name__ = name
    return changed


for _name in (
    "__setitem__",
    "__delitem__",
    "__iadd__",
    "__imul__",
    "append",
    "extend",
    "insert",
    "pop",
    "remove",
    "clear",
    "sort",
    "reverse",
):
    setattr(Publications, _name, _forgetting(_name))


PROFILE = Record(Profile, expected="a mapping with keys such as person, publications")
