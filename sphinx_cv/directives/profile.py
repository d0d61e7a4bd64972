"""``cv-header`` and ``profile-card``: name, position, affiliation, contact, photo, bio;
``cv-updated``: the 'Updated September 2025' line; the ``cv-link`` role."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, cast

from docutils import nodes
from sphinx.util.docutils import SphinxRole
from sphinx.util.osutil import relative_uri

from ..config import get_config
from ..data.dates import CvDate
from ..data.files import check_file
from ..data.links import kind_of
from ..data.loader import local_path
from ..data.problems import Subtype
from ..data.profile import Person
from ..locale import cv_text
from ..logging_ import warn
from ..render.dates import date_values
from ..render.text import inline_nodes, link
from .common import CvDirective, OptionSpec, words, yes_no

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..domain import CvDomain

SEP = " · "


@dataclass(frozen=True)
class Contact:
    """One way to reach the person: ``source`` is email, phone, website or link."""

    source: str
    kind: str
    text: str
    url: str


def contact_items(person: Person) -> list[Contact]:
    """E-mails, phones, website and links, in that order."""
    items = [Contact("email", "email", email, f"mailto:{email}") for email in person.email]
    for phone in person.phone:
        tel = "tel:" + "".join(c for c in phone if c.isdigit() or c == "+")
        items.append(Contact("phone", "phone", phone, tel))
    if person.website:
        shown = person.website.split("://", 1)[-1].rstrip("/")
        items.append(Contact("website", "website", shown, person.website))
    items += [Contact("link", item.kind, item.label, item.url) for item in person.links]
    return items


def contact_nodes(person: Person, kinds: list[str] | None) -> list[nodes.Node]:
    """E-mails, phones, website and links (those of ``kinds``), separated by middle dots."""
    parts: list[nodes.Node] = []
    for item in contact_items(person):
        if item.source != "link":
            text = item.text.replace(" ", "\u00a0") if item.source == "phone" else item.text
            parts.append(link(text, item.url, f"cv-{item.source}"))
        elif kinds is None or item.kind in kinds or item.text.lower() in kinds:
            parts.append(link(item.text, item.url, "cv-link", f"cv-link-{item.kind}"))
    out: list[nodes.Node] = []
    for i, part in enumerate(parts):
        if i:
            out.append(nodes.inline(SEP, SEP, classes=["cv-sep"]))
        out.append(part)
    return out


class CvHeader(CvDirective):
    """The CV header: name, position, affiliation lines and a contact line."""

    option_spec: ClassVar[OptionSpec] = {
        "identity": yes_no,
        "photo": yes_no,
        "bio": yes_no,
        "contact": yes_no,
        "links": words,
        "class": words,
    }
    option_help: ClassVar[dict[str, str]] = {
        **CvDirective.option_help,
        "identity": "Show the name, position, affiliation and location lines (default: "
        "yes); ``no`` avoids repeating the ``sphinx_cv`` theme's author column.",
        "photo": "Show ``person.photo`` (default: no).",
        "bio": "Show ``person.bio`` (default: no).",
        "contact": "Show the contact line: e-mail, phone, website, links (default: yes).",
        "links": "Only these links in the contact line, by kind or label "
        "(e.g. ``github, orcid, scholar``); default: all.",
    }
    defaults: ClassVar[dict[str, bool]] = {"photo": False, "bio": False, "contact": True}
    css_class = "cv-header"
    profile_parts = ("person",)

    def run(self) -> list[nodes.Node]:
        profile = self.profile()
        if profile is None:
            return []
        person = profile.person
        if person is None:
            self.warn("the profile has no 'person' section", Subtype.REQUIRED)
            return []
        opt = {**self.defaults, **self.options}
        box = nodes.container(classes=[self.css_class, *opt.get("class", [])])
        if opt["photo"] and person.photo:
            box += self.photo(person)
        if opt.get("identity", True):
            box += self.identity(person)
        if opt["contact"]:
            kinds = [kind_of(k) or k.lower() for k in opt["links"]] if "links" in opt else None
            contact = contact_nodes(person, kinds)
            if contact:
                box += nodes.paragraph("", "", *contact, classes=["cv-contact"])
        if opt["bio"] and person.bio:
            box += nodes.paragraph("", "", *inline_nodes(person.bio), classes=["cv-bio"])
        return [box]

    @staticmethod
    def identity(person: Person) -> list[nodes.Node]:
        """Name, position, affiliation and location lines."""
        lines: list[nodes.Node] = [nodes.paragraph(person.name, person.name, classes=["cv-name"])]
        if person.position:
            lines.append(
                nodes.paragraph("", "", *inline_nodes(person.position), classes=["cv-position"])
            )
        for line in person.affiliation:
            lines.append(nodes.paragraph("", "", *inline_nodes(line), classes=["cv-affiliation"]))
        if person.location:
            lines.append(
                nodes.paragraph("", "", *inline_nodes(person.location), classes=["cv-location"])
            )
        return lines

    def photo(self, person: Person) -> list[nodes.Node]:
        """The photo as an image, or nothing when its file may not be read (the loader
        reported why and dropped it; this is the last guard before Sphinx copies it)."""
        uri = person.photo or ""
        profile_dir = os.path.dirname(self.cv.profile_path)
        local = local_path(uri, str(self.env.srcdir), profile_dir)
        if local is not None:
            try:
                check_file(local, (str(self.env.srcdir), profile_dir))
            except OSError:
                return []
            # Images are resolved relative to the document; "/" is the source folder.
            uri = "/" + os.path.relpath(local, self.env.srcdir).replace(os.sep, "/")
        return [nodes.image(uri=uri, alt=person.name, classes=["cv-photo"])]


class ProfileCard(CvHeader):
    """The homepage card: like the CV header, with photo and bio, and a link to the CV
    as PDF when ``cv_pdf_url`` is set."""

    option_help: ClassVar[dict[str, str]] = {
        **CvHeader.option_help,
        "photo": "Show ``person.photo`` (default: yes).",
        "bio": "Show ``person.bio`` (default: yes).",
    }
    defaults: ClassVar[dict[str, bool]] = {"photo": True, "bio": True, "contact": True}
    css_class = "cv-profile-card"

    def run(self) -> list[nodes.Node]:
        out = super().run()
        if out and self.cv.pdf_url:
            parts: list[nodes.Node] = [
                link(cv_text(PDF_LINK_TEXT), self.cv.pdf_url, PDF_LINK_CLASS)
            ]
            for text, url in self.cv.pdf_links.items():  # the other CV variants
                parts += [
                    nodes.inline(SEP, SEP, classes=["cv-sep"]),
                    link(text, url, PDF_LINK_CLASS),
                ]
            box = out[0]
            assert isinstance(box, nodes.Element)
            box += nodes.paragraph("", "", *parts, classes=["cv-pdf"])
        return out


PDF_LINK_TEXT = "Download CV (PDF)"
PDF_LINK_CLASS = "cv-pdf-link"


def resolve_pdf_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: make the site-relative ``cv_pdf_url`` relative to each page
    (any depth, html or dirhtml). Outside HTML, where the site's files are not beside
    the page, a relative link is left out."""
    if not get_config(app).pdf_url:  # then no page has the link: skip the walk
        return
    for ref in list(doctree.findall(nodes.reference)):
        if PDF_LINK_CLASS not in ref["classes"]:
            continue
        url = ref.get("refuri", "")
        if "://" in url or url.startswith(("/", "mailto:", "#")):
            continue  # absolute: right from every page and in every format
        if app.builder.format == "html":
            ref["refuri"] = relative_uri(app.builder.get_target_uri(docname), url)
        elif isinstance(ref.parent, nodes.paragraph) and ref.parent.parent is not None:
            ref.parent.parent.remove(ref.parent)


