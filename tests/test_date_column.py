"""Dates: the day only when asked for; in the PDF a range never wraps in the date
column, in every design."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_cv.config import CvConfig
from sphinx_cv.data.dates import parse_date
from sphinx_cv.render.dates import format_date, format_range

NEEDS = ("latexmk", "pdflatex", "pdftotext")
needs_tex = pytest.mark.skipif(
    any(shutil.which(t) is None for t in NEEDS), reason="needs TeX Live, latexmk and poppler"
)


def test_the_day_is_shown_only_when_asked() -> None:
    date = parse_date("2025-09-14")
    assert format_date(date, CvConfig()) == "Sep. 2025"
    assert format_date(date, CvConfig(show_day=True)) == "Sep. 14, 2025"
    assert format_date(parse_date("2025-05-02"), CvConfig()) == "May 2025"
    assert (
        format_range(parse_date("2020-09-01"), parse_date("2025-06-30"), CvConfig())
        == "Sep. 2020 – Jun. 2025"
    )


PROFILE = """person: {name: Ada Lovelace}
positions:
- {position: Research Scientist, organization: Engine Labs, start: 2020-09, end: 2025-06}
- {position: Engineer, organization: Mills, start: 2019-09-01, end: 2019-12-31}
- {position: Visitor, organization: Royal Society, start: 2013-09, end: present}
education:
- {institution: University of London, degree: Ph.D., start: Sep. 2015, end: May 2019}
"""


@needs_tex
@pytest.mark.parametrize("design", ["classic", "modern", "sidebar", "compact"])
def test_a_range_stays_on_one_line_in_the_pdf(tmp_path: Path, design: str) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    (site / "conf.py").write_text(
        f'extensions = ["sphinx_cv"]\ncv_pdf_design = "{design}"\ncv_show_day = True\n',
        encoding="utf-8",
    )
    (site / "index.rst").write_text(
        "CV\n==\n\n.. timeline:: positions\n\n.. timeline:: education\n", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(site), str(tmp_path / "out"), "-q"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    pdfs = list((tmp_path / "out" / "latex").glob("*.pdf"))
    assert result.returncode == 0 and pdfs, result.stdout[-2000:] + result.stderr[-2000:]
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdfs[0]), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [" ".join(line.split()) for line in text.splitlines()]
    for first, last in (
        ("Sep. 2020", "Jun. 2025"),
        ("Sep. 1, 2019", "Dec. 31, 2019"),
        ("Sep. 2013", "present"),
        ("Sep. 2015", "May 2019"),
    ):
        assert any(re.search(rf"{re.escape(first)} – {re.escape(last)}", line) for line in lines), (
            first,
            [line for line in lines if first in line],
        )
