"""The baseline: the pages sphinx-cv built, written out as plain reStructuredText.

Each page's doctree (as sphinx-cv read it) becomes an ``.rst`` file that Sphinx builds
with no extension: the same headings, numbered entries, bold names, links and timeline
entries, in the markup a person would type (``**Name**``, ```PDF <url>`__``, a target
before each publication so interest tags can link to it). Containers, which only carry
CSS classes, are flattened. The result is checked against sphinx-cv's own HTML by
:func:`body_text`, so the two sites show the same text.
"""

from __future__ import annotations

import html.parser
import pickle
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes

TITLE_RULES = "=-~^\"'`"
_ESCAPE = re.compile(r"([\\*`_|<>])")
_LEADING = re.compile(r"^(\w+)([.)])(\s|$)")
_BEFORE = set("-:/'\"<([{")
_AFTER = set("-.,:;!?\\/'\")]}>")

CONF = """\
# The same site as plain reStructuredText: no extension.
project = {name!r}
author = {name!r}
copyright = {name!r}
html_title = {name!r}
html_theme = "alabaster"
exclude_patterns = ["_build"]
"""


def escape(text: str) -> str:
    return _ESCAPE.sub(r"\\\1", text.replace("\n", " "))


def _ok_before(char: str) -> bool:
    """Whether inline markup may start right after ``char`` (docutils' rule)."""
    return (
        char.isspace()
        or char in _BEFORE
        or unicodedata.category(char) in ("Pd", "Po", "Pi", "Pf", "Ps")
    )


def _ok_after(char: str) -> bool:
    return (
        char.isspace()
        or char in _AFTER
        or unicodedata.category(char) in ("Pd", "Po", "Pe", "Pi", "Pf")
    )


