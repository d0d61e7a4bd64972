"""The profile format: one dataclass per kind of record.

Field declarations (:func:`~.fields.spec`) carry the converter, the help text and the
accepted aliases, so validation, the JSON Schema and the reference docs share one source.
Names follow JSON Resume, BibTeX and CSL where they overlap (``startDate``, ``studyType``,
``booktitle``, ``container-title`` are all accepted as aliases).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from . import pubtypes
from . import yamlsource as ys
from .converter import INVALID, Context, Converter, join_path, named_items, wrong_type
from .dates import CvDate
from .fields import ListOf, Located, MapOf, Record, date_order, spec
from .linkkinds import LINK_FIELDS
from .links import LINK_EXPECTED, Link, link_problem, link_target, make_link
from .problems import Location, Subtype
from .scalars import EMAIL, IDENT, URL, Bool, Choice, Date, Month, Pattern, Text, Year
from .scripts import full_name

TEXT = Text()
PLAIN = Text(markdown=False)
TEXTS = ListOf(TEXT)
PLAINS = ListOf(PLAIN)


# --- links -------------------------------------------------------------------------------

class Links(Converter):
    """``{label: url}`` or a list of URLs / ``{label, url}`` mappings."""

    expected = "a mapping of labels to URLs, or a list of {label, url}"

    def convert(self, node: ys.Node, ctx: Context, path: str) -> Any:
        out: list[Link] = []
        if isinstance(node, ys.MappingNode):
            for key, value in ys.iter_mapping(node):
                if not isinstance(key, ys.ScalarNode):
                    wrong_type(ctx, key, path, "a label as key")
                    continue
                label = ys.scalar_text(key)
                self._add(out, label, value, ctx, join_path(path, label))
        elif isinstance(node, ys.SequenceNode):
            for i, item in enumerate(node.value):
                sub = f"{path}[{i}]"
                if isinstance(item, ys.MappingNode):
                    fields = {ys.scalar_text(k).lower(): v for k, v in ys.iter_mapping(item)
                              if isinstance(k, ys.ScalarNode)}
                    url = fields.pop("url", None) or fields.pop("href", None)
                    label_node = (fields.pop("label", None) or fields.pop("network", None)
                                  or fields.pop("name", None) or fields.pop("title", None))
                    username = fields.pop("username", None)
                    for extra in fields:
                        ctx.report(Subtype.UNKNOWN_KEY, item, join_path(sub, extra),
                                   "unknown field, ignored", value=extra,
                                   expected="label, url, username")
                    label = (ys.scalar_text(label_node)
                             if isinstance(label_node, ys.ScalarNode) else "")
                    target = url or username
                    if target is None:
                        ctx.report(Subtype.REQUIRED, item, join_path(sub, "url"),
                                   "link without url; skipped", expected="a URL")
                        continue
                    self._add(out, label, target, ctx, sub)
                elif isinstance(item, ys.ScalarNode):
                    self._add(out, "", item, ctx, sub)
                else:
                    wrong_type(ctx, item, sub, "a URL or {label, url}")
        else:
            return self._single(node, ctx, path)
        return out

    def _single(self, node: ys.Node, ctx: Context, path: str) -> Any:
        out: list[Link] = []
        self._add(out, "", node, ctx, path)
        return out or INVALID

    @staticmethod
    def _add(out: list[Link], label: str, node: ys.Node, ctx: Context, path: str) -> None:
        if not isinstance(node, ys.ScalarNode):
            wrong_type(ctx, node, path, "a URL")
            return
        value = ys.scalar_text(node).strip()
        if not value:
            return
        link = make_link(label or value, value) if label else make_link("url", value)
        if link is None:
            why = link_problem(value)
            if why is not None:
                ctx.report(Subtype.VALUE, node, path, f"{why}; dropped", value=value,
                           expected=LINK_EXPECTED)
                return
            ctx.report(Subtype.VALUE, node, path, "not a URL", value=value,
                       expected="a URL (https://...), a site path (/files/x.pdf) or a known id")
            return
        if not label:
            from .links import kind_from_url, label_for
            kind = kind_from_url(link.url)
            link = Link(label_for(kind) if kind != "other" else "Link", link.url, kind)
        out.append(link)

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        item = {"anyOf": [
            {"type": "string"},
            {"type": "object", "properties": {
                "label": {"type": "string"}, "network": {"type": "string"},
                "name": {"type": "string"}, "title": {"type": "string"},
                "url": {"type": "string"}, "href": {"type": "string"},
                "username": {"type": "string"}}, "additionalProperties": False},
        ]}
        return {"anyOf": [
            {"type": "object", "additionalProperties": {"type": "string"}},
            {"type": "array", "items": item},
            {"type": "string"},
        ]}


LINKS = Links()


# --- people ------------------------------------------------------------------------------

def normalize_name(raw: str) -> str:
    """``Song, Qingyu`` -> ``Qingyu Song``; ``others`` -> ``et al.``; spaces folded."""
    name = " ".join(raw.replace("{", "").replace("}", "").split())
    if name.lower() in ("others", "et al", "et al."):
        return "et al."
    if "," in name:
        parts = [p.strip() for p in name.split(",")]
        if len(parts) == 2 and all(parts):
            return full_name(parts[1], parts[0])
        if len(parts) == 3 and all(parts):  # von Last, Jr, First
            return f"{parts[2]} {parts[0]}, {parts[1]}"
    return name


AUTHOR_NOTES = {"equal": "*", "corresponding": "†", "student": "student"}
"""Author notes by name -> how they are shown: a mark after the name (``*`` equal
contribution, ``†`` corresponding author), or ``student`` (the name underlined, as
BibTeX files mark students with ``\\underline``). Any other note is a free mark shown as
written."""

NOTE_WORDS = {"equal": "equal", "equal contribution": "equal", "co-first": "equal",
              "*": "equal", "corresponding": "corresponding", "corresponding author":
              "corresponding", "†": "corresponding", "student": "student"}

_MARKS = re.compile(r"(?:\s*(?:[*†‡§¶#]|\^\{?[*†‡§¶#]\}?))+$")


def split_marks(name: str) -> tuple[str, tuple[str, ...]]:
    """``Jane Doe*`` -> (``Jane Doe``, (``equal``,)); ``Jane Doe†`` -> corresponding;
    any other trailing mark (``‡``, ``§``, ``#``) is kept as a free mark."""
    found = _MARKS.search(name)
    if not found or found.start() == 0:
        return name, ()
    marks = list(re.sub(r"[\s^{}]", "", found.group(0)))
    return name[:found.start()].rstrip(), tuple(NOTE_WORDS.get(m, m) for m in marks)


class AuthorName(str):
    """An author's name that links to their page (``{name: ..., url: ...}``) and carries
    notes (``equal``, ``corresponding``, ``student`` or a free mark)."""

    url: str | None = None
    notes: tuple[str, ...] = ()

    def __new__(cls, name: str, url: str | None = None,
                notes: tuple[str, ...] = ()) -> AuthorName:
        made = super().__new__(cls, name)
        made.url = url
        made.notes = tuple(dict.fromkeys(notes))
        return made

    def __reduce__(self) -> Any:  # pickled with the saved profile facts
        return (AuthorName, (str(self), self.url, self.notes))


def author(raw: str, url: str | None = None, notes: tuple[str, ...] = ()) -> str:
    """The author ``raw`` names, its marks (``Doe*``) read as notes: a plain ``str``
    when it has neither a link nor a note."""
    name, marks = split_marks(normalize_name(raw))
    notes = (*notes, *marks)
    return AuthorName(name, url, notes) if url or notes else name


class Authors(Converter):
    """``A and B and C`` (BibTeX), a list of names, or a list of ``{given, family}``,
    each with an optional ``url`` (the name links to it)."""

    expected = "a list of names, or names joined with ' and '"

    def convert(self, node: ys.Node, ctx: Context, path: str) -> Any:
        if isinstance(node, ys.ScalarNode):
            text = ys.scalar_text(node).strip()
            if not text:
                return INVALID
            parts = re.split(r"\s+and\s+", text) if re.search(r"\sand\s", text) else [text]
            if len(parts) == 1 and text.count(",") >= 2:
                parts = text.split(",")
            return [author(p) for p in parts if p.strip()]
        if not isinstance(node, ys.SequenceNode):
            return wrong_type(ctx, node, path, self.expected)
        out: list[str] = []
        for i, item in enumerate(node.value):
            sub = f"{path}[{i}]"
            if isinstance(item, ys.ScalarNode):
                if ys.scalar_text(item).strip():
                    out.append(author(ys.scalar_text(item)))
            elif isinstance(item, ys.MappingNode):
                fields = {ys.scalar_text(k).lower(): ys.scalar_text(v) for k, v in
                          ys.iter_mapping(item)
                          if isinstance(k, ys.ScalarNode) and isinstance(v, ys.ScalarNode)}
                name = fields.get("name") or fields.get("literal") or full_name(
                    fields.get("given") or fields.get("first") or "",
                    fields.get("family") or fields.get("last") or "")
                url = fields.get("url") or fields.get("homepage")
                why = link_problem(url) if url else None
                if why is not None:
                    ctx.report(Subtype.VALUE, item, f"{sub}.url", f"{why}; the name is not "
                               "linked", value=url, expected=LINK_EXPECTED)
                    url = None
                notes: tuple[str, ...] = ()
                if fields.get("note"):
                    notes = tuple(NOTE_WORDS.get(n.strip().lower(), n.strip()) for n in
                                  re.split(r"[,;]", fields["note"]) if n.strip())
                if name:
                    out.append(author(name, url, notes))
                else:
                    wrong_type(ctx, item, sub, "a name, or {given, family}")
            else:
                wrong_type(ctx, item, sub, "a name")
        return out

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        person = {"type": "object", "properties": {
            k: {"type": "string"} for k in ("name", "literal", "given", "family", "first", "last",
                                             "url", "homepage", "note")
        }}
        return {"anyOf": [{"type": "string"},
                          {"type": "array", "items": {"anyOf": [{"type": "string"}, person]}}]}


AUTHORS = Authors()


PRIVATE_FIELDS = ("file", "files", "pdf-file", "local-url", "annote", "annotation", "comment",
                  "owner", "timestamp", "date-added", "date-modified", "added-at",
                  "groups", "readstatus", "priority", "mendeley-*", "bdsk-*", "jabref-*",
                  "zotero-*", "x-*")
"""Fields a reference manager writes for its user alone (the paper's file on disk,
reading notes, who added it and when): left out of the BibTeX a page shows. Patterns as
:mod:`fnmatch` reads them; ``cv_bibtex_private_fields`` replaces the list."""


@dataclass
class Person(Located):
    """The researcher: name, position, contact and links shown in headers and cards."""

    name: str = spec(PLAIN, "Full name as it should appear in headers and author lists.",
                     required=True)
    name_variants: list[str] = spec(PLAINS, "Other spellings of your name in author lists "
                                    "(e.g. 'Q. Song'); all are set in bold.",
                                    aliases=("aliases", "other_names"))
    position: str | None = spec(TEXT, "Current position or title.", aliases=("label", "title"))
    affiliation: list[str] = spec(TEXTS, "Affiliation, one line per unit "
                                  "(e.g. school, then university).",
                                  aliases=("affiliations", "organization", "institution"))
    location: str | None = spec(TEXT, "City and country.")
    email: list[str] = spec(ListOf(EMAIL), "E-mail address(es).", aliases=("emails",))
    phone: list[str] = spec(PLAINS, "Phone number(s).", aliases=("phones",))
    website: str | None = spec(URL, "Homepage URL.", aliases=("url", "homepage"))
    links: list[Link] = spec(LINKS, "Profiles elsewhere: {label: url}; known labels (Google "
                             "Scholar, ORCID, GitHub, LinkedIn...) also take a bare id.",
                             aliases=("profiles",), list_default=True)
    photo: str | None = spec(URL, "Photo or avatar, a path relative to the profile or a URL.",
                             aliases=("image", "avatar", "picture"))
    bio: str | None = spec(TEXT, "Short biography (inline Markdown).",
                           aliases=("summary", "about"))


# --- interests ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Ref:
    """A reference to a publication id, with where it was written."""

    id: str
    location: Location


class Refs(Converter):
    expected = "a list of publication ids"

    def convert(self, node: ys.Node, ctx: Context, path: str) -> Any:
        items = node.value if isinstance(node, ys.SequenceNode) else [node]
        out: list[Ref] = []
        for i, item in enumerate(items):
            sub = f"{path}[{i}]" if isinstance(node, ys.SequenceNode) else path
            if not isinstance(item, ys.ScalarNode):
                wrong_type(ctx, item, sub, "a publication id")
                continue
            for word in re.split(r"[,\s]+", ys.scalar_text(item)):
                if word:
                    out.append(Ref(word, ctx.loc(item)))
        return out

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}


