"""Importing whole sites and CV files: real public samples (tests/data/<format>/, sources
in each README.md) become profiles that validate and build with every entry present."""

from __future__ import annotations

import shutil
from pathlib import Path

from clitools import DATA
from importtools import builds_with_every_entry, count, imported, kept_keys, validates


def test_academicpages_site(tmp_path: Path) -> None:
    result, data = imported("academicpages", DATA / "academicpages", tmp_path)
    assert result.code == 0, result.err
    person = data["person"]
    assert person["name"] == "Pin Shuai" and person["name_variants"] == ["P. Shuai"]
    assert person["links"]["ORCID"] == "https://orcid.org/0000-0003-2511-9828"
    assert person["links"]["GitHub"] == "https://github.com/pinshuai"
    pubs = {p["id"]: p for p in data["publications"]}
    first = pubs["briody2016groundwater"]
    # Authors parsed from the formatted citation (APA: "Briody, A. C., ... & Bennett, P. C.")
    assert first["authors"] == [
        "A. C. Briody",
        "M. B. Cardenas",
        "P. Shuai",
        "P. S. K. Knappett",
        "P. C. Bennett",
    ]
    assert first["doi"] == "10.1007/s10040-016-1365-3"
    assert first["url"] == "http://link.springer.com/10.1007/s10040-016-1365-3"  # no BOM
    assert first["abstract"].startswith("Periodic releases") and "Download" not in first["abstract"]
    assert "Recommended citation" not in str(first)
    assert first["x-academicpages"]["citation"].startswith("Briody, A. C.")
    assert pubs["knappett2016vulnerability"]["authors"][-1] == "et al."
    # The TSV of markdown_generator: US dates, HTML in citations.
    tsv = pubs["chang2017influence"]
    assert tsv["date"] == "2017-05-01" and tsv["authors"][0] == "B. L. Chang"
    assert (
        data["sections"]["portfolio"][0]["summary"]
        == "Short description of portfolio item number 1"
    )
    assert len(data["talks"]) == 4 and len(data["teaching"]) == 2
    # cv.json (another person's, in this sample) did not replace the site's author.
    assert person["x-academicpages"]["cv.json"]["name"] == "连冬杰 / DONGJIE LIAN"
    notes = [line for line in result.err_lines if "kept under x-academicpages" in line]
    assert len(notes) == 1
    validates(tmp_path)
    builds_with_every_entry(tmp_path, data)
    # Entries in: 7 publications + 4 talks + 2 courses + 2 portfolio pages, 2 TSV rows,
    # cv.json's 2 jobs, 3 degrees, 3 skills, 3 portfolio items: 28, none lost.
    assert count(data) == 28
    assert kept_keys(data, "x-academicpages") > 0


def test_academicpages_bad_front_matter_is_located_and_the_rest_imports(tmp_path: Path) -> None:
    site = tmp_path / "src"
    shutil.copytree(DATA / "academicpages", site)
    bad = site / "_talks" / "2014-02-01-talk-2.md"
    bad.write_text("---\ntitle: Talk 2\nvenue: London: UK\n---\nText\n", encoding="utf8")
    result, data = imported("academicpages", site, tmp_path)
    assert result.code == 1
    (line,) = [x for x in result.err_lines if "2014-02-01-talk-2.md" in x]
    assert f"{bad}:" in line and "front matter is not valid YAML" in line
    assert f"{bad}:3:" in line  # the line of the error in the file
    assert len(data["talks"]) == 3 and len(data["publications"]) == 9


def test_alfolio_site(tmp_path: Path) -> None:
    result, data = imported("alfolio", DATA / "alfolio", tmp_path)
    assert result.code == 0, result.err
    person = data["person"]
    assert person["name"] == "RC Grear"
    assert person["x-alfolio"]["General Information"]["Full Name"] == "Albert Einstein"
    # scholar.last_name/first_name: the spellings al-folio sets in bold.
    assert person["name_variants"] == ["Albert Einstein", "A. Einstein"]
    pubs = {p["id"]: p for p in data["publications"]}
    epr = pubs["PhysRev.47.777"]
    # al-folio's marks (Einstein*†) are author notes, shown with a legend.
    assert epr["authors"] == [
        {"name": "A. Einstein", "note": "equal, corresponding"},
        {"name": "B. Podolsky", "note": "equal"},
        {"name": "N. Rosen", "note": "equal"},
    ]
    assert "x-alfolio" not in epr  # the marks are notes, no longer parked
    assert epr["note"] == "* Example use of superscripts; † Albert Einstein"
    assert epr["pdf"] == "assets/pdf/example_pdf.pdf"
    assert epr["links"]["HTML"].startswith("https://journals.aps.org/")
    assert epr["x-bibtex"]["google_scholar_id"] == "qyhmnyLat1gC"
    photo = pubs["einstein1905photoelectriceffect"]
    assert photo["award"].startswith("Albert Einstein receveid the **Nobel Prize in Physics**")
    assert photo["x-bibtex"]["award_name"] == "Nobel Prize"
    # cv.yml: year ranges, nested descriptions, award items, lists.
    first = data["positions"][0]
    assert (first["start"], first["end"]) == (1933, 1955)
    assert first["highlights"][-1] == "Description 3. Sub-description 1.; Sub-description 2."
    assert data["sections"]["open_source_projects"]["entries"][0]["end"] == "present"
    assert [a["title"] for a in data["awards"]] == [
        "Nobel Prize in Physics",
        "Matteucci Medal",
        "Max Planck Medal",
    ]
    assert data["news"][1]["date"] == "2022-07-20"
    validates(tmp_path)
    builds_with_every_entry(tmp_path, data)
    # Entries in: 9 papers; cv.yml: 2 degrees, 5 jobs, 1 project, 3 award items,
    # 2 topics, 1 list item; 3 news: 26, none lost.
    assert count(data) == 26
    assert kept_keys(data, "x-alfolio") + kept_keys(data, "x-bibtex") > 0


