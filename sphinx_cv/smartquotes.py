"""Smart quotes pass over the text sphinx-cv generates when it would change nothing.

Sphinx's SmartQuotes transform takes every block of text (a paragraph) apart, runs
docutils' quote, dash and ellipsis rules over its pieces and puts new text nodes in
place of the old ones. On a page of a thousand publications that was a seventh of the
build, and for almost every entry it changed nothing: a block whose text has no quote,
backtick, backslash, ``&``, ``--``, ``...`` or ``. . .`` comes out of those rules as it
went in, whatever the language. Such blocks, and only those, are marked when a
directive builds them (:func:`mark_plain`) and the transform (Sphinx's own, subclassed)
skips them; every other block is educated by Sphinx exactly as before.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxSmartQuotes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# What any of docutils' smartquotes rules may change ('&' for its entity escapes).
_ACTIVE = re.compile(r"""['"`\\&\x00]|--|\.\.\.|\. \. \.""")
_ATTR = "cv_plain"


def mark_plain(
    block: nodes.TextElement, document: nodes.document | None = None, always: bool = False
) -> None:
    """Mark ``block`` (a block of text, not inside another) when no smart quotes rule
    would change its text. The rules see each text node apart (a quote's side also looks
    at the character before it, but only a quote is changed), so each is checked
    apart. With ``document``, every element inside is told it belongs there on the way
    (:meth:`..directives.common.CvDirective.adopt`: one walk for both). ``always``: mark
    it whatever it holds (text that is not shown: a placeholder's words)."""
    if document is None and (always or is_plain(block)):
        setattr(block, _ATTR, True)
        return  # nothing to look at, or marked already
    search = _ACTIVE.search
    plain = True
    # A plain walk: findall() and astext() cost more than the check itself.
    stack: list[nodes.Node] = [block]
    while stack:
        for child in stack.pop().children:
            if isinstance(child, nodes.Text):
                if plain and search(child):
                    if document is None:
                        return
                    plain = False
            else:
                if document is not None:
                    child.document = document
                    if isinstance(child, nodes.TextElement) and not isinstance(
                        child.parent, nodes.TextElement
                    ):
                        mark_plain(child)  # a block of its own inside another element
                stack.append(child)
    if plain:
        setattr(block, _ATTR, True)  # a Python attribute: no trace in the doctree


def is_plain(block: nodes.Node) -> bool:
    """Whether :func:`mark_plain` marked ``block``."""
    return getattr(block, _ATTR, False) is True


class _PlainMeta(type):
    def __instancecheck__(cls, node: Any) -> bool:
        return is_plain(node)


class PlainBlock(metaclass=_PlainMeta):
    """``isinstance(node, PlainBlock)``: a block :func:`mark_plain` marked."""


class CvSmartQuotes(SphinxSmartQuotes):
    """Sphinx's smart quotes, skipping the blocks that hold nothing to educate."""

    nodes_to_skip = (*SphinxSmartQuotes.nodes_to_skip, PlainBlock)  # type: ignore[arg-type]

    def apply(self, **kwargs: Any) -> None:
        # "Stupefy" (-1) turns curly quotes back into straight ones: nothing is plain.
        if self.config.smartquotes_action == "-1":
            SphinxSmartQuotes(self.document, self.startnode).apply(**kwargs)
        else:
            super().apply(**kwargs)


def setup_smartquotes(app: Sphinx) -> None:
    """Put :class:`CvSmartQuotes` in place of Sphinx's transform (Sphinx has no public
    way to replace one; its registry keeps them in a list)."""
    transforms = getattr(app.registry, "transforms", None)
    if not isinstance(transforms, list):
        return
    for i, transform in enumerate(transforms):
        if transform is SphinxSmartQuotes:
            transforms[i] = CvSmartQuotes