@dataclass
class Topic(Located):
    """A research topic, tagged with the publications it refers to."""

    name: str = spec(TEXT, "The topic.", aliases=("topic", "title"), required=True)
    publications: list[Ref] = spec(Refs(), "Ids of the publications on this topic; shown as "
                                   "the labels those papers carry on the page.",
                                   aliases=("pubs", "papers", "refs"), list_default=True)
    summary: str | None = spec(TEXT, "A sentence about the topic.", aliases=("description",))

    @classmethod
    def from_scalar(cls, text: str) -> Topic:
        return cls(name=text)


@dataclass
class InterestGroup(Located):
    """A named list of topics, e.g. current and past interests."""

    intro: str | None = spec(TEXT, "Sentence shown before the topics.",
                             aliases=("title", "heading", "lead"))
    topics: list[Topic] = spec(ListOf(Record(Topic), single=False), "The topics, in order.",
                               aliases=("items",))


class Interests(Converter):
    """A list of topics, or named groups (``current:``, ``past:``) of them."""

    expected = "a list of topics, or a mapping of group names to topic lists"
    DEFAULT = "interests"

    def __init__(self) -> None:
        self.group = Record(InterestGroup)
        self.topics = ListOf(Record(Topic), single=False)

    def convert(self, node: ys.Node, ctx: Context, path: str) -> Any:
        if isinstance(node, ys.SequenceNode):
            return {self.DEFAULT: InterestGroup(topics=self.topics.convert(node, ctx, path),
                                                source=ctx.loc(node))}
        if not isinstance(node, ys.MappingNode):
            return wrong_type(ctx, node, path, self.expected)
        out: dict[str, InterestGroup] = {}
        for name, sub, child in named_items(node, ctx, path):
            if isinstance(child, ys.SequenceNode):
                out[name] = InterestGroup(topics=self.topics.convert(child, ctx, sub),
                                          source=ctx.loc(child))
            else:
                group = self.group.convert(child, ctx, sub)
                if group is not INVALID:
                    out[name] = group
        return out

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        topics = self.topics.json_schema(defs)
        return {"anyOf": [topics, {"type": "object", "additionalProperties": {
            "anyOf": [topics, self.group.json_schema(defs)]}}]}


