"""Real researchers' public files (tests/data/realworld/, sources in its README): the
importers keep every fact in the profile's own fields, not parked under ``x-<format>``."""

from __future__ import annotations

from typing import Any

from clitools import DATA

from sphinx_cv.data.jsonresume import X, from_jsonresume
from sphinx_cv.formats.common import load_json

REAL = DATA / "realworld"


def converted(name: str) -> tuple[dict[str, Any], Any]:
    out = from_jsonresume(load_json(str(REAL / name)))
    return out.data, out.kept


def test_older_json_resume_keys_go_to_the_profile_fields() -> None:
    data, kept = converted("adams-resume.json")
    assert data["person"]["website"] == "https://0xadada.pub/"
    jobs = data["positions"]
    assert [j["organization"] for j in jobs[:2]] == ["Cinch Financial", "Nara Logics, Inc"]
    assert jobs[0]["url"] == "https://cinchfinancial.com/"
    assert not any(k.startswith(("work[]", "education[]")) for k in kept), kept
    assert all(X not in job for job in jobs)


def test_both_spellings_keep_the_schema_one_and_the_other_under_x() -> None:
    out = from_jsonresume({"work": [{"name": "New", "company": "Old", "position": "P"}],
                           "education": [{"institution": "U", "gpa": "3.9",
                                          "location": "Paris", "highlights": ["h"]}],
                           "awards": [{"title": "A", "url": "https://example.org/a"}],
                           "basics": {"name": "N", "picture": "me.jpg"}})
    job = out.data["positions"][0]
    assert job["organization"] == "New" and job[X] == {"company": "Old"}
    assert out.data["education"][0] == {"institution": "U", "location": "Paris",
                                        "gpa": "3.9", "highlights": ["h"]}
    assert out.data["awards"][0]["url"] == "https://example.org/a"
    assert out.data["person"]["photo"] == "me.jpg"


def test_academicpages_cv_json_sections_are_mapped() -> None:
    data, kept = converted("gauvain-cv.json")
    assert data["teaching"][0]["course"].startswith("GIS practical sessions")
    assert data["teaching"][0]["institution"] == "Université de Rennes"
    assert len(data["talks"]) == 3 and all(t.get("title") for t in data["talks"])
    assert data["positions"][0]["organization"].startswith("Laboratoire de Météorologie")
    assert not any(k.startswith(("teaching", "presentations", "work")) for k in kept), kept
    data, _ = converted("pocol-cv.json")
    assert [t["title"] for t in data["talks"]] == ["Talk 1", "Talk 2"]
    assert data["publications"][0]["url"] == "https://doi.org/10.20380/GI2021.20"
    assert "portfolio" not in data.get("sections", {})  # empty in the file