def test_rendercv_example(tmp_path: Path) -> None:
    result, data = imported(
        "rendercv", DATA / "rendercv" / "John_Doe_ClassicTheme_CV.yaml", tmp_path
    )
    assert result.code == 0, result.err
    person = data["person"]
    assert person["name"] == "John Doe" and person["email"] == ["john.doe@email.com"]
    assert person["links"]["GitHub"] == "https://github.com/rendercv"
    # *John Doe* marks the owner: the mark is gone and the name is the person's (bold).
    pubs = data["publications"]
    assert pubs[1]["authors"] == ["James Liu", "John Doe"]
    assert all("*" not in a for p in pubs for a in p["authors"])
    assert pubs[0]["venue"] == "NeurIPS 2023" and pubs[0]["date"] == "2023-07"
    assert data["education"][0]["field"] == "Computer Science"
    assert data["positions"][0]["end"] == "present"
    sections = data["sections"]
    assert sections["skills"]["entries"][0] == {
        "title": "Languages",
        "summary": "Python, C++, CUDA, Rust, Julia",
    }
    assert sections["invited_talks"]["x-rendercv"] == {"entry_type": "reversed_numbered"}
    assert sections["selected_honors"]["title"] == "Selected Honors"
    assert data["x-rendercv"]["design"]["theme"] == "classic"
    validates(tmp_path)
    page = builds_with_every_entry(tmp_path, data)
    assert "co founder cto" in page
    # Entries in: 4 text, 2 education, 5 experience, 2 projects, 4 publications, 5 bullets,
    # 4 one-line, 3 numbered, 4 reversed-numbered: 33, none lost.
    assert count(data) == 33


def test_hugoblox_site(tmp_path: Path) -> None:
    result, data = imported("hugoblox", DATA / "hugoblox", tmp_path)
    assert result.code == 0, result.err
    person = data["person"]
    assert person["name"] == "Alex Suer" and person["email"] == ["suerad@mail.uc.edu"]
    assert person["affiliation"] == ["IM&S Center", "University of Cincinnati"]
    assert person["links"]["ORCID"] == "https://orcid.org/0000-0002-5770-2834"
    # cite.bib spells the owner 'Alexander Suer': that spelling is set in bold too.
    assert person["name_variants"] == ["Alexander Suer"]
    (pub,) = data["publications"]
    assert pub["authors"][1] == "Alex Suer"  # the 'me' slug
    assert pub["type"] == "conference" and pub["selected"] is True
    assert pub["doi"] == "10.1109/ASMC69324.2026.11551245"
    assert pub["venue"].startswith("2026 37th Annual SEMI")  # from cite.bib
    assert pub["pages"] == "1-6" and pub["award"] == "Oral Presentation"
    assert pub["x-hugoblox"]["funding"] == [{"funder": "Applied Materials"}]
    assert data["positions"][0]["end"] == "present"
    assert data["sections"]["skills"]["entries"][0]["highlights"][:2] == [
        "Python",
        "Machine Learning",
    ]
    validates(tmp_path)
    builds_with_every_entry(tmp_path, data)
    # Entries in: 3 degrees, 3 jobs, 2 awards, 2 skill groups, 1 language, 1 paper: 12.
    assert count(data) == 12


def test_hugoblox_template_with_two_author_files(tmp_path: Path) -> None:
    result, data = imported("hugoblox", DATA / "hugoblox-template", tmp_path)
    assert result.code == 0, result.err
    person = data["person"]
    assert person["name"] == "Dr. Alex Johnson"  # data/authors/me.yaml comes first
    older = person["x-hugoblox"]["content/authors/admin/_index.md"]
    assert older["email"] == ["alex.johnson@meta.com"] and older["name"] == "Alex Johnson"
    pubs = {p["title"]: p for p in data["publications"]}
    paper = pubs["An example conference paper"]
    assert paper["authors"] == ["Dr. Alex Johnson", "Robert Ford"]
    assert paper["x-hugoblox"]["author_notes"] == ["Equal contribution"] * 2
    assert paper["code"] == "https://github.com/HugoBlox/kit"
    assert paper["links"] == {
        "Dataset": "https://github.com/HugoBlox/kit",
        "Source": "https://github.com/HugoBlox/kit",
    }
    article = pubs["An example journal article"]
    assert article["authors"][0] == "Dr. Alex Johnson"  # the older 'admin' slug
    assert article["arxiv"] == "1512.04133v1" and article["type"] == "journal"
    preprint = pubs["An example preprint / working paper"]
    assert preprint["type"] == "preprint" and preprint["links"] == {
        "Custom Link": "http://example.org"
    }
    assert any("'#' placeholder" in line for line in result.err_lines)
    # The older page repeats the jobs: one entry each, its different words kept.
    meta = data["positions"][0]
    assert meta["x-hugoblox"]["content/authors/admin/_index.md"]["summary"].endswith(
        "50+ citations in 3 years."
    )
    validates(tmp_path)
    builds_with_every_entry(tmp_path, data)
    # Entries in: me.yaml 3+2+1+2+2, _index.md 3+2+3+2+2, 3 papers = 25; the 8 the older
    # page repeats are merged (their differing values kept); its 'PhD Computer Science
    # (AI Focus)' is not the same degree by name, so it stays an entry: 17 out, none lost.
    assert count(data) == 17
