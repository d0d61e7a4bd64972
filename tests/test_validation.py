"""Every kind of bad input is one precise problem; the rest of the profile still loads.

Each test writes a small profile, loads it and checks the problem's place (line and
column from 1), field path (0-based indexes), subtype and offending value.
"""

from __future__ import annotations

import os
import textwrap
import time
from pathlib import Path

import pytest
import yaml

from sphinx_cv.data import LoadResult, Problem, ProfileStore, Subtype, load_profile


def load(tmp_path: Path, text: str, name: str = "profile.yaml") -> tuple[str, LoadResult]:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return str(path), load_profile(str(path))


def the_problem(result: LoadResult) -> Problem:
    assert len(result.problems) == 1, "\n".join(map(str, result.problems))
    return result.problems[0]


def check(
    problem: Problem,
    file: str,
    line: int,
    column: int,
    subtype: Subtype,
    path: str,
    value: str | None,
) -> None:
    assert problem.location.file == file
    assert (problem.location.line, problem.location.column) == (line, column), str(problem)
    assert problem.subtype is subtype, str(problem)
    assert problem.path == path
    assert problem.value == value
    assert problem.expected, "every problem says what was expected"
    text = str(problem)
    assert text.startswith(f"{file}:{line}:{column}: ")
    assert text.endswith(f"[cv.{subtype.value}]")
    if path:
        assert f" {path}: " in text
    if value is not None:
        assert f"(got {value})" in text


# --- one test per kind of bad input ------------------------------------------------------


def test_yaml_syntax_error(tmp_path: Path) -> None:
    file, result = load(
        tmp_path,
        """
        person:
          name: Ada
        publications: [a, b
        news: []
        """,
    )
    problem = the_problem(result)
    check(problem, file, 4, 5, Subtype.YAML, "", None)
    assert "YAML syntax error" in problem.message
    assert problem.expected == "valid YAML"
    assert result.profile.person is None  # nothing is guessed from broken YAML


def test_yaml_tab_indentation(tmp_path: Path) -> None:
    file, result = load(tmp_path, "person:\n\tname: Ada\n")
    check(the_problem(result), file, 2, 1, Subtype.YAML, "", None)


def test_yaml_control_character(tmp_path: Path) -> None:
    file, result = load(tmp_path, "person:\n  name: Ada Lové\x07lace\n")
    problem = the_problem(result)
    check(problem, file, 2, 17, Subtype.YAML, "", repr("\x07"))
    assert "control characters" in problem.message


def test_wrong_type(tmp_path: Path) -> None:
    file, result = load(
        tmp_path,
        """
        person:
          name: Ada Lovelace
          location: [London, Paris]
        """,
    )
    problem = the_problem(result)
    check(problem, file, 3, 13, Subtype.TYPE, "person.location", None)
    assert "a list" in problem.message
    assert problem.expected == "text"
    assert result.profile.person is not None
    assert result.profile.person.name == "Ada Lovelace"
    assert result.profile.person.location is None


def test_wrong_type_of_a_scalar(tmp_path: Path) -> None:
    file, result = load(
        tmp_path,
        """
        publications:
          - id: a
            title: A
            selected: maybe
            authors: [Ann Lee]
        """,
    )
    problem = the_problem(result)
    check(problem, file, 4, 15, Subtype.TYPE, "publications[0].selected", "'maybe'")
    assert problem.expected == "true or false"
    assert [p.id for p in result.profile.publications] == ["a"]


def test_unknown_key_with_did_you_mean(tmp_path: Path) -> None:
    file, result = load(
        tmp_path,
        """
        publications:
          - id: a
            titel: Learning
        """,
    )
    required, unknown = result.problems
    check(unknown, file, 3, 5, Subtype.UNKNOWN_KEY, "publications[0].titel", "'titel'")
    assert "did you mean 'title'?" in unknown.message
    assert "title" in (unknown.expected or "")
    # Without its title the entry is skipped, which is said where the entry starts.
    check(required, file, 2, 5, Subtype.REQUIRED, "publications[0].title", None)


