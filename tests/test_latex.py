"""The CV through Sphinx's LaTeX builder: the .tex it writes, and real PDFs read back
with poppler (pdftotext, pdfinfo), as a reader would see them."""

from __future__ import annotations

import html.parser
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import warnings_of
from sphinx.testing.util import SphinxTestApp

from sphinx_cv.data.scripts import is_cjk, iter_strings, pdflatex_can_set, script_needs
from sphinx_cv.latex.defaults import file_slug

REPO = Path(__file__).parent.parent.resolve()
HOSTILE = "& % $ # _ { } ~ ^ \\ <script>alert(1)</script>"
TOOLS = ("latexmk", "xelatex", "pdflatex", "pdftotext", "pdfinfo")
MISSING = [t for t in TOOLS if shutil.which(t) is None]

needs_tex = pytest.mark.skipif(
    bool(MISSING) and not os.environ.get("CI"),
    reason=f"not installed: {', '.join(MISSING)} (.ci/run installs them)",
)


# --- the data layer: which engine the text needs -----------------------------------------


def test_script_needs() -> None:
    assert not script_needs(["Zoë Ø'Brien-Łukasiewicz — “€ ™ ‰ † ‡ • …”"]).unicode_engine
    greek = script_needs(["naïve", "Ελληνικά"])
    assert greek.unicode_engine and not greek.cjk and greek.example == "Ε"
    cjk = script_needs(["Wei Zhang", "清华大学"])
    assert cjk.unicode_engine and cjk.cjk and cjk.example == "清"
    assert is_cjk("한") and is_cjk("の") and not is_cjk("a")
    assert pdflatex_can_set("ł") and not pdflatex_can_set("∞")


def test_iter_strings_skips_locations(tmp_path: Path) -> None:
    from sphinx_cv.data.loader import load_profile

    path = tmp_path / "张" / "profile.yaml"
    path.parent.mkdir()
    path.write_text(
        "person:\n  name: Ada\npublications:\n  - id: a\n    title: Ω\n", encoding="utf8"
    )
    texts = list(iter_strings(load_profile(str(path)).profile))
    assert "Ada" in texts and "Ω" in texts
    assert not any("张" in t for t in texts)  # the folder name is not profile text


def test_file_slug() -> None:
    assert file_slug("Qingyu Song") == "qingyu-song-cv"
    assert file_slug("Zoë Ø'Brien") == "zoe-brien-cv"
    assert file_slug("张伟") == "cv"


# --- the .tex ----------------------------------------------------------------------------


