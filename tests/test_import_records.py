"""Importing reference-manager exports and ORCID records: real public samples
(tests/data/csl/, tests/data/ris/, tests/data/orcid/, sources in each README.md) become
publications that validate and build, every reference present and every value placed or
kept."""

from __future__ import annotations

import http.server
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from clitools import DATA, cli
from importtools import (
    add_authors,
    builds_with_every_entry,
    count,
    imported,
    kept_keys,
    validates,
)


@pytest.mark.parametrize(("name", "references"), [("zotero", 8), ("endnote", 1), ("mendeley", 2)])
def test_ris_exports(tmp_path: Path, name: str, references: int) -> None:
    result, data = imported("ris", DATA / "ris" / f"{name}.ris", tmp_path)
    assert result.code == 0, result.err
    assert count(data) == references  # entries in = entries out
    validates(tmp_path)
    builds_with_every_entry(tmp_path, data)


def test_csl_zotero_export(tmp_path: Path) -> None:
    result, data = imported("csl", DATA / "csl" / "zotero.json", tmp_path)
    assert result.code == 0, result.err
    pubs = data["publications"]
    assert [p["type"] for p in pubs] == ["book"] + ["journal"] * 4
    assert pubs[1]["authors"] == ["Esa Díaz-León"] and pubs[1]["date"] == "2013-05-01"
    assert pubs[4]["number"] == "2" and pubs[4]["venue"] == "Philosophy Compass"
    # Zotero's citation keys ('haslanger:2012resisting') are no profile ids: kept.
    assert pubs[0]["x-csl"]["id"] == "haslanger:2012resisting"
    validates(tmp_path)
    builds_with_every_entry(tmp_path, data)
    assert count(data) == 5
    assert pubs[0]["location"] == "Oxford"  # publisher-place: shown "Oxford: Oxford Univ..."
    assert kept_keys(data, "x-csl") == 25


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


# --- ORCID -------------------------------------------------------------------------------


def test_orcid_works_file(tmp_path: Path) -> None:
    result, data = imported("orcid", DATA / "orcid" / "works.json", tmp_path)
    assert result.code == 0, result.err
    (pub,) = data["publications"]
    assert pub["title"] == "Cosine Contours: a Multipurpose Representation for Melodies"
    assert pub["type"] == "conference" and pub["date"] == "2021-11-07"
    assert pub["doi"] == "10.5281/zenodo.5624531"  # the API's normalised form
    assert pub["url"] == "https://zenodo.org/record/5624531"
    assert pub["x-orcid"] == {"put-code": 114870302, "source": "Bas Cornelissen"}
    assert data["x-orcid"] == {"orcid": "https://orcid.org/0000-0002-0766-7305"}
    assert "1 publication(s) with no author" in result.err  # a work summary has none
    add_authors(tmp_path, data, "Bas Cornelissen")
    validates(tmp_path)
    builds_with_every_entry(tmp_path, data)
    assert count(data) == 1


def _record() -> dict[str, Any]:
    """A /record answer built for the test after the public API v3.0 schema (no real one
    was found in public sources), holding the recorded works group of works.json."""
    works = json.loads((DATA / "orcid" / "works.json").read_text("utf8"))
    org = {
        "name": "Universiteit van Amsterdam",
        "address": {"city": "Amsterdam", "region": None, "country": "NL"},
    }
    return {
        "orcid-identifier": {"path": "0000-0002-0766-7305"},
        "person": {
            "name": {
                "given-names": {"value": "Bas"},
                "family-name": {"value": "Cornelissen"},
                "credit-name": None,
            },
            "biography": {"content": "Music cognition and computation."},
            "researcher-urls": {
                "researcher-url": [
                    {"url-name": "Homepage", "url": {"value": "https://bascornelissen.nl"}},
                    {"url-name": "Bad", "url": {"value": "javascript:alert(1)"}},
                ]
            },
            "emails": {"email": []},
            "keywords": {"keyword": [{"content": "music cognition"}]},
        },
        "activities-summary": {
            "employments": {
                "affiliation-group": [
                    {
                        "summaries": [
                            {
                                "employment-summary": {
                                    "put-code": 1,
                                    "department-name": "ILLC",
                                    "role-title": "PhD candidate",
                                    "start-date": {
                                        "year": {"value": "2019"},
                                        "month": {"value": "09"},
                                    },
                                    "end-date": None,
                                    "organization": org,
                                }
                            }
                        ]
                    }
                ]
            },
            "educations": {
                "affiliation-group": [
                    {
                        "summaries": [
                            {
                                "education-summary": {
                                    "put-code": 2,
                                    "role-title": "MSc",
                                    "department-name": "Logic",
                                    "start-date": {"year": {"value": "2016"}},
                                    "end-date": {"year": {"value": "2018"}},
                                    "organization": org,
                                }
                            }
                        ]
                    }
                ]
            },
            "fundings": {"group": []},
            "peer-reviews": {"group": []},
            "works": works,
        },
    }


@pytest.fixture
def orcid_api(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A local stand-in for the public API on 127.0.0.1, answering recorded responses;
    SPHINX_CV_ORCID_API points the importer at it (the real API is never called)."""
    record = json.dumps(_record()).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/v3.0/0000-0002-0766-7305/record":
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(record)
            else:
                self.send_error(404)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/v3.0"
    monkeypatch.setenv("SPHINX_CV_ORCID_API", base)
    yield base
    server.shutdown()
    server.server_close()


def test_orcid_id_is_fetched(tmp_path: Path, orcid_api: str) -> None:
    result, data = imported("orcid", "https://orcid.org/0000-0002-0766-7305", tmp_path)
    assert result.code == 1 and "not a safe link" in result.err  # javascript: reported...
    person = data["person"]
    assert person["name"] == "Bas Cornelissen"
    assert person["links"] == {
        "ORCID": "https://orcid.org/0000-0002-0766-7305",
        "Homepage": "https://bascornelissen.nl",
    }
    assert person["x-orcid"]["researcher-urls"] == ["javascript:alert(1)"]  # ...and kept
    assert person["x-orcid"]["keywords"] == ["music cognition"]
    job = data["positions"][0]
    assert job == {
        "position": "PhD candidate",
        "organization": "Universiteit van Amsterdam",
        "department": "ILLC",
        "start": "2019-09",
        "end": "present",
        "location": "Amsterdam, NL",
        "x-orcid": {"put-code": 1},
    }
    assert data["education"][0]["degree"] == "MSc"
    assert data["publications"][0]["doi"] == "10.5281/zenodo.5624531"
    add_authors(tmp_path, data, "Bas Cornelissen")
    validates(tmp_path)
    builds_with_every_entry(tmp_path, data)
    assert count(data) == 3


def test_orcid_unknown_id(orcid_api: str) -> None:
    result = cli("import", "orcid", "0000-0002-1825-0097")
    assert result.code == 1 and "no such ORCID iD" in result.err
    assert "Traceback" not in result.err


def test_orcid_offline_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("SPHINX_CV_ORCID_API", f"http://127.0.0.1:{port}/v3.0")
    result = cli("import", "orcid", "0000-0002-0766-7305")
    assert result.code == 1
    (line,) = result.err_lines
    assert "cannot reach the ORCID API" in line and "import the file" in line


def test_orcid_neither_file_nor_id() -> None:
    result = cli("import", "orcid", "not-an-id")
    assert result.code == 1 and "not an ORCID iD" in result.err