@pytest.mark.parametrize(
    ("key", "hint"),
    [
        ("titel", "title"),
        ("TITEL", "title"),
        ("Yeer", "year"),
        ("AUTHROS", "authors"),
        ("venu", "venue"),
        ("book_titel", "booktitle"),
        ("selcted", "selected"),
        ("xyzzy", None),
    ],
)
def test_did_you_mean_ignores_case_and_separators(
    tmp_path: Path, key: str, hint: str | None
) -> None:
    file, result = load(
        tmp_path,
        f"""
        publications:
          - id: a
            title: A
            {key}: x
            authors: [Ann Lee]
        """,
    )
    problem = the_problem(result)
    check(problem, file, 4, 5, Subtype.UNKNOWN_KEY, f"publications[0].{key}", repr(key))
    if hint is None:
        assert "did you mean" not in problem.message
    else:
        assert problem.message.endswith(f"; did you mean '{hint}'?")


def test_unknown_top_level_key(tmp_path: Path) -> None:
    file, result = load(
        tmp_path,
        """
        person: {name: Ada}
        publication:
          - {id: a, title: A}
        """,
    )
    problem = the_problem(result)
    check(problem, file, 2, 1, Subtype.UNKNOWN_KEY, "publication", "'publication'")
    assert "did you mean 'publications'?" in problem.message


def test_extension_keys_are_not_unknown(tmp_path: Path) -> None:
    _, result = load(
        tmp_path,
        """
        $schema: https://example.org/profile.schema.json
        x-notes: anything
        person: {name: Ada, x-color: red}
        """,
    )
    assert result.problems == []


def test_bad_date(tmp_path: Path) -> None:
    file, result = load(
        tmp_path,
        """
        education:
          - institution: MIT
            start: 2025-13
            end: 2026
        """,
    )
    problem = the_problem(result)
    check(problem, file, 3, 12, Subtype.DATE, "education[0].start", "'2025-13'")
    assert "month 13" in problem.message
    assert "YYYY-MM" in (problem.expected or "")
    (entry,) = result.profile.education  # the entry stays, without its bad date
    assert entry.start is None
    assert entry.end is not None and entry.end.year == 2026


def test_impossible_day(tmp_path: Path) -> None:
    file, result = load(
        tmp_path,
        """
        news:
          - date: 2025-02-30
            text: Something happened.
        """,
    )
    check(the_problem(result), file, 2, 11, Subtype.DATE, "news[0].date", "'2025-02-30'")


def test_near_miss_of_present(tmp_path: Path) -> None:
    file, result = load(
        tmp_path,
        """
        positions:
          - position: Professor
            start: 2020
            end: presnet
        """,
    )
    problem = the_problem(result)
    check(problem, file, 4, 10, Subtype.DATE, "positions[0].end", "'presnet'")
    assert "did you mean 'present'?" in problem.message


def test_bad_year(tmp_path: Path) -> None:
    # The example of the issue: the fourth publication's year.
    file, result = load(
        tmp_path,
        """
        publications:
          - {id: a, title: A, year: 2021, authors: [Ann Lee]}
          - {id: b, title: B, year: 2022, authors: [Ann Lee]}
          - {id: c, title: C, year: 2023, authors: [Ann Lee]}
          - id: d
            title: D
            year: 20x4
            authors: [Ann Lee]
        """,
    )
    problem = the_problem(result)
    check(problem, file, 7, 11, Subtype.DATE, "publications[3].year", "'20x4'")
    assert problem.expected == "a 4-digit year such as 2024"
    assert [p.id for p in result.profile.publications] == ["a", "b", "c", "d"]


def test_end_before_start(tmp_path: Path) -> None:
    file, result = load(
        tmp_path,
        """
        education:
          - institution: MIT
            start: 2020-05
            end: 2019-12
        """,
    )
    problem = the_problem(result)
    check(problem, file, 4, 10, Subtype.DATE_ORDER, "education[0].end", "'2019-12'")
    assert "2020-05" in problem.message
    assert len(result.profile.education) == 1  # reported, but kept


@pytest.mark.parametrize(
    ("start", "end", "bad"),
    [
        ("2020-05", "2020", False),  # same year at the coarser precision
        ("2020-05-10", "2020-05", False),
        ("2020", "2020", False),
        ("2020", "present", False),
        ("present", "2020", True),
        ("2021", "2020-12-31", True),
        ("Winter 2024", "2024-03", False),  # a season's month is a guess
        ("Fall 2025", "2024", True),
        ("TBD", "2020", False),
    ],
)
def test_date_order_precision(tmp_path: Path, start: str, end: str, bad: bool) -> None:
    _, result = load(
        tmp_path,
        f"""
        teaching:
          - course: Algorithms
            start: "{start}"
            end: "{end}"
        """,
    )
    assert [p.subtype for p in result.problems] == ([Subtype.DATE_ORDER] if bad else [])


