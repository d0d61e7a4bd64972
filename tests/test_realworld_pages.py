"""Every entry and fact of real researchers' files (tests/data/realworld/, sources in its
README) reaches the page, or is reported at its place, or is kept in the profile and
listed as not shown by design: nothing is lost without a word.

The figures per file are printed (``pytest -s``) and asserted."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from clitools import DATA, cli
from realworld import Tally, build, tally_bibtex, tally_json, text_of

from sphinx_cv.data.jsonresume import from_jsonresume
from sphinx_cv.data.loader import load_profile
from sphinx_cv.formats.merge import norm_text

REAL = DATA / "realworld"
BIBTEX = {
    "mishra-pubs.bib": ["mishra-pubs.bib"],
    "mishra-references.bib": ["mishra-references.bib"],
    "allesina-papers.bib": ["allesina-papers.bib"],
    "freakypenguin (3 files)": [
        "freakypenguin/strings.bib",
        "freakypenguin/defs.bib",
        "freakypenguin/papers.bib",
    ],
    "hu-dblp.bib": ["hu-dblp.bib"],
}
JSON = ["adams-resume.json", "pocol-cv.json", "gauvain-cv.json", "moon-resume.json"]
TIMELINES = ("positions", "education", "research", "teaching", "awards", "service", "talks")


@pytest.mark.parametrize("name", list(BIBTEX))
def test_every_bibtex_fact_is_shown_reported_or_kept(name: str, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    files = []
    for relative in BIBTEX[name]:  # the files must be in the site's folder
        files.append(site / Path(relative).name)
        shutil.copyfile(REAL / relative, files[-1])
    (site / "profile.yaml").write_text(
        yaml.safe_dump({"person": {"name": "Pratyush Mishra"}, "bibtex": [f.name for f in files]}),
        encoding="utf-8",
    )
    loaded = load_profile(str(site / "profile.yaml"))
    extra = {p.id: p.extras.get("x-bibtex", {}) for p in loaded.profile.publications}
    body, items = build(site, "CV\n==\n\n.. publication-list::\n", tmp_path)
    tally = tally_bibtex(files, items, loaded.problems, extra)
    report(name, tally)
    assert tally.shown_entries + _skipped(loaded.problems) >= tally.entries
    assert tally.lost == []
    assert raw_commands(body) == []


@pytest.mark.parametrize("name", JSON)
def test_every_json_resume_fact_is_shown_reported_or_kept(name: str, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    result = cli("import", "jsonresume", REAL / name, "-o", site / "profile.yaml")
    data = yaml.safe_load((site / "profile.yaml").read_text("utf-8"))
    parts = ["CV\n==\n", ".. cv-header::\n   :bio: yes\n"]
    parts += [
        f"{k.title()}\n{'-' * len(k)}\n\n.. timeline:: {k}\n" for k in TIMELINES if data.get(k)
    ]
    parts += [
        f"{k.title()}\n{'-' * len(k)}\n\n.. timeline:: {k}\n" for k in data.get("sections") or {}
    ]
    if data.get("interests"):
        parts.append("Interests\n---------\n\n.. research-interests::\n")
    if data.get("publications"):
        parts.append("Publications\n------------\n\n.. publication-list::\n")
    body, _ = build(site, "\n".join(parts), tmp_path)
    document = json.loads((REAL / name).read_text("utf-8"))
    kept = set(from_jsonresume(document).kept)
    tally = tally_json(document, body, result.err.splitlines(), kept)
    lists = [v for v in document.values() if isinstance(v, list)]
    tally.entries = sum(len(v) for v in lists)
    text = text_of(body)
    tally.shown_entries = sum(
        1 for items in lists for item in items if isinstance(item, dict) and _main(item) in text
    )
    report(name, tally)
    assert tally.shown_entries == tally.entries
    assert tally.lost == []
    assert raw_commands(body) == []


def _main(item: dict) -> str:
    """The text an entry is known by: its name, title, course or institution..."""
    for key in (
        "name",
        "title",
        "course",
        "institution",
        "company",
        "position",
        "language",
        "organization",
    ):
        if isinstance(item.get(key), str) and item[key].strip():
            return norm_text(item[key])
    return ""


def raw_commands(body: str) -> list[str]:
    """LaTeX commands printed on the page (not in a BibTeX block or code)."""
    text = html.unescape(re.sub(r"<(pre|code)\b.*?</\1>|<[^>]+>", " ", body, flags=re.S))
    return re.findall(r"\\[A-Za-z]+", text)


def _skipped(problems: list) -> int:
    return sum("skipped" in p.message for p in problems)


def report(name: str, tally: Tally) -> None:
    print("\n" + tally.row(name))
    for key, n in sorted(tally.kept.items()):
        print(f"    kept, not shown: {key} ({n})")
    for line in tally.lost[:40]:
        print(f"    LOST {line}")
