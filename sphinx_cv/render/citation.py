"""A publication as citation nodes: authors (own name in bold), title, venue, year,
status, award, note and links."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable

from docutils import nodes

from ..data.authors import AUTHOR_NOTES
from ..data.links import is_safe_link
from ..data.profile import Profile
from ..data.publication import Publication
from ..data.publist import fold
from ..data.pubtypes import pub_type
from ..locale import cv_text
from .text import ends_with_punct, inline, inline_nodes, link, link_label, merge_text

NBSP = "\u00a0"


@functools.lru_cache(maxsize=8192)  # co-authors recur across a publication list
def name_key(name: str) -> str:
    """Match names ignoring case, accents, dots and marks such as ``*`` or ``†``."""
    return fold(re.sub(r"[*†‡§¶#.]", " ", name))


def author_nodes(
    authors: list[str], own: set[str], link_for: Callable[[str], str | None] | None = None
) -> list[nodes.Node]:
    """``A, B, and C`` with the owner's name(s) in strong; a name never breaks a line.
    ``link_for`` gives a name's URL (a co-author's page), if any."""
    # Separators and names shown as they are go in as text: merge_text() makes each
    # run one node, with no node for each piece (a long list has thousands).
    out: list[nodes.Node | str] = []
    n = len(authors)
    # The separators in the language built (，in Chinese, 、 in Japanese, und, et...).
    comma, both, last = cv_text(", "), cv_text(" and "), cv_text(", and ")
    for i, name in enumerate(authors):
        if i:
            if n == 2:
                out.append(both)
            elif i == n - 1 and name != "et al.":
                out.append(last)
            elif name == "et al.":
                out.append(" ")
            else:
                out.append(comma)
        url = link_for(name) if link_for is not None else None
        shown, is_own = name.replace(" ", NBSP), name_key(name) in own
        if is_own or url or author_notes(name):
            out += named_author(shown, name, is_own, url)
        else:
            out.append(shown)  # what named_author would make a Text node of
    return merge_text(out)


def named_author(text: str, name: str, is_own: bool, url: str | None) -> list[nodes.Node]:
    """``text`` (author ``name`` as shown) in bold when it is the owner's, underlined
    for a student, linked to ``url``, then the marks of its other notes (``*``, ``†``):
    the same in the default format, a CSL style's and the collapsed lists."""
    node: nodes.Node = nodes.strong(text, text, classes=["cv-me"]) if is_own else nodes.Text(text)
    notes = author_notes(name)
    if "student" in notes:  # underlined, as the BibTeX files mark students
        node = nodes.inline("", "", node, classes=["cv-underline", "cv-student"])
    if url:
        node = nodes.reference("", "", node, refuri=url, classes=["cv-coauthor"])
    marks = "".join(AUTHOR_NOTES.get(n, n) for n in notes if n != "student")
    if marks:
        return [node, nodes.superscript(marks, marks, classes=["cv-author-note"])]
    return [node]


def author_notes(name: str) -> tuple[str, ...]:
    """The notes an author carries (``equal``, ``corresponding``, ``student``, a mark)."""
    return getattr(name, "notes", ())


def notes_legend(pubs: Iterable[Publication]) -> nodes.paragraph | None:
    """``* equal contribution, † corresponding author, student`` (underlined) for the
    notes the authors of ``pubs`` carry; None when none does. Free marks are shown as
    written and have no line here (their meaning is the user's)."""
    used = {note for pub in pubs for name in pub.authors for note in author_notes(name)}
    words = {
        "equal": cv_text("equal contribution"),
        "corresponding": cv_text("corresponding author"),
        "student": cv_text("student"),
    }
    parts: list[nodes.Node] = []
    for note in words:
        if note not in used:
            continue
        if parts:
            parts.append(nodes.Text(cv_text(", ")))
        if note == "student":
            parts.append(nodes.inline("", words[note], classes=["cv-underline", "cv-student"]))
        else:
            mark = AUTHOR_NOTES[note]
            parts += [
                nodes.superscript(mark, mark, classes=["cv-author-note"]),
                nodes.Text(f" {words[note]}"),
            ]
    if not parts:
        return None
    return nodes.paragraph("", "", *parts, classes=["cv-author-notes"])


