"""BibTeX files to publications: values, types, names, locations and problems."""

from __future__ import annotations

import io
from pathlib import Path

import pybtex.errors
import pybtex.io
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pybtex.database.input.bibtex import Parser

from sphinx_cv.data.bibtex import MAX_SYNTAX_ERRORS, latex_to_text, load_bibtex, person_name
from sphinx_cv.data.dates import CvDate
from sphinx_cv.data.loader import load_profile
from sphinx_cv.data.problems import Location, Problem, Subtype
from sphinx_cv.data.publication import Publication

DATA = Path(__file__).parent / "data" / "bib"
FIXTURE = DATA / "publications.bib"
SYNTAX = DATA / "syntax.bib"


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the first line of ``path`` containing ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def field_line(path: Path, key: str, name: str) -> int:
    """The line of field ``name`` in entry ``key``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = line_of(path, "{" + key + ",")
    for number in range(start, len(lines) + 1):
        if lines[number - 1].strip().lower().startswith(name):
            return number
    raise AssertionError(f"{key}.{name} not found")


Loaded = tuple[dict[str, Publication], list[Problem]]


@pytest.fixture(scope="module")
def loaded() -> Loaded:
    pubs, problems = load_bibtex(str(FIXTURE))
    return {p.id: p for p in pubs}, problems


def by_path(problems: list[Problem]) -> dict[str, Problem]:
    return {p.path: p for p in problems}


# --- the realistic fixture ---------------------------------------------------------------


def test_entries_in_file_order_bad_ones_skipped(loaded: Loaded) -> None:
    pubs, problems = loaded
    assert list(pubs) == [
        "song2025learning",
        "fontaine2024fables",
        "song2024workshop",
        "song2025scaling",
        "song2023arxiv",
        "song2024talk",
        "song2022thesis",
        "song2025learning-2",
        "song2020report",
        "song2019odd",
        "song2026draft",
        "song2023tagged",
        "arxivexport",
        "song2022markup",
    ]  # song2021notitle (no title) is skipped; a second song2025learning is kept, renamed
    renamed = [p for p in problems if "kept as 'song2025learning-2'" in p.message]
    assert len(renamed) == 1 and renamed[0].location.line > 1


def test_accents_braces_strings_and_names(loaded: Loaded) -> None:
    pub = loaded[0]["song2025learning"]
    assert pub.title == ("Learning to Route with Graph Neural Networks: Über-fast and Café-proof")
    assert pub.authors == ["Qingyu Song", "Jörg Müller", "María García", "et al."]
    assert pub.venue == "Advances in Neural Information Processing Systems"  # @string
    assert (pub.year, pub.month) == (2025, 9)  # month = sep
    assert pub.pages == "1021–1035"
    assert pub.doi == "10.5555/3600270.3601234"
    assert pub.arxiv == "2509.15552"
    assert pub.type == "conference"
    assert pub.tags == ["graph learning", "routing", "networks"]
    assert pub.selected is True
    assert pub.code == "https://github.com/qysong/route-gnn"
    assert pub.award == "Spotlight"


def test_von_jr_and_math_title(loaded: Loaded) -> None:
    pub = loaded[0]["fontaine2024fables"]
    assert pub.authors == ["Jean de la Fontaine", "Ludwig van Beethoven", "John Smith, Jr."]
    assert pub.title == "Fables of O(n log n) Sorting & Searching in 100% of the Cases"
    assert pub.type == "journal"
    assert (pub.volume, pub.number, pub.pages) == ("25", "3", "1–42")
    assert (pub.year, pub.month) == (2024, 12)
    assert pub.url == "https://jmlr.org/papers/v25/fontaine24a.html"


def test_types(loaded: Loaded) -> None:
    pubs, _ = loaded
    types = {key: pub.type for key, pub in pubs.items()}
    assert types == {
        "song2025learning": "conference",
        "fontaine2024fables": "journal",
        "song2024workshop": "workshop",  # booktitle "... Workshop on ..."
        "song2025scaling": "preprint",  # @misc with archivePrefix arXiv
        "song2023arxiv": "preprint",  # @article in "arXiv preprint arXiv:..."
        "song2024talk": "talk",  # pubtype overrides @misc
        "song2022thesis": "thesis",
        "song2025learning-2": "conference",  # a second entry with that key, renamed
        "song2020report": "report",  # type = {Technical Report} is not a profile type
        "song2019odd": "misc",  # unknown entry types are kept as misc
        "song2026draft": "preprint",  # @unpublished
        "song2023tagged": "workshop",  # keywords = {workshop, ...}
        "arxivexport": "preprint",  # arXiv's own export: publisher arXiv, DOI 10.48550
        "song2022markup": "conference",  # pubtype misspelt: reported, @type used
    }


def test_workshop_name_with_cedilla_and_breve(loaded: Loaded) -> None:
    pub = loaded[0]["song2024workshop"]
    assert pub.authors == ["Qingyu Song", "Çağlar Gülçehre"]
    assert pub.title == "Attention Is Not All You Need for Graph\u00a0Matching"  # ~


def test_arxiv(loaded: Loaded) -> None:
    pubs, _ = loaded
    assert pubs["song2025scaling"].arxiv == "2501.01234"  # "arXiv:" prefix stripped
    assert pubs["song2025scaling"].title == "Scaling Laws for α-Divergence Minimization"
    assert pubs["song2025scaling"].venue is None
    assert pubs["song2023arxiv"].arxiv == "2306.00001"
    assert pubs["song2023arxiv"].title == "Snake_case Considered Harmful"
    assert pubs["arxivexport"].arxiv == "2401.00002"
    assert pubs["arxivexport"].title == "Exported by arXiv: 𝔼[X] ≤ 1"
    assert pubs["arxivexport"].authors == ["Qingyu Song", "OpenAI Team"]


def test_dates_status_and_links(loaded: Loaded) -> None:
    pubs, _ = loaded
    talk = pubs["song2024talk"]
    assert talk.date == CvDate(2024, 5, 17)
    assert (talk.year, talk.month) == (2024, 5)  # from the biblatex date
    assert talk.slides == "https://example.org/slides.pdf"
    tagged = pubs["song2023tagged"]
    assert tagged.month == 9 and tagged.status == "Forthcoming"  # Sept., pubstate
    assert tagged.tags == ["workshop", "GNN"]
    assert pubs["song2022thesis"].venue == "The Chinese University of Hong Kong"
    assert pubs["song2020report"].venue == "Example Lab"
    assert pubs["song2020report"].year is None  # bad year reported, entry kept
    assert pubs["song2026draft"].note == "Under review"


def test_markup_becomes_markdown(loaded: Loaded) -> None:
    pub = loaded[0]["song2022markup"]
    # {\em ...} and \textbf{...} become Markdown; a literal * is escaped.
    assert pub.title == r"*Drosophila* and the **\*Star\*** Problem"
    assert pub.venue == "Proc. of the AAAI Conference"
    assert pub.pdf == "papers/markup.pdf"
    assert pub.video is None  # not a URL: reported
    assert pub.month is None  # "Smarch": reported


def test_locations_and_source_text(loaded: Loaded) -> None:
    pub = loaded[0]["song2025learning"]
    start = line_of(FIXTURE, "@inproceedings{song2025learning,")
    assert start == 6
    assert pub.source == Location(str(FIXTURE), start, 1)
    assert pub.path == "song2025learning"
    for attr, name in (
        ("title", "title"),
        ("authors", "author"),
        ("venue", "booktitle"),
        ("year", "year"),
        ("month", "month"),
        ("pages", "pages"),
        ("arxiv", "eprint"),
        ("tags", "keywords"),
        ("selected", "selected"),
    ):
        line = field_line(FIXTURE, "song2025learning", name)
        assert pub.locations[attr] == Location(str(FIXTURE), line, 3), attr
    assert pub.locations["title"].line == 7 and pub.locations["selected"].line == 17
    assert pub.bibtex is not None
    assert pub.bibtex.startswith("@inproceedings{song2025learning,\n  title     = {Learning")
    assert pub.bibtex.endswith("award     = {Spotlight},\n}")
    assert pub.bibtex.count("\n") == 14  # the entry's 15 lines, from '@' to its '}'
    workshop = loaded[0]["song2024workshop"]
    assert workshop.locations["type"].line == field_line(FIXTURE, "song2024workshop", "booktitle")


def test_problems(loaded: Loaded) -> None:
    _, problems = loaded
    found = by_path(problems)
    assert sorted(found) == [
        "song2019odd.author",
        "song2020report.year",
        "song2021notitle.title",
        "song2022markup.month",
        "song2022markup.pubtype",
        "song2022markup.video",
        "song2025learning",
    ]
    dup = found["song2025learning"]
    assert dup.subtype is Subtype.DUPLICATE_ID
    assert dup.location == Location(str(FIXTURE), 72, 1)
    assert line_of(FIXTURE, "A Second Entry with the Same Key") == 73
    assert dup.value == "'song2025learning'" and "first at line 6" in dup.message
    nobody = found["song2019odd.author"]  # kept, and said: an entry without authors
    assert nobody.subtype is Subtype.REQUIRED and "no author" in nobody.message
    assert nobody.location.line == line_of(FIXTURE, "@unknowntype{song2019odd,")
    missing = found["song2021notitle.title"]
    assert missing.subtype is Subtype.REQUIRED
    assert missing.location.line == line_of(FIXTURE, "@inproceedings{song2021notitle,")
    year = found["song2020report.year"]
    assert year.subtype is Subtype.DATE
    assert year.value == "'circa 2020'" and year.expected and "year" in year.expected
    assert year.location == Location(str(FIXTURE), field_line(FIXTURE, "song2020report", "year"), 3)
    assert found["song2022markup.month"].subtype is Subtype.DATE
    pubtype = found["song2022markup.pubtype"]
    assert pubtype.subtype is Subtype.VALUE and "did you mean 'conference'" in pubtype.message
    assert found["song2022markup.video"].subtype is Subtype.VALUE
    assert [p.location.line for p in problems] == sorted(p.location.line for p in problems)


def test_profile_overlays_bibtex(tmp_path: Path) -> None:
    (tmp_path / "pubs.bib").write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    profile = tmp_path / "profile.yaml"
    profile.write_text(
        "bibtex: [pubs.bib]\npublications:\n  - id: song2025learning\n    venue: NeurIPS 2025\n",
        encoding="utf-8",
    )
    result = load_profile(str(profile))
    pub = result.profile.publication("song2025learning")
    assert pub is not None and pub.venue == "NeurIPS 2025"
    assert pub.title is not None and pub.title.startswith("Learning to Route")
    assert len(result.problems) == 7


# --- broken files ------------------------------------------------------------------------


def test_syntax_errors_skip_only_the_broken_entries() -> None:
    pubs, problems = load_bibtex(str(SYNTAX))
    assert [p.id for p in pubs] == ["good1", "good2", "dupfield", "good3"]
    assert [p.title for p in pubs] == [
        "First Good Entry",
        "Second Good Entry",
        "Title One",
        "Third Good Entry",
    ]
    nobody = [p.path for p in problems if "no author" in p.message]
    assert nobody == ["good1.author", "good2.author", "dupfield.author", "good3.author"]
    problems = [p for p in problems if "no author" not in p.message]
    got = [(p.location.line, p.location.column, p.path, p.subtype) for p in problems]
    assert got == [
        (8, 3, "broken1", Subtype.BIBTEX),  # missing ',' before "year ="
        (11, 1, "unclosed", Subtype.BIBTEX),  # never closed: reported at its start
        (18, 13, "good2.journal", Subtype.BIBTEX),  # undefined @string; value left empty
        (24, 3, "dupfield.title", Subtype.DUPLICATE_KEY),
        (27, 10, "", Subtype.BIBTEX),  # no key
        (35, 1, "eof", Subtype.BIBTEX),  # the file ends inside the entry
    ]
    text = [p.describe() for p in problems]
    assert "',' expected before this field" in text[0]
    assert "not closed before the next entry (line 16)" in text[1]
    assert "'undefinedmacro'" in text[2]
    assert "entry key expected" in text[4]
    assert "not closed before the end of the file" in text[5]
    assert pubs[1].venue is None


def test_missing_file() -> None:
    pubs, problems = load_bibtex(str(DATA / "nope.bib"))
    assert pubs == []
    [problem] = problems
    assert problem.subtype is Subtype.FILE
    assert problem.location.file == str(DATA / "nope.bib")
    assert "not found" in problem.message


def test_directory_is_unreadable() -> None:
    pubs, problems = load_bibtex(str(DATA))
    assert pubs == [] and [p.subtype for p in problems] == [Subtype.FILE]


def test_latin1_file_is_reported_and_read(tmp_path: Path) -> None:
    bib = tmp_path / "latin1.bib"
    bib.write_bytes(
        "@article{a,\n  title = {Caf\xe9 M\xfcller},\n  year = 2020,\n  author = {A},\n}\n".encode(
            "latin-1"
        )
    )
    pubs, problems = load_bibtex(str(bib))
    [problem] = problems
    assert problem.subtype is Subtype.FILE
    assert problem.location == Location(str(bib), 2, 15)
    assert "not UTF-8" in problem.message and "0xE9" in problem.message
    assert [p.title for p in pubs] == ["Café Müller"]


def test_binary_file(tmp_path: Path) -> None:
    bib = tmp_path / "binary.bib"
    bib.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR@\xff{")
    pubs, problems = load_bibtex(str(bib))
    assert pubs == [] and [p.subtype for p in problems] == [Subtype.FILE]


def test_garbage_stops_after_many_errors(tmp_path: Path) -> None:
    bib = tmp_path / "garbage.bib"
    bib.write_text("@x\n" * 500, encoding="utf-8")
    pubs, problems = load_bibtex(str(bib))
    assert pubs == []
    assert len(problems) == MAX_SYNTAX_ERRORS + 1
    assert "rest of the file is skipped" in problems[-1].message


def test_bom_crlf_comments_and_crossref(tmp_path: Path) -> None:
    bib = tmp_path / "crlf.bib"
    bib.write_bytes(
        b"\xef\xbb\xbf@comment{ignored}\r\n"
        b"@inproceedings{child,\r\n  title = {Child},\r\n  author = {A. Child},\r\n"
        b"  crossref = {proc},\r\n}\r\n"
        b"@proceedings{proc,\r\n  title = {Proceedings of X},\r\n  year = 2021,\r\n"
        b"  publisher = {ACM},\r\n}\r\n"
    )
    pubs, problems = load_bibtex(str(bib))
    assert problems == []
    [child] = pubs  # the @proceedings is only there for its title
    assert (child.venue, child.year, child.publisher) == ("Proceedings of X", 2021, "ACM")
    assert child.source == Location(str(bib), 2, 1)
    assert child.locations["venue"].line == 8  # inherited from the @proceedings' title
    assert "\r" not in (child.bibtex or "")


def test_odd_but_valid_values(tmp_path: Path) -> None:
    bib = tmp_path / "odd.bib"
    bib.write_text(
        r"""
