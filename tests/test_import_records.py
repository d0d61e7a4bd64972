"""Importing reference-manager exports and ORCID records: real public samples
(tests/data/ris/, tests/data/orcid/, sources in each README.md) become publications that
validate and build, every reference present and every value placed or kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from clitools import DATA, cli
from importtools import builds_with_every_entry, count, imported, kept_keys, validates


@pytest.mark.parametrize(("name", "references"), [("zotero", 8), ("endnote", 1),
                                                  ("mendeley", 2)])
def test_ris_exports(tmp_path: Path, name: str, references: int) -> None:
    result, data = imported("ris", DATA / "ris" / f"{name}.ris", tmp_path)
    assert result.code == 0, result.err
    assert count(data) == references  # entries in = entries out
    validates(tmp_path)
    builds_with_every_entry(tmp_path, data)


def test_ris_fields(tmp_path: Path) -> None:
    _, data = imported("ris", DATA / "ris" / "zotero.ris", tmp_path)
    first = data["publications"][0]
    assert first["type"] == "conference" and first["date"] == "2017-07"
    assert first["authors"] == ["Wan-zhen Zhou", "Jing-sen Kan", "Shuo Sun"]
    assert first["doi"] == "10.1109/icmic.2017.8321703"
    assert "url" not in first  # the UR was the DOI's own address
    fourth = data["publications"][3]
    assert fourth["pages"] == "803–823" and fourth["x-ris"] == {"SN": "1865-0473"}
    assert data["publications"][5]["authors"] == ["Zhang Bofeng", "Liu Yue"]


def test_ris_keeps_a_tag_written_twice(tmp_path: Path) -> None:
    _, data = imported("ris", DATA / "ris" / "mendeley.ris", tmp_path)
    first = data["publications"][0]
    assert first["publisher"] == "Fun Factory"
    assert first["x-ris"]["PB"] == "Fun Factory USA"
    assert first["editors"] == ["Daniel Glattauer"] and first["date"] == 2014
    assert kept_keys(data, "x-ris") == 14


def test_ris_endnote_continuation_lines(tmp_path: Path) -> None:
    _, data = imported("ris", DATA / "ris" / "endnote.ris", tmp_path)
    (pub,) = data["publications"]
    assert pub["tags"][-2:] == ["EndNote", "RIS"] and len(pub["tags"]) == 8
    assert pub["links"] == {"Link 2": "https://www.reference-jokes.org/"}
    assert len(pub["x-ris"]["AD"]) == 2


def test_ris_not_ris(tmp_path: Path) -> None:
    bad = tmp_path / "x.ris"
    bad.write_text("hello\n", encoding="utf8")
    result = cli("import", "ris", bad)
    assert result.code == 1 and "no RIS references" in result.err
    assert "Traceback" not in result.err