class Inline:
    """Inline text built from pieces; markup is kept apart from its neighbours by an
    escaped space only where docutils needs one."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.after_markup = False

    def text(self, raw: str) -> None:
        out = escape(raw)
        if not out:
            return
        if not self.parts:  # what would start a list, a field or a comment stays text
            out = _LEADING.sub(r"\1\\\2\3", out)
            if out[:1] in "-+*•‣⁃:(/#.>" or out.startswith(".."):
                out = "\\" + out
        if self.after_markup and not _ok_after(out[0]):
            self.parts.append("\\ ")
        self.parts.append(out)
        self.after_markup = False

    def markup(self, start: str, content: str, end: str) -> None:
        """``content`` (already escaped) between ``start`` and ``end``; whitespace at its
        edges goes outside, where docutils allows it."""
        stripped = content.strip()
        lead, trail = (
            content[: len(content) - len(content.lstrip())],
            content[len(content.rstrip()) :],
        )
        if not stripped:
            self.text(content)
            return
        if lead:
            self.text(lead)
        prev = "".join(self.parts)[-1:] if self.parts else ""
        if self.after_markup or (prev and not _ok_before(prev)):
            self.parts.append("\\ ")
        self.parts.append(f"{start}{stripped}{end}")
        self.after_markup = True
        if trail:
            self.text(trail)

    def result(self) -> str:
        return "".join(self.parts)


class Writer:
    """One document's doctree to reStructuredText.

    Every entry sphinx-cv gave an id gets a target (the same anchors), unless ``keep``
    is given: then only the targets it names (those some page links to)."""

    def __init__(
        self,
        docname: str,
        labels: dict[str, dict[str, tuple[str, str]]],
        keep: set[str] | None = None,
    ) -> None:
        self.docname = docname
        self.labels = labels
        self.keep = keep
        self.linked: set[str] = set()
        """Target names this page links to."""

    # -- targets and references ----------------------------------------------------------

    @staticmethod
    def target(docname: str, anchor: str) -> str:
        """Target names are unique per site (Sphinx registers every explicit target)."""
        return nodes.make_id(f"{docname}-{anchor}")

    def pub_ref(self, node: addnodes.pending_xref, out: Inline) -> None:
        pub_id = node["reftarget"]
        refdoc = node.get("refdoc") or self.docname
        found = self.labels.get(refdoc, {}).get(pub_id)
        docname = refdoc
        if found is None:
            for other in sorted(self.labels):
                if pub_id in self.labels[other]:
                    docname, found = other, self.labels[other][pub_id]
                    break
        if found is None:
            raise ValueError(f"{self.docname}: no label for publication {pub_id!r}")
        label, anchor = found
        text = node.astext() if node.get("cv_explicit") else label
        self.linked.add(self.target(docname, anchor))
        uri = "#" + self.target(docname, anchor)
        if docname != self.docname:
            uri = f"{docname}.html{uri}"
        out.markup("`", f"{escape(text)} <{uri}>", "`__")

    # -- inline --------------------------------------------------------------------------

    def inline(self, node: nodes.Node, out: Inline) -> None:
        if isinstance(node, nodes.Text):
            out.text(str(node))
        elif isinstance(node, nodes.strong):
            text = escape(node.astext())
            out.markup("**", text, "**")
        elif isinstance(node, nodes.emphasis):
            out.markup("*", escape(node.astext()), "*")
        elif isinstance(node, nodes.literal):
            out.markup("``", node.astext(), "``")
        elif isinstance(node, nodes.reference):
            uri = node.get("refuri") or "#" + node["refid"]
            out.markup("`", f"{escape(node.astext())} <{uri}>", "`__")
        elif isinstance(node, addnodes.pending_xref):
            if node["refdomain"] == "cv" and node["reftype"] == "pub":
                self.pub_ref(node, out)
            elif node["refdomain"] == "std" and node["reftype"] in ("doc", "ref"):
                role = node["reftype"]
                text = escape(node.astext())
                body = f"{text} <{node['reftarget']}>" if node.get("refexplicit") else text
                out.markup(f":{role}:`", body, "`")
            else:
                raise NotImplementedError(f"reference {node['refdomain']}:{node['reftype']}")
        elif isinstance(node, nodes.inline | nodes.TextElement):
            for child in node.children:
                self.inline(child, out)
        else:
            raise NotImplementedError(f"inline {node.__class__.__name__}")

    def text_of(self, node: nodes.Element) -> str:
        out = Inline()
        for child in node.children:
            self.inline(child, out)
        return out.result()

    # -- blocks --------------------------------------------------------------------------

    def document(self, doc: nodes.document) -> str:
        lines = self.blocks(doc.children, 0)
        return "\n".join(lines).rstrip() + "\n"

    def blocks(self, children: Sequence[Any], level: int) -> list[str]:
        lines: list[str] = []
        for child in children:
            lines.extend(self.block(child, level))
        return lines

    def block(self, node: Any, level: int) -> list[str]:
        if isinstance(node, nodes.section):
            heading = node[0]
            assert isinstance(heading, nodes.title)
            title = self.text_of(heading)
            width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in title)
            rule = TITLE_RULES[level] * width
            return [title, rule, "", *self.blocks(node.children[1:], level + 1)]
        if isinstance(node, nodes.paragraph):
            text = self.text_of(node)
            if text.endswith("::"):
                text = text[:-1] + "\\:"
            return [text, ""]
        if isinstance(node, nodes.container | nodes.compound):
            return self.blocks(node.children, level)
        if isinstance(node, nodes.bullet_list):
            lines = []
            for item in node.children:
                assert isinstance(item, nodes.list_item)
                body = []
                ids: list[str] = item.get("ids", [])
                for anchor in ids:
                    name = self.target(self.docname, anchor)
                    if self.keep is None or name in self.keep:
                        body += [f".. _{name}:", ""]
                body += self.blocks(item.children, level)
                while body and not body[-1]:
                    body.pop()
                lines.append(f"- {body[0]}")
                lines.extend(f"  {line}" if line else "" for line in body[1:])
                lines.append("")
            return lines
        if isinstance(node, nodes.rubric):
            return [f".. rubric:: {self.text_of(node)}", ""]
        if isinstance(node, addnodes.toctree):
            lines = [".. toctree::"]
            if node.get("maxdepth", -1) != -1:
                lines.append(f"   :maxdepth: {node['maxdepth']}")
            if node.get("hidden"):
                lines.append("   :hidden:")
            lines.append("")
            for title, ref in node["entries"]:
                lines.append(f"   {title} <{ref}>" if title else f"   {ref}")
            return [*lines, ""]
        if node.__class__.__name__ == "cv_details":  # abstract, BibTeX, authors: a block
            children = list(node.children)
            if children and children[0].__class__.__name__ == "cv_summary":
                summary = self.text_of(children.pop(0))
            else:
                summary = node["summary"]
            inner = [summary, "", *self.blocks(children, level)]
            return [".. container::", "", *(f"   {x}" if x else "" for x in inner)]
        if isinstance(node, nodes.literal_block):
            lang = node.get("language", "text")
            body = [f"   {x}" if x else "" for x in node.astext().splitlines()]
            return [f".. code-block:: {lang}", "", *body, ""]
        if isinstance(node, nodes.comment | nodes.target):
            return []
        raise NotImplementedError(f"block {node.__class__.__name__} in {self.docname}")


def collapse_author_lists(doctree: nodes.document) -> None:
    """Long author lists as sphinx-cv's HTML shows them (a toggle with the first names,
    holding the whole list, before the entry): sphinx-cv does this when it writes HTML,
    after the doctree was saved, so the plain page is given the same blocks."""
    import sphinx_cv.extension  # noqa: F401  (loads the package in its own order)
    from sphinx_cv.web.browse import CollapseLongAuthorLists

    step = object.__new__(CollapseLongAuthorLists)  # its run() needs only the document
    step.document = doctree
    # No Sphinx here: the plain build's own smart quotes curl the names' quotes, as
    # sphinx-cv does after collapsing.
    step.smart_quotes = lambda root: None  # type: ignore[method-assign]
    step.run()


def write_plain_site(doctrees: Path, dest: Path, name: str, lean: Path | None = None) -> list[str]:
    """Write every page of a built sphinx-cv site (its ``.doctrees`` folder) as plain
    reStructuredText in ``dest``, with a conf.py that loads no extension; and in
    ``lean``, if given, the same pages with targets only on the entries linked to."""
    with open(doctrees / "environment.pickle", "rb") as fh:
        env = pickle.load(fh)
    labels = env.domaindata.get("cv", {}).get("labels", {})
    docnames = sorted(env.found_docs)
    doctree_of: dict[str, Any] = {}
    linked: set[str] = set()
    for folder, keep in ((dest, None), (lean, linked)):
        if folder is None:
            continue
        for docname in docnames:
            doctree = doctree_of.get(docname)
            if doctree is None:
                with open(doctrees / f"{docname}.doctree", "rb") as fh:
                    doctree = pickle.load(fh)
                collapse_author_lists(doctree)
                if lean is not None:  # read once for both
                    doctree_of[docname] = doctree
            writer = Writer(docname, labels, keep)
            path = folder / f"{docname}.rst"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(writer.document(doctree), encoding="utf-8")
            linked |= writer.linked
        (folder / "conf.py").write_text(CONF.format(name=name), encoding="utf-8")
    return docnames


_BLOCKS = {
    "p",
    "div",
    "main",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "details",
    "summary",
    "pre",
    "section",
    "blockquote",
    "table",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
}


class _BodyText(html.parser.HTMLParser):
    """The text of the element with class ``body`` (Sphinx's basic themes:
    ``<div class="body">``; the sphinx_cv theme: ``<main class="... body">``), without
    permalink signs; block elements are separated by a space."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tag = ""
        self.depth = 0
        self.skip = 0
        self.chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self.depth and tag in _BLOCKS:
            self.chunks.append(" ")
        if self.depth:
            if tag == self.tag:
                self.depth += 1
            if tag == "a" and "headerlink" in classes:
                self.skip += 1
        elif tag in ("div", "main") and "body" in classes:
            self.tag, self.depth = tag, 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag in _BLOCKS:
            self.chunks.append(" ")
        if self.depth and tag == self.tag:
            self.depth -= 1
        if self.skip and tag == "a":
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.chunks.append(data)


def body_text(html_file: Path) -> str:
    """The visible text of a page's body, whitespace folded."""
    parser = _BodyText()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return " ".join("".join(parser.chunks).split())
