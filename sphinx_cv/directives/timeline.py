"""``timeline``: a dated section of the profile as entries with the dates to one side."""

from __future__ import annotations

from functools import singledispatch
from typing import ClassVar, NamedTuple

from docutils import nodes

from ..data.entries import (
    Award,
    Dated,
    Education,
    Entry,
    NewsItem,
    Position,
    ResearchExperience,
    Service,
    Talk,
    Teaching,
    default_section_title,
)
from ..data.linklist import entry_links
from ..data.links import Link
from ..data.problems import Subtype
from ..data.sections import BY_KEY, DATED_SECTIONS, section_list
from ..locale import cv_text
from ..render.dates import format_range
from ..render.text import inline_nodes, link, link_label, sentence
from .common import CvDirective, OptionSpec, choice, positive_int, words, yes_no


def _line(*parts: nodes.Node | str | None, sep: str = ", ") -> list[nodes.Node]:
    """Non-empty parts joined by ``sep``; strings are inline Markdown."""
    out: list[nodes.Node] = []
    for part in parts:
        if part is None or part == "":
            continue
        if out:
            out.append(nodes.Text(sep))
        if isinstance(part, str):
            out.extend(inline_nodes(part))
        else:
            out.append(part)
    return out


def _strong(text: str | None) -> nodes.Node | None:
    if not text:
        return None
    node = nodes.strong("", "")
    node.extend(inline_nodes(text))
    return node


def _people(label: str, names: list[str]) -> nodes.paragraph | None:
    if not names:
        return None
    para = nodes.paragraph(classes=["cv-detail"])
    label = cv_text(label) + cv_text(": ")
    para += nodes.inline(label, label, classes=["cv-detail-label"])
    para += nodes.Text(cv_text(", ").join(names))
    return para


def _detail(label: str, text: str | None) -> nodes.paragraph | None:
    if not text:
        return None
    para = nodes.paragraph(classes=["cv-detail"])
    label = cv_text(label) + cv_text(": ")
    para += nodes.inline(label, label, classes=["cv-detail-label"])
    para.extend(inline_nodes(text))
    return para


class Headline(NamedTuple):
    """An entry's main line, its detail paragraphs, and whether the line ends with a
    period when it is not a sentence already (an education's ends with its place)."""

    head: list[nodes.Node]
    details: list[nodes.Node | None]
    period: bool = True


@singledispatch
def headline(entry: Dated) -> Headline:
    """The main line of an entry and its detail paragraphs: one renderer per record type
    (registered below); a record type with none shows no line."""
    return Headline([], [])


@headline.register
def _education(entry: Education) -> Headline:
    head = _line(_strong(entry.institution), entry.location)
    degree = _line(entry.degree, entry.field)
    extra: list[nodes.Node | None] = [
        nodes.paragraph("", "", *degree, classes=["cv-detail"]) if degree else None,
        _people("Advisor", entry.advisor),
        _detail("Thesis", entry.thesis),
        _detail("GPA", entry.gpa),
        _detail("Courses", ", ".join(entry.courses) if entry.courses else None),
    ]
    return Headline(head, extra, period=False)


@headline.register
def _position(entry: Position) -> Headline:
    return Headline(
        _line(_strong(entry.position), entry.department, entry.organization, entry.location), []
    )


@headline.register
def _research(entry: ResearchExperience) -> Headline:
    head = _line(
        _strong(entry.role) if entry.role else None,
        entry.organization if entry.role else _strong(entry.organization),
        entry.location,
    )
    return Headline(
        head,
        [
            _people("Mentor", entry.mentor),
            _people("Advisor", entry.advisor),
            _detail("Project", entry.project),
        ],
    )


@headline.register
def _teaching(entry: Teaching) -> Headline:
    course = _line(entry.code, _strong(entry.course), sep=" ")
    head = _line(
        entry.institution,
        nodes.inline("", "", *course) if course else None,
        entry.role,
        entry.location,
        sep=", ",
    )
    return Headline(head, [])


@headline.register
def _award(entry: Award) -> Headline:
    return Headline(_line(_strong(entry.title), entry.awarder, entry.location), [])


@headline.register
def _service(entry: Service) -> Headline:
    line: list[nodes.Node] = [_strong(entry.role) or nodes.Text("")]
    if entry.items:
        line.append(nodes.Text(": "))
        line.extend(_line(*entry.items))
    for where in (entry.organization, entry.location):
        if where:
            line.extend([nodes.Text(", "), *inline_nodes(where)])
    return Headline(line, [])


@headline.register
def _talk(entry: Talk) -> Headline:
    return Headline(_line(_strong(entry.title), entry.event, entry.location), [])


@headline.register
def _news(entry: NewsItem) -> Headline:
    return Headline(inline_nodes(entry.text), [])


@headline.register
def _entry(entry: Entry) -> Headline:
    return Headline(_line(_strong(entry.title), entry.organization, entry.location), [])


def _ends_sentence(parts: list[nodes.Node]) -> bool:
    text = "".join(p.astext() for p in parts)
    return sentence(text) == text


def entry_year(entry: Dated) -> int | None:
    """The year an entry is listed under: its date's, else its start's (None when
    undated or free text without a year)."""
    start, _ = entry.when
    return start.year if start is not None and start.year else None


