"""Converters of single values: texts (inline Markdown, translatable), patterns, links,
yes/no, dates, years, months and choices from a word list.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from . import yamlsource as ys
from .converter import (
    INVALID,
    Context,
    Converter,
    Invalid,
    JSONSchema,
    named_items,
    normalize_key,
    wrong_type,
)
from .dates import CvDate, DateError, parse_date, parse_month
from .i18n import LANGUAGE_CODE, LANGUAGE_EXPECTED, Translated, is_language_code, normalize_language
from .inline import unsafe_links
from .links import LINK_EXPECTED, link_problem, normalize_url
from .problems import Subtype


class Text(Converter[str]):
    """Any scalar, kept as written. ``markdown`` marks fields rendered as inline Markdown.

    A translatable text may also be a mapping of language codes to texts
    (``{en: Professor, zh_CN: 教授}``), kept as a :class:`~.i18n.Translated` string.
    """

    translatable = True

    def __init__(self, markdown: bool = True, expected: str = "text") -> None:
        self.markdown = markdown
        self.expected = expected

    checks_controls = True
    """Control characters are removed here with a warning (a link refuses them itself)."""

    def convert(self, node: ys.Node, ctx: Context, path: str) -> str | Invalid:
        if self.translatable and isinstance(node, ys.MappingNode):
            return self.translations(node, ctx, path)
        return self.one_text(node, ctx, path)

    def translations(self, node: ys.MappingNode, ctx: Context, path: str) -> str | Invalid:
        keys = [ys.scalar_text(k) for k, _ in ys.iter_mapping(node) if isinstance(k, ys.ScalarNode)]
        if not any(is_language_code(k) for k in keys):
            # Not meant as translations (a record where text belongs): say what fits.
            return wrong_type(
                ctx,
                node,
                path,
                f"{self.expected}, or a text per language such as {{en: ..., zh_CN: ...}}",
            )
        texts: dict[str, str] = {}
        for name, sub, child in named_items(node, ctx, path):
            if not is_language_code(name):
                ctx.report(
                    Subtype.VALUE,
                    node,
                    sub,
                    "not a language code; ignored",
                    value=name,
                    expected=LANGUAGE_EXPECTED,
                )
                continue
            text = self.one_text(child, ctx, sub)
            if text is not INVALID:
                texts[normalize_language(name)] = text
        if not texts:
            return INVALID
        ctx.translated = True
        return Translated(texts, ctx.loc(node))

    def one_text(self, node: ys.Node, ctx: Context, path: str) -> str | Invalid:
        text = self.scalar(node, ctx, path)
        if text is None:
            return INVALID
        text = text.strip()
        if self.checks_controls:
            text = _without_controls(text, node, ctx, path)
        if self.markdown and "](" in text:
            # The text is kept; the renderer shows such a link as its plain text.
            for url, why in unsafe_links(text):
                ctx.report(
                    Subtype.VALUE,
                    node,
                    path,
                    f"{why}; the link is shown as plain text",
                    value=url,
                    expected=LINK_EXPECTED,
                )
        return text or INVALID  # empty text is the same as leaving the field out

    def json_schema(self, defs: dict[str, JSONSchema]) -> JSONSchema:
        scalar: JSONSchema = {"type": ["string", "number", "boolean"]}
        if not self.translatable:
            return scalar
        defs.setdefault(
            "Translations",
            {
                "type": "object",
                "description": "The text per language: {en: ..., zh_CN: ...}.",
                "propertyNames": {"pattern": LANGUAGE_CODE.pattern},
                "additionalProperties": scalar,
                "minProperties": 1,
            },
        )
        return {"anyOf": [scalar, {"$ref": "#/definitions/Translations"}]}


# Line and paragraph separators read as spaces: TeX and most writers have no glyph for
# them. Other control characters (NUL, BEL, ESC, DEL, C1...) are removed: TeX stops on
# them ("invalid character"), and a page should not carry them either.
_SEPARATORS = {0x2028: " ", 0x2029: " ", 0x85: " "}
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _without_controls(text: str, node: ys.Node, ctx: Context, path: str) -> str:
    if text.isprintable():  # no control character or separator (most text): as it is
        return text
    text = text.translate(_SEPARATORS)
    found = _CONTROL.search(text)
    if found is None:
        return text
    ctx.report(
        Subtype.VALUE,
        node,
        path,
        f"control character U+{ord(found.group()):04X} removed",
        value=text,
        expected="text without control characters",
    )
    return _CONTROL.sub("", text)


class Pattern(Text):
    """Text that must match a regular expression (emails, ids, URLs)."""

    translatable = False  # an address or id is the same in every language

    def __init__(self, regex: str, expected: str) -> None:
        super().__init__(markdown=False, expected=expected)
        self.regex = re.compile(regex)

    def convert(self, node: ys.Node, ctx: Context, path: str) -> str | Invalid:
        text = super().convert(node, ctx, path)
        if text is INVALID or self.regex.search(text):
            return text
        ctx.report(Subtype.VALUE, node, path, "invalid value", value=text, expected=self.expected)
        return INVALID

    def json_schema(self, defs: dict[str, JSONSchema]) -> JSONSchema:
        return {"type": "string", "pattern": self.regex.pattern}


class Url(Pattern):
    """A URL or path that may become a link (see :func:`.links.link_problem`)."""

    checks_controls = False  # a link with a control character is dropped whole

    def convert(self, node: ys.Node, ctx: Context, path: str) -> str | Invalid:
        text = Text.one_text(self, node, ctx, path)
        if text is INVALID:
            return text
        if link_problem(text) is not None and link_problem(normalize_url(text)) is None:
            text = normalize_url(text)  # "example.org:8080" reads as scheme "example.org"
        why = self.problem(text)
        if why is None:
            return text
        unsafe = why != "not a URL"
        ctx.report(
            Subtype.VALUE,
            node,
            path,
            f"{why}; dropped" if unsafe else "invalid value",
            value=text,
            expected=LINK_EXPECTED if unsafe else self.expected,
        )
        return INVALID

    def problem(self, text: str) -> str | None:
        """Why ``text`` is not a URL this field keeps, or None."""
        why = link_problem(text) and link_problem(normalize_url(text))
        return why or (None if self.regex.search(text) else "not a URL")


URL = Url(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|\.|#|[\w-])\S*$", "a URL or path without spaces")
EMAIL = Pattern(r"^[^@\s]+@[^@\s]+$", "an e-mail address such as name@example.org")
IDENT = Pattern(r"^[^\s,]+$", "an id without spaces or commas, such as song2025learning")


YES_NO = {
    "true": True,
    "yes": True,
    "on": True,
    "y": True,
    "1": True,
    "false": False,
    "no": False,
    "off": False,
    "n": False,
    "0": False,
}
"""The words read as yes or no, everywhere: profile fields, BibTeX fields, directive
options and theme options."""


def yes_no_word(text: str) -> bool | None:
    """``text`` as a yes/no word (any case, spaces around), or None."""
    return YES_NO.get(text.strip().lower())


class Bool(Converter[bool]):
    expected = "true or false"

    def convert(self, node: ys.Node, ctx: Context, path: str) -> bool | Invalid:
        text = self.scalar(node, ctx, path)
        if text is None:
            return INVALID
        value = yes_no_word(text)
        if value is None:
            ctx.report(
                Subtype.TYPE, node, path, "not a yes/no value", value=text, expected=self.expected
            )
            return INVALID
        return value

    def json_schema(self, defs: dict[str, JSONSchema]) -> JSONSchema:
        return {"type": "boolean"}


class Date(Converter[CvDate]):
    expected = "a date: YYYY, YYYY-MM, YYYY-MM-DD, 'present' or text such as 'Fall 2025'"

    def convert(self, node: ys.Node, ctx: Context, path: str) -> CvDate | Invalid:
        text = self.scalar(node, ctx, path)
        if text is None:
            return INVALID
        try:
            return parse_date(text)
        except DateError as err:
            ctx.report(
                Subtype.DATE, node, path, f"bad date: {err}", value=text, expected=self.expected
            )
            return INVALID

    def json_schema(self, defs: dict[str, JSONSchema]) -> JSONSchema:
        # A number too: YAML reads `2025.09` as one, the loader as September 2025.
        return {"type": ["string", "number"], "examples": ["2025", "2025-09", "present"]}


class Year(Converter[int]):
    expected = "a 4-digit year such as 2024"

    def convert(self, node: ys.Node, ctx: Context, path: str) -> int | Invalid:
        text = self.scalar(node, ctx, path)
        if text is None:
            return INVALID
        text = text.strip()
        if re.fullmatch(r"[12]\d{3}", text):
            return int(text)
        ctx.report(Subtype.DATE, node, path, "bad year", value=text, expected=self.expected)
        return INVALID

    def json_schema(self, defs: dict[str, JSONSchema]) -> JSONSchema:
        return {"type": ["integer", "string"], "pattern": "^[12][0-9]{3}$"}


class Month(Converter[int]):
    expected = "a month: 1-12 or a name such as 'Sep'"

    def convert(self, node: ys.Node, ctx: Context, path: str) -> int | Invalid:
        text = self.scalar(node, ctx, path)
        if text is None:
            return INVALID
        try:
            return parse_month(text)
        except DateError:
            ctx.report(Subtype.DATE, node, path, "bad month", value=text, expected=self.expected)
            return INVALID

    def json_schema(self, defs: dict[str, JSONSchema]) -> JSONSchema:
        return {"type": ["integer", "string"]}


class Choice(Converter[str]):
    """One of a fixed set of words; ``aliases`` maps other spellings to them."""

    def __init__(self, choices: Iterable[str], aliases: dict[str, str] | None = None) -> None:
        self.choices = list(choices)
        self.aliases = dict(aliases or {})
        self.words = {normalize_key(c): c for c in self.choices}
        """Every accepted spelling (normalised) -> its choice."""
        self.words.update({normalize_key(a): c for a, c in self.aliases.items()})
        self.expected = "one of " + ", ".join(self.choices)

    def find(self, text: str) -> str | None:
        """The choice ``text`` names (any accepted spelling), or None."""
        return self.words.get(normalize_key(text))

    def convert(self, node: ys.Node, ctx: Context, path: str) -> str | Invalid:
        text = self.scalar(node, ctx, path)
        if text is None:
            return INVALID
        value = self.find(text)
        if value is not None:
            return value
        close = difflib.get_close_matches(normalize_key(text), list(self.words), n=1)
        hint = f"; did you mean '{self.words[close[0]]}'?" if close else ""
        ctx.report(
            Subtype.VALUE, node, path, "unknown value" + hint, value=text, expected=self.expected
        )
        return INVALID

    def json_schema(self, defs: dict[str, JSONSchema]) -> JSONSchema:
        return {"type": "string", "enum": [*self.choices, *sorted(self.aliases)]}