# --- dated entries -----------------------------------------------------------------------

DATE = Date()


@dataclass
class Dated(Located):
    """Fields every dated entry has."""

    start: CvDate | None = spec(DATE, "Start date: YYYY, YYYY-MM, YYYY-MM-DD or text.",
                                aliases=("startDate", "from", "since"))
    end: CvDate | None = spec(DATE, "End date, or 'present'; an entry with a start and no "
                              "end is ongoing.",
                              aliases=("endDate", "to", "until"))
    date: CvDate | None = spec(DATE, "A single date (awards, talks, news), or free text "
                               "such as 'Fall 2025'.", aliases=("when", "term", "releaseDate"))
    location: str | None = spec(TEXT, "Place (city, country).", aliases=("place", "city"))
    url: str | None = spec(URL, "A link for the entry.", aliases=("website", "link"))
    summary: str | None = spec(TEXT, "A paragraph about the entry (inline Markdown).",
                               aliases=("description",))
    highlights: list[str] = spec(TEXTS, "Bullet points shown under the entry.",
                                 aliases=("bullets", "details"))
    tags: list[str] = spec(TEXTS, "Tags for CV variants: a variant of cv_pdf_variants "
                           "with 'tags' keeps only the entries that have one of them.")

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
    organization: str | None = spec(TEXT, "Employer.",
                                    aliases=("company", "employer", "name", "institution"))
    department: str | None = spec(TEXT, "Department or school.", aliases=("unit",))