@misc(paren,
  title = "Quoted " # {and} # " concatenated",
  author = {Doe, John and Roe, Jr, Richard and {\relax Ch}ristopher Smith},
  howpublished = {\url{https://example.org/x_y}},
  year = {to appear},
  selected = {maybe},
  url = {},
  eprint = {12345},
  archiveprefix = {PubMed},
  crossref = {nowhere},
  author2 = {ignored},
  journal = IEEE_J_PAMI,
)
@book{b, title = {B}, editor = {Knuth, Donald E.}, author = {a, b, c, d},
  publisher = ieee_j_pami}
""",
        encoding="utf-8",
    )
    pubs, problems = load_bibtex(str(bib))
    paren, book = pubs
    assert paren.title == "Quoted and concatenated"
    assert paren.authors == ["John Doe", "Richard Roe, Jr", "Christopher Smith"]
    assert paren.url == "https://example.org/x_y"  # howpublished = \url{...}
    assert paren.venue is None and paren.year is None and paren.status == "To appear"
    assert paren.arxiv is None  # a PubMed id
    assert paren.type == "misc"
    assert book.type == "book" and book.editors == ["Donald E. Knuth"]
    assert book.publisher is None
    assert {(p.path, p.subtype) for p in problems} == {
        ("paren.selected", Subtype.VALUE),
        ("paren.crossref", Subtype.BIBTEX),
        ("b.author", Subtype.BIBTEX),
        ("paren.journal", Subtype.BIBTEX),
    }
    macro = by_path(problems)["paren.journal"]  # reported once for both uses
    assert macro.value == "'IEEE_J_PAMI'" and "used 2 times" in macro.message
    assert macro.location == Location(str(bib), 13, 13)


# --- LaTeX and names ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"{\"u}ber", "über"),
        (r"Caf\'e", "Café"),
        (r"{\c c}a", "ça"),
        (r"\v{S}koda", "Škoda"),
        (r"Erd\H{o}s", "Erdős"),
        (r"{\'{\i}}", "í"),
        (r"\'\i", "í"),
        (r"{\aa}ngstr{\"o}m", "ångström"),
        (r"Stra{\ss}e", "Straße"),
        (r"\L{}{\'o}d{\'z}", "Łódź"),
        (r"Qui\~{n}onero", "Quiñonero"),
        (r"pp.~1--12", "pp.\u00a01–12"),
        ("a --- b", "a — b"),
        ("``quoted''", "“quoted”"),
        (r"{Graph Neural Networks}", "Graph Neural Networks"),
        (r"A \& B", "A & B"),
        (r"100\% \$5 \#1", "100% $5 #1"),
        (r"\LaTeX{} and \TeX", "LaTeX and TeX"),
        (r"$O(n \log n)$", "O(n log n)"),
        (r"$\alpha$-divergence", "α-divergence"),
        (r"$x \in \mathbb{R}^d$", "x ∈ ℝᵈ"),
        (r"$\ell_1$ and $n^{-1}$", "ℓ₁ and n⁻¹"),
        (r"$\frac{1}{2}$", "1/2"),
        (r"Song$^\dagger$", "Song†"),
        (r"$\mysterymacro{x}$ stays", "x stays"),
        (r"$\sqrt[3]{x}$", r"$\sqrt[3]{x}$"),
        (r"costs $5 or more", "costs $5 or more"),
        (r"\href{https://x.org}{site}", "site"),
        (r"\unknown{kept} text", "kept text"),
        (r"\sysname{} wins", "wins"),
        (r"\MakeUppercase{abc}", "ABC"),
        (r"a\\b", "a b"),
        ("}stray{ braces", "stray braces"),
        ("{" * 200 + "deep" + "}" * 200, "deep"),
        ("trailing \\", "trailing \\"),
    ],
)
def test_latex_to_text(latex: str, text: str) -> None:
    assert latex_to_text(latex, markdown=False) == text


@pytest.mark.parametrize(
    ("latex", "markdown"),
    [
        (r"\emph{very} good", "*very* good"),
        (r"{\bf Bold} {\it it}", "**Bold** *it*"),
        (r"snake\_case", "snake_case"),  # reads as itself: no escape needed
        (r"\_init\_ method", r"\_init\_ method"),  # would read as emphasis: escaped
        ("*star* and [x](y)", r"\*star\* and \[x\](y)"),
        (r"\textit{a*b}", r"*a\*b*"),
    ],
)
def test_latex_to_markdown(latex: str, markdown: str) -> None:
    assert latex_to_text(latex) == markdown


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Song, Qingyu", "Qingyu Song"),
        ("Qingyu Song", "Qingyu Song"),
        ("van Beethoven, Ludwig", "Ludwig van Beethoven"),
        ("Ludwig van Beethoven", "Ludwig van Beethoven"),
        ("de la Fontaine, Jean", "Jean de la Fontaine"),
        ("Smith, Jr., John", "John Smith, Jr."),
        ("Smith, III, John Paul", "John Paul Smith, III"),
        ("Knuth, Donald Ervin", "Donald Ervin Knuth"),  # given names are not abbreviated
        ("D.~E. Knuth", "D. E. Knuth"),
        ("others", "et al."),
        (r"M{\"u}ller, J{\"o}rg", "Jörg Müller"),
        (r"{\'E}mile Zola", "Émile Zola"),
        ("{Google DeepMind}", "Google DeepMind"),
        ("{Barnes and Noble, Inc.}", "Barnes and Noble, Inc."),
    ],
)
def test_person_name(raw: str, shown: str) -> None:
    assert person_name(raw) == shown


# --- never raises, never prints ----------------------------------------------------------

SEED = FIXTURE.read_bytes()
BIB_ALPHABET = st.sampled_from(
    [
        *"@{}()\",=#%\\$~^_'`-&\n \tabcAZ019",
        "@article{",
        "@string{",
        "title = ",
        " and ",
        '\\"',
        "{\\",
        "$\\alpha",
        "\\url{",
        "others",
        "\xe9",
        "\x00",
        "\\'\\i",
    ]
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hypothesis") / "random.bib"


@pytest.fixture
def quiet_pybtex(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    """pybtex prints to streams it bound at import; send them somewhere we can read."""
    stream = io.StringIO()
    monkeypatch.setattr(pybtex.io, "stderr", stream)
    monkeypatch.setattr(pybtex.io, "stdout", stream)
    return stream


def test_pybtex_alone_would_print(quiet_pybtex: io.StringIO) -> None:
    # The check below is not vacuous: pybtex in non-strict mode prints to this stream.
    saved = pybtex.errors.strict
    pybtex.errors.set_strict_mode(False)
    try:
        Parser().parse_string("@article{a, title = {x}\n  year = 1}")
    finally:
        pybtex.errors.set_strict_mode(saved)
    assert "WARNING" in quiet_pybtex.getvalue()


def _check_quiet(
    path: Path, data: bytes, capsys: pytest.CaptureFixture[str], stream: io.StringIO
) -> None:
    path.write_bytes(data)
    pubs, problems = load_bibtex(str(path))
    out, err = capsys.readouterr()
    assert out == err == stream.getvalue() == ""
    assert all(isinstance(p, Problem) and p.location.file == str(path) for p in problems)
    assert not [p for p in problems if "internal error" in p.message or "pybtex:" in p.message]
    for pub in pubs:
        assert pub.id and pub.title and pub.type and pub.source is not None
        assert pub.bibtex is not None and pub.bibtex.startswith("@")


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(BIB_ALPHABET, max_size=80).map("".join))
def test_random_text_never_raises(
    scratch: Path, capsys: pytest.CaptureFixture[str], quiet_pybtex: io.StringIO, text: str
) -> None:
    _check_quiet(scratch, text.encode("utf-8"), capsys, quiet_pybtex)


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.integers(0, len(SEED)), st.integers(0, 40), st.binary(max_size=6)), max_size=6
    )
)
def test_mutated_fixture_never_raises(
    scratch: Path,
    capsys: pytest.CaptureFixture[str],
    quiet_pybtex: io.StringIO,
    edits: list[tuple[int, int, bytes]],
) -> None:
    data = SEED
    for at, cut, insert in edits:  # replace data[at:at+cut] with insert
        data = data[:at] + insert + data[at + cut :]
    _check_quiet(scratch, data, capsys, quiet_pybtex)
