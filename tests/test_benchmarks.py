"""The benchmark script cannot rot: its generator, its plain-RST writer and one tiny run.

Timings are not asserted here (speed targets live in benchmarks/); what is checked is
that the synthetic profile is valid, that the plain site shows the same text as the
sphinx-cv site, and that the script produces its tables.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from docutils.core import publish_doctree

REPO = Path(__file__).parent.parent.resolve()
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import generate, run  # noqa: E402
from benchmarks.plain import Inline  # noqa: E402
from sphinx_cv.data.loader import load_profile  # noqa: E402
from sphinx_cv.data.pubtypes import NAMES as PUB_TYPES  # noqa: E402


def test_generated_profile_is_valid_and_varied(tmp_path: Path) -> None:
    data = generate.write_site(tmp_path, 300)
    result = load_profile(str(tmp_path / "profile.yaml"))
    assert [str(p) for p in result.problems] == []
    pubs = result.profile.publications
    assert len(pubs) == 300
    assert {p.type for p in pubs} == set(PUB_TYPES)
    counts = [len(p.authors) for p in pubs]
    assert min(counts) == 1 and max(counts) >= 20 and max(counts) <= 30
    assert any(p.abstract for p in pubs) and any(p.status for p in pubs)
    assert any(p.tags for p in pubs) and any(p.all_links() for p in pubs)
    for section in ("education", "positions", "research", "teaching", "awards", "service",
                    "talks"):
        assert getattr(result.profile, section), section
    # Seeded: the same size gives the same profile.
    assert generate.profile(300) == data
    assert generate.profile(300, seed=1) != data


@pytest.mark.parametrize("text", [
    "A. Einstein wrote it", "1. not a list", "- not a bullet", ".. not a comment",
    ":not: a field", "ends with a colon::", "*not emphasis* and **not strong**",
    "snake_case_ and `tick` and |bar| and <script>", r"back\slash", "(a) not a list",
])
def test_plain_text_survives_rst(text: str) -> None:
    out = Inline()
    out.text(text)
    line = out.result()
    if line.endswith("::"):
        line = line[:-1] + "\\:"
    assert publish_doctree(line).astext() == text


def test_markup_next_to_words_is_kept_apart() -> None:
    out = Inline()
    out.text("x")
    out.markup("**", "bold", "**")
    out.text("y, ")
    out.markup("`", "PDF <https://example.org/a.pdf>", "`__")
    out.text("]")
    doctree = publish_doctree(out.result())
    assert doctree.astext() == "xboldy, PDF]"
    assert doctree.pformat().count("<strong>") == 1
    assert doctree.pformat().count("<reference") == 1


def test_one_tiny_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "results.md"
    assert run.main(["--sizes", "3", "--reps", "1", "--no-pdf", "--no-example",
                     "--growth", "30,120", "--work", str(tmp_path / "work"),
                     "--output", str(output)]) == 0
    text = output.read_text(encoding="utf-8")
    assert text == capsys.readouterr().out
    assert "| 3 | cold build |" in text and "| 3 | peak memory (cold) |" in text
    assert "| 3 | no-op rebuild | none | none |" in text
    # The edit changed one publication on both sides; both re-read the pages showing it.
    assert "edit one publication (A: profile.yaml; B: cv.rst, publications.rst)" in text
    assert "| 3: no-op rebuild re-reads nothing | none | met |" in text
    assert "Growth from 30 to 120 publications" in text and "no quadratic step" in text