@dataclass
class Education(Dated):
    """A degree."""

    institution: str = spec(TEXT, "University or school.", aliases=("school", "university"),
                            required=True)
    degree: str | None = spec(TEXT, "Degree, e.g. 'Ph.D.' or 'B.S.'.", aliases=("studyType",))
    field: str | None = spec(TEXT, "Field of study.", aliases=("area", "major", "subject"))
    advisor: list[str] = spec(PLAINS, "Advisor(s).", aliases=("advisors", "supervisor",
                                                               "supervisors"))
    thesis: str | None = spec(TEXT, "Thesis title.", aliases=("dissertation",))
    gpa: str | None = spec(PLAIN, "Grade or GPA.", aliases=("score", "grade"))
    courses: list[str] = spec(TEXTS, "Notable courses.")


@dataclass
class ResearchExperience(Dated):
    """Research experience: internships, visits, projects with a mentor."""

    organization: str = spec(TEXT, "Lab, company or university.",
                             aliases=("lab", "institution", "company", "name"), required=True)
    role: str | None = spec(TEXT, "Role, e.g. 'Intern' or 'Visiting Researcher'.",
                            aliases=("position", "title"))
    mentor: list[str] = spec(PLAINS, "Mentor(s) (shown as 'Mentor: ...').", aliases=("mentors",))
    advisor: list[str] = spec(PLAINS, "Advisor(s) (shown as 'Advisor: ...').",
                              aliases=("advisors", "supervisor", "supervisors"))
    project: str | None = spec(TEXT, "Project worked on.", aliases=("topic",))