def unbolded_own(pubs: Iterable[Publication], own: set[str], owner: str) -> list[str]:
    """Author names with the owner's surname and first initial that are not shown as the
    owner ("Smith, J" for "John A. Smith"): probably the owner, under a spelling the
    name variants lack."""
    words = name_key(owner).split()
    if len(words) < 2:
        return []
    surname, initial = words[-1], words[0][0]
    found: dict[str, None] = {}
    for pub in pubs:
        for name in pub.authors:
            key = name_key(name).split()
            if (
                len(key) > 1
                and key[-1] == surname
                and key[0][0] == initial
                and name_key(name) not in own
            ):
                found.setdefault(name)
    return list(found)


def author_url(name: str) -> str | None:
    """The page an author given as ``{name: ..., url: ...}`` links to."""
    return getattr(name, "url", None)


def coauthor_links(profile: Profile) -> dict[str, str]:
    """Co-author name (matched like the owner's) -> the link the profile gives: the
    ``people:`` table (each name and alias) and, for older profiles, a link labelled with
    the name (``links: {Charles Babbage: https://...}``)."""
    found: dict[str, str] = {}
    for person in profile.people:
        url = person.link()
        if url and is_safe_link(url):
            for name in (person.name, *person.aliases):
                found.setdefault(name_key(name), url)
    if profile.person is not None:
        for item in profile.person.links:
            if item.url.startswith(("http://", "https://")):
                found.setdefault(name_key(item.label), item.url)
    return found


def coauthor_link_for(profile: Profile) -> Callable[[str], str | None]:
    """A name's link on a list page: the one given with the name in this entry
    (``{name: ..., url: ...}``), else the people table's."""
    links = coauthor_links(profile)
    return lambda name: author_url(name) or links.get(name_key(name))


def venue_text(pub: Publication) -> str:
    """Where and when, e.g. ``In IEEE/CVF CVPR, 2024`` or ``arXiv preprint arXiv:... (2025)``.

    As a citation style shows them: a journal's volume(number):pages; a proceedings' or
    book's editors, series, volume, pages and publisher; a report's or preprint's number
    (``CoRR abs/2203.16110``); the place of a proceedings after its title (where the
    conference was), of any other non-journal as the publisher's (``Place: Publisher``).
    Parts the venue already says are not repeated.
    """
    year = str(pub.year) if pub.year else ""
    venue = pub.venue or ""
    kind = pub_type(pub.type)
    if kind.arxiv and not venue and pub.arxiv:
        venue = f"arXiv preprint arXiv:{re.sub(r'^arxiv:', '', pub.arxiv, flags=re.I)}"
    if kind.shows_degree:
        degree = thesis_kind(pub)
        venue = f"{degree}, {venue}" if degree and venue else degree or venue
    if kind.numbered and venue:
        number = pub.number or pub.volume or ""
        if number and number not in venue:
            venue = f"{venue} {number}"
        place = (pub.location or "").rstrip(" ,;:")
        if kind.shows_place and place and place not in venue:
            venue = f"{venue}, {place}"  # the institution's place, as styles give it
        return f"{venue} ({year})" if year and year not in venue else venue
    # Trailing punctuation in the data ("Physics,") never doubles up with ours.
    venue = venue.rstrip(" ,;:")
    parts = [venue] if venue else []
    place = (pub.location or "").rstrip(" ,;:")
    if place and (not kind.shows_place or place in venue):
        place = ""  # a journal's address is its publisher's: styles leave it out
    if place and kind.event_place:
        parts.append(place)  # where the conference was, after its name
        place = ""
    if kind.periodical:
        detail = pub.volume or ""
        if pub.number:
            detail += f"({pub.number})"
        if pub.pages:
            detail += (":" if detail else "pp. ") + pub.pages
        if detail:
            parts.append(detail)
    else:
        if pub.editors:
            names = _and(pub.editors)
            parts.append(f"{names} ({'eds.' if len(pub.editors) > 1 else 'ed.'})")
        for value, label in (
            (pub.series, ""),
            (pub.volume, "vol. "),
            (pub.number, "no. "),
            (pub.pages, "pp. "),
        ):
            if value and value not in venue:
                parts.append(label + value)
    if pub.publisher and kind.shows_publisher and pub.publisher not in venue:
        parts.append(f"{place}: {pub.publisher}" if place else pub.publisher)
    elif place:
        parts.append(place)
    if year and year not in venue:
        parts.append(year)
    text = ", ".join(p.rstrip(" ,;:") for p in parts if p.rstrip(" ,;:"))
    if venue and kind.cited_in:
        text = cv_text("In") + " " + text
    return text


