"""Property tests: no input makes load_profile raise; every problem says where it is.

Random text, random bytes, YAML-like text built from the profile's own vocabulary, and
random mutations of a complete valid profile (tests/data/profiles/full.yaml).
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_cv.data import LoadResult, Problem, Profile, Subtype, load_profile, loader
from sphinx_cv.data.fields import Record, record_fields
from sphinx_cv.data.inline import to_plain
from sphinx_cv.data.profile import PROFILE

FULL = Path(__file__).parent / "data" / "profiles" / "full.yaml"
FULL_LINES = FULL.read_text(encoding="utf-8").splitlines(keepends=True)

FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)


@pytest.fixture(autouse=True, scope="module")
def no_bibtex() -> Iterator[None]:
    """A mutated ``bibtex:`` names arbitrary files; BibTeX reading is tested elsewhere."""
    patch = pytest.MonkeyPatch()
    patch.setattr(loader, "load_bibtex_file", lambda path: ([], []))
    yield
    patch.undo()


def all_field_names() -> list[str]:
    names: set[str] = set()
    todo, seen = [PROFILE], set()
    while todo:
        rec = todo.pop()
        if rec.cls in seen:
            continue
        seen.add(rec.cls)
        for name, fs in record_fields(rec.cls):
            names.update((name, *fs.aliases))
            conv = fs.converter
            for inner in (
                conv,
                getattr(conv, "item", None),
                getattr(conv, "value", None),
                getattr(conv, "group", None),
                getattr(conv, "topics", None),
                getattr(getattr(conv, "topics", None), "item", None),
                getattr(getattr(conv, "entries", None), "item", None),
            ):
                if isinstance(inner, Record):
                    todo.append(inner)
    return sorted(names)


KEYS = all_field_names()
ODD_VALUES = [
    "",
    "~",
    "null",
    "yes",
    "no",
    "true",
    "[]",
    "{}",
    "[a, b]",
    "{x: 1}",
    "[",
    "]",
    "{",
    "}",
    "'",
    '"',
    "'unclosed",
    '"a\\q"',
    "*undefined",
    "&a",
    "&a [*a]",
    "*a",
    "<<",
    "- a",
    "!!binary aGVsbG8=",
    "!custom x",
    "!!python/object:os.system x",
    "2025",
    "2025-09",
    "2025-13",
    "2025-02-30",
    "0000",
    "presnet",
    "present",
    "Fall 2025",
    "Sep. 2025",
    "1e400",
    "0x1F",
    "-1",
    "9" * 40,
    ".inf",
    "12:30:00",
    "2025-09-01T10:00:00Z",
    "a: b: c",
    "- - -",
    "? x",
    "|",
    ">-",
    "# comment",
    "@at",
    "`tick`",
    "%percent",
    "*em* _em_ **strong**",
    "[link](https://x.org)",
    "& % $ # _ { } ~ ^ \\ <script>",
    "\t",
    "\u00a0",
    "\u2028",
    "\ufeff",
    "é" * 3,
    "😀",
    "a\\",
    "https://example.org",
    "a@b.org",
    "10.1145/1",
    "2509.15552",
    "Lovelace, Ada and Babbage, Charles and others",
    "lovelace2025engine",
    "nonexistent2099",
    "jornal",
    "conference",
    "---",
    "...",
]


def check_result(result: LoadResult, path: str, text_lines: int | None) -> None:
    """The invariants every load keeps, whatever the input."""
    assert isinstance(result.profile, Profile)
    assert result.files[0] == path
    for problem in result.problems:
        assert isinstance(problem, Problem)
        assert isinstance(problem.subtype, Subtype)
        assert problem.message
        assert isinstance(problem.path, str)
        loc = problem.location
        assert loc.file == path
        assert loc.line >= 0 and loc.column >= 0
        if problem.subtype is not Subtype.FILE:
            # Everything found in the text points at a line of it.
            assert loc.line >= 1, str(problem)
            if text_lines is not None:
                assert loc.line <= text_lines + 1, str(problem)
        text = str(problem)
        assert text.startswith(str(loc))
        assert text.endswith(f"[cv.{problem.subtype.value}]")
    use_profile(result.profile)


def use_profile(profile: Profile) -> None:
    """What the renderers do with a loaded profile must not fail either."""
    assert isinstance(profile.by_id, dict)
    for pub in profile.publications:
        assert pub.id and pub.title
        pub.all_links()
        pub.sort_key()
        to_plain(pub.title)
        assert all(isinstance(a, str) for a in pub.authors)
    for name in (
        "positions",
        "education",
        "research",
        "teaching",
        "awards",
        "service",
        "talks",
        "news",
    ):
        for entry in profile.section(name) or []:
            entry.sort_key()
            entry.when  # noqa: B018
    for group in profile.interests.values():
        for topic in group.topics:
            to_plain(topic.name)
            assert all(r.id in profile.by_id for r in topic.publications)
    for section in profile.sections.values():
        for entry in section.entries:
            entry.sort_key()
    if profile.person is not None:
        assert profile.person.name
        dataclasses.asdict(profile.person)


def load_text(workdir: Path, text: str) -> None:
    path = workdir / "profile.yaml"
    path.write_text(text, encoding="utf-8", newline="")
    result = load_profile(str(path))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    check_result(result, str(path), lines)


# --- (a) random input ----------------------------------------------------------------------


@FUZZ
@given(text=st.text(max_size=300))
def test_random_text(workdir: Path, text: str) -> None:
    load_text(workdir, text)


@FUZZ
@given(data=st.binary(max_size=300))
def test_random_bytes(workdir: Path, data: bytes) -> None:
    path = workdir / "bytes.yaml"
    path.write_bytes(data)
    check_result(load_profile(str(path)), str(path), None)


key = st.one_of(
    st.sampled_from(KEYS),
    st.sampled_from(ODD_VALUES[:30]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz_-$ ", min_size=1, max_size=12),
)
value = st.one_of(st.sampled_from(ODD_VALUES), st.text(max_size=20))
line = st.one_of(
    st.builds(lambda i, k, v: f"{' ' * i}{k}: {v}", st.integers(0, 8), key, value),
    st.builds(lambda i, v: f"{' ' * i}- {v}", st.integers(0, 8), value),
    st.builds(lambda i, k: f"{' ' * i}- {k}:", st.integers(0, 8), key),
    st.builds(lambda i, k: f"{' ' * i}{k}:", st.integers(0, 8), key),
    st.builds(lambda i, k, a: f"{' ' * i}{k}: &{a}", st.integers(0, 8), key, st.sampled_from("ab")),
    st.builds(lambda i, a: f"{' ' * i}<<: *{a}", st.integers(0, 8), st.sampled_from("ab")),
    st.builds(lambda i, k, a: f"{' ' * i}{k}: *{a}", st.integers(0, 8), key, st.sampled_from("ab")),
)


@FUZZ
@given(lines=st.lists(line, max_size=30))
def test_yaml_like_text(workdir: Path, lines: list[str]) -> None:
    load_text(workdir, "\n".join(lines) + "\n")


# --- (b) mutations of a valid profile -------------------------------------------------------


def test_full_profile_is_valid() -> None:
    result = load_profile(str(FULL))
    assert result.problems == [], "\n".join(map(str, result.problems))
    profile = result.profile
    for name in (
        "positions",
        "education",
        "research",
        "teaching",
        "awards",
        "service",
        "talks",
        "news",
    ):
        assert profile.section(name), name
    assert profile.person is not None and profile.interests and profile.sections
    assert len(profile.publications) == 4
    use_profile(profile)


@st.composite
def mutation(draw: st.DrawFn, lines: list[str]) -> list[str]:
    """One random edit of the profile's lines."""
    lines = list(lines)
    i = draw(st.integers(0, len(lines) - 1))
    ln = lines[i]
    indent = ln[: len(ln) - len(ln.lstrip(" "))]
    kind = draw(
        st.sampled_from(
            [
                "delete",
                "duplicate",
                "swap",
                "replace",
                "unknown_key",
                "indent",
                "insert_char",
                "truncate",
                "move",
            ]
        )
    )
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, ln)
    elif kind == "swap" and len(ln) > 2:
        j = draw(st.integers(0, len(ln) - 2))
        lines[i] = ln[:j] + ln[j + 1] + ln[j] + ln[j + 2 :]
    elif kind == "replace":
        head, sep, _ = ln.rstrip("\n").partition(": ")
        if not sep:
            head, sep = ln.rstrip("\n").rstrip(":"), ": "
        lines[i] = f"{head}{sep}{draw(value)}\n"
    elif kind == "unknown_key":
        lines.insert(i, f"{indent}{draw(key)}: {draw(value)}\n")
    elif kind == "indent":
        delta = draw(st.integers(-4, 4))
        lines[i] = (" " * max(0, len(indent) + delta)) + ln.lstrip(" ")
    elif kind == "insert_char":
        j = draw(st.integers(0, len(ln)))
        lines[i] = ln[:j] + draw(st.sampled_from(list(":-[]{}&*!|>'\"#%@`,? \t\\"))) + ln[j:]
    elif kind == "truncate":
        lines[i] = ln[: draw(st.integers(0, len(ln)))]
    elif kind == "move":
        j = draw(st.integers(0, len(lines) - 1))
        lines.insert(j, lines.pop(i))
    return lines


@st.composite
def mutated_profile(draw: st.DrawFn) -> str:
    lines = FULL_LINES
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            break
        lines = draw(mutation(lines))
    return "".join(lines)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=mutated_profile())
def test_mutated_profile(workdir: Path, text: str) -> None:
    load_text(workdir, text)


@FUZZ
@given(
    field=st.sampled_from(
        [ln for ln in FULL_LINES if ": " in ln and not ln.lstrip().startswith("#")]
    ),
    new=st.sampled_from(
        [
            "[a, b]",
            "{x: 1}",
            "- a",
            "",
            "~",
            "'",
            "&a [*a]",
            "2025-13",
            "presnet",
            "*x",
            "[[[]]]",
            "{a: {b: {c: d}}}",
            "? [k]",
        ]
    ),
)
def test_each_scalar_replaced(workdir: Path, field: str, new: str) -> None:
    i = FULL_LINES.index(field)
    head = field.partition(": ")[0]
    lines = [*FULL_LINES[:i], f"{head}: {new}\n", *FULL_LINES[i + 1 :]]
    load_text(workdir, "".join(lines))
