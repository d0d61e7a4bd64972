"""``cv_pdf_url``: the profile card's "Download CV (PDF)" link, right from every page."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp


def pdf_hrefs(page: Path) -> list[str]:
    import re

    return re.findall(
        r'<a class="cv-pdf-link reference external" href="([^"]*)">'
        r"Download CV \(PDF\)</a>",
        page.read_text(encoding="utf-8"),
    )


@pytest.mark.sphinx(
    "html", testroot="pdflink", freshenv=True, confoverrides={"cv_pdf_url": "cv.pdf"}
)
def test_html_links_relative_to_each_page(app: SphinxTestApp) -> None:
    app.build()
    out = Path(app.outdir)
    assert pdf_hrefs(out / "index.html") == ["cv.pdf"]
    assert pdf_hrefs(out / "sub" / "page.html") == ["../cv.pdf"]


@pytest.mark.sphinx(
    "dirhtml", testroot="pdflink", freshenv=True, confoverrides={"cv_pdf_url": "files/cv.pdf"}
)
def test_dirhtml_links_relative_to_each_page(app: SphinxTestApp) -> None:
    app.build()
    out = Path(app.outdir)
    assert pdf_hrefs(out / "index.html") == ["files/cv.pdf"]
    assert pdf_hrefs(out / "sub" / "page" / "index.html") == ["../../files/cv.pdf"]


@pytest.mark.sphinx("html", testroot="pdflink", freshenv=True)
def test_no_link_without_a_pdf(app: SphinxTestApp) -> None:
    app.build()
    assert "Download CV" not in (Path(app.outdir) / "index.html").read_text("utf-8")


@pytest.mark.sphinx(
    "text", testroot="pdflink", freshenv=True, confoverrides={"cv_pdf_url": "cv.pdf"}
)
def test_a_relative_link_is_left_out_of_other_formats(app: SphinxTestApp) -> None:
    app.build()
    text = (Path(app.outdir) / "index.txt").read_text("utf-8")
    assert "Ada Lovelace" in text and "Download CV" not in text


@pytest.mark.sphinx(
    "text",
    testroot="pdflink",
    freshenv=True,
    confoverrides={"cv_pdf_url": "https://example.org/cv.pdf"},
)
def test_an_absolute_link_stays_everywhere(app: SphinxTestApp) -> None:
    app.build()
    assert "Download CV (PDF)" in (Path(app.outdir) / "sub" / "page.txt").read_text("utf-8")