def test_duplicate_publication_id(tmp_path: Path) -> None:
    file, result = load(
        tmp_path,
        """
        publications:
          - id: lovelace1843
            title: Sketch
            authors: [Ada Lovelace]
          - id: babbage1864
            title: Passages
            authors: [Charles Babbage]
          - id: lovelace1843
            title: Notes
        """,
    )
    problem = the_problem(result)
    check(problem, file, 8, 9, Subtype.DUPLICATE_ID, "publications[2].id", "'lovelace1843'")
    assert f"{file}:2:5" in problem.message  # where the first one is
    assert [(p.id, p.title) for p in result.profile.publications] == [
        ("lovelace1843", "Sketch"),
        ("babbage1864", "Passages"),
    ]


def test_interest_tag_naming_an_unknown_publication(tmp_path: Path) -> None:
    file, result = load(
        tmp_path,
        """
        interests:
          current:
            topics:
              - name: Engines
                publications: [lovelace1843, lovelace1834]
        publications:
          - {id: lovelace1843, title: Sketch, authors: [Ada Lovelace]}
        """,
    )
    problem = the_problem(result)
    check(
        problem,
        file,
        5,
        38,
        Subtype.UNKNOWN_REF,
        "interests.current.topics[0].publications[1]",
        "'lovelace1834'",
    )
    assert "did you mean 'lovelace1843'?" in problem.message
    (topic,) = result.profile.interests["current"].topics
    assert [r.id for r in topic.publications] == ["lovelace1843"]


def test_unknown_enum_value(tmp_path: Path) -> None:
    file, result = load(
        tmp_path,
        """
        publications:
          - id: a
            title: A
            type: jornal
            authors: [Ann Lee]
        """,
    )
    problem = the_problem(result)
    check(problem, file, 4, 11, Subtype.VALUE, "publications[0].type", "'jornal'")
    assert "did you mean 'journal'?" in problem.message
    assert "conference" in (problem.expected or "")
    assert result.profile.publications[0].type == "misc"  # the default when unknown


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    file, result = load(
        tmp_path,
        """
        person:
          name: Ada
          position: Professor
          name: Ada Lovelace
        """,
    )
    problem = the_problem(result)
    check(problem, file, 4, 3, Subtype.DUPLICATE_KEY, "person.name", "'name'")
    assert "line 2" in problem.message
    assert result.profile.person is not None
    assert result.profile.person.name == "Ada Lovelace"  # the later one wins


def test_duplicate_key_through_an_alias_name(tmp_path: Path) -> None:
    file, result = load(
        tmp_path,
        """
        publications:
          - id: a
            title: A
            name: B
            authors: [Ann Lee]
        """,
    )
    check(the_problem(result), file, 4, 5, Subtype.DUPLICATE_KEY, "publications[0].name", "'name'")


def test_duplicate_section_name(tmp_path: Path) -> None:
    file, result = load(
        tmp_path,
        """
        sections:
          students: [Ada]
          students: [Charles]
        """,
    )
    check(the_problem(result), file, 3, 3, Subtype.DUPLICATE_KEY, "sections.students", "'students'")


def test_missing_required_field(tmp_path: Path) -> None:
    file, result = load(
        tmp_path,
        """
        education:
          - degree: Ph.D.
            start: 2017
          - institution: MIT
        """,
    )
    problem = the_problem(result)
    check(problem, file, 2, 5, Subtype.REQUIRED, "education[0].institution", None)
    assert "missing" in problem.message
    assert [e.institution for e in result.profile.education] == ["MIT"]


def test_empty_required_field(tmp_path: Path) -> None:
    file, result = load(
        tmp_path,
        """
        publications:
          - id: ~
            title: A
        """,
    )
    problem = the_problem(result)
    check(problem, file, 2, 9, Subtype.REQUIRED, "publications[0].id", None)
    assert "empty" in problem.message


def test_invalid_required_field_is_reported_once(tmp_path: Path) -> None:
    file, result = load(
        tmp_path,
        """
        publications:
          - id: a b
            title: A
            year: 20x5
        """,
    )
    id_problem, year_problem = result.problems
    check(id_problem, file, 2, 9, Subtype.VALUE, "publications[0].id", "'a b'")
    assert "entry is skipped" in id_problem.message
    check(year_problem, file, 4, 11, Subtype.DATE, "publications[0].year", "'20x5'")
    assert result.profile.publications == []