@dataclass
class Teaching(Dated):
    """A course taught or assisted."""

    course: str = spec(TEXT, "Course title.", aliases=("title", "name"), required=True)
    code: str | None = spec(PLAIN, "Course code, e.g. 'CSCI 4430'.", aliases=("number",))
    institution: str | None = spec(TEXT, "Where it was taught.",
                                   aliases=("school", "university", "organization"))
    role: str | None = spec(TEXT, "Role, e.g. 'Instructor' or 'Teaching Assistant'.",
                            aliases=("position",))


@dataclass
class Award(Dated):
    """An award, grant, scholarship or honour."""

    title: str = spec(TEXT, "Name of the award.", aliases=("name", "award"), required=True)
    awarder: str | None = spec(TEXT, "Who gave it.", aliases=("by", "issuer", "organization"))


@dataclass
class Service(Dated):
    """Professional service: a role and the venues it was for."""

    role: str = spec(TEXT, "Role, e.g. 'Conference Reviewer' or 'PC Member'.",
                     aliases=("title", "position", "type"), required=True)
    items: list[str] = spec(TEXTS, "Venues or organizations, in order.",
                            aliases=("venues", "conferences", "journals", "for"))
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
    slides: str | None = spec(URL, "Slides: a URL or a path on the site.",
                              aliases=("slidesurl",))
    video: str | None = spec(URL, "Recording of the talk.", aliases=("videourl", "recording"))
    links: list[Link] = spec(LINKS, "Slides, video and other links.", list_default=True)

    def all_links(self) -> list[Link]:
        """Slides and video first, then ``links`` (a URL given twice shows once)."""
        out = [link for link in (make_link(kind, getattr(self, kind))
                                 for kind in ("slides", "video") if getattr(self, kind))
               if link is not None]
        seen = {link.url for link in out}
        return out + [link for link in self.links if link.url not in seen]


