"""``sphinx-cv import FORMAT SOURCE --merge PROFILE``: imported entries added to a
profile the user keeps, their edits and comments untouched, twice the same as once."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from clitools import DATA, REPO, cli

from sphinx_cv.data.publication import Publication
from sphinx_cv.formats.merge import find_match, match_key, merge_into_file

TUTORIAL = REPO / "docs" / "examples" / "tutorial" / "profile.yaml"
BIB = DATA / "bib" / "realworld.bib"


def summary(err: str) -> str:
    (line,) = [line for line in err.splitlines() if "added," in line]
    return line


def test_merge_adds_new_entries_keeps_comments_and_is_idempotent(tmp_path: Path) -> None:
    profile = tmp_path / "profile.yaml"
    original = TUTORIAL.read_text("utf8")
    profile.write_text(original, encoding="utf8")
    first = cli("import", "bibtex", BIB, "--merge", profile)
    merged = profile.read_text("utf8")
    added = int(re.search(r"(\d+) added", summary(first.err)).group(1))
    assert added > 5
    # The user's file is kept as it was: its first line (a comment), its entries.
    assert merged.startswith(original.split("\npublications:")[0])
    assert merged.splitlines()[0] == "# yaml-language-server: $schema=profile.schema.json"
    data = yaml.safe_load(merged)
    before = yaml.safe_load(original)
    assert data["publications"][: len(before["publications"])] == before["publications"]
    assert len(data["publications"]) == len(before["publications"]) + added
    # No temporary file left beside it.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["profile.yaml"]
    # Twice: nothing changes, the file is not even rewritten.
    stamp = os.stat(profile).st_mtime_ns
    second = cli("import", "bibtex", BIB, "--merge", profile)
    assert profile.read_text("utf8") == merged
    assert os.stat(profile).st_mtime_ns == stamp
    assert summary(second.err).endswith(f"0 added, {added} already present, 0 differ")
    # The result is a valid profile.
    assert cli("validate", profile).code == 0


def test_merge_user_edits_win_and_differences_are_listed(tmp_path: Path) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_text(TUTORIAL.read_text("utf8"), encoding="utf8")
    cli("import", "bibtex", BIB, "--merge", profile)
    # The user edits one imported entry: a new id with a comment, another title.
    text = profile.read_text("utf8")
    text = text.replace("id: wang_scaling_2024", "id: wang2024  # my id", 1)
    text = re.sub(r"(id: wang2024  # my id\n    type: \w+\n    title: ).*", r"\1My title", text)
    assert "title: My title" in text
    profile.write_text(text, encoding="utf8")
    again = cli("import", "bibtex", BIB, "--merge", profile)
    assert profile.read_text("utf8") == text  # the user's edits win
    line = summary(again.err)
    assert "0 added" in line and "1 differs: publications.wang2024 (title)" in line


def test_merge_matches_by_doi_then_arxiv_then_title_and_year() -> None:
    mine = [
        {"id": "a", "title": "Old title", "doi": "10.1/X"},
        {"id": "b", "title": "Other", "arxiv": "2401.00001v2"},
        {"id": "c", "title": "Deep  Learning: a *Survey*", "year": 2020},
        {"id": "d", "title": "Same title", "year": 2020, "doi": "10.1/one"},
    ]
    assert (
        find_match({"title": "New title", "doi": "https://doi.org/10.1/x"}, mine, Publication) == 0
    )
    assert (
        find_match({"title": "x", "url": "https://arxiv.org/abs/2401.00001"}, mine, Publication)
        == 1
    )
    assert (
        find_match({"title": "Deep learning — a survey", "date": "2020-05"}, mine, Publication) == 2
    )
    assert find_match({"title": "Deep learning: a survey", "year": 2021}, mine, Publication) is None
    # Two DOIs that differ are two papers, whatever their titles say.
    assert (
        find_match({"title": "Same title", "year": 2020, "doi": "10.1/two"}, mine, Publication)
        is None
    )
    assert match_key({"title": "T", "year": 2020}, Publication) == ["text:t|2020"]


def test_merge_into_new_sections_and_to_another_file(tmp_path: Path) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_text("person:\n  name: Ada  # me\n", encoding="utf8")
    out = tmp_path / "merged.yaml"
    result = merge_into_file(
        str(profile),
        {
            "person": {"name": "Ada Lovelace"},
            "talks": [{"title": "Notes", "date": 1843}],
            "sections": {"skills": [{"title": "Analysis"}]},
        },
        output=str(out),
    )
    assert profile.read_text("utf8") == "person:\n  name: Ada  # me\n"
    assert out.read_text("utf8").startswith("person:\n  name: Ada  # me\n")
    assert result.added == ["talks: Notes (1843)", "sections.skills[0]"]
    assert result.differs == [("person", ["name"])]


def test_merge_errors_are_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "profile.yaml"
    bad.write_text("person: [\n", encoding="utf8")
    result = cli("import", "bibtex", BIB, "--merge", bad)
    assert result.code == 1 and "Traceback" not in result.err
    assert "not valid YAML; nothing merged" in result.err_lines[-1]
    missing = cli("import", "bibtex", BIB, "--merge", tmp_path / "none.yaml")
    assert missing.code == 2


@pytest.mark.parametrize(
    ("fmt", "source"),
    [
        ("alfolio", "alfolio"),
        ("rendercv", "rendercv/John_Doe_ClassicTheme_CV.yaml"),
        ("hugoblox", "hugoblox-template"),
        ("ris", "ris/zotero.ris"),
        ("orcid", "orcid/works.json"),
    ],
)
def test_merge_of_each_new_format_twice_is_a_no_op(tmp_path: Path, fmt: str, source: str) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_text(TUTORIAL.read_text("utf8"), encoding="utf8")
    first = cli("import", fmt, DATA / source, "--merge", profile)
    assert first.code == 0, first.err
    assert int(re.search(r"(\d+) added", summary(first.err)).group(1)) > 0
    once = profile.read_text("utf8")
    second = cli("import", fmt, DATA / source, "--merge", profile)
    assert second.code == 0, second.err
    assert " 0 added" in summary(second.err)
    assert profile.read_text("utf8") == once
    checked = cli("validate", profile)
    if fmt == "orcid":  # ORCID's work summaries have no authors: that, and only that
        assert "1 publication(s) with no author" in first.err
        assert checked.code == 1 and all(
            "no author" in line for line in checked.out.splitlines()
        ), checked.out
    else:
        assert checked.code == 0, checked.out