@pytest.mark.sphinx("latex", testroot="latex", freshenv=True)
def test_tex_of_hostile_and_cjk_profile(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""
    out = Path(app.outdir)
    # The CV page (not the root) became the document, named after the person.
    assert app.config.latex_documents[0][:2] == ("cv", "wei-zhang-cv.tex")
    tex = (out / "wei-zhang-cv.tex").read_text(encoding="utf8")
    # The CV class, no title page, contents or index; xelatex with xeCJK for the CJK.
    assert re.search(r"\\documentclass\[a4paper,10pt,(english,)?oneside\]\{sphinxcv\}", tex)
    assert (out / "sphinxcv.cls").exists() and (out / "sphinxcvstyle.sty").exists()
    for absent in (
        r"\tableofcontents",
        r"\sphinxtableofcontents",
        r"\printindex",
        r"\makeindex",
        "fncychap",
    ):
        assert absent not in tex
    assert app.config.latex_engine == "xelatex"
    assert r"\usepackage{xeCJK}" in tex and r"\setCJKmainfont{Noto Serif CJK SC}" in tex
    assert r"\author{张伟 Wei Zhang}" in tex
    assert "xelatex" in (out / "latexmkrc").read_text(encoding="utf8")
    # User text is escaped by the writer, in text and in URLs.
    assert (
        r"\& \% \$ \# \_ \{ \} \textasciitilde{} \textasciicircum{} \textbackslash{} "
        r"<script>alert(1)</script>"
    ) in tex  # < and > need no escape in xelatex
    assert r"\sphinxhref{https://example.org/a\_b\%20c\#frag~x}" in tex
    # A site-relative PDF link leads somewhere from the PDF: the profile's website.
    assert r"\sphinxhref{https://example.org/files/paper\_1\%.pdf}{PDF}" in tex
    # Every reference has its target: the entries carry LaTeX labels too.
    targets = set(re.findall(r"\\hyperref\[\\detokenize\{([^}]*)\}\]", tex))
    assert {"cv:pub-hostile2024", "cv:pub-cjk2023", "cv:pub-accents2022"} <= targets
    for target in targets:
        assert rf"\label{{\detokenize{{{target}}}}}" in tex, target
    # The look is by class: dates and entries in environments the style defines.
    for cls in (
        "cv-header",
        "cv-name",
        "cv-contact",
        "cv-entry",
        "cv-date",
        "cv-entry-body",
        "cv-publications",
        "cv-numbered",
        "cv-updated",
    ):
        assert rf"\begin{{sphinxuseclass}}{{{cls}}}" in tex, cls
    style = (out / "sphinxcvstyle.sty").read_text(encoding="utf8")
    for cls in (
        "cv-header",
        "cv-name",
        "cv-contact",
        "cv-entry",
        "cv-date",
        "cv-entry-body",
        "cv-publications",
        "cv-updated",
    ):
        assert f"{{sphinxclass{cls}}}" in style, cls
    # HTML assets never reach a LaTeX build.
    assert not list(out.rglob("*.css")) and not list(out.rglob("*.js"))


@pytest.mark.sphinx(
    "latex",
    testroot="latex",
    freshenv=True,
    confoverrides={
        "latex_engine": "pdflatex",
        "latex_elements": {"preamble": "% my preamble", "sphinxsetup": "hmargin=3cm"},
    },
)
def test_user_settings_win(app: SphinxTestApp) -> None:
    app.build()
    # The user's engine is kept, with a warning that says what to do.
    assert app.config.latex_engine == "pdflatex"
    warnings = warnings_of(app)
    assert "latex_engine is 'pdflatex'" in warnings and "'张'" in warnings
    assert "set latex_engine = 'xelatex'" in warnings
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf8")
    assert "% my preamble" in tex
    assert re.search(r"\\sphinxsetup\{hmargin=\{1\.9cm,1\.9cm\}, .*hmargin=3cm\}", tex)


@pytest.mark.sphinx(
    "latex",
    testroot="latex",
    freshenv=True,
    confoverrides={
        "latex_documents": [("index", "manual.tex", "Manual", "Me", "manual")],
    },
)
def test_a_manual_keeps_sphinx_look(app: SphinxTestApp) -> None:
    app.build()
    tex = (Path(app.outdir) / "manual.tex").read_text(encoding="utf8")
    assert r"{sphinxmanual}" in tex and r"\sphinxtableofcontents" in tex


@pytest.mark.sphinx(
    "latex", testroot="latex", freshenv=True, confoverrides={"cv_pdf_document": "index"}
)
def test_pdf_document_setting(app: SphinxTestApp) -> None:
    app.build()
    assert app.config.latex_documents[0][0] == "index"


# --- real PDFs ---------------------------------------------------------------------------


def build_pdf(src: Path, out: Path, *extra: str) -> Path:
    """``sphinx-build -M latexpdf`` as a user runs it; the PDF it made."""
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(src), str(out), "-q", *extra],
        capture_output=True,
        text=True,
        timeout=300,
    )
    pdfs = list((out / "latex").glob("*.pdf"))
    assert result.returncode == 0 and pdfs, result.stdout[-3000:] + result.stderr[-3000:]
    return pdfs[0]


