"""``research-interests``: topics with the labels of their publications on this page."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from sphinx import addnodes

from ..data.problems import Subtype
from ..render.text import inline_nodes, sentence
from .common import CvDirective, OptionSpec, words, yes_no


def pub_xref(pub_id: str, docname: str) -> addnodes.pending_xref:
    """A reference resolved at write time to the paper's label on the page (``C8``)."""
    ref = addnodes.pending_xref(
        "",
        nodes.inline(pub_id, pub_id),
        refdomain="cv",
        reftype="pub",
        reftarget=pub_id,
        refexplicit=False,
        refwarn=False,
        refdoc=docname,
    )
    ref["cv_explicit"] = False
    return ref


class ResearchInterests(CvDirective):
    """An interest group (``current``, ``past``... or the only one) as a list."""

    optional_arguments = 1
    profile_parts = ("interests", "publications")  # tags name publications by id
    option_spec: ClassVar[OptionSpec] = {
        "intro": yes_no,
        "tags": yes_no,
        "class": words,
    }
    option_help: ClassVar[dict[str, str]] = {
        **CvDirective.option_help,
        "intro": "Show the group's intro sentence (default: yes).",
        "tags": "Show after each topic the labels its papers carry on this page, such as "
        "[P3, C8] (default: yes).",
    }
    argument_help: ClassVar[str] = (
        "GROUP: the name of an interest group, such as ``current`` or ``past`` (default: "
        "the first group)."
    )

    def run(self) -> list[nodes.Node]:
        return self.adopt(self.make())

    def make(self) -> list[nodes.Node]:
        profile = self.profile()
        if profile is None:
            return []
        groups = profile.interests
        if not groups:
            self.warn("the profile has no interests", Subtype.REQUIRED)
            return []
        name = self.arguments[0].strip() if self.arguments else next(iter(groups))
        group = groups.get(name)
        if group is None:
            self.warn(
                f"no interest group '{name}'; the profile has " + ", ".join(groups),
                Subtype.DIRECTIVE,
            )
            return []
        root = nodes.container(classes=["cv-interests", *self.options.get("class", [])])
        if group.intro and self.options.get("intro", True):
            root += nodes.paragraph("", "", *inline_nodes(group.intro), classes=["cv-intro"])
        bullets = nodes.bullet_list(classes=["cv-topics"])
        for topic in group.topics:
            para = nodes.paragraph(classes=["cv-topic"])
            para.extend(inline_nodes(sentence(topic.name)))
            # A CV variant cites only the papers it keeps.
            refs = [
                ref
                for ref in topic.publications
                if ref.id not in profile.by_id or self.cv.keeps(profile.by_id[ref.id].tags)
            ]
            if refs and self.options.get("tags", True):
                tags = nodes.inline(classes=["cv-tags"])
                tags += nodes.Text(" [")
                for i, ref in enumerate(refs):
                    if i:
                        tags += nodes.Text(", ")
                    tags += pub_xref(ref.id, self.env.docname)
                tags += nodes.Text("]")
                para += tags
            item = nodes.list_item("", para)
            if topic.summary:
                item += nodes.paragraph("", "", *inline_nodes(topic.summary))
            bullets += item
        root += bullets
        return [root]
