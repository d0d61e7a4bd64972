"""The CV designs (cv_pdf_design, cv_pdf_accent, cv_pdf_font): each builds a PDF from
the same doctree that reads in order (as applicant-tracking systems read it), and
each looks different from the others."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import warnings_of
from sphinx.testing.util import SphinxTestApp
from test_latex import REPO, CvBlocks, build_pdf, needs_tex, pdf_info, pdf_text, squash

from sphinx_cv.config import PDF_DESIGNS

HEADINGS = (
    "Work Experience",
    "Education",
    "Research Interest",
    "Publications",
    "Research Experience",
    "Teaching",
    "Awards",
    "Services",
)
CONTACT = (
    "simmonssong96@gmail.com",
    "+86 13260063767",
    "+852 6341 2126",
    "simmonssong.github.io",
    "Google Scholar",
)
HEADER_FACTS = (
    "Qingyu Song",
    "Assistant Professor",
    "School of Informatics",
    "Xiamen University",
    "Xiamen, China",
)
# Entries of several sections, in the order of the CV.
ENTRIES = (
    "Assistant Professor, School of Informatics, Xiamen University",
    "The Chinese University of Hong Kong",
    "Tsinghua University",
    "Harbin Institute of Technology",
    "The Multi-Query Paradox",
    "Updated September 2025",
)


# --- the .tex: what sphinx-cv tells LaTeX -------------------------------------------------


@pytest.mark.sphinx(
    "latex",
    testroot="latex",
    freshenv=True,
    confoverrides={
        "cv_pdf_design": "sidebar",
        "cv_pdf_accent": "#0e6e78",
        "cv_pdf_font": "pagella",
        "latex_elements": {"preamble": "% my preamble"},
    },
)
def test_design_settings_reach_the_tex(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf8")
    assert "\\def\\cvdesign{sidebar}" in tex and "\\def\\cvaccenthex{0E6E78}" in tex
    assert tex.index("\\def\\cvdesign") < tex.index("% my preamble")  # the user's last
    assert "hmargin={6.6cm,1.5cm}" in tex  # the sidebar's room
    assert "TeXGyrePagella" in tex
    for design in PDF_DESIGNS:  # every design is shipped beside the .tex
        assert (Path(app.outdir) / f"sphinxcv-{design}.sty").is_file()


@pytest.mark.sphinx(
    "latex",
    testroot="latex",
    freshenv=True,
    confoverrides={"cv_pdf_design": "fancy", "cv_pdf_accent": "teal", "cv_pdf_font": "comic"},
)
def test_bad_design_settings_warn_and_fall_back(app: SphinxTestApp) -> None:
    app.build()
    warnings = warnings_of(app)
    assert "cv_pdf_design: invalid value 'fancy'" in warnings and "classic" in warnings
    assert "cv_pdf_accent: invalid value 'teal'" in warnings
    assert "cv_pdf_font: invalid value 'comic'" in warnings
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf8")
    assert "\\def\\cvdesign{classic}" in tex and "cvaccenthex" not in tex


# --- the PDFs -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def design_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("designs")
    return {
        d: build_pdf(REPO / "example_site", out / d, "-D", f"cv_pdf_design={d}")
        for d in PDF_DESIGNS
    }


@needs_tex
@pytest.mark.parametrize("design", PDF_DESIGNS)
def test_design_pdf_reads_in_order(design_pdfs: dict[str, Path], design: str) -> None:
    pdf = design_pdfs[design]
    info = pdf_info(pdf)
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    assert 1 <= pages <= 4
    assert re.search(r"^Title:\s+Qingyu Song – Curriculum Vitae$", info, re.M)
    # In the content stream's order (-raw) and, for the one-column designs whose dates
    # sit at the left, in pdftotext's own reading order of the page (no option): name,
    # contact, headings and entries come in the order of the CV. pdftotext's layout
    # analysis reads the sidebar, and compact's narrow date column, as columns apart.
    sequence = [
        "QingyuSong",
        *CONTACT,
        HEADINGS[0],
        ENTRIES[0],
        HEADINGS[1],
        *ENTRIES[1:4],
        *HEADINGS[2:4],
        ENTRIES[4],
        *HEADINGS[4:],
        ENTRIES[5],
    ]
    for mode in ("-raw",) if design in ("sidebar", "compact") else ("-raw", "-nopgbrk"):
        text = pdf_text(pdf, mode)
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert lines[0] == "Qingyu Song"
        assert_in_order(text, sequence)
        # The header is its facts and the separators, nothing else: the icons are drawn,
        # not characters that an applicant-tracking system would read as text.
        header = squash(text[: text.lower().index(HEADINGS[0].lower())]).replace("·", "")
        assert header == squash("".join(HEADER_FACTS + CONTACT)), (mode, header)
    assert "https://arxiv.org/abs/2509.15552" in pdf_info(pdf, "-url")


def assert_in_order(text: str, sequence: list[str]) -> None:
    """Each item of ``sequence`` is in ``text`` after the one before it."""
    flat = squash(text).lower()
    at = 0
    for item in sequence:
        found = flat.find(squash(item).lower(), at)
        assert found >= 0, (item, sequence)
        at = found + 1


@needs_tex
def test_every_design_has_every_fact(design_pdfs: dict[str, Path], tmp_path: Path) -> None:
    """Every paragraph the HTML CV shows is in each design's PDF, in one piece."""
    from sphinx.cmd.build import build_main

    html_out = tmp_path / "html"
    assert (
        build_main(
            [
                "-q",
                "-b",
                "html",
                str(REPO / "example_site"),
                str(html_out),
                "-d",
                str(tmp_path / "doctrees"),
            ]
        )
        == 0
    )
    parser = CvBlocks()
    parser.feed((html_out / "cv.html").read_text(encoding="utf8"))
    blocks = [b for b in parser.blocks if b.strip()]
    assert len(blocks) > 60

    def facts(text: str) -> str:  # modern's icons stand in for the contact line's dots
        return squash(text).replace("·", "")

    for design, pdf in design_pdfs.items():
        flat = facts(pdf_text(pdf, "-raw"))
        missing = [b for b in blocks if facts(b) not in flat]
        assert not missing, (design, missing)


