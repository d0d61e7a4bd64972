"""``publication-list``: publications selected, grouped, sorted and numbered."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from ..data.problems import Subtype
from ..data.profile import Profile
from ..data.publication import PUB_TYPE, Publication
from ..data.publist import GROUP_BY, NUMBERINGS, SORTS, ListSpec, arrange, relevant_and_other
from ..data.pubtypes import DEFAULT_ORDER
from ..fragments import ListKeys, unmark
from ..gcpause import paused_gc
from ..locale import cv_text
from ..render.citation import notes_legend, own_names, unbolded_own
from ..setaside import set_aside
from ..web.browse import filter_box
from ..web.metrics import load_metrics
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
from .pubentry import entry_maker, list_names


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
                unmark(bullet.children)  # those left in: not kept (see fragments)
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
        own = own_names(list_names(self.cv, profile, self.options.get("highlight")))
        if profile.person is not None:
            for name in unbolded_own(profile.publications, own, profile.person.name):
                self.warn(
                    f"'{name}' looks like your name but is not shown as yours; if it "
                    "is you, add it to person.name_variants or cv_name_variants",
                    Subtype.VALUE,
                )
        numbered = spec.numbering != "none"
        self.maker = entry_maker(
            self.cv, profile, self.options, numbered, self.warn, self.env.note_dependency
        )
        self.fragments = ListKeys.start(self, profile, numbered)
        root = nodes.container(
            classes=[
                "cv-publications",
                "cv-numbered" if numbered else "cv-unnumbered",
                *self.options.get("class", []),
            ]
        )
        if self.maker.filtered:
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
                entry = self.entry(item.pub, item.number, item.label)
                if entry is not None:
                    self.held(bullet)
                    bullet.append(entry)
            self.held(bullet)
            root.append(bullet)
            self.lists.append(bullet)
        legend = notes_legend(item.pub for group in groups for item in group.items)
        if legend is not None:
            root.append(legend)
        return [root]

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

    def held(self, bullet: nodes.bullet_list) -> None:
        """The placeholder of the entries held since the last one, if any."""
        if self.fragments is not None:
            placeholder = self.fragments.placeholder()
            if placeholder is not None:
                bullet.append(placeholder)

    def entry(self, pub: Publication, number: int, label: str) -> nodes.list_item | None:
        """The entry of ``pub``, or None when it waits in :attr:`fragments` for a
        placeholder."""
        anchor = self.next_id(f"pub-{pub.id}")
        self.domain.note_label(self.env.docname, pub.id, label, anchor)
        key = ""
        if self.fragments is not None:
            key = self.fragments.key(pub, number, label, anchor)
            if self.fragments.hold(key, pub, number, label, anchor):
                return None
        self.maker.warned = False
        item = self.maker.entry(pub, number, label, anchor)
        if self.fragments is not None and not self.maker.warned:
            self.fragments.mark(item, key)  # not when warned: a placeholder would not warn
        return item