class CvUpdated(CvDirective):
    """``Updated September 2025`` from the profile's ``updated`` or the build date."""

    profile_parts = ("updated",)
    option_spec: ClassVar[OptionSpec] = {"class": words}

    def run(self) -> list[nodes.Node]:
        profile = self.profile()
        text = updated_text(
            self.cv.updated_format,
            profile.updated if profile is not None else None,
            self.cv.language,
        )
        return [nodes.paragraph(text, text, classes=["cv-updated", *self.options.get("class", [])])]


def updated_text(template: str, date: CvDate | None, language: str = "en") -> str:
    """The profile's ``updated`` date in ``template`` (translated when it is the
    default), or free text as written, or the build date."""
    if date is not None and date.year and not date.present and not date.is_free_text:
        return date_text(template, date.year, date.month, language)
    if date is not None and date.is_free_text:
        return date.text
    today = build_date()
    return date_text(template, today.year, today.month, language)


def build_date() -> dt.date:
    """Today, or SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


def date_text(template: str, year: int, month: int | None, language: str = "en") -> str:
    values = date_values(year, month, None, language, "yMMMM")
    try:
        return " ".join(cv_text(template).format(**values).split())
    except (KeyError, IndexError, ValueError):
        return f"Updated {values['month']} {year}".replace("  ", " ")


class CvLinkRole(SphinxRole):
    """``:cv-link:`text <kind>``` links to the profile's link of that kind (``scholar``,
    ``github``, ``orcid``, ``website``, ``email``...) or label."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        text, _, target = self.text.rpartition("<")
        target = target.rstrip(">").strip() if text else self.text.strip()
        text = text.strip()
        cv_dir = cast("CvDomain", self.env.get_domain("cv"))
        from ..config import get_config

        cv = get_config(self.config)
        if not os.path.exists(cv.profile_path):
            self.env.note_dependency(cv.profile_path)  # creating it rebuilds this page
            warn(
                f"cv-link: profile not found: {cv.profile_path}", Subtype.FILE, self.get_location()
            )
            return [nodes.Text(text or target)], []
        result = cv_dir.load()
        cv_dir.note_use(self.env.docname, result, ("person",))
        person = result.profile.person
        url = None
        label = None
        if person is not None:
            kind = kind_of(target) or target.lower()
            for item in person.links:
                if item.kind == kind or item.label.lower() == target.lower():
                    url, label = item.url, item.label
                    break
            if url is None and kind == "website" and person.website:
                url, label = person.website, person.website
            if url is None and kind == "email" and person.email:
                url, label = f"mailto:{person.email[0]}", person.email[0]
        if url is None:
            warn(
                f"cv-link: the profile has no link '{target}'",
                Subtype.UNKNOWN_REF,
                self.get_location(),
            )
            return [nodes.Text(text or target)], []
        return [link(text or label or url, url, "cv-link")], []
