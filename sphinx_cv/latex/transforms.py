"""LaTeX-only post-transforms: the doctree stays builder-neutral, these adapt it for print."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..config import get_config

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def _cv_classes(node: nodes.Element) -> list[str]:
    classes: list[str] = node.get("classes", [])
    return [c for c in classes if c.startswith("cv-")]


class ClassedParagraphs(SphinxPostTransform):
    """Wrap each ``cv-*`` paragraph in a container of the same classes.

    The LaTeX writer drops a paragraph's classes but opens a ``sphinxuseclass``
    environment for each class of a container, so this lets the CV style
    (sphinxcvstyle.sty) set the name, the dates, the updated line... like the CSS does.
    """

    default_priority = 400
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        for para in list(self.document.findall(nodes.paragraph)):
            classes = _cv_classes(para)
            if classes:
                para["classes"] = [c for c in para["classes"] if c not in classes]
                box = nodes.container(classes=classes)
                para.replace_self(box)
                box += para


class UnbrokenDates(SphinxPostTransform):
    """Let a narrow date column break a range only at its dash (``cv_range_separator``).

    Each side of ``2020 年 9 月 – 2025 年 6 月`` or ``Jan. 2025 – Apr. 2025`` becomes a
    ``cv-nobreak`` inline (an ``\\mbox`` in sphinxcvstyle.sty): xeCJK may otherwise break
    between any two Chinese characters, leaving ``至`` on one line and ``今`` on the next.
    """

    default_priority = 395  # before ClassedParagraphs drops the paragraph's classes
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        dash = get_config(self.config).range_separator
        for para in list(self.document.findall(nodes.paragraph)):
            if (
                not dash.strip()
                or "cv-date" not in para["classes"]
                or len(para.children) != 1
                or not isinstance(para[0], nodes.Text)
            ):
                continue
            parts = para.astext().split(dash)
            para.clear()
            for i, part in enumerate(parts):
                if i:
                    para += nodes.Text(dash)
                para += nodes.inline(part, part, classes=["cv-nobreak"])


class EntryAnchors(SphinxPostTransform):
    """Give each entry with an HTML anchor (``pub-<id>``) a LaTeX one too.

    The LaTeX writer makes labels only for targets and a few node types, not for list
    items, so the ids move to a target at the start of the entry's text, where
    ``:pub:`` links and interest tags land.
    """

    default_priority = 400
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        for item in list(self.document.findall(nodes.list_item)):
            if not item["ids"] or not _cv_classes(item):
                continue
            para = next(item.findall(nodes.paragraph), None)
            if para is not None:
                para.insert(0, nodes.target("", "", ids=item["ids"]))
                item["ids"] = []


CONTACT_CLASSES = ("cv-email", "cv-phone", "cv-website", "cv-link")


class ClassedLinks(SphinxPostTransform):
    """Wrap each contact link in an inline of its classes.

    The LaTeX writer drops a reference's classes; as ``\\DUrole{cv-email}{...}`` a
    design can put an icon before it (sphinxcv-modern.sty). A role no design defines
    prints its text unchanged.
    """

    default_priority = 400
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        for ref in list(self.document.findall(nodes.reference)):
            own: list[str] = ref.get("classes", [])
            classes = [c for c in own if c.startswith(CONTACT_CLASSES)]
            if classes and ref.get("refuri"):
                ref["classes"] = [c for c in ref["classes"] if c not in classes]
                box = nodes.inline(classes=classes)
                ref.replace_self(box)
                box += ref


SIDEBAR_CLASS = "cv-sidebar"
# Sections the sidebar design moves into its column without being marked: the generic
# sections of these names (``.. timeline:: skills``, JSON Resume's skills and languages).
SIDEBAR_SECTIONS = ("skills", "languages")


class SidebarSections(SphinxPostTransform):
    """In the ``sidebar`` design, move the skills and languages sections (and any
    section or directive with the class ``cv-sidebar``) into the narrow column.

    They become a ``cv-sidebar`` container at the end of the CV header, which
    sphinxcv-sidebar.sty typesets in the column; the title turns into a ``cv-side-title``
    paragraph (a ``\\section`` cannot live in a box). The HTML keeps them where they are.
    """

    default_priority = 390  # before ClassedParagraphs wraps the titles

    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        if get_config(self.config).pdf_design != "sidebar":
            return
        header = next(
            (n for n in self.document.findall(nodes.container) if "cv-header" in n["classes"]), None
        )
        if header is None:
            return
        side = nodes.container(classes=[SIDEBAR_CLASS])
        for section in list(self.document.findall(nodes.section)):
            if section.parent is None or not _goes_aside(section):
                continue
            box = nodes.container(classes=["cv-side-section"], ids=section["ids"])
            for child in list(section.children):
                section.remove(child)
                if isinstance(child, nodes.title):
                    child = nodes.paragraph("", "", *child.children, classes=["cv-side-title"])
                box += child
            # An "Updated" line at the end of the moved section stays in the main column.
            updated = [
                c
                for c in box.children
                if isinstance(c, nodes.Element) and "cv-updated" in c["classes"]
            ]
            parent = section.parent
            at = parent.index(section)
            parent.remove(section)
            for i, node in enumerate(updated):
                box.remove(node)
                parent.insert(at + i, node)
            side += box
        if side.children:
            header += side


def _goes_aside(section: nodes.section) -> bool:
    """Whether ``section`` itself (not a subsection of it) belongs in the sidebar."""
    if SIDEBAR_CLASS in section["classes"] or set(section["names"]) & set(SIDEBAR_SECTIONS):
        return True
    marks = {SIDEBAR_CLASS, *(f"cv-timeline-{name}" for name in SIDEBAR_SECTIONS)}
    return any(
        marks & set(n["classes"]) and _section_of(n) is section
        for n in section.findall(nodes.container)
    )


def _section_of(node: nodes.Node) -> nodes.Node | None:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.section):
        parent = parent.parent
    return parent


class DropEmptySections(SphinxTransform):
    """In a CV variant (``cv_pdf_variant``), drop the sections its tags left empty:
    nothing but a title (and targets) once the directives have run."""

    default_priority = 800

    def apply(self, **kwargs: object) -> None:
        if get_config(self.config).variant is None:
            return
        for section in reversed(list(self.document.findall(nodes.section))):
            parent = section.parent
            if parent is None or isinstance(parent, nodes.document):
                continue  # the page's own title
            body = [
                c
                for c in section.children
                if not isinstance(c, nodes.title | nodes.target | nodes.comment)
            ]
            # The "Updated" line at the end of the last section outlives its section.
            updated = [
                c for c in body if isinstance(c, nodes.Element) and "cv-updated" in c["classes"]
            ]
            if len(body) == len(updated):
                at = parent.index(section)
                parent.remove(section)
                for i, node in enumerate(updated):
                    section.remove(node)
                    parent.insert(at + i, node)


class AbsoluteLinks(SphinxPostTransform):
    """Profile links relative to the site (``/files/paper.pdf``) lead nowhere from a PDF:
    resolve them against ``html_baseurl``, else the profile's website."""

    default_priority = 400
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        base = self.base_url()
        if not base:
            return
        for ref in self.document.findall(nodes.reference):
            uri = ref.get("refuri", "")
            if uri and not _SCHEME.match(uri) and not uri.startswith("#") and _in_cv(ref):
                ref["refuri"] = urljoin(base.rstrip("/") + "/", uri)

    def base_url(self) -> str:
        if self.config.html_baseurl:
            return str(self.config.html_baseurl)
        from ..profile_facts import profile_facts

        facts = profile_facts(self.env.doctreedir, get_config(self.config))
        person = facts.person if facts is not None else None
        return (person.website or "") if person is not None else ""


def _in_cv(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.Element) and _cv_classes(parent):
            return True
        parent = parent.parent
    return False
