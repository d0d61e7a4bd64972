"""``publication-list``: publications selected, grouped, sorted and numbered."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from ..data.problems import Subtype
from ..data.profile import Profile
from ..data.publication import PUB_TYPE, Publication
from ..data.publist import GROUP_BY, NUMBERINGS, SORTS, ListSpec, arrange, relevant_and_other
from ..data.pubtypes import DEFAULT_ORDER
from ..gcpause import paused_gc
from ..locale import cv_text
from ..nodes import cv_details
from ..render.citation import (
    citation_nodes,
    coauthor_link_for,
    extra_nodes,
    notes_legend,
    own_names,
    unbolded_own,
)
from ..render.text import inline_nodes
from ..setaside import set_aside
from ..web.browse import filter_box, mark_long_authors, tag_slug
from ..web.metrics import cited_nodes, load_metrics
from ..web.pubpages import PAGE_ATTR, PAGES_DIR, page_slug
from ..web.thumbs import thumbnail
from .common import (
    CvDirective,
    OptionSpec,
    choice,
    items,
    mapping,
    positive_int,
    words,
    year_range,
    yes_no,
)

if TYPE_CHECKING:
    from citeproc import CitationStylesStyle


class PublicationList(CvDirective):
    """Publications from the profile (and BibTeX files), as a list per group."""

    has_content = False
    profile_parts = ("person", "publications")  # the owner's names are set in bold
    option_spec: ClassVar[OptionSpec] = {
        "type": words,
        "years": year_range,
        "tags": items,
        "exclude-tags": items,
        "selected": yes_no,
        "status": directives.unchanged_required,
        "author": items,
        "ids": words,
        "group-by": choice(*GROUP_BY),
        "group-order": words,
        "group-titles": mapping,
        "headings": yes_no,
        "sort": choice(*SORTS),
        "numbering": choice(*NUMBERINGS),
        "prefixes": mapping,
        "label-format": directives.unchanged_required,
        "limit": positive_int,
        "highlight": items,
        "show-status": yes_no,
        "abstracts": yes_no,
        "bibtex": yes_no,
        "filter": yes_no,
        "style": directives.unchanged_required,
        "class": words,
    }
    option_help: ClassVar[dict[str, str]] = {
        **CvDirective.option_help,
        "type": "Only these publication types (journal, conference, workshop, preprint, "
        "thesis...; BibTeX and CSL type names work too).",
        "years": "Only publications from these years.",
        "tags": "Only publications with at least one of these tags.",
        "exclude-tags": "No publications with any of these tags (the 'other products' "
        "after a list of the most relevant ones).",
        "selected": "Only publications marked ``selected: true``.",
        "status": "Only publications whose status contains this text (e.g. ``submission``).",
        "author": "Only publications with an author whose name contains one of these.",
        "ids": "Only these publications, by id; with ``:sort: none``, in the order given.",
        "group-by": "Group by publication type (default), by year, or not at all.",
        "group-order": "Order of the type groups, e.g. ``preprint journal conference``; "
        "types not named follow in the default order.",
        "group-titles": "Headings for type groups, e.g. ``preprint=In submission`` "
        "(over ``cv_group_titles``).",
        "headings": "Show the group headings (default: yes when grouped).",
        "sort": "Order within a group by date: newest first (default), oldest first, "
        "or as written in the profile.",
        "numbering": "Number per type, newest paper highest (reverse, default), counting "
        "up (forward), or no labels (none).",
        "prefixes": "Label prefixes by type, e.g. ``preprint=A`` (over ``cv_label_prefixes``).",
        "label-format": "How the label is shown; placeholders ``{label}`` (C8), ``{number}`` (8) "
        "and ``{prefix}`` (C). Default ``[{label}]``.",
        "limit": "Show at most this many publications (after sorting).",
        "highlight": "More name spellings to set in bold, besides yours.",
        "show-status": "Show each publication's status (default: yes).",
        "abstracts": "Show abstracts in an expandable block (default: ``cv_show_abstracts``).",
        "bibtex": "Show each entry's BibTeX in an expandable block (default: ``cv_show_bibtex``).",
        "filter": "A filter box above the list on the web: text, year, type, topic "
        "(default: ``cv_publication_filter``).",
        "style": "Citation style: a CSL style name (``apa``, ``ieee``, "
        "``chicago-author-date``, ``nature``, ``vancouver``, ``harvard``...) or a "
        "``.csl`` file relative to conf.py; ``default`` for sphinx-cv's own "
        "(default: ``cv_citation_style``).",
    }

    def run(self) -> list[nodes.Node]:
        profile = self.profile()
        if profile is None:
            return []
        self.lists: list[nodes.bullet_list] = []
        with paused_gc():  # thousands of entries, all kept: see gcpause
            result = self.adopt(self.make_list(profile))
            for bullet in self.lists:  # out of the way of most read transforms
                set_aside(bullet, self.state.document)
        return result

    def make_list(self, profile: Profile) -> list[nodes.Node]:
        self.metrics = load_metrics(self.cv)
        spec = self.list_spec(profile.by_id)
        pubs = [p for p in profile.publications if self.cv.keeps(p.tags)]
        funder = self.cv.variant.publications if self.cv.variant is not None else None
        if funder is not None:
            groups = relevant_and_other(pubs, spec, funder.relevant, funder.limit, funder.other)
        else:
            groups = arrange(pubs, spec)
        if not any(group.items for group in groups) and self.cv.variant is not None:
            return []  # this variant keeps nothing here: its section is dropped
        titles = {
            "relevant-products": cv_text("Most relevant products"),
            "other-products": cv_text("Other products"),
            **self.cv.titles(),
            **self.options.get("group-titles", {}),
        }
        headings = self.options.get("headings", spec.group_by != "none")
        if funder is not None:
            headings = True
        label_format = self.options.get("label-format", "[{label}]")
        self.names = self.own_names(profile, self.options.get("highlight"))
        own = own_names(self.names)
        if profile.person is not None:
            for name in unbolded_own(profile.publications, own, profile.person.name):
                self.warn(
                    f"'{name}' looks like your name but is not shown as yours; if it "
                    "is you, add it to person.name_variants or cv_name_variants",
                    Subtype.VALUE,
                )
        show_status = self.options.get("show-status", True)
        self.style = self.csl_style()
        self.link_for = coauthor_link_for(profile)
        abstracts = self.options.get("abstracts", self.cv.show_abstracts)
        bibtex = self.options.get("bibtex", self.cv.show_bibtex)

        numbered = spec.numbering != "none"
        root = nodes.container(
            classes=[
                "cv-publications",
                "cv-numbered" if numbered else "cv-unnumbered",
                *self.options.get("class", []),
            ]
        )
        self.filtered = self.options.get("filter", self.cv.publication_filter)
        if self.filtered:
            shown = [item.pub for group in groups for item in group.items]
            root["ids"].append(self.next_id("cv-publications"))
            root += filter_box(shown, root["ids"][0], titles)
        for group in groups:
            if headings and group.key:
                title = (
                    titles.get(group.key, group.key)
                    if spec.group_by == "type" or funder is not None
                    else group.key
                )
                root.append(nodes.rubric(title, title, classes=["cv-group-title"]))
            ordered = spec.numbering == "forward"
            bullet = nodes.bullet_list(
                classes=["cv-publist", "cv-forward" if ordered else "cv-reverse"]
            )
            for item in group.items:
                bullet.append(
                    self.entry(
                        item.pub,
                        item.number,
                        item.label,
                        label_format,
                        own,
                        numbered,
                        show_status,
                        abstracts,
                        bibtex,
                    )
                )
            root.append(bullet)
            self.lists.append(bullet)
        legend = notes_legend(item.pub for group in groups for item in group.items)
        if legend is not None:
            root.append(legend)
        return [root]

    def csl_style(self) -> CitationStylesStyle | None:
        """The parsed CSL style of this list, or None for sphinx-cv's own format."""
        name = str(self.options.get("style", self.cv.citation_style)).strip()
        if name in ("", "default"):
            return None
        from ..render.csl import StyleError, load_style, style_path

        try:
            style = load_style(name, self.cv.confdir, self.cv.srcdir)
        except StyleError as exc:
            self.warn(f"{exc}; using the default format", Subtype.CONFIG)
            return None
        if name.endswith(".csl"):
            self.env.note_dependency(style_path(name, self.cv.confdir))
        return style

    def pub_types(self, option: str) -> list[str]:
        """The publication types named in ``option`` (any accepted spelling)."""
        types = []
        for word in self.options.get(option, []):
            value = PUB_TYPE.find(word)
            if value is None:
                self.warn(
                    f"unknown publication type '{word}' in :{option}:; expected one of "
                    + ", ".join(PUB_TYPE.choices)
                )
            else:
                types.append(value)
        return types

    def list_spec(self, by_id: dict[str, Publication]) -> ListSpec:
        types = self.pub_types("type")
        ids = self.options.get("ids", [])
        for pub_id in ids:
            if pub_id not in by_id:
                self.warn(f"no publication has id '{pub_id}' (in :ids:)", Subtype.UNKNOWN_REF)
        order = list(dict.fromkeys(self.pub_types("group-order")))
        order += [t for t in DEFAULT_ORDER if t not in order]
        return ListSpec(
            types=types,
            years=self.options.get("years", (None, None)),
            tags=self.options.get("tags", []),
            exclude_tags=self.options.get("exclude-tags", []),
            selected=self.options.get("selected", False),
            status=self.options.get("status"),
            authors=self.options.get("author", []),
            ids=ids,
            group_by=self.options.get("group-by", "type"),
            type_order=order,
            sort=self.options.get("sort", "newest"),
            numbering=self.options.get("numbering", "reverse"),
            prefixes={**self.cv.prefixes(), **self.options.get("prefixes", {})},
            limit=self.options.get("limit"),
        )

    def entry(
        self,
        pub: Publication,
        number: int,
        label: str,
        label_format: str,
        own: set[str],
        numbered: bool,
        show_status: bool,
        abstracts: bool,
        bibtex: bool,
    ) -> nodes.list_item:
        anchor = self.next_id(f"pub-{pub.id}")
        self.domain.note_label(self.env.docname, pub.id, label, anchor)
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
        if numbered:
            try:
                shown = _format_label(
                    label_format,
                    label=label,
                    number=number,
                    prefix=label[: len(label) - len(str(number))],
                )
            except (KeyError, IndexError, ValueError, AttributeError, TypeError):
                self.warn(
                    f"bad :label-format: {label_format!r}; placeholders are {{label}}, "
                    "{number} and {prefix}"
                )
                shown = label
            para += nodes.inline(shown, shown, classes=["cv-label"])
            para += nodes.Text(" ")
        if self.style is not None:
            from ..render.csl import csl_citation_nodes

            para.extend(csl_citation_nodes(pub, self.style, self.names, self.link_for))
            para.extend(extra_nodes(pub))
        else:
            para.extend(citation_nodes(pub, own, show_status, self.link_for))
        limit = self.cv.author_limit
        if 0 < limit < len(pub.authors):
            mark_long_authors(para, pub.authors, own, self.link_for)
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
        if abstracts and pub.abstract:
            block = cv_details(summary=cv_text("Abstract"), classes=["cv-abstract"])
            block += nodes.paragraph("", "", *inline_nodes(pub.abstract))
            item += block
        if bibtex:
            from ..data.bibexport import shown_bibtex  # only lists showing BibTeX need it

            text = shown_bibtex(pub, self.cv.bibtex_private_fields)
            block = cv_details(summary=cv_text("BibTeX"), classes=["cv-bibtex"])
            block += nodes.literal_block(text, text, language="bibtex")
            item += block
        return item


def _format_label(template: str, **values: object) -> str:
    """``template`` with the placeholders ``values`` names, and nothing else: no
    ``{number.x}`` attribute or ``{label[0]}`` index (a ValueError, told as a warning)."""
    import string

    for _, name, _, _ in string.Formatter().parse(template):
        if name is not None and name not in values:
            raise ValueError(name)
    return template.format(**values)
