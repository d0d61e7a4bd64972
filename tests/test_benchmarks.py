"""The benchmark script cannot rot: its generator, its plain-RST writer and one tiny run.

Timings are not asserted here (speed targets live in benchmarks/); what is checked is
that the synthetic profile is valid, that the plain site shows the same text as the
sphinx-cv site, and that the script produces its tables.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from docutils.core import publish_doctree

REPO = Path(__file__).parent.parent.resolve()
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import generate, run  # noqa: E402
from benchmarks.measure import Run  # noqa: E402
from benchmarks.peers import report as peer_report  # noqa: E402
from benchmarks.peers import sites  # noqa: E402
from benchmarks.peers.timing import PHASES, PeerResult  # noqa: E402
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
    for section in ("education", "positions", "research", "teaching", "awards", "service", "talks"):
        assert getattr(result.profile, section), section
    # Seeded: the same size gives the same profile.
    assert generate.profile(300) == data
    assert generate.profile(300, seed=1) != data


@pytest.mark.parametrize(
    "text",
    [
        "A. Einstein wrote it",
        "1. not a list",
        "- not a bullet",
        ".. not a comment",
        ":not: a field",
        "ends with a colon::",
        "*not emphasis* and **not strong**",
        "snake_case_ and `tick` and |bar| and <script>",
        r"back\slash",
        "(a) not a list",
    ],
)
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
    # 25 publications: the smallest seeded profile with an author list long enough to be
    # collapsed (over cv_author_limit, 10) and a name with an apostrophe, which the plain
    # baseline must show exactly as sphinx-cv's HTML does.
    authors = [a for p in generate.profile(25)["publications"] for a in p["authors"]]
    assert max(len(p["authors"]) for p in generate.profile(25)["publications"]) > 10
    assert any("'" in a for a in authors)
    output = tmp_path / "results.md"
    assert (
        run.main(
            [
                "--sizes",
                "25",
                "--reps",
                "1",
                "--no-pdf",
                "--no-example",
                "--growth",
                "30,120",
                "--work",
                str(tmp_path / "work"),
                "--output",
                str(output),
            ]
        )
        == 0
    )
    text = output.read_text(encoding="utf-8")
    assert text == capsys.readouterr().out
    assert "| 25 | cold build |" in text and "| 25 | peak memory (cold) |" in text
    assert "| 25 | no-op rebuild | none | none |" in text
    # The edit changed one publication on both sides; both re-read the pages showing it.
    assert "edit one publication (A: profile.yaml; B: cv.rst, publications.rst)" in text
    assert "| 25: no-op rebuild re-reads nothing | none | met |" in text
    assert "Growth from 30 to 120 publications" in text and "no quadratic step" in text


# -- the Jekyll and Hugo twins of --peers ---------------------------------------------------


def _example_profile() -> dict[str, Any]:
    return yaml.safe_load((REPO / "example_site" / "profile.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("engine", sites.ENGINES, ids=lambda engine: engine.name)
def test_peer_sites_build_and_show_every_title(engine: sites.Engine, tmp_path: Path) -> None:
    if shutil.which(engine.command) is None:
        pytest.skip(f"{engine.command} is not on PATH")
    for label, data, pages in (
        ("example", _example_profile(), ["index", "publications", "cv"]),
        ("50", generate.profile(50), list(sites.TITLES)),
    ):
        src, out = tmp_path / label, tmp_path / f"{label}-out"
        data_file = sites.write_site(engine, src, data, pages)
        subprocess.run(engine.build_cmd(src, out), check=True, capture_output=True)
        for page in pages:
            assert engine.output(out, page).is_file(), page
        for page in ("publications", "cv"):
            assert sites.missing_titles(engine.output(out, page), data) == [], page
        # The edit the benchmark makes is one title changed, shown after a rebuild.
        title = sites.pick_title(data, [data_file.read_text(encoding="utf-8")])
        sites.retitle(data_file, title, f"{title} Revisited")
        subprocess.run(engine.build_cmd(src, out), check=True, capture_output=True)
        assert f"{title} Revisited" in sites.page_text(engine.output(out, "publications"))
    # Grouped by type, newest first, numbered in reverse as on sphinx-cv's page: the
    # example site's newest of its 8 conference papers comes first, as [8], and its CV
    # labels it C8.
    text = sites.page_text(engine.output(out.parent / "example-out", "publications"))
    assert (
        "Conference Proceedings [8]. Qingyu Song, Wei Lin, Hong Xu. Learning Provably "
        "Improves the Convergence of Gradient Descent"
    ) in text
    cv = sites.page_text(engine.output(out.parent / "example-out", "cv"))
    assert "C8. Qingyu Song, Wei Lin, Hong Xu. Learning Provably" in cv
    assert "In submission A3." in cv


def test_peer_report_and_targets() -> None:
    def runs(*walls: float) -> dict[str, list[Run]]:
        return {
            phase: [Run(wall=w, cpu=w, rss_mb=1)] for phase, w in zip(PHASES, walls, strict=True)
        }

    big = PeerResult(
        "1000",
        1000,
        {
            "sphinx-cv": runs(1.3, 0.5, 1.5),
            "Jekyll": runs(1.0, 1.0, 1.0),
            "Hugo": runs(0.2, 0.2, 0.2),
        },
    )
    example = PeerResult(
        "example",
        13,
        {"sphinx-cv": runs(1, 0.4, 1), "Jekyll": runs(1, 1, 1)},
        latency={
            "sphinx-cv": [0.2, 0.25, 0.9],
            "Jekyll": [0.1],
            "Hugo": "failed: the server stopped",
        },
    )
    versions = {"Jekyll": "4.3.1", "Hugo": None}
    text = "\n".join(
        peer_report.section([example, big], versions) + peer_report.targets([example, big], [])
    )
    assert (
        "| 1,000 | cold build | 1.30 s (1.30 s) | 1.00 s (1.00 s) | 0.20 s (0.20 s) | "
        "1.30× | 6.50× |" in text
    )
    assert "Hugo (not on PATH)" in text and "Not on PATH, skipped: Hugo." in text
    assert "Live preview not measured: Hugo: failed: the server stopped" in text
    assert (
        "| 1,000 publications: cold build ≤ 1.4× Jekyll | 1.30× (1.30 s / 1.00 s; "
        "CPU 1.30×) | met |"
    ) in text
    assert "| 1,000 publications: edit one title, rebuild ≤ 1.4× Jekyll | 1.50× " in text
    assert "| example site: live preview ≤ 0.3 s median | 0.25 s | met |" in text
    assert (
        "| 5,000 publications: edit one title, rebuild ≤ 4 s | not measured | not measured |"
        in text
    )
    assert "| no-op rebuild ≤ 1 s at every size | worst 0.50 s at 1,000 | met |" in text


def test_one_tiny_peers_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "results.md"
    assert (
        run.main(
            [
                "--peers-only",
                "--peer-sizes",
                "5",
                "--peer-reps",
                "1",
                "--edits",
                "0",
                "--work",
                str(tmp_path / "work"),
                "--output",
                str(output),
            ]
        )
        == 0
    )
    text = output.read_text(encoding="utf-8")
    assert text == capsys.readouterr().out
    assert "## HTML builds" not in text  # only the peers' part
    for phase in ("cold build", "no-op rebuild", "edit one title, rebuild"):
        assert f"| 5 | {phase} |" in text
    assert "## Issue 19 targets" in text and "| no-op rebuild ≤ 1 s at every size |" in text
