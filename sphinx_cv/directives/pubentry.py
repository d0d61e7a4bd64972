"""One publication of a ``publication-list`` as nodes: what the directive builds for each
entry, and what :mod:`sphinx_cv.fragments` builds again, at write time, for an entry the
directive left as a placeholder. Both make an :class:`EntryMaker` from the same list
settings (:func:`entry_maker`), so the two give the same tree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..config import CvConfig
from ..data.metrics import Metric
from ..data.problems import Subtype
from ..data.profile import Profile
from ..data.publication import Publication
from ..locale import cv_text
from ..nodes import cv_details
from ..render.citation import citation_nodes, coauthor_link_for, extra_nodes, own_names
from ..render.text import inline_nodes
from ..web.browse import mark_long_authors, tag_slug
from ..web.metrics import cited_nodes, load_metrics
from ..web.pubpages import PAGE_ATTR, PAGES_DIR, page_slug
from ..web.thumbs import thumbnail

if TYPE_CHECKING:
    from citeproc import CitationStylesStyle

Warn = Callable[[str, Subtype], None]


def list_names(cv: CvConfig, profile: Profile, extra: list[str] | None = None) -> list[str]:
    """The spellings of the owner's name a list sets in bold."""
    names = list(cv.name_variants) + list(extra or [])
    if profile.person is not None:
        names += [profile.person.name, *profile.person.name_variants]
    return names


def list_style(
    name: str, cv: CvConfig, warn: Warn, note_dependency: Callable[[str], None]
) -> CitationStylesStyle | None:
    """The parsed CSL style ``name``, or None for sphinx-cv's own format."""
    name = name.strip()
    if name in ("", "default"):
        return None
    from ..render.csl import StyleError, load_style, style_path

    try:
        style = load_style(name, cv.confdir, cv.srcdir)
    except StyleError as exc:
        warn(f"{exc}; using the default format", Subtype.CONFIG)
        return None
    if name.endswith(".csl"):
        note_dependency(style_path(name, cv.confdir))
    return style


@dataclass
class EntryMaker:
    """What every entry of one list is built with."""

    cv: CvConfig
    profile: Profile
    style: CitationStylesStyle | None
    names: list[str]
    own: set[str]
    link_for: Callable[[str], str | None]
    metrics: Mapping[str, Metric]
    filtered: bool
    show_status: bool
    abstracts: bool
    bibtex: bool
    label_format: str
    numbered: bool
    warn: Warn
    warned: bool = False
    """Whether an entry built since this was last cleared was warned about."""

    def entry(self, pub: Publication, number: int, label: str, anchor: str) -> nodes.list_item:
        item = nodes.list_item(classes=["cv-pub", f"cv-pub-{pub.type}"], ids=[anchor])
        if self.filtered:
            item["classes"] += [
                f"cv-year-{pub.year or 'none'}",
                *(f"cv-tag-{tag_slug(t)}" for t in pub.tags),
            ]
        thumb = thumbnail(self.cv, pub)
        if thumb is not None:
            item += thumb
            item["classes"].append("cv-pub-with-thumb")
        para = nodes.paragraph(classes=["cv-pub-text"])
        if self.numbered:
            try:
                shown = _format_label(
                    self.label_format,
                    label=label,
                    number=number,
                    prefix=label[: len(label) - len(str(number))],
                )
            except (KeyError, IndexError, ValueError, AttributeError, TypeError):
                self.warned = True
                self.warn(
                    f"bad :label-format: {self.label_format!r}; placeholders are {{label}}, "
                    "{number} and {prefix}",
                    Subtype.DIRECTIVE,
                )
                shown = label
            para += nodes.inline(shown, shown, classes=["cv-label"])
            para += nodes.Text(" ")
        if self.style is not None:
            from ..render.csl import csl_citation_nodes

            para.extend(csl_citation_nodes(pub, self.style, self.names, self.link_for))
            para.extend(extra_nodes(pub))
        else:
            para.extend(citation_nodes(pub, self.own, self.show_status, self.link_for))
        limit = self.cv.author_limit
        if 0 < limit < len(pub.authors):
            mark_long_authors(para, pub.authors, self.own, self.link_for)
        if self.cv.publication_pages:
            for title in para.findall(nodes.inline):
                if "cv-pub-title" in title["classes"]:
                    title[PAGE_ATTR] = f"{PAGES_DIR}/{page_slug(pub.id)}"
                    break
        cited = cited_nodes(self.metrics.get(pub.id))
        if cited:
            para += nodes.Text(" ")
            para.extend(cited)
        item += para
        if self.abstracts and pub.abstract:
            block = cv_details(summary=cv_text("Abstract"), classes=["cv-abstract"])
            block += nodes.paragraph("", "", *inline_nodes(pub.abstract))
            item += block
        if self.bibtex:
            from ..data.bibexport import shown_bibtex  # only lists showing BibTeX need it

            text = shown_bibtex(pub, self.cv.bibtex_private_fields)
            block = cv_details(summary=cv_text("BibTeX"), classes=["cv-bibtex"])
            block += nodes.literal_block(text, text, language="bibtex")
            item += block
        return item


def entry_maker(
    cv: CvConfig,
    profile: Profile,
    options: Mapping[str, Any],
    numbered: bool,
    warn: Warn,
    note_dependency: Callable[[str], None],
) -> EntryMaker:
    """The maker of a list with these directive ``options`` (warnings about the style
    are given to ``warn``)."""
    names = list_names(cv, profile, options.get("highlight"))
    return EntryMaker(
        cv=cv,
        profile=profile,
        names=names,
        own=own_names(names),
        show_status=options.get("show-status", True),
        style=list_style(str(options.get("style", cv.citation_style)), cv, warn, note_dependency),
        link_for=coauthor_link_for(profile),
        metrics=load_metrics(cv),
        abstracts=options.get("abstracts", cv.show_abstracts),
        bibtex=options.get("bibtex", cv.show_bibtex),
        filtered=options.get("filter", cv.publication_filter),
        label_format=options.get("label-format", "[{label}]"),
        numbered=numbered,
        warn=warn,
    )


def _format_label(template: str, **values: object) -> str:
    """``template`` with the placeholders ``values`` names, and nothing else: no
    ``{number.x}`` attribute or ``{label[0]}`` index (a ValueError, told as a warning)."""
    import string

    for _, name, _, _ in string.Formatter().parse(template):
        if name is not None and name not in values:
            raise ValueError(name)
    return template.format(**values)
