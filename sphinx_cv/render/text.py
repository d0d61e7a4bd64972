"""Profile text to docutils nodes. User text only ever becomes ``nodes.Text``, so every
writer escapes it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from docutils import nodes

from ..data.inline import Span, mathml, parse_inline
from ..data.links import GENERIC_LABELS, is_safe_link


def inline_nodes(text: str) -> list[nodes.Node]:
    """Inline Markdown (emphasis, strong, code, links) as nodes."""
    return [_span(s) for s in parse_inline(text)]


def _span(span: Span) -> nodes.Node:
    if span.kind == "text":
        return nodes.Text(span.text)
    if span.kind == "literal":
        return nodes.literal(span.text, span.text)
    if span.kind == "math":
        # MathML made by docutils from TeX it knows (see data.inline.mathml), and that
        # TeX for LaTeX: real math in the PDF, no script or font from another host.
        node = nodes.inline("", "", classes=["cv-math"])
        node += nodes.raw("", mathml(span.text) or "", format="html")
        node += nodes.raw("", f"${span.text}$", format="latex")
        return node
    children = [_span(c) for c in span.children]
    if span.kind == "link":
        if not is_safe_link(span.url):  # reported when the profile was loaded
            return nodes.inline("", "", *children)
        return nodes.reference("", "", *children, refuri=span.url)
    if span.kind in ("underline", "smallcaps"):  # styled by sphinx-cv.css and the .sty
        return nodes.inline("", "", *children, classes=[f"cv-{span.kind}"])
    cls = nodes.strong if span.kind == "strong" else nodes.emphasis
    return cls("", "", *children)


def inline(text: str, *classes: str, markdown: bool = True) -> nodes.inline:
    """An inline with CSS classes holding ``text``."""
    node = nodes.inline("", "", classes=list(classes))
    node.extend(inline_nodes(text) if markdown else [nodes.Text(text)])
    return node


def link_label(label: str) -> str:
    """A link's label as shown: a generic word (Code, Slides...) in the language being
    built; a name (GitHub, arXiv) or the user's own label as written."""
    if label in GENERIC_LABELS:
        from ..locale import cv_text

        return cv_text(label)
    return label


def link(text: str, url: str, *classes: str) -> nodes.Element:
    """A reference; only the text when ``url`` is not a safe link (the loader reported
    it: this is the last guard before the writers)."""
    if not is_safe_link(url):
        return nodes.inline(text, text, classes=list(classes))
    return nodes.reference("", text, refuri=url, classes=list(classes))


def joined(parts: Iterable[nodes.Node | str], sep: str = ", ") -> list[nodes.Node]:
    """Nodes separated by ``sep``."""
    out: list[nodes.Node] = []
    for i, part in enumerate(parts):
        if i:
            out.append(nodes.Text(sep))
        out.append(nodes.Text(part) if isinstance(part, str) else part)
    return out


def merge_text(parts: Iterable[nodes.Node | str]) -> list[nodes.Node]:
    """``parts`` with each run of adjacent Text nodes (or plain strings, made Text here)
    joined into one: the same output, fewer nodes for every transform and writer to
    visit (a long publication list has tens of thousands)."""
    out: list[nodes.Node] = []
    run: str | None = None  # the text of the run so far (a Text node when one alone)
    for part in parts:
        if isinstance(part, str):  # a Text node is a str too
            run = part if run is None else run + part
            continue
        if run is not None:
            out.append(run if isinstance(run, nodes.Text) else nodes.Text(run))
            run = None
        out.append(part)
    if run is not None:
        out.append(run if isinstance(run, nodes.Text) else nodes.Text(run))
    return out


def ends_with_punct(text: str) -> bool:
    return bool(re.search(r"[.!?]['\"”’)]*$", text.strip()))


def sentence(text: str) -> str:
    """``text`` with a full stop unless it already ends a sentence."""
    return text if ends_with_punct(text) else text + "."
