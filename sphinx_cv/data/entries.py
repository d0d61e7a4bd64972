"""Records of the dated sections (positions, education, research, teaching, awards,
service, talks, news), all built on :class:`Dated`, and the custom sections of plain
entries (:class:`Section`, :class:`Entry`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import yamlsource as ys
from .converter import INVALID, Context, Invalid, named_items, wrong_type
from .dates import CvDate
from .fields import (
    DATE,
    PLAIN,
    PLAINS,
    TEXT,
    TEXTS,
    ListOf,
    Located,
    MapOf,
    Record,
    date_order,
    spec,
)
from .linklist import LINKS
from .links import Link, make_link
from .scalars import URL


@dataclass
class Dated(Located):
    """Fields every dated entry has."""

    start: CvDate | None = spec(
        DATE,
        "Start date: YYYY, YYYY-MM, YYYY-MM-DD or text.",
        aliases=("startDate", "from", "since"),
    )
    end: CvDate | None = spec(
        DATE,
        "End date, or 'present'; an entry with a start and no end is ongoing.",
        aliases=("endDate", "to", "until"),
    )
    date: CvDate | None = spec(
        DATE,
        "A single date (awards, talks, news), or free text such as 'Fall 2025'.",
        aliases=("when", "term", "releaseDate"),
    )
    location: str | None = spec(TEXT, "Place (city, country).", aliases=("place", "city"))
    url: str | None = spec(URL, "A link for the entry.", aliases=("website", "link"))
    summary: str | None = spec(
        TEXT, "A paragraph about the entry (inline Markdown).", aliases=("description",)
    )
    highlights: list[str] = spec(
        TEXTS, "Bullet points shown under the entry.", aliases=("bullets", "details")
    )
    tags: list[str] = spec(
        TEXTS,
        "Tags for CV variants: a variant of cv_pdf_variants "
        "with 'tags' keeps only the entries that have one of them.",
    )

    def check(self, ctx: Context, path: str) -> bool:
        date_order(ctx, self, path)
        return True

    @property
    def when(self) -> tuple[CvDate | None, CvDate | None]:
        """(start, end) for display; a single ``date`` is (date, None); a start without
        an end is ongoing (end 'present')."""
        if self.start is None and self.end is None:
            return self.date, None
        if self.start is not None and self.end is None:
            return self.start, CvDate(present=True)
        return self.start or self.date, self.end

    def sort_key(self) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
        start, end = self.when
        last = end or start
        return (last.sort_key() if last else (0, 0, 0), start.sort_key() if start else (0, 0, 0))


@dataclass
class Position(Dated):
    """A job: work experience."""

    position: str = spec(TEXT, "Job title.", aliases=("title", "role"), required=True)
    organization: str | None = spec(
        TEXT, "Employer.", aliases=("company", "employer", "name", "institution")
    )
    department: str | None = spec(TEXT, "Department or school.", aliases=("unit",))


@dataclass
class Education(Dated):
    """A degree."""

    institution: str = spec(
        TEXT, "University or school.", aliases=("school", "university"), required=True
    )
    degree: str | None = spec(TEXT, "Degree, e.g. 'Ph.D.' or 'B.S.'.", aliases=("studyType",))
    field: str | None = spec(TEXT, "Field of study.", aliases=("area", "major", "subject"))
    advisor: list[str] = spec(
        PLAINS, "Advisor(s).", aliases=("advisors", "supervisor", "supervisors")
    )
    thesis: str | None = spec(TEXT, "Thesis title.", aliases=("dissertation",))
    gpa: str | None = spec(PLAIN, "Grade or GPA.", aliases=("score", "grade"))
    courses: list[str] = spec(TEXTS, "Notable courses.")


@dataclass
class ResearchExperience(Dated):
    """Research experience: internships, visits, projects with a mentor."""

    organization: str = spec(
        TEXT,
        "Lab, company or university.",
        aliases=("lab", "institution", "company", "name"),
        required=True,
    )
    role: str | None = spec(
        TEXT, "Role, e.g. 'Intern' or 'Visiting Researcher'.", aliases=("position", "title")
    )
    mentor: list[str] = spec(PLAINS, "Mentor(s) (shown as 'Mentor: ...').", aliases=("mentors",))
    advisor: list[str] = spec(
        PLAINS,
        "Advisor(s) (shown as 'Advisor: ...').",
        aliases=("advisors", "supervisor", "supervisors"),
    )
    project: str | None = spec(TEXT, "Project worked on.", aliases=("topic",))


@dataclass
class Teaching(Dated):
    """A course taught or assisted."""

    course: str = spec(TEXT, "Course title.", aliases=("title", "name"), required=True)
    code: str | None = spec(PLAIN, "Course code, e.g. 'CSCI 4430'.", aliases=("number",))
    institution: str | None = spec(
        TEXT, "Where it was taught.", aliases=("school", "university", "organization")
    )
    role: str | None = spec(
        TEXT, "Role, e.g. 'Instructor' or 'Teaching Assistant'.", aliases=("position",)
    )


@dataclass
class Award(Dated):
    """An award, grant, scholarship or honour."""

    title: str = spec(TEXT, "Name of the award.", aliases=("name", "award"), required=True)
    awarder: str | None = spec(TEXT, "Who gave it.", aliases=("by", "issuer", "organization"))


@dataclass
class Service(Dated):
    """Professional service: a role and the venues it was for."""

    role: str = spec(
        TEXT,
        "Role, e.g. 'Conference Reviewer' or 'PC Member'.",
        aliases=("title", "position", "type"),
        required=True,
    )
    items: list[str] = spec(
        TEXTS,
        "Venues or organizations, in order.",
        aliases=("venues", "conferences", "journals", "for"),
    )
    organization: str | None = spec(TEXT, "Organization, when it is one.")

    @classmethod
    def from_scalar(cls, text: str) -> Service:
        """``Conference Reviewer: ICLR 2026, NeurIPS 2025`` as a one-line entry."""
        role, _, rest = text.partition(":")
        return cls(role=role.strip(), items=[p.strip() for p in rest.split(",") if p.strip()])


@dataclass
class Talk(Dated):
    """A talk or presentation."""

    title: str = spec(TEXT, "Title of the talk.", aliases=("name",), required=True)
    event: str | None = spec(TEXT, "Event or host.", aliases=("venue", "conference", "host"))
    slides: str | None = spec(URL, "Slides: a URL or a path on the site.", aliases=("slidesurl",))
    video: str | None = spec(URL, "Recording of the talk.", aliases=("videourl", "recording"))
    links: list[Link] = spec(LINKS, "Slides, video and other links.", list_default=True)

    def all_links(self) -> list[Link]:
        """Slides and video first, then ``links`` (a URL given twice shows once)."""
        out = [
            link
            for link in (
                make_link(kind, getattr(self, kind))
                for kind in ("slides", "video")
                if getattr(self, kind)
            )
            if link is not None
        ]
        seen = {link.url for link in out}
        return out + [link for link in self.links if link.url not in seen]


@dataclass
class NewsItem(Dated):
    """A dated news line for the homepage."""

    text: str = spec(TEXT, "The news (inline Markdown).", aliases=("title", "news"), required=True)


@dataclass
class Entry(Dated):
    """An entry of a custom section."""

    title: str | None = spec(TEXT, "Main line of the entry.", aliases=("name", "role"))
    organization: str | None = spec(
        TEXT, "Organization or second line.", aliases=("subtitle", "institution", "company")
    )
    links: list[Link] = spec(LINKS, "Links for the entry.", list_default=True)

    @classmethod
    def from_scalar(cls, text: str) -> Entry:
        return cls(title=text)


@dataclass
class Section(Located):
    """A custom section: a heading and plain dated entries."""

    title: str | None = spec(
        TEXT, "Heading of the section (default: its key, capitalized).", aliases=("heading",)
    )
    entries: list[Entry] = spec(
        ListOf(Record(Entry), single=False), "The entries.", aliases=("items",)
    )


def default_section_title(name: str) -> str:
    """The heading a custom section gets when it has no title: its key, capitalized."""
    return name.replace("_", " ").capitalize()


class Sections(MapOf[Section]):
    """``name: [entries]`` or ``name: {title, entries}``."""

    def __init__(self) -> None:
        super().__init__(Record(Section))
        self.entries = ListOf(Record(Entry), single=False)
        self.expected = "a mapping of section names to entry lists or to {title, entries}"

    def convert(self, node: ys.Node, ctx: Context, path: str) -> dict[str, Section] | Invalid:
        if not isinstance(node, ys.MappingNode):
            return wrong_type(ctx, node, path, self.expected)
        out: dict[str, Section] = {}
        for name, sub, child in named_items(node, ctx, path):
            section = (
                Section(entries=self.entries.convert(child, ctx, sub), source=ctx.loc(child))
                if isinstance(child, ys.SequenceNode)
                else self.value.convert(child, ctx, sub)
            )
            if section is not INVALID:
                if not section.title:
                    section.title = default_section_title(name)
                out[name] = section
        return out

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "additionalProperties": {
                "anyOf": [self.entries.json_schema(defs), self.value.json_schema(defs)]
            },
        }