@needs_tex
def test_designs_look_different(design_pdfs: dict[str, Path], tmp_path: Path) -> None:
    looks = {}
    for design, pdf in design_pdfs.items():
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "20",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(tmp_path / design),
            ],
            check=True,
        )
        looks[design] = (tmp_path / f"{design}.png").read_bytes()
    assert len(set(looks.values())) == len(PDF_DESIGNS)


@needs_tex
def test_design_with_cjk_accent_and_font(tmp_path: Path) -> None:
    pdf = build_pdf(
        REPO / "tests" / "roots" / "test-latex",
        tmp_path,
        "-D",
        "cv_pdf_design=modern",
        "-D",
        "cv_pdf_accent=#AA3300",
        "-D",
        "cv_pdf_font=pagella",
    )
    lines = [" ".join(line.split()) for line in pdf_text(pdf, "-raw").splitlines()]
    assert lines[0] == "张伟 Wei Zhang"
    assert "清华大学计算机科学与技术系" in lines
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "NotoSerifCJK" in fonts and "TeXGyrePagella" in fonts


@needs_tex
def test_gallery_pictures_are_current(design_pdfs: dict[str, Path], tmp_path: Path) -> None:
    """The docs' pictures are what docs/design_gallery.py draws today (run it if not)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("gallery", REPO / "docs" / "design_gallery.py")
    assert spec is not None and spec.loader is not None
    gallery = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gallery)
    stale = []
    for design, pdf in design_pdfs.items():
        drawn = tmp_path / f"{design}.png"
        gallery.render(pdf, drawn)
        shipped = gallery.OUT / f"{design}.png"
        if not shipped.is_file() or changed_share(shipped, drawn) > GALLERY_TOLERANCE:
            stale.append(design)
    assert not stale, f"run python docs/design_gallery.py: {stale} changed"


GALLERY_TOLERANCE = 0.005
"""The share of pixels that may differ: a newer Sphinx or TeX may move a glyph's
antialiasing, which is no change of design; a changed colour, rule or layout is."""


def png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of raw pixel bytes) of a non-interlaced 8-bit PNG, as
    pdftoppm writes them (no imaging library needed)."""
    import struct
    import zlib

    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    pos, idat, width = 8, b"", 0
    height = depth = colour = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    assert depth == 8, (path, depth)
    bpp = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    raw, stride = zlib.decompress(idat), width * bpp
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for x in range(stride):
            left = line[x - bpp] if x >= bpp else 0
            up, corner = prev[x], prev[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[x] = (line[x] + pred) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, rows


def changed_share(a: Path, b: Path) -> float:
    """The share of pixels that differ between two PNGs (1.0 if their sizes differ)."""
    wa, ha, rows_a = png_pixels(a)
    wb, hb, rows_b = png_pixels(b)
    if (wa, ha) != (wb, hb) or len(rows_a[0]) != len(rows_b[0]):
        return 1.0
    bpp = len(rows_a[0]) // wa
    differ = sum(
        ra[i : i + bpp] != rb[i : i + bpp]
        for ra, rb in zip(rows_a, rows_b, strict=True)
        for i in range(0, len(ra), bpp)
    )
    return differ / (wa * ha)


SIDE_SECTIONS = """
Skills
------

.. timeline:: skills

Languages
---------

.. timeline:: languages

"""
SIDE_PROFILE = """sections:
  skills:
    - title: Programming
      highlights: [Python, PyTorch]
  languages:
    - title: Chinese
      summary: Native
    - title: English
      summary: Fluent
"""


@pytest.fixture(scope="module")
def side_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site with skills and languages at the end of its CV."""
    import shutil

    site = tmp_path_factory.mktemp("side") / "site"
    shutil.copytree(REPO / "example_site", site, ignore=shutil.ignore_patterns("_build"))
    with (site / "profile.yaml").open("a", encoding="utf8") as f:
        f.write(SIDE_PROFILE)
    cv = (site / "cv.rst").read_text(encoding="utf8")
    (site / "cv.rst").write_text(
        cv.replace(".. cv-updated::", SIDE_SECTIONS + ".. cv-updated::"), encoding="utf8"
    )
    return site


@needs_tex
def test_sidebar_holds_skills_and_languages(side_site: Path, tmp_path: Path) -> None:
    """In the sidebar design, skills and languages follow the contact in the narrow
    column, before the main column's first section; elsewhere they stay in place."""
    pdf = build_pdf(side_site, tmp_path / "sidebar", "-D", "cv_pdf_design=sidebar")
    side = [
        "QingyuSong",
        *CONTACT,
        "Skills",
        "Programming",
        "Python",
        "PyTorch",
        "Languages",
        "Chinese",
        "Native",
        "English",
        "Fluent",
        HEADINGS[0],
        ENTRIES[0],
        HEADINGS[-1],
        ENTRIES[-1],
    ]
    assert_in_order(pdf_text(pdf, "-raw"), side)
    tex = next((tmp_path / "sidebar" / "latex").glob("*.tex")).read_text(encoding="utf8")
    assert "\\section{Skills}" not in tex and "\\section{Languages}" not in tex
    classic = build_pdf(side_site, tmp_path / "classic", "-D", "cv_pdf_design=classic")
    assert_in_order(
        pdf_text(classic, "-raw"),
        [
            "QingyuSong",
            *CONTACT,
            HEADINGS[0],
            HEADINGS[-1],
            "Skills",
            "Python",
            "Languages",
            "Fluent",
            ENTRIES[-1],
        ],
    )


@needs_tex
@pytest.mark.parametrize("design", ["sidebar", "compact"])
def test_chinese_build_reads_in_order(design: str, tmp_path: Path) -> None:
    """A zh_CN build: the Chinese name, position and headings, in order, as text."""
    pdf = build_pdf(
        REPO / "tests" / "roots" / "test-i18n",
        tmp_path,
        "-D",
        "language=zh_CN",
        "-D",
        f"cv_pdf_design={design}",
    )
    for mode in ("-raw",) if design in ("sidebar", "compact") else ("-raw", "-nopgbrk"):
        text = pdf_text(pdf, mode)
        lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
        assert lines[0] == "张伟"
        # A narrow date column breaks a range at its dash, never inside a date.
        assert not any(line.startswith(("年", "月", "今")) for line in lines), lines
        assert_in_order(
            text,
            [
                "张伟",
                "助理教授",
                "计算机科学系",
                "wei@example.org",
                "工作经历",
                "助理教授",
                "教育经历",
                "清华大学",
                "发表论文",
                "期刊论文",
                "更新于",
            ],
        )


@pytest.mark.parametrize("design", ["sidebar", "classic"])
def test_class_cv_sidebar_moves_a_section(design: str, tmp_path: Path) -> None:
    """``:class: cv-sidebar`` on a section's directive puts that section in the sidebar's
    column (a paragraph heading in the header, no \\section); other designs keep it."""
    import shutil

    from sphinx.cmd.build import build_main

    site = tmp_path / "site"
    shutil.copytree(REPO / "tests" / "roots" / "test-latex", site)
    cv = (site / "cv.rst").read_text(encoding="utf8")
    marked = cv.replace(".. timeline:: talks", ".. timeline:: talks\n   :class: cv-sidebar")
    (site / "cv.rst").write_text(marked, encoding="utf8")
    assert (
        build_main(
            ["-q", "-b", "latex", str(site), str(tmp_path / "out"), "-D", f"cv_pdf_design={design}"]
        )
        == 0
    )
    tex = next((tmp_path / "out").glob("*.tex")).read_text(encoding="utf8")
    talk = tex.index("Keynote")
    if design == "sidebar":
        assert "\\section{Talks}" not in tex
        assert tex.index("{cv-side-title}") < talk < tex.index("\\section{Positions}")
    else:
        assert tex.index("\\section{Positions}") < tex.index("\\section{Talks}") < talk