def test_publication_without_title(tmp_path: Path) -> None:
    file, result = load(
        tmp_path,
        """
        publications:
          - id: a
            year: 2020
        """,
    )
    check(the_problem(result), file, 2, 5, Subtype.REQUIRED, "publications[0].title", None)


def test_missing_file(tmp_path: Path) -> None:
    file = str(tmp_path / "nowhere.yaml")
    result = load_profile(file)
    problem = the_problem(result)
    assert problem.subtype is Subtype.FILE
    assert problem.location.file == file
    assert (problem.location.line, problem.location.column) == (0, 0)  # no line to point at
    assert problem.path == ""
    assert str(problem).startswith(f"{file}: ")
    assert "not found" in problem.message
    assert problem.expected == "an existing file"
    assert result.files == [file]


def test_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("person:\n  name: Ada\n  location: Zürich\n".encode("latin-1"))
    result = load_profile(str(path))
    problem = the_problem(result)
    check(problem, str(path), 3, 14, Subtype.FILE, "", repr(b"\xfc"))
    assert "not UTF-8" in problem.message
    assert "byte 33" in problem.message


def test_non_utf8_after_a_bom_and_a_long_file(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    filler = "# a comment line that is long enough to need a few buffer reads\n" * 500
    path.write_bytes(b"\xef\xbb\xbf" + filler.encode() + b"person: {name: \xff}\n")
    result = load_profile(str(path))
    check(the_problem(result), str(path), 501, 16, Subtype.FILE, "", repr(b"\xff"))


def test_a_directory_is_not_a_profile(tmp_path: Path) -> None:
    result = load_profile(str(tmp_path))
    assert [p.subtype for p in result.problems] == [Subtype.FILE]


def test_top_level_not_a_mapping(tmp_path: Path) -> None:
    file, result = load(tmp_path, "- Ada\n- Charles\n")
    check(the_problem(result), file, 1, 1, Subtype.TYPE, "", None)


@pytest.mark.parametrize("text", ["", "# only a comment\n", "~\n", "---\n"])
def test_empty_profile_is_one_located_problem(tmp_path: Path, text: str) -> None:
    file, result = load(tmp_path, text)
    problem = the_problem(result)  # said once, not "OK (0 publications)"
    assert (problem.location.file, problem.location.line) == (file, 1)
    assert problem.subtype is Subtype.REQUIRED
    assert result.profile.publications == []


# --- the rest still loads ----------------------------------------------------------------


def test_good_entries_load_beside_bad_ones(tmp_path: Path) -> None:
    _, result = load(
        tmp_path,
        """
        person:
          name: Ada Lovelace
          email: not-an-email
        publications:
          - id: good1
            title: First
            year: 2020
            authors: [Ada Lovelace]
          - id: bad one
            title: Spaces in the id
          - title: No id at all
          - id: good2
            title: Second
            year: twenty
            type: jornal
            authors: [Ada Lovelace]
          - Just a string
          - id: good1
            title: Duplicate
        education:
          - institution: MIT
            start: 2020
            end: 2019
          - {degree: No institution}
          - institution: Harvard
        """,
    )
    assert result.profile.person is not None
    assert result.profile.person.name == "Ada Lovelace"
    assert result.profile.person.email == []
    assert [(p.id, p.title) for p in result.profile.publications] == [
        ("good1", "First"),
        ("good2", "Second"),
    ]
    assert [e.institution for e in result.profile.education] == ["MIT", "Harvard"]
    assert [(p.subtype, p.path) for p in result.problems] == [
        (Subtype.VALUE, "person.email"),
        (Subtype.VALUE, "publications[1].id"),
        (Subtype.REQUIRED, "publications[2].id"),
        (Subtype.DATE, "publications[3].year"),
        (Subtype.VALUE, "publications[3].type"),
        (Subtype.TYPE, "publications[4]"),
        (Subtype.DUPLICATE_ID, "publications[5].id"),
        (Subtype.DATE_ORDER, "education[0].end"),
        (Subtype.REQUIRED, "education[1].institution"),
    ]
    lines = [p.location.line for p in result.problems]
    assert lines == sorted(lines)  # in file order


def test_forgiving_aliases_and_short_forms(tmp_path: Path) -> None:
    _, result = load(
        tmp_path,
        """
        basics:
          name: Ada Lovelace
          email: ada@example.org
          Name_Variants: A. Lovelace
        work:
          - company: Engine Labs
            title: Scientist
            startDate: 2019-01
            END-DATE: present
        education:
          - institution: University of London
            studyType: Ph.D.
            area: Computer Science
            startDate: 2015
            endDate: 2019
        publications:
          - ID: a
            ENTRYTYPE: inproceedings
            title: A
            booktitle: Proc. Engines
            Author: Lovelace, Ada and Babbage, Charles and others
            keywords: engines
          - id: b
            type: article-journal
            title: B
            container-title: Journal of Engines
            author: [Lovelace, Ada]
            featured: yes
            month: Sept.
        """,
    )
    assert result.problems == []
    profile = result.profile
    assert profile.person is not None
    assert profile.person.email == ["ada@example.org"]
    assert profile.person.name_variants == ["A. Lovelace"]
    (job,) = profile.positions
    assert (job.organization, job.position) == ("Engine Labs", "Scientist")
    assert job.start is not None and (job.start.year, job.start.month) == (2019, 1)
    assert job.end is not None and job.end.present
    (degree,) = profile.education
    assert (degree.degree, degree.field) == ("Ph.D.", "Computer Science")
    a, b = profile.publications
    assert (a.id, a.type, a.venue, a.tags) == ("a", "conference", "Proc. Engines", ["engines"])
    assert a.authors == ["Ada Lovelace", "Charles Babbage", "et al."]
    assert (b.type, b.venue, b.selected, b.month) == ("journal", "Journal of Engines", True, 9)
    assert b.authors == ["Lovelace", "Ada"]  # a YAML list of two names, as written


def test_yaml_merge_key_is_not_a_duplicate(tmp_path: Path) -> None:
    _, result = load(
        tmp_path,
        """
        x-defaults:
          conf: &conf {type: conference, venue: Proc. Engines, year: 2020, authors: [Ada]}
          other: &other {venue: Other Venue, year: 1999, note: From other}
        publications:
          - <<: *conf
            id: a
            title: A
          - <<: *conf
            id: b
            title: B
            year: 2021
          - <<: [*conf, *other]
            id: c
            title: C
        """,
    )
    assert result.problems == []
    a, b, c = result.profile.publications
    assert (a.type, a.venue, a.year) == ("conference", "Proc. Engines", 2020)
    assert (b.venue, b.year) == ("Proc. Engines", 2021)  # the explicit key wins
    assert (c.venue, c.year, c.note) == ("Proc. Engines", 2020, "From other")  # first wins
    assert a.locations["venue"].line == 2  # where the merged value was written


def test_recursive_alias_does_not_hang(tmp_path: Path) -> None:
    file, result = load(
        tmp_path,
        """
        x-loop: &a [*a]
        person: &p
          name: Ada
          bio: *p
        publications: &pubs
          - id: a
            title: A
            authors: *pubs
        """,
    )
    assert [p.subtype for p in result.problems] == [Subtype.YAML] * 3
    check(result.problems[0], file, 1, 13, Subtype.YAML, "", "'*a'")  # the alias itself
    assert "recursive alias" in result.problems[0].message
    check(result.problems[1], file, 4, 8, Subtype.YAML, "", "'*p'")
    check(result.problems[2], file, 8, 14, Subtype.YAML, "", "'*pubs'")
    assert result.profile.person is not None and result.profile.person.name == "Ada"
    assert [p.id for p in result.profile.publications] == ["a"]


def test_recursive_merge_key_does_not_recurse_forever(tmp_path: Path) -> None:
    file, result = load(tmp_path, "person: &p {name: Ada, <<: *p}\n")
    check(the_problem(result), file, 1, 28, Subtype.YAML, "", "'*p'")
    assert result.profile.person is not None and result.profile.person.name == "Ada"


def laughs(levels: int, fan: int, use: str) -> str:
    lines = ["x-l0: &l0 {title: lol, highlights: [lol, lol]}"]
    for i in range(1, levels):
        refs = ", ".join([f"*l{i - 1}"] * fan)
        lines.append(f"x-l{i}: &l{i} [{refs}]")
    lines.append(use.replace("LAST", f"*l{levels - 1}"))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "text",
    [
        laughs(10, 10, "publications: LAST"),
        laughs(10, 10, "sections: {a: LAST, b: LAST}"),
        # merge keys expand too: 9 ** 30 mappings in 31 lines
        "x-m0: &m0 {title: lol}\n"
        + "".join(
            f"x-m{i}: &m{i} {{<<: [{', '.join([f'*m{i - 1}'] * 9)}]}}\n" for i in range(1, 30)
        )
        + "person: *m29\n",
        # a chain of merges deeper than any real profile
        "x-c0: &c0 {name: Ada}\n"
        + "".join(f"x-c{i}: &c{i} {{<<: *c{i - 1}}}\n" for i in range(1, 3000))
        + "person: *c2999\n",
    ],
    ids=["list", "sections", "merge", "chain"],
)
def test_alias_fan_out_does_not_hang(tmp_path: Path, text: str) -> None:
    start = time.monotonic()
    _, result = load(tmp_path, text)
    assert time.monotonic() - start < 5
    problems = [p for p in result.problems if p.subtype is Subtype.YAML]
    assert len(problems) == 1
    assert "aliases" in problems[0].message
    assert problems[0].location.line > 0


