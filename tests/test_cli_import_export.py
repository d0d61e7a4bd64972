"""``sphinx-cv import`` and ``sphinx-cv export``: real-world BibTeX, a JSON Resume, round
trips that lose nothing, and what each format cannot hold said on stderr."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from clitools import DATA, REPO, Result, assert_one_line_error, cli, run

from sphinx_cv.data.loader import load_profile

BIB = DATA / "bib" / "realworld.bib"
RESUME = DATA / "jsonresume" / "resume.json"
EXAMPLE = REPO / "example_site" / "profile.yaml"
ISO_DATE = re.compile(
    r"^([1-2][0-9]{3}-[0-1][0-9]-[0-3][0-9]|[1-2][0-9]{3}-[0-1][0-9]"
    r"|[1-2][0-9]{3})$"
)  # the JSON Resume schema's iso8601


def body(yaml_text: str) -> str:
    """The text without its header comment (which names the input file)."""
    return "\n".join(line for line in yaml_text.splitlines() if not line.startswith(("# ", "% ")))


def loads_cleanly(text: str, tmp_path: Path, name: str = "out.yaml", authorless: int = 0) -> Any:
    """The profile ``text`` holds; its only problems are ``authorless`` papers without
    authors (a format with no field for them: JSON Resume, ORCID's work lists)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = load_profile(str(path))
    assert [p.path.rsplit(".", 1)[-1] for p in result.problems] == ["authors"] * authorless, [
        str(p) for p in result.problems
    ]
    return result.profile


def pubs_by_id(text: str) -> dict[str, dict[str, Any]]:
    return {p["id"]: p for p in yaml.safe_load(text)["publications"]}


# --- import bibtex -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def imported_bib() -> Result:
    return cli("import", "bibtex", BIB)


def test_bibtex_import_reads_real_world_entries(imported_bib: Result, tmp_path: Path) -> None:
    assert imported_bib.code == 1  # duplicates and an entry without a title were reported
    pubs = pubs_by_id(imported_bib.out)
    muller = pubs["muller2023convergence"]
    # Accents, braces and 'and others'; @string macros expanded.
    assert muller["authors"] == ["Jörg Müller", "María García-López", "Tomáš Škoda", "et al."]
    assert muller["title"] == "Convergence of Adam-type Methods: A Unified Lyapunov Analysis"
    assert muller["venue"].startswith("Proceedings of the 40th International Conference")
    assert muller["pages"] == "25123–25145"
    nguyen = pubs["nguyen2022learned"]
    assert nguyen["authors"] == ["Thị Minh Nguyễn", "François Dupont", "Søren Sørensen"]
    assert nguyen["title"] == "Learned Optimizers that Scale: BERT, GPT-2 and ℓ₁-regularized Models"
    assert (
        pubs["DBLP:conf/icml/Smith23"]["title"]
        == "Zeroth-Order Methods in 100% of the Cases & Beyond"
    )
    # Missing fields: no year; names with particles and suffixes survive YAML.
    report = pubs["doe2021report"]
    assert "year" not in report and report["number"] == "TR-2021-07"
    profile = loads_cleanly(imported_bib.out, tmp_path)
    shown = {p.id: p for p in profile.publications}
    assert shown["doe2021report"].authors == [
        "Jane Doe",
        "Jan van der Berg",
        "Juan de la Cruz, Jr.",
    ]
    assert shown["zhang2024workshop"].type == "workshop"
    assert shown["zhang2024workshop"].selected is True
    assert shown["wang_scaling_2024"].type == "preprint"
    assert shown["chinese2023"].venue == "计算机学报"
    assert shown["chen2025blog"].date is not None and shown["chen2025blog"].date.day == 15


def test_bibtex_import_keeps_what_has_no_field(imported_bib: Result) -> None:
    pubs = pubs_by_id(imported_bib.out)
    assert pubs["knuth1984texbook"]["location"] == "Reading, Massachusetts"  # shown
    assert pubs["knuth1984texbook"]["x-bibtex"] == {"isbn": "0-201-13447-0", "edition": "1st"}
    assert pubs["nguyen2022learned"]["x-bibtex"]["biburl"].startswith("https://dblp.org/")
    assert pubs["chen2025blog"]["x-bibtex"]["entrytype"] == "online"
    note = [line for line in imported_bib.err_lines if "note:" in line]
    assert len(note) == 1
    assert "kept under x-bibtex" in note[0] and "isbn" in note[0] and "address" not in note[0]


def test_bibtex_import_reports_duplicates_and_skipped_entries(imported_bib: Result) -> None:
    pubs = pubs_by_id(imported_bib.out)
    # An identical copy is skipped; a different entry under a used key is kept.
    assert sum(1 for k in pubs if k.startswith("DBLP:conf/icml/Smith23")) == 1
    assert pubs["nguyen2022learned-2"]["title"] == "A Note on Learned Optimizers"
    assert pubs["nguyen2022learned-2"]["type"] == "preprint"
    problems = [line for line in imported_bib.err_lines if "note:" not in line]
    assert len(problems) == 3
    assert "realworld.bib:46:1: DBLP:conf/icml/Smith23: identical copy" in problems[0]
    assert "kept as 'nguyen2022learned-2'" in problems[1]
    assert "notitle2020.title: entry has no title" in problems[2]
    assert all(line.startswith("sphinx-cv: ") for line in imported_bib.err_lines)


def test_bibtex_import_output_is_readable_yaml(imported_bib: Result) -> None:
    text = imported_bib.out
    assert text.startswith("# Imported from realworld.bib with 'sphinx-cv import bibtex'.")
    assert "\n  - id: muller2023convergence\n    type: conference\n    title: " in text
    assert "    authors: [Jörg Müller, María García-López, Tomáš Škoda, et al.]\n" in text
    assert "\n\n  - id: nguyen2022learned\n" in text  # entries apart
    assert "{" not in text.split("x-bibtex")[0]  # block style, no flow mappings


def test_bibtex_import_to_file(tmp_path: Path) -> None:
    out = tmp_path / "pubs.yaml"
    result = cli("import", "bibtex", DATA / "bib" / "publications.bib", "-o", out)
    assert result.code == 1 and result.out == ""
    assert pubs_by_id(out.read_text(encoding="utf-8"))["song2025learning"]["selected"] is True


def test_bibtex_round_trip_loses_nothing(imported_bib: Result, tmp_path: Path) -> None:
    first = tmp_path / "first.yaml"
    first.write_text(imported_bib.out, encoding="utf-8")
    exported = cli("export", "bibtex", first)
    assert exported.code == 0, exported.err
    bib = tmp_path / "again.bib"
    bib.write_text(exported.out, encoding="utf-8")
    again = cli("import", "bibtex", bib)
    assert again.code == 0, again.err  # the duplicates were resolved by the first import
    assert body(again.out) == body(imported_bib.out)
    # And the BibTeX itself is stable from then on.
    (tmp_path / "again.yaml").write_text(again.out, encoding="utf-8")
    assert body(cli("export", "bibtex", tmp_path / "again.yaml").out) == body(exported.out)


def test_exported_bibtex_keeps_case_math_and_kept_fields(
    imported_bib: Result, tmp_path: Path
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(imported_bib.out, encoding="utf-8")
    bib = cli("export", "bibtex", path).out
    assert (
        "title = {Learned Optimizers that Scale: {BERT}, {GPT}-2 and ℓ₁-regularized Models}" in bib
    )
    assert "title = {Zeroth-Order Methods in 100\\% of the Cases \\& Beyond}" in bib
    assert "@book{knuth1984texbook," in bib and "isbn = {0-201-13447-0}" in bib
    assert "@online{chen2025blog," in bib
    assert "author = {Jane Doe and Jan van der Berg and de la Cruz, Jr., Juan}" in bib
    assert "month = mar," in bib
    assert "pubtype" not in bib.split("zhang2024workshop")[1].split("@")[0]


def test_profile_publications_round_trip_through_bibtex(tmp_path: Path) -> None:
    """The example profile's papers (YAML, not BibTeX) come back the same."""
    exported = cli("export", "bibtex", EXAMPLE)
    assert exported.code == 0, exported.err
    bib = tmp_path / "example.bib"
    bib.write_text(exported.out, encoding="utf-8")
    imported = cli("import", "bibtex", bib)
    assert imported.code == 0, imported.err
    again = loads_cleanly(imported.out, tmp_path)
    original = load_profile(str(EXAMPLE)).profile.publications
    fields = (
        "id",
        "type",
        "title",
        "authors",
        "venue",
        "year",
        "month",
        "status",
        "arxiv",
        "pdf",
        "selected",
    )
    assert [[getattr(p, f) for f in fields] for p in again.publications] == [
        [getattr(p, f) for f in fields] for p in original
    ]


# --- import / export jsonresume ----------------------------------------------------------


@pytest.fixture(scope="module")
def imported_resume() -> Result:
    return cli("import", "jsonresume", RESUME)


def test_jsonresume_import_maps_every_section(imported_resume: Result, tmp_path: Path) -> None:
    assert imported_resume.code == 0, imported_resume.err
    profile = loads_cleanly(imported_resume.out, tmp_path, authorless=3)
    person = profile.person
    assert person.name == "Amélie Laurent-Nguyen"
    assert person.position == "Postdoctoral Researcher in Machine Learning"
    assert person.location == "Cambridge, Massachusetts, US"
    assert person.email == ["amelie.laurent@example.edu"]
    assert [link.kind for link in person.links] == ["github", "scholar", "orcid", "mastodon"]
    assert person.photo == "https://example.org/amelie.jpg"
    assert [p.organization for p in profile.positions] == [
        "Massachusetts Institute of Technology",
        "DeepMind",
    ]
    assert profile.positions[1].end is not None and profile.positions[1].end.iso() == "2021-09-30"
    phd = profile.education[0]
    assert (phd.degree, phd.field, phd.gpa) == ("Ph.D.", "Computer Science", "summa cum laude")
    assert [a.title for a in profile.awards] == [
        "Outstanding Paper Award",
        "EPFL Doctoral Fellowship",
    ]
    assert [p.id for p in profile.publications] == [
        "provably-convergent-2022",
        "generalization-learned-2021",
        "provably-convergent-2022-2",
    ]
    assert profile.publications[0].year == 2022 and profile.publications[0].month == 12
    assert [t.name for t in profile.interests["interests"].topics] == [
        "Learning to Optimize",
        "Optimization for Deep Learning",
        "Climbing",
    ]
    assert list(profile.sections) == [
        "volunteer",
        "certificates",
        "skills",
        "languages",
        "references",
        "projects",
    ]
    assert profile.sections["volunteer"].title == "Volunteering"
    assert profile.sections["skills"].entries[0].highlights == ["PyTorch", "JAX", "Optimization"]
    assert profile.updated is not None and profile.updated.iso() == "2025-03-14"


def test_jsonresume_import_keeps_and_reports_the_rest(imported_resume: Result) -> None:
    data = yaml.safe_load(imported_resume.out)
    kept = data["person"]["x-jsonresume"]
    assert kept["location"]["address"] == "77 Massachusetts Ave, Building 32"
    assert kept["usernames"] == {
        "GitHub": "alaurent",
        "ORCID": "0000-0002-1825-0097",
        "Mastodon": "amelie",
    }
    assert data["positions"][0]["x-jsonresume"] == {
        "description": "Computer Science and Artificial Intelligence Laboratory"
    }
    assert data["x-jsonresume"]["meta"]["lastModified"] == "2025-03-14T09:26:53"
    note, authorless = imported_resume.err_lines
    assert note.startswith("sphinx-cv: note: ") and "kept under x-jsonresume" in note
    # JSON Resume has no author field: one note for the papers, not a problem each.
    assert authorless.startswith("sphinx-cv: note: <output>: 3 publication(s) with no author")
    for path in (
        "basics.location.address",
        "work[].description",
        "projects[].roles",
        "meta.canonical",
    ):
        assert path in note


def test_jsonresume_round_trip_gives_back_the_document(
    imported_resume: Result, tmp_path: Path
) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_text(imported_resume.out, encoding="utf-8")
    exported = cli("export", "jsonresume", profile)
    # Nothing it could not hold; the profile's papers have no authors (JSON Resume has
    # no field for them), which validating the profile says.
    assert [
        re.search(r": (\S+): entry has no author", line).group(1)  # type: ignore[union-attr]
        for line in exported.err_lines
    ] == [f"publications[{i}].authors" for i in range(3)], exported.err
    document = json.loads(exported.out)
    original = json.loads(RESUME.read_text(encoding="utf-8"))
    assert document == original
    again_json = tmp_path / "again.json"
    again_json.write_text(exported.out, encoding="utf-8")
    again = cli("import", "jsonresume", again_json)
    assert body(again.out) == body(imported_resume.out)


def test_jsonresume_export_of_a_full_profile(tmp_path: Path) -> None:
    result = cli("export", "jsonresume", EXAMPLE, "-o", tmp_path / "resume.json")
    assert result.code == 0 and result.out == ""
    doc = json.loads((tmp_path / "resume.json").read_text(encoding="utf-8"))
    assert doc["$schema"].endswith("/schema.json")
    assert doc["basics"]["name"] == "Qingyu Song"
    assert doc["basics"]["location"] == {"city": "Xiamen", "region": "China"}
    assert doc["basics"]["profiles"][0]["network"] == "Google Scholar"
    assert doc["work"][0] == {
        "name": "Xiamen University",
        "position": "Assistant Professor",
        "startDate": "2025-09",
    }
    assert len(doc["work"]) == 1 + 9  # positions, then research experience
    assert doc["education"][0]["studyType"] == "Ph.D."
    assert len(doc["publications"]) == 13
    assert doc["publications"][0]["url"] == "https://arxiv.org/abs/2509.15552"
    assert doc["volunteer"][0]["position"] == "Conference Reviewer"  # from service
    for section in ("work", "education", "awards", "publications", "volunteer"):
        for item in doc[section]:
            for key in ("startDate", "endDate", "date", "releaseDate"):
                if key in item:
                    assert ISO_DATE.match(item[key]), (section, key, item[key])
    (note,) = result.err_lines
    assert note.startswith("sphinx-cv: note: JSON Resume has no place for: ")
    for what in ("teaching (4)", "publications[].authors (13)", "person.affiliation"):
        assert what in note


def test_jsonresume_export_walks_every_profile_field() -> None:
    """A profile field the export has no code for is in the summary, not silently lost:
    here a new section added to the profile (a subclass with one more declared field),
    and a record's field JSON Resume has no key for."""
    import dataclasses

    from sphinx_cv.data import jsonresume_export as export
    from sphinx_cv.data.entries import Entry, Position, Section, Talk
    from sphinx_cv.data.profile import Profile

    names = {f.name for f in dataclasses.fields(Profile) if "cv" in f.metadata}
    assert names >= export.PLACED | export.NOT_CONTENT

    @dataclasses.dataclass
    class Grown(Profile):
        people: list[str] = dataclasses.field(default_factory=list, metadata={"cv": None})

    profile = Grown(
        people=["Ada", "Grace"],
        talks=[Talk(title="A"), Talk(title="B"), Talk(title="C")],
        sections={"students": Section(entries=[Entry(title="Bo")])},
        positions=[Position(position="Lecturer", tags=["teaching"])],
    )
    kept = export.to_jsonresume(profile).kept
    assert (kept["people"], kept["talks"], kept["sections.students"]) == (2, 3, 1)
    assert kept["positions[].tags"] == 1  # a record's field with no place, too


def test_jsonresume_export_walks_the_person_and_publications() -> None:
    """The basics and the publications are exported by walking their declared fields
    too: a field added to either is counted as left out, not lost."""
    import dataclasses

    from sphinx_cv.data import jsonresume_export as export
    from sphinx_cv.data.profile import Person, Profile
    from sphinx_cv.data.publication import Publication

    @dataclasses.dataclass
    class GrownPerson(Person):
        pronouns: str | None = dataclasses.field(default=None, metadata={"cv": None})

    @dataclasses.dataclass
    class GrownPublication(Publication):
        funding: str | None = dataclasses.field(default=None, metadata={"cv": None})

    person = GrownPerson(
        name="Ada",
        pronouns="she/her",
        affiliation=["Analytical Society"],
        email=["a@example.org", "b@example.org"],
    )
    pubs = [
        GrownPublication(
            id="p1", title="Notes", year=1843, funding="none", series="LNCS", authors=["Ada"]
        ),
        GrownPublication(id="p2", title="More", funding="some"),
    ]
    result = export.to_jsonresume(Profile(person=person, publications=list(pubs)))
    kept = result.kept
    assert kept["person.pronouns"] == 1 and kept["person.affiliation"] == 1
    assert kept["person.email (all but the first)"] == 1
    assert kept["publications[].funding"] == 2
    assert kept["publications[].series"] == 1 and kept["publications[].authors"] == 1
    # What has a place is not counted: the id, title, date, the first e-mail.
    assert not {k for k in kept if k.endswith((".id", ".title", ".year", ".name"))}
    assert result.data["publications"][0] == {"name": "Notes", "releaseDate": "1843"}
    assert result.data["basics"]["email"] == "a@example.org"


def test_csl_export(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(cli("import", "bibtex", BIB).out, encoding="utf-8")
    result = cli("export", "csl", path)
    assert result.code == 0
    items = {item["id"]: item for item in json.loads(result.out)}
    muller = items["muller2023convergence"]
    assert muller["type"] == "paper-conference"
    assert muller["author"][0] == {"family": "Müller", "given": "Jörg"}
    assert len(muller["author"]) == 3  # 'et al.' has no CSL form
    assert muller["issued"] == {"date-parts": [[2023]]}
    assert muller["page"] == "25123-25145"
    assert items["doe2021report"]["author"][1] == {
        "family": "Berg",
        "given": "Jan",
        "non-dropping-particle": "van der",
    }
    assert items["doe2021report"]["publisher"] == "Example Research Lab"
    wang = items["wang_scaling_2024"]
    assert (wang["type"], wang["DOI"], wang["number"]) == (
        "article",
        "10.48550/arXiv.2403.01234",
        "arXiv:2403.01234",
    )
    assert items["nguyen2022learned"]["title"].startswith("Learned Optimizers that Scale: BERT")
    (note,) = result.err_lines
    assert "CSL-JSON has no place for" in note and "'et al.' in authors" in note


# --- bad input ---------------------------------------------------------------------------


def test_import_bad_inputs(tmp_path: Path) -> None:
    assert_one_line_error(cli("import", "bibtex", tmp_path / "none.bib"), 2, "no such file")
    assert_one_line_error(cli("import", "jsonresume", tmp_path), 2, "is a folder")
    bad = tmp_path / "bad.json"
    bad.write_text('{"basics": {"name": "A",}}', encoding="utf-8")
    assert_one_line_error(cli("import", "jsonresume", bad), 1, "bad.json:1:25", "not valid JSON")
    bad.write_text("[1, 2]", encoding="utf-8")
    assert_one_line_error(cli("import", "jsonresume", bad), 1, "not a JSON object")
    bad.write_bytes(b"\xff\xfe{\x00}\x00")
    assert_one_line_error(cli("import", "jsonresume", bad), 1, "not UTF-8")
    binary = tmp_path / "bad.bib"
    binary.write_bytes(b"\x00\x01\x02\xff" * 50)
    assert_one_line_error(cli("import", "bibtex", binary), 1, "bad.bib")
    empty = tmp_path / "empty.bib"
    empty.write_text("% nothing here\n", encoding="utf-8")
    result = cli("import", "bibtex", empty)
    assert result.code == 1 and "no BibTeX entries" in result.err  # said, and not OK
    assert yaml.safe_load(result.out) == {"publications": []}
    out = cli("import", "bibtex", BIB, "-o", tmp_path / "missing" / "x.yaml")
    assert out.code == 1 and out.err_lines[-1].startswith("sphinx-cv: error: cannot write")


def test_jsonresume_with_wrong_shapes_is_kept_and_reported(tmp_path: Path) -> None:
    resume = tmp_path / "odd.json"
    resume.write_text(
        json.dumps(
            {
                "basics": {"name": "Ada", "email": "not an email", "hobby": "chess"},
                "work": {"name": "not a list"},
                "education": ["a string", {"institution": "U"}],
                "skills": [{"name": "Python", "level": "Expert"}],
                "extra": [1, 2],
            }
        ),
        encoding="utf-8",
    )
    result = cli("import", "jsonresume", resume)
    assert result.code == 1
    data = yaml.safe_load(result.out)
    assert data["x-jsonresume"] == {
        "work": {"name": "not a list"},
        "education": ["a string"],
        "extra": [1, 2],
    }
    assert data["person"]["x-jsonresume"] == {"hobby": "chess"}
    assert data["education"] == [{"institution": "U"}]
    lines = result.err_lines
    assert any("work: not a list" in line for line in lines)
    assert any("person.email" in line and "'not an email'" in line for line in lines)
    assert all(line.startswith("sphinx-cv: ") for line in lines)


def test_export_bad_inputs(tmp_path: Path) -> None:
    assert_one_line_error(cli("export", "bibtex", tmp_path / "none.yaml"), 2, "no such file")
    assert_one_line_error(cli("export", "csl", tmp_path), 2, "no such file", "profile.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("person:\n  name: [Ada\n", encoding="utf-8")
    result = cli("export", "jsonresume", broken)
    assert result.code == 1 and result.out == ""
    assert len(result.err_lines) == 2 and "YAML syntax error" in result.err_lines[0]
    assert "nothing exported" in result.err_lines[1]
    warned = tmp_path / "warned.yaml"
    warned.write_text("person:\n  name: Ada\n  emial: a@b.org\n", encoding="utf-8")
    result = cli("export", "jsonresume", warned)
    assert result.code == 1 and json.loads(result.out)["basics"]["name"] == "Ada"
    assert "person.emial" in result.err


@pytest.mark.parametrize(
    "args", [("import",), ("import", "csv", "x.csv"), ("export", "yaml"), ("import", "bibtex")]
)
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err_lines[-1].startswith("sphinx-cv import: error:") or result.err_lines[
        -1
    ].startswith("sphinx-cv export: error:")


def test_help_has_examples() -> None:
    for command in ("import", "export"):
        result = run(command, "--help")
        assert result.code == 0 and "examples:" in result.out
        assert f"sphinx-cv {command} " in result.out.split("examples:")[1]
