"""The custom nodes, all HTML-only: an expandable block (abstract, BibTeX, a long
author list), the filter box above a publication list and a publication's thumbnail.

Everything else sphinx-cv emits is standard docutils nodes. These have visitors for
every writer: HTML renders them; the others leave them out, since a printed CV or a man
page has nowhere to fold or filter anything.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


class cv_details(nodes.General, nodes.Element):
    """``summary`` attribute: the text of the toggle."""


class cv_summary(nodes.Inline, nodes.TextElement):
    """The toggle of a ``cv_details`` when it holds more than text (its first child)."""


class cv_filter(nodes.General, nodes.Element):
    """The filter box of a publication list. ``choices``: ``{"year"|"type"|"tag":
    [(value, label), ...]}``; ``target``: the id of the list it filters."""


class cv_thumbnail(nodes.General, nodes.Element):
    """A publication's thumbnail: ``uri`` as given (an image elsewhere, the owner's
    choice), or ``target``, the copy in the site (from its root), which the page named
    ``page`` (default: the page being written) links relatively."""


def visit_thumbnail_html(self: HTML5Translator, node: cv_thumbnail) -> None:
    from sphinx.util.osutil import relative_uri

    uri = node.get("uri")
    if not uri:
        page = node.get("page") or self.builder.current_docname
        uri = relative_uri(self.builder.get_target_uri(page), node["target"])
    # Decorative beside the title, which says what the paper is: an empty alt.
    self.body.append(
        f'<img class="cv-pub-thumb" src="{self.attval(uri)}" alt="" '
        'loading="lazy" decoding="async" />'
    )
    raise nodes.SkipNode


def visit_details_html(self: HTML5Translator, node: cv_details) -> None:
    classes = " ".join(["cv-details", *node.get("classes", [])])
    self.body.append(f'<details class="{self.attval(classes)}">')
    if node.get("summary"):
        self.body.append(f"<summary>{self.encode(node['summary'])}</summary>")


def visit_summary_html(self: HTML5Translator, node: cv_summary) -> None:
    self.body.append("<summary>")


def depart_summary_html(self: HTML5Translator, node: cv_summary) -> None:
    self.body.append("</summary>")


FILTER_LABELS = {
    "year": ("Year", "All years"),
    "type": ("Type", "All types"),
    "tag": ("Topic", "All topics"),
}


def visit_filter_html(self: HTML5Translator, node: cv_filter) -> None:
    """A form that the filter script shows (``hidden`` until then: without JavaScript
    the whole list simply shows). Every value is escaped by the writer."""
    target = self.attval(node["target"])
    out = [
        f'<form class="cv-filter" data-cv-target="{target}" role="search" '
        f'aria-label="Filter publications" hidden="">',
        '<label class="cv-filter-text"><span>Search</span> <input type="search" '
        'name="q" placeholder="Title, author, venue" autocomplete="off" /></label>',
    ]
    for key, choices in node["choices"].items():
        if len(choices) < 2:
            continue
        label, every = FILTER_LABELS[key]
        out.append(
            f'<label class="cv-filter-{key}"><span>{label}</span> '
            f'<select name="{key}"><option value="">{every}</option>'
        )
        out += [
            f'<option value="{self.attval(value)}">{self.encode(text)}</option>'
            for value, text in choices
        ]
        out.append("</select></label>")
    out.append('<output class="cv-filter-count" aria-live="polite"></output></form>')
    self.body.append("".join(out))
    raise nodes.SkipNode


def depart_details_html(self: HTML5Translator, node: cv_details) -> None:
    self.body.append("</details>")


def skip(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup_nodes(app: Sphinx) -> None:
    # (visit, depart): called by the HTML translator with a node of the type.
    html: dict[type[nodes.Element], tuple[Callable[..., None], Callable[..., None] | None]] = {
        cv_summary: (visit_summary_html, depart_summary_html),
        cv_filter: (visit_filter_html, None),
        cv_thumbnail: (visit_thumbnail_html, None),
    }
    for node, visitors in html.items():
        app.add_node(
            node,
            html=visitors,
            latex=(skip, None),
            text=(skip, None),
            man=(skip, None),
            texinfo=(skip, None),
        )
    app.add_node(
        cv_details,
        html=(visit_details_html, depart_details_html),
        latex=(skip, None),
        text=(skip, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