@dataclass
class NewsItem(Dated):
    """A dated news line for the homepage."""

    text: str = spec(TEXT, "The news (inline Markdown).", aliases=("title", "news"),
                     required=True)


@dataclass
class Entry(Dated):
    """An entry of a custom section."""

    title: str | None = spec(TEXT, "Main line of the entry.", aliases=("name", "role"))
    organization: str | None = spec(TEXT, "Organization or second line.",
                                    aliases=("subtitle", "institution", "company"))
    links: list[Link] = spec(LINKS, "Links for the entry.", list_default=True)

    @classmethod
    def from_scalar(cls, text: str) -> Entry:
        return cls(title=text)


@dataclass
class Section(Located):
    """A custom section: a heading and plain dated entries."""

    title: str | None = spec(TEXT, "Heading of the section (default: its key, capitalized).",
                             aliases=("heading",))
    entries: list[Entry] = spec(ListOf(Record(Entry), single=False), "The entries.",
                                aliases=("items",))


class Sections(MapOf[Section]):
    """``name: [entries]`` or ``name: {title, entries}``."""

    def __init__(self) -> None:
        super().__init__(Record(Section))
        self.entries = ListOf(Record(Entry), single=False)
        self.expected = "a mapping of section names to entry lists or to {title, entries}"

    def convert(self, node: ys.Node, ctx: Context, path: str) -> Any:
        if not isinstance(node, ys.MappingNode):
            return wrong_type(ctx, node, path, self.expected)
        out: dict[str, Section] = {}
        for name, sub, child in named_items(node, ctx, path):
            section = (Section(entries=self.entries.convert(child, ctx, sub),
                               source=ctx.loc(child))
                       if isinstance(child, ys.SequenceNode)
                       else self.value.convert(child, ctx, sub))
            if section is not INVALID:
                if not section.title:
                    section.title = name.replace("_", " ").capitalize()
                out[name] = section
        return out

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "object", "additionalProperties": {
            "anyOf": [self.entries.json_schema(defs), self.value.json_schema(defs)]}}


# --- publications ------------------------------------------------------------------------

PUB_TYPE = Choice(pubtypes.NAMES, pubtypes.aliases())

# Shorthand link fields beside `links:` (LINK_FIELDS) each become a link of that kind.


def entry_links(entry: Any) -> list[Link]:
    """The links an entry of any section shows, in order (its ``all_links()`` when it
    has shorthand fields, else its ``links``)."""
    all_links = getattr(entry, "all_links", None)
    return list(all_links() if all_links is not None else getattr(entry, "links", []))