_ENTRY_TYPE = re.compile(r"^\s*@\s*(\w+)")
_TYPE_FIELD = re.compile(r"\btype\s*=\s*[{\"]([^}\"]+)", re.I)
THESIS_KINDS = {
    "phdthesis": "Ph.D. thesis",
    "mastersthesis": "Master's thesis",
    "masterthesis": "Master's thesis",
    "bachelorthesis": "Bachelor's thesis",
}


def thesis_kind(pub: Publication) -> str | None:
    """``Ph.D. thesis`` or ``Master's thesis``, from the BibTeX entry it came from (its
    ``type`` field first, as BibTeX styles do); None when not known."""
    source = pub.bibtex or ""
    given = _TYPE_FIELD.search(source)
    if given:
        return given.group(1).strip()
    entry = _ENTRY_TYPE.match(source)
    kind = THESIS_KINDS.get(entry.group(1).lower()) if entry else None
    return cv_text(kind) if kind else None


def _and(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return cv_text(", ").join(names[:-1]) + cv_text(" and ") + names[-1]


def citation_nodes(
    pub: Publication,
    own: set[str],
    show_status: bool = True,
    link_for: Callable[[str], str | None] = author_url,
) -> list[nodes.Node]:
    """The body of one entry (without its label); ``link_for`` gives a co-author's link."""
    out: list[nodes.Node | str] = []
    if pub.authors:
        span = nodes.inline("", "", classes=["cv-pub-authors"])
        span.extend(author_nodes(pub.authors, own, link_for))
        out.append(span)
        last = pub.authors[-1]
        out.append(" " if ends_with_punct(last) else ". ")
    title = pub.title or pub.id
    title_node = inline(title, "cv-pub-title")
    out.append(title_node)
    out.append("" if ends_with_punct(title) else ".")
    venue = venue_text(pub)
    if venue:
        out.append(" ")
        out.append(inline(venue, "cv-pub-venue"))
        out.append("" if ends_with_punct(venue) else ".")
    if show_status and pub.status:
        out.append(" ")
        out.append(inline(pub.status, "cv-pub-status"))
        out.append("" if ends_with_punct(pub.status) else ".")
    out += extra_nodes(pub)
    return merge_text(out)


def extra_nodes(pub: Publication) -> list[nodes.Node]:
    """What follows the citation in every format: award, note, links."""
    out: list[nodes.Node | str] = []
    if pub.award:
        out.append(" ")
        award = nodes.strong("", "", classes=["cv-pub-award"])
        award.extend(inline_nodes(pub.award))
        out.append(award)
    if pub.note:
        out.append(" ")
        out.append(inline(pub.note, "cv-pub-note"))
    links = pub.all_links()
    if links:
        parts: list[nodes.Node | str] = []
        for item in links:
            parts.append(" [")
            parts.append(link(link_label(item.label), item.url, "cv-link", f"cv-link-{item.kind}"))
            parts.append("]")
        span = nodes.inline("", "", classes=["cv-pub-links"])
        span.extend(merge_text(parts))
        out.append(span)
    return merge_text(out)


def own_names(names: Iterable[str]) -> set[str]:
    return {name_key(n) for n in names if n.strip()}
