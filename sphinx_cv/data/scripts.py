"""Which scripts a profile's text uses, so the PDF can pick a TeX engine that sets them.

pdflatex (with Sphinx's T1 fonts) sets Latin text and common punctuation only; anything
else needs xelatex, and CJK text also needs xeCJK with a CJK font.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterator

from .problems import Location, Problem, Subtype

# Beyond ASCII, Latin-1 and Latin Extended-A: punctuation pdflatex's utf8 input covers.
_PDFLATEX_PUNCT = frozenset(
    "\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021"
    "\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_CJK_RANGES = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FDF),  # CJK radicals, Kangxi
    (0x3000, 0x30FF),  # CJK punctuation, Hiragana, Katakana
    (0x3100, 0x31FF),  # Bopomofo, Hangul compatibility, Katakana extensions
    (0x3400, 0x4DBF),  # CJK Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF00, 0xFFEF),  # full-width forms
    (0x20000, 0x3134F),  # Extensions B-G
)


def is_cjk(char: str) -> bool:
    code = ord(char)
    return any(lo <= code <= hi for lo, hi in _CJK_RANGES)


def full_name(given: str, family: str) -> str:
    """A name in display order: ``Qingyu Song``, but a Chinese, Japanese or Korean name
    family name first without a space (``张伟`` from family 张 and given 伟)."""
    given, family = given.strip(), family.strip()
    if given and family and all(is_cjk(c) for c in given + family if not c.isspace()):
        return family + given.replace(" ", "")
    return " ".join(p for p in (given, family) if p)


def pdflatex_can_set(char: str) -> bool:
    return ord(char) < 0x180 or char in _PDFLATEX_PUNCT


def iter_strings(value: object) -> Iterator[str]:
    """Every string in a loaded profile (records, lists, mappings), not source locations,
    in the order they are written."""
    # A walk with a stack of iterators: a generator per value, as a recursive walk has,
    # cost more than the rest of the work on a profile of thousands of publications.
    stack: list[Iterator[object]] = [iter((value,))]
    records: dict[type, tuple[str, ...] | None] = {}  # class -> its data fields
    while stack:
        for item in stack[-1]:
            if isinstance(item, str):
                yield item
            elif isinstance(item, Location):
                continue
            elif (names := _string_fields(item.__class__, records)) is not None:
                stack.append(iter([getattr(item, name) for name in names]))
                break
            elif isinstance(item, dict):
                stack.append(itertools.chain.from_iterable(item.items()))
                break
            elif isinstance(item, list | tuple):
                stack.append(iter(item))
                break
        else:
            stack.pop()


def _string_fields(cls: type, known: dict[type, tuple[str, ...] | None]) -> tuple[str, ...] | None:
    """The fields of a record class that hold its data; None when not a record class."""
    if cls not in known:
        known[cls] = (
            tuple(
                f.name
                for f in dataclasses.fields(cls)
                if f.name not in ("source", "locations", "path")
            )
            if dataclasses.is_dataclass(cls)
            else None
        )
    return known[cls]


@dataclasses.dataclass
class ScriptNeeds:
    """What the text asks of the TeX engine; ``example`` is a character that asks it."""

    unicode_engine: bool = False
    cjk: bool = False
    example: str = ""


# Characters pdflatex may not set: beyond ASCII, Latin-1 and Latin Extended-A.
_BEYOND_LATIN = "[^\x00-\u017f]"


def script_needs(texts: Iterator[str] | list[str]) -> ScriptNeeds:
    needs = ScriptNeeds()
    # All the text at once: a search in one string, not a loop over every character.
    for found in re.finditer(_BEYOND_LATIN, "\n".join(texts)):
        char = found.group()
        if pdflatex_can_set(char) or not char.isprintable():
            continue
        if not needs.unicode_engine:
            needs.unicode_engine, needs.example = True, char
        if is_cjk(char):
            needs.cjk, needs.example = True, char
            return needs
    return needs


def iter_fields(
    value: object, path: str = "", where: Location | None = None
) -> Iterator[tuple[str, str, Location | None]]:
    """(field path, string, where it was written) for every string of a loaded profile."""
    if isinstance(value, str):
        yield path, value, where
    elif isinstance(value, Location):
        return
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        loc_of = getattr(value, "loc_of", None)
        for f in dataclasses.fields(value):
            if f.name not in ("source", "locations", "path"):
                at = loc_of(f.name) if loc_of is not None else where
                yield from iter_fields(
                    getattr(value, f.name), f"{path}.{f.name}" if path else f.name, at or where
                )
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_fields(item, f"{path}.{key}" if path else str(key), where)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from iter_fields(item, f"{path}[{i}]", where)


# What xelatex and lualatex write to the log for a character the font has no glyph for.
_MISSING = re.compile(r"Missing character: There is no (.) \(U\+([0-9A-Fa-f]{4,6})\)")


def missing_glyphs(log: str, profile: object, fallback: Location) -> list[Problem]:
    """One problem for each field holding characters the PDF's font lacks (TeX leaves
    them out of the PDF and only says so in its log)."""
    chars = {chr(int(code, 16)) for _, code in _MISSING.findall(log)}
    problems = []
    for path, text, where in iter_fields(profile):
        lacking = sorted({c for c in text if c in chars})
        if lacking:
            chars -= set(lacking)
            shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in lacking)
            problems.append(
                Problem(
                    Subtype.VALUE,
                    f"the PDF's font has no glyph for {shown}; left out of the PDF",
                    where or fallback,
                    path,
                    expected="characters the font has (or set the font in latex_elements)",
                )
            )
    return problems