@dataclass
class Publication(Located):
    """A publication: paper, preprint, thesis, book, patent...

    ``id`` is the stable key used by interest tags, ``:pub:`` and BibTeX overlay.
    """

    id: str = spec(IDENT, "Stable key (a BibTeX key works), used by interest tags and "
                   "the :pub: role.", aliases=("key", "citekey", "ID"), required=True)
    type: str | None = spec(PUB_TYPE, "Kind of work (BibTeX and CSL type names accepted).",
                            aliases=("entrytype", "ENTRYTYPE", "kind"))
    title: str | None = spec(TEXT, "Title (inline Markdown).", aliases=("name",))
    authors: list[str] = spec(AUTHORS, "Authors in order: a list, or 'A and B' as in BibTeX; "
                              "'Last, First' is accepted. An author may be {name, url, "
                              "note}: note 'equal' (shown *), 'corresponding' (†), "
                              "'student' (underlined) or a free mark; 'Name*' and "
                              "'Name†' say the same. A legend follows the list.",
                              aliases=("author",),
                              list_default=True)
    editors: list[str] = spec(AUTHORS, "Editors, as authors.", aliases=("editor",),
                              list_default=True)
    venue: str | None = spec(TEXT, "Where it appeared: conference, journal, workshop.",
                             aliases=("booktitle", "journal", "container_title",
                                      "journaltitle", "event", "conference", "school",
                                      "institution"))
    year: int | None = spec(Year(), "Year of publication.")
    month: int | None = spec(Month(), "Month (1-12 or a name); orders papers within a year.")
    date: CvDate | None = spec(DATE, "Full date; sets year and month when they are absent.",
                               aliases=("issued", "releaseDate"))
    status: str | None = spec(TEXT, "Publication status, e.g. 'In submission', "
                              "'To appear'.", aliases=("pubstate",))
    publisher: str | None = spec(TEXT, "Publisher.")
    location: str | None = spec(TEXT, "Place: the publisher's city for a book or chapter "
                                "(shown 'Place: Publisher'), the conference's for "
                                "proceedings. BibTeX 'address' or 'location'.",
                                aliases=("address", "place"))
    series: str | None = spec(TEXT, "Book or proceedings series, e.g. 'LNCS'.")
    volume: str | None = spec(PLAIN, "Volume.")
    number: str | None = spec(PLAIN, "Issue or number.", aliases=("issue",))
    pages: str | None = spec(PLAIN, "Pages, e.g. '1-12'.", aliases=("page",))
    doi: str | None = spec(PLAIN, "DOI, e.g. '10.1145/1234567.1234568'.", aliases=("DOI",))
    arxiv: str | None = spec(PLAIN, "arXiv id, e.g. '2509.15552'.",
                             aliases=("eprint", "arXiv"))
    url: str | None = spec(URL, "Main URL of the paper.", aliases=("URL", "link"))
    pdf: str | None = spec(URL, "PDF URL or path.")
    code: str | None = spec(URL, "Code repository.", aliases=("github", "repo"))
    slides: str | None = spec(URL, "Slides.")
    video: str | None = spec(URL, "Video of the talk.")
    poster: str | None = spec(URL, "Poster.")
    project: str | None = spec(URL, "Project page.")
    links: list[Link] = spec(LINKS, "More links: {label: url}.", list_default=True)
    tags: list[str] = spec(TEXTS, "Topics, for selecting papers by tag.",
                           aliases=("keywords", "topics"))
    selected: bool = spec(Bool(), "Show in 'selected publications'.",
                          aliases=("featured", "highlight"), default=False)
    award: str | None = spec(TEXT, "An award the paper won, e.g. 'Best Paper Award'.")
    abstract: str | None = spec(TEXT, "Abstract; shown in an expandable block in HTML.")
    image: str | None = spec(URL, "Thumbnail beside the entry on the web (not in the CV): "
                             "a path relative to the profile, /path from the site's "
                             "folder, or a URL.", aliases=("thumbnail", "teaser"))
    # Not "annote": reference managers keep private reading notes there.
    note: str | None = spec(TEXT, "A note shown after the entry.", aliases=("notes",))
    bibtex: str | None = spec(Text(markdown=False), "BibTeX shown with the entry; "
                              "generated when absent.")

    def check(self, ctx: Context, path: str) -> bool:
        if self.date is not None and not self.date.present:
            self.year = self.year or self.date.year
            self.month = self.month or self.date.month
        if self.type is None:
            self.type = "preprint" if self.arxiv and not self.venue else "misc"
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
        """Every link in display order: shorthand fields first, then ``links``."""
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


# --- the profile -------------------------------------------------------------------------

ORCID = Pattern(r"^(?:https?://orcid\.org/)?\d{4}-\d{4}-\d{4}-\d{3}[\dX]$",
                "an ORCID iD such as 0000-0002-1825-0097")


