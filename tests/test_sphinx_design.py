"""sphinx-design's containers (tabs, dropdowns, cards) around sphinx-cv's lists: every
entry is written inside them, references to entries resolve, and setting plain entries
aside during the read transforms (sphinx_cv.setaside) changes nothing in the output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

import sphinx_cv.directives.publications as publications

pytest.importorskip("sphinx_design")

EXAMPLE = Path(__file__).parent.parent / "example_site"

PAGE = """\
Home
====

.. tab-set::

   .. tab-item:: Conference

      .. publication-list::
         :type: conference

   .. tab-item:: All

      .. publication-list::
         :abstracts:

.. dropdown:: Selected

   .. publication-list::
      :selected:

.. grid:: 2

   .. grid-item-card:: Education

      .. timeline:: education

   .. grid-item-card:: Talks

      See :pub:`lin2024adaptive` and :bdg-primary:`a badge`.
"""


def build(src: Path, builder: str, out: Path) -> dict[str, str]:
    app = SphinxTestApp(builder, srcdir=src, builddir=out, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    built = out / builder
    return {
        str(p.relative_to(built)): p.read_text("utf-8")
        for p in sorted(built.rglob("*"))
        if p.suffix in (".html", ".tex", ".txt", ".js") and "_static" not in p.parts
    }


@pytest.fixture
def site(tmp_path: Path) -> Path:
    src = tmp_path / "site"
    src.mkdir()
    shutil.copy(EXAMPLE / "profile.yaml", src)
    (src / "conf.py").write_text(
        'extensions = ["sphinx_cv", "sphinx_design"]\nhtml_theme = "alabaster"\n'
        'cv_profile = "profile.yaml"\n',
        "utf-8",
    )
    (src / "index.rst").write_text(PAGE, "utf-8")
    return src


@pytest.mark.parametrize("builder", ["html", "latex", "text"])
def test_lists_in_sphinx_design_containers_equal_the_untouched_build(
    site: Path, tmp_path: Path, builder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = build(site, builder, tmp_path / "fast")
    monkeypatch.setattr(publications, "set_aside", lambda bullet, document: None)
    untouched = build(site, builder, tmp_path / "untouched")
    assert fast == untouched
    if builder == "html":
        page = fast["index.html"]
        assert page.count("sd-tab-set") and "sd-dropdown" in page and "sd-card" in page
        # entries inside each tab's content and inside the dropdown
        tabs = page.split('class="sd-tab-content')[1:]
        assert len(tabs) == 2 and all('class="cv-pub ' in tab for tab in tabs)
        dropdown = page.split("sd-dropdown")[1].split("</details>")[0]
        assert 'class="cv-pub ' in dropdown
        assert 'href="#pub-lin2024adaptive' in page
