"""The inline Markdown subset (sphinx_cv.data.inline)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_cv.data.inline import Span, parse_inline, to_plain


def tree(spans: list[Span]) -> list[Any]:
    """Spans as nested tuples, easy to compare."""
    out: list[Any] = []
    for s in spans:
        if s.kind in ("text", "literal"):
            out.append((s.kind, s.text))
        elif s.kind == "link":
            out.append(("link", s.url, tree(s.children)))
        else:
            out.append((s.kind, tree(s.children)))
    return out


def T(text: str) -> tuple[str, str]:
    return ("text", text)


@pytest.mark.parametrize(
    "text",
    [
        "& % $ # _ { } ~ ^ \\ <script>",
        "<script>alert('x')</script>",
        "snake_case_name",
        "file_name_here.py",
        "a_b_",
        "_a_b",
        "__a__b",
        "a * b * c",
        "2 * 3 = 6",
        "*unclosed",
        "**unclosed",
        "*a *",
        "* a*",
        "_ a_",
        "*a\n*",
        "*",
        "**",
        "****",
        "`",
        "``",
        "```",
        "[a](b c)",
        "[a] (u)",
        "[](x)",
        "[x]()",
        "[x](y",
        "[unclosed",
        "\\",
        "a\\",
        "\\a \\d",  # not punctuation: the backslash stays
        "C:\\Users\\ada",
        "50% of $x$ ~ {y}",
        'Tom & Jerry\'s "quotes"',
        "",
        "   ",
        "naïve café — “typographic” quotes ✓",
    ],
)
def test_incomplete_constructs_stay_literal(text: str) -> None:
    spans = parse_inline(text)
    assert tree(spans) == ([T(text)] if text else [])
    assert to_plain(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("*em*", [("emphasis", [T("em")])]),
        ("_em_", [("emphasis", [T("em")])]),
        ("**strong**", [("strong", [T("strong")])]),
        ("__strong__", [("strong", [T("strong")])]),
        ("`code`", [("literal", "code")]),
        ("` code `", [("literal", "code")]),
        ("``a`b``", [("literal", "a`b")]),
        ("`*not em*`", [("literal", "*not em*")]),
        ("`a\\`", [("literal", "a\\")]),  # no escapes inside code
        ("[text](https://x.org)", [("link", "https://x.org", [T("text")])]),
        ("[a](https://x.org/(foo))", [("link", "https://x.org/(foo)", [T("a")])]),
        ("[*a*](u)", [("link", "u", [("emphasis", [T("a")])])]),
        ("[[a]](b)", [("link", "b", [T("[a]")])]),
        ("[a\\]](u)", [("link", "u", [T("a]")])]),
        ("[a](u)[b](v)", [("link", "u", [T("a")]), ("link", "v", [T("b")])]),
        ("*[a](u)*", [("emphasis", [("link", "u", [T("a")])])]),
        ("*a **b** c*", [("emphasis", [T("a "), ("strong", [T("b")]), T(" c")])]),
        ("**a *b* c**", [("strong", [T("a "), ("emphasis", [T("b")]), T(" c")])]),
        ("x *a* y", [T("x "), ("emphasis", [T("a")]), T(" y")]),
        ("(_a_)", [T("("), ("emphasis", [T("a")]), T(")")]),
        ("*a*_b_", [("emphasis", [T("a")]), ("emphasis", [T("b")])]),
        (
            "Learning to *Optimize*: a `snake_case` study",
            [
                T("Learning to "),
                ("emphasis", [T("Optimize")]),
                T(": a "),
                ("literal", "snake_case"),
                T(" study"),
            ],
        ),
    ],
)
def test_constructs(text: str, expected: list[Any]) -> None:
    assert tree(parse_inline(text)) == expected


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("\\*not em\\*", "*not em*"),
        ("\\_", "_"),
        ("\\`x\\`", "`x`"),
        ("\\[a\\](u)", "[a](u)"),
        ("[a]\\(u)", "[a](u)"),
        ("\\\\", "\\"),
        ("*a\\*", "*a*"),
        ("\\# \\& \\~", "# & ~"),
    ],
)
def test_backslash_escapes(text: str, plain: str) -> None:
    assert tree(parse_inline(text)) == [T(plain)]
    assert to_plain(text) == plain


def test_adjacent_text_is_merged() -> None:
    spans = parse_inline("a \\* b \\_ c")
    assert len(spans) == 1
    assert spans[0].kind == "text"


def test_plain_text_of_markup() -> None:
    assert to_plain("**Best** paper at [ICML](https://icml.cc), `code` *here*") == (
        "Best paper at ICML, code here"
    )


SPECIAL = "*_`[]()\\"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters=SPECIAL), max_size=60))
def test_text_without_markup_comes_back_verbatim(text: str) -> None:
    spans = parse_inline(text)
    assert "".join(s.text for s in spans) == text
    assert all(s.kind == "text" for s in spans)
    assert len(spans) <= 1


def is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab _*`[]()\\x.:/&<>")), max_size=40))
def test_any_text_parses_and_loses_only_markup(text: str) -> None:
    spans = parse_inline(text)
    plain = "".join(s.plain() for s in spans)
    assert is_subsequence(plain, text)
    # Merged: no two text spans side by side, at any level.
    stack = [spans]
    while stack:
        level = stack.pop()
        for a, b in itertools.pairwise(level):
            assert not (a.kind == "text" and b.kind == "text")
        stack.extend(s.children for s in level)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_escaping_every_punctuation_gives_the_text_back(text: str) -> None:
    escaped = "".join(
        "\\" + ch if ch in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" else ch for ch in text
    )
    assert to_plain(escaped) == text


@pytest.mark.parametrize(
    "text",
    [
        "[" * 3000 + "a" + "](u)" * 3000,
        "*_" * 3000 + "a" + "_*" * 3000,
        "**__" * 2000 + "a" + "__**" * 2000,
        "[*" * 2000 + "a" + "*](u)" * 2000,
    ],
    ids=["links", "emphasis", "strong", "mixed"],
)
def test_deep_nesting_does_not_recurse_without_bound(text: str) -> None:
    plain = to_plain(text)
    assert is_subsequence(plain, text)
    assert "a" in plain


def test_nesting_within_the_bound_is_parsed() -> None:
    text = "[" * 20 + "a" + "](u)" * 20
    assert to_plain(text) == "a"
