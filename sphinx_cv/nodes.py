"""The one custom node: an expandable block (abstract, BibTeX) shown only in HTML.

Everything else sphinx-cv emits is standard docutils nodes. ``cv_details`` has visitors
for every writer: HTML renders ``<details>``; the others leave it out, since a printed CV
or a man page has nowhere to fold it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class cv_details(nodes.General, nodes.Element):
    """``summary`` attribute: the text of the toggle."""


def visit_details_html(self: Any, node: cv_details) -> None:
    classes = " ".join(["cv-details", *node.get("classes", [])])
    self.body.append(f'<details class="{self.attval(classes)}">')
    self.body.append(f"<summary>{self.encode(node['summary'])}</summary>")


def depart_details_html(self: Any, node: cv_details) -> None:
    self.body.append("</details>")


def skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup_nodes(app: Sphinx) -> None:
    app.add_node(
        cv_details,
        html=(visit_details_html, depart_details_html),
        latex=(skip, None),
        text=(skip, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
