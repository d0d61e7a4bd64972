"""Each directive's snippet, written in reStructuredText and in MyST (backtick and colon
fences), gives the same doctree, stored in tests/regression/<name>.txt.

Set SPHINX_CV_REGEN=1 to rewrite the regression files after an intended change.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import warnings_of
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

HERE = Path(__file__).parent
SNIPPETS = HERE / "snippets"
REGRESSION = HERE / "regression"
NAMES = sorted(p.stem for p in SNIPPETS.glob("*.rst"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    src = tmp_path_factory.mktemp("snippets") / "src"
    src.mkdir()
    shutil.copy(HERE / "roots" / "test-basic" / "profile.yaml", src / "profile.yaml")
    (src / "conf.py").write_text(
        'extensions = ["sphinx_cv", "myst_parser"]\n'
        'myst_enable_extensions = ["colon_fence"]\nproject = "snippets"\n'
        "suppress_warnings = ['toc.not_included']\n"
    )
    docs = []
    for name in NAMES:
        (src / f"{name}-rst.rst").write_text(
            f"{name}\n{'=' * len(name)}\n\n" + (SNIPPETS / f"{name}.rst").read_text()
        )
        md = (SNIPPETS / f"{name}.md").read_text()
        (src / f"{name}-md.md").write_text(f"# {name}\n\n{md}")
        colon = re.sub(r"^```(\{.*)$", r":::\1", md, flags=re.M).replace("```", ":::")
        (src / f"{name}-colon.md").write_text(f"# {name}\n\n{colon}")
        docs += [f"{name}-rst", f"{name}-md", f"{name}-colon"]
    (src / "index.rst").write_text(
        "Index\n=====\n\n.. toctree::\n\n   " + "\n   ".join(docs) + "\n"
    )
    app = SphinxTestApp("html", srcdir=src, builddir=src.parent / "build")
    app.build()
    yield app
    app.cleanup()


def body(app: SphinxTestApp, docname: str) -> str:
    """The document's content below its title, as docutils pseudo-XML."""
    doctree = app.env.get_doctree(docname)
    section = next(iter(doctree.findall(nodes.section)))
    text = "".join(child.pformat() for child in section.children[1:])
    text = re.sub(r'refdoc="[^"]*"', 'refdoc="DOC"', text)
    # docutils < 0.21 writes booleans as "0"/"1", later ones as "False"/"True".
    return text.replace('="0"', '="False"').replace('="1"', '="True"')


@pytest.mark.parametrize("name", NAMES)
def test_snippet_doctree(built: SphinxTestApp, name: str) -> None:
    warnings = warnings_of(built)
    assert "WARNING" not in warnings, warnings
    rst = body(built, f"{name}-rst")
    assert body(built, f"{name}-md") == rst
    assert body(built, f"{name}-colon") == rst
    expected = REGRESSION / f"{name}.txt"
    if os.environ.get("SPHINX_CV_REGEN"):
        expected.write_text(rst, encoding="utf8")
    assert expected.exists(), f"no regression file {expected}; run with SPHINX_CV_REGEN=1"
    assert rst == expected.read_text(encoding="utf8")