def test_moderate_aliasing_is_fine(tmp_path: Path) -> None:
    _, result = load(tmp_path, laughs(3, 10, "sections: {a: {entries: LAST}}"))
    assert [p.subtype for p in result.problems] == [Subtype.TYPE] * 10  # lists, not entries


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "- " * 100_000 + "x\n",
        "a: " + "{a: " * 5_000 + "1" + "}" * 5_000 + "\n",
    ],
)
def test_deep_nesting_is_a_problem_not_a_crash(tmp_path: Path, text: str) -> None:
    _, result = load(tmp_path, text)
    problem = the_problem(result)
    assert problem.subtype is Subtype.YAML
    assert problem.location.line == 1
    assert problem.location.column > 100
    # Our own depth check or libyaml's ("exceeded maximum nesting depth"), depending on
    # which notices first: the behaviour is one located YAML problem, not the wording.
    assert problem.message


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 100 + "]" * 100 + "\n",
        "a: " + "[" * 99 + "]" * 99 + "\n",
        "- " * 101 + "x\n",
        "- " * 99 + "x\n",
        "a:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 120)) + " " * 120 + "v\n",
        "a: *undefined\nb: [x, *y]\n",
        "person: {name: Ada}\npublications:\n  - {id: a, title: 'R & D', year: 2020}\n",
        "",
    ],
)
def test_the_scan_without_anchors_decides_as_the_whole_scan(text: str) -> None:
    """A text without anchors has only its nesting counted: the same answer as the
    whole scan, which an anchor in a comment at the end makes run."""
    from sphinx_cv.data import yamlsource

    try:
        whole = yamlsource._scan(text + "\n# &anchor\n", "p.yaml")
    except yaml.YAMLError as err:
        with pytest.raises(type(err)):
            yamlsource._scan(text, "p.yaml")
        return
    assert yamlsource._scan(text, "p.yaml") == whole