@dataclass
class Coauthor(Located):
    """A co-author whose name links to their page wherever it appears (author lists on
    every page, publication pages)."""

    name: str = spec(PLAIN, "Their name as author lists give it.", required=True)
    url: str | None = spec(URL, "Their homepage: the name links to it.",
                           aliases=("homepage", "website"))
    orcid: str | None = spec(ORCID, "Their ORCID iD: the name links to orcid.org when no "
                             "url is given.")
    aliases: list[str] = spec(PLAINS, "Other spellings of the name in author lists "
                              "(e.g. 'A. Lovelace').", aliases=("name_variants",))

    def link(self) -> str | None:
        """Where the name links: the homepage, else the ORCID record."""
        if self.url:
            return self.url
        if self.orcid:
            return "https://orcid.org/" + self.orcid.rsplit("/", 1)[-1]
        return None


SECTION_NAMES = ("positions", "education", "research", "teaching", "awards", "service",
                 "talks", "news")
"""Built-in dated sections, in the order a CV usually shows them."""


@dataclass
class Profile(Located):
    """A researcher's profile: everything the homepage and the CV show."""

    person: Person | None = spec(Record(Person), "Name, position, contact and links.",
                                 aliases=("basics",))
    updated: CvDate | None = spec(DATE, "When the CV was last updated ('Updated September "
                                  "2025'); the build date when absent.",
                                  aliases=("last_updated", "lastModified"))
    interests: dict[str, InterestGroup] = spec(Interests(), "Research interests: a topic "
                                               "list, or named groups such as current and "
                                               "past.", aliases=("research_interests",),
                                               default=None)
    positions: list[Position] = spec(ListOf(Record(Position), single=False),
                                     "Work experience.",
                                     aliases=("work", "experience", "employment",
                                              "work_experience"))
    education: list[Education] = spec(ListOf(Record(Education), single=False), "Degrees.")
    research: list[ResearchExperience] = spec(
        ListOf(Record(ResearchExperience), single=False), "Research experience.",
        aliases=("research_experience",))
    publications: list[Publication] = spec(ListOf(Record(Publication), single=False),
                                           "Publications; entries with the id of a BibTeX "
                                           "entry add to or override its fields.",
                                           aliases=("papers",))
    teaching: list[Teaching] = spec(ListOf(Record(Teaching), single=False), "Teaching.")
    awards: list[Award] = spec(ListOf(Record(Award), single=False), "Awards and honours.",
                               aliases=("honors", "honours", "grants"))
    service: list[Service] = spec(ListOf(Record(Service), single=False),
                                  "Professional service.", aliases=("services",))
    talks: list[Talk] = spec(ListOf(Record(Talk), single=False), "Talks.",
                             aliases=("presentations",))
    news: list[NewsItem] = spec(ListOf(Record(NewsItem), single=False), "News items.")
    sections: dict[str, Section] = spec(Sections(), "Further sections of plain entries, "
                                        "by name (e.g. 'students', 'patents').",
                                        default=None)
    bibtex: list[str] = spec(PLAINS, "BibTeX files with more publications, relative to "
                             "the profile.", aliases=("bibtex_files", "bib"))
    people: list[Coauthor] = spec(ListOf(Record(Coauthor), single=False), "Co-authors "
                                  "whose names link to their pages wherever they appear: "
                                  "name, url, orcid and other spellings (aliases).",
                                  aliases=("coauthors",))

    def __post_init__(self) -> None:
        self.interests = self.interests or {}
        self.sections = self.sections or {}

    def section(self, name: str) -> list[Any] | None:
        """The entries of a built-in or custom section, or None if there is no such name."""
        if name in SECTION_NAMES:
            return list(getattr(self, name))
        custom = self.sections.get(name)
        return list(custom.entries) if custom is not None else None

    def publication(self, pub_id: str) -> Publication | None:
        return self.by_id.get(pub_id)

    @property
    def by_id(self) -> dict[str, Publication]:
        cached: dict[str, Publication] | None = self.__dict__.get("_by_id")
        if cached is None or len(cached) != len(self.publications):
            cached = {p.id: p for p in self.publications}
            self.__dict__["_by_id"] = cached
        return cached


PROFILE = Record(Profile, expected="a mapping with keys such as person, publications")