def pdf_text(pdf: Path, *args: str) -> str:
    return subprocess.run(
        ["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_info(pdf: Path, *args: str) -> str:
    return subprocess.run(
        ["pdfinfo", *args, str(pdf)], capture_output=True, text=True, check=True
    ).stdout


# pdflatex sets "…" as three spaced dots (\textellipsis).
_LIGATURES = str.maketrans({"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "…": "..."})


def squash(text: str) -> str:
    """Text with layout undone: no spaces, line breaks or (hyphenation) hyphens."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text.translate(_LIGATURES))


class CvBlocks(html.parser.HTMLParser):
    """Text of each paragraph and list item that sphinx-cv wrote on an HTML page, but
    for the foldable blocks (abstracts, BibTeX), which are HTML only by design."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.stack: list[tuple[str, bool]] = []
        self.details = 0

    BLOCKS = ("p", "li", "div", "ul", "details", "summary", "section")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        inside = any(cv for _, cv in self.stack) or any(c.startswith("cv-") for c in classes)
        if tag == "details":
            self.details += 1
        if tag in self.BLOCKS:
            self.stack.append((tag, inside))
            if tag == "p" and inside:
                self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "details":
            self.details -= 1
        if tag in self.BLOCKS:
            while self.stack and self.stack.pop()[0] != tag:
                pass

    def handle_data(self, data: str) -> None:
        if (
            self.blocks
            and self.stack
            and self.stack[-1][0] == "p"
            and self.stack[-1][1]
            and not self.details
        ):
            self.blocks[-1] += data


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("example")
    pdf = build_pdf(REPO / "example_site", out)
    html_out = out / "html"
    from sphinx.cmd.build import build_main

    assert (
        build_main(
            [
                "-q",
                "-b",
                "html",
                str(REPO / "example_site"),
                str(html_out),
                "-d",
                str(out / "doctrees-html"),
            ]
        )
        == 0
    )
    return pdf, html_out


@needs_tex
def test_example_cv_pdf_reads_like_the_seed(example_pdf: tuple[Path, Path]) -> None:
    pdf, html_out = example_pdf
    info = pdf_info(pdf)
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    assert 1 <= pages <= 4
    assert "(A4)" in info
    assert re.search(r"^Title:\s+Qingyu Song – Curriculum Vitae$", info, re.M)
    assert re.search(r"^Author:\s+Qingyu Song$", info, re.M)
    text = pdf_text(pdf, "-raw")
    lines = [line for line in text.splitlines() if line.strip()]
    # Starts with the name and the contact line; no title page, contents or numbers.
    assert lines[0] == "Qingyu Song"
    assert any(line.startswith("simmonssong96@gmail.com · +86 13260063767") for line in lines[:8])
    assert "Contents" not in text and "Index" not in text and "Curriculum Vitae" not in text
    for heading in (
        "Work Experience",
        "Education",
        "Research Interest",
        "Publications",
        "Research Experience",
        "Teaching",
        "Awards",
        "Services",
    ):
        assert heading in lines, heading
        assert not re.search(rf"^[\d.]+\s*{heading}$", text, re.M), heading  # no numbers
    # Every paragraph the HTML CV shows is in the PDF, in one piece.
    parser = CvBlocks()
    parser.feed((html_out / "cv.html").read_text(encoding="utf8"))
    blocks = [b for b in parser.blocks if b.strip()]
    assert len(blocks) > 60
    flat = squash(text)
    missing = [b for b in blocks if squash(b) not in flat]
    assert not missing, missing
    for label in ("A3.", "A1.", "C8.", "C1.", "W2.", "W1.", "[A3, C8]"):
        assert label in text, label
    assert "Updated September 2025" in text
    # Links work from the PDF: the site-relative PDF link got the website in front.
    urls = pdf_info(pdf, "-url")
    assert "https://simmonssong.github.io/files/MathL2OProof_QYS.pdf" in urls
    assert "https://arxiv.org/abs/2509.15552" in urls


@needs_tex
def test_hostile_and_cjk_pdf(tmp_path: Path) -> None:
    pdf = build_pdf(REPO / "tests" / "roots" / "test-latex", tmp_path)
    text = pdf_text(pdf)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert lines[0] == "张伟 Wei Zhang"
    # Text comes out verbatim: TeX specials, CJK, Greek, Cyrillic, accents, dashes.
    for expected in (
        HOSTILE,
        "Professor of 100% Pure & Applied $Math$",
        "清华大学计算机科学与技术系",
        "Dept. of C_S {Theory} ~ ^ \\ <b>not bold</b>",
        "Sep. 2025 – present",
        "Université de Montréal {UdeM}, Montréal, Canada",
        "Prof. Zoë Ø’Brien-Łukasiewicz",
        "Über naïve café façades — “quotes”, ellipsis… and \\LaTeX{} commands",
        "基于深度学习的优化方法研究. 计算机学报, 2023.",
        "Ελληνικά: Привет, naïve Ærø Œuvre — ½ ≤ ∞.",
        "Optimisation & Control: 50% theory, 50% $practice$. [C1, J1]",
        "Reviewer: ICLR & NeurIPS, KDD #1, 期刊 Journal.",
        "w_zhang+cv@example.org · +86 10 6278 0000 · example.org/~wei/a_b%20c#top",
    ):
        assert squash(expected) in squash(text), expected
    assert any(HOSTILE in line for line in lines)
    # URLs with % # _ ~ & survive into the link annotations.
    urls = pdf_info(pdf, "-url")
    for url in (
        "https://example.org/a_b%20c#frag~x",
        "https://example.org/x?a=1&b=2_3#frag~x",
        "https://example.org/~wei/a_b%20c#top",
        "https://doi.org/10.1000/abc_def%7E1",
        "https://example.org/files/paper_1%.pdf",
        "mailto:w_zhang+cv@example.org",
    ):
        assert url in urls, url
    # CJK is set in Noto CJK, whose glyphs map back to text (Fandol's would not).
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "NotoSerifCJK" in fonts


@needs_tex
def test_latin_profile_compiles_with_pdflatex(tmp_path: Path) -> None:
    pdf = build_pdf(REPO / "tests" / "roots" / "test-basic", tmp_path)
    assert "pdflatex" in (tmp_path / "latex" / "latexmkrc").read_text(encoding="utf8")
    assert "pdfTeX" in pdf_info(pdf)
    text = pdf_text(pdf)
    assert HOSTILE in " ".join(text.split())
    assert squash("Prix Zoë Ø’Brien-Łukasiewicz — “€ ™ ‰ † ‡ • …” for Æsthetics & Œuvre") in squash(
        text
    )