# --- the cache -----------------------------------------------------------------------------


def test_profile_cache_rereads_only_when_mtime_changes(tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    path.write_text("person: {name: Ada}\n", encoding="utf-8")
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    cache = ProfileStore()
    first, fresh = cache.get(str(path))
    assert fresh
    assert first.profile.person is not None and first.profile.person.name == "Ada"
    again, fresh = cache.get(str(path))
    assert not fresh
    assert again is first

    # Same size, same mtime: not noticed (the cache trusts the stamp).
    path.write_text("person: {name: Bob}\n", encoding="utf-8")
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    again, fresh = cache.get(str(path))
    assert not fresh and again is first

    os.utime(path, ns=(1_000_000_001_000_000_000, 1_000_000_001_000_000_000))
    changed, fresh = cache.get(str(path))
    assert fresh
    assert changed.profile.person is not None and changed.profile.person.name == "Bob"
    assert cache.get(str(path)) == (changed, False)


def test_profile_cache_notices_a_file_appearing(tmp_path: Path) -> None:
    path = tmp_path / "later.yaml"
    cache = ProfileStore()
    missing, fresh = cache.get(str(path))
    assert fresh and [p.subtype for p in missing.problems] == [Subtype.FILE]
    assert cache.get(str(path)) == (missing, False)
    path.write_text("person: {name: Ada}\n", encoding="utf-8")
    found, fresh = cache.get(str(path))
    assert fresh and found.problems == []


def test_lines_count_newlines_only(tmp_path: Path) -> None:
    """YAML also breaks lines at U+2028, U+2029 and U+0085; editors do not."""
    _, result = load(
        tmp_path, 'person:\n  name: "Ada\u2028Lovelace"  # a\u0085  # b\n  emial: a@b.org\n'
    )
    (problem,) = result.problems
    assert (problem.location.line, problem.location.column) == (3, 3), str(problem)
    _, result = load(tmp_path, "DOI: \u2028\n[: \u2028\n")
    assert [p.location.line for p in result.problems] == [3]