def group_by_year(entries: list[Dated]) -> list[tuple[int | None, list[Dated]]]:
    """Consecutive runs of one year, in the order given (sort first for one group per
    year); undated entries gathered at the end."""
    groups: list[tuple[int | None, list[Dated]]] = []
    undated = []
    for entry in entries:
        year = entry_year(entry)
        if year is None:
            undated.append(entry)
        elif groups and groups[-1][0] == year:
            groups[-1][1].append(entry)
        else:
            groups.append((year, [entry]))
    return groups + ([(None, undated)] if undated else [])


class Timeline(CvDirective):
    """Entries of one dated section (a built-in one of :data:`.sections.SECTIONS` or a
    custom section) with their dates."""

    required_arguments = 1
    option_spec: ClassVar[OptionSpec] = {
        "sort": choice("none", "newest", "oldest"),
        "limit": positive_int,
        "dates": yes_no,
        "group-by": choice("none", "year"),
        "heading": yes_no,
        "class": words,
    }
    option_help: ClassVar[dict[str, str]] = {
        **CvDirective.option_help,
        "sort": "Order by date: as written in the profile (none, default), newest or oldest first.",
        "limit": "Show at most this many entries.",
        "dates": "Show the date column (default: yes when any entry has a date).",
        "group-by": "Group the entries under a heading per year (``year``; undated ones "
        "last, under none) or not at all (``none``, default).",
        "heading": "Show the section's title above it: a custom section's ``title``, or "
        "its name capitalized (default: no, as the page has its own heading).",
    }
    argument_help: ClassVar[str] = (
        f"SECTION: {section_list(DATED_SECTIONS)}, or the name of a section under ``sections``."
    )

    def parts(self) -> tuple[str, ...]:
        name = self.arguments[0].strip()
        return (name,) if name in DATED_SECTIONS else ("sections",)

    def run(self) -> list[nodes.Node]:
        return self.adopt(self.make())

    def make(self) -> list[nodes.Node]:
        profile = self.profile()
        if profile is None:
            return []
        name = self.arguments[0].strip()
        entries = profile.section(name)
        if entries is None:
            known = ", ".join([*DATED_SECTIONS, *profile.sections])
            self.warn(
                f"no section '{name}' in the profile; expected one of {known}", Subtype.DIRECTIVE
            )
            return []
        entries = [e for e in entries if self.cv.keeps(e.tags)]
        if not entries and self.cv.variant is not None:
            return []  # this variant keeps nothing here: its section is dropped
        sort = self.options.get("sort", "none")
        if sort != "none":
            entries.sort(key=lambda e: e.sort_key(), reverse=sort == "newest")
        if "limit" in self.options:
            entries = entries[: self.options["limit"]]
        dated = any(e.when != (None, None) for e in entries)
        show_dates = self.options.get("dates", dated)
        root = nodes.container(
            classes=[
                "cv-timeline",
                f"cv-timeline-{name}",
                "cv-dated" if show_dates else "cv-undated",
                *self.options.get("class", []),
            ]
        )
        if self.options.get("group-by", "none") == "year":
            for year, group in group_by_year(entries):
                if year is not None:
                    root += nodes.rubric(str(year), str(year), classes=["cv-group-title"])
                box = nodes.container(classes=["cv-timeline-group"])
                box.extend(self.entry(entry, show_dates) for entry in group)
                root += box
        else:
            for entry in entries:
                root += self.entry(entry, show_dates)
        if not self.options.get("heading", False):
            return [root]
        section = profile.sections.get(name)
        builtin = BY_KEY.get(name)
        title = (
            section.title
            if section is not None and section.title
            else builtin.title
            if builtin is not None
            else default_section_title(name)
        )
        return [nodes.rubric("", "", *inline_nodes(title), classes=["cv-section-title"]), root]

    def entry(self, entry: Dated, show_dates: bool) -> nodes.container:
        box = nodes.container(classes=["cv-entry"])
        if show_dates:
            start, end = entry.when
            when = format_range(start, end, self.cv)
            box += nodes.paragraph(when, when, classes=["cv-date"])
        body = nodes.container(classes=["cv-entry-body"])
        head, details, period = headline(entry)
        if head:
            if period and not _ends_sentence(head):
                head.append(nodes.Text("."))
            body += nodes.paragraph("", "", *head, classes=["cv-entry-title"])
        for para in details:
            if para is not None:
                body += para
        if entry.summary:
            body += nodes.paragraph("", "", *inline_nodes(entry.summary), classes=["cv-summary"])
        if entry.highlights:
            bullets = nodes.bullet_list(classes=["cv-highlights"])
            for text in entry.highlights:
                bullets += nodes.list_item("", nodes.paragraph("", "", *inline_nodes(text)))
            body += bullets
        links = entry_links(entry)
        if entry.url:
            links.insert(0, Link("Link", entry.url, "url"))
        if links:
            para = nodes.paragraph(classes=["cv-entry-links"])
            for i, item in enumerate(links):
                if i:
                    para += nodes.Text(" · ")
                para += link(link_label(item.label), item.url, "cv-link", f"cv-link-{item.kind}")
            body += para
        box += body
        return box
