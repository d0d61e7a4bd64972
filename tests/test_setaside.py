"""Publication entries set aside during the early read transforms (and while the HTML
builder resolves the page) are back, in their places, before anything else looks."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.utils import new_document
from sphinx.testing.util import SphinxTestApp

from sphinx_cv.setaside import inert, put_back, set_aside
from sphinx_cv.smartquotes import mark_plain


def item(text: str, uri: str | None = "https://example.org") -> nodes.list_item:
    para = nodes.paragraph("", "", nodes.inline(text, text, classes=["cv-pub-title"]))
    if uri is not None:
        para += nodes.reference("PDF", "PDF", refuri=uri)
    else:
        para += nodes.reference("PDF", "PDF", refname="somewhere")
    mark_plain(para)
    return nodes.list_item("", para)


def test_only_inert_items_are_set_aside_and_all_come_back_in_order() -> None:
    document = new_document("test")
    items = [item("One"), item("Ada's two"), item("Three"), item("Four", uri=None), item("Five")]
    items.append(nodes.list_item("", nodes.literal_block("x = 1", "x = 1")))
    bullet = nodes.bullet_list("", *items)
    assert [inert(i) for i in items] == [True, False, True, False, True, False]
    set_aside(bullet, document)
    assert bullet.children == [items[1], items[3], items[5]]
    put_back(document)
    assert bullet.children == items
    put_back(document)  # nothing left aside: nothing moves
    assert bullet.children == items


def test_the_read_event_sees_every_entry(tmp_path: Path) -> None:
    src = tmp_path / "site"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["sphinx_cv"]\n', "utf-8")
    (src / "profile.yaml").write_text(
        "person:\n  name: Ada Lovelace\npublications:\n"
        + "".join(
            f"  - id: p{i}\n    type: journal\n    title: Paper {i}\n"
            f"    authors: [Ada Lovelace]\n    venue: Journal\n    year: {2000 + i}\n"
            f"    pdf: https://example.org/{i}.pdf\n"
            for i in range(5)
        ),
        "utf-8",
    )
    (src / "index.rst").write_text("Publications\n============\n\n.. publication-list::\n", "utf-8")
    seen: list[list[str]] = []

    def entries(doctree: nodes.document) -> None:
        seen.append(
            [n["ids"][0] for n in doctree.findall(nodes.list_item) if "cv-pub" in n["classes"]]
        )

    app = SphinxTestApp("html", srcdir=src, freshenv=True)
    try:
        app.connect("doctree-read", lambda app, doctree: entries(doctree))
        # Set aside again while the HTML builder resolves the page, back after.
        app.connect("doctree-resolved", lambda app, doctree, docname: entries(doctree))
        app.build()
    finally:
        app.cleanup()
    assert seen == [[f"pub-p{i}" for i in reversed(range(5))]] * 2


def test_entries_are_back_before_the_link_checker_and_the_domains_look() -> None:
    from sphinx.builders.linkcheck import HyperlinkCollector
    from sphinx.transforms import DoctreeReadEvent
    from sphinx.transforms.references import SphinxDomains

    from sphinx_cv.setaside import PutBack

    assert PutBack.default_priority < min(
        HyperlinkCollector.default_priority,
        SphinxDomains.default_priority,
        DoctreeReadEvent.default_priority,
    )
