"""Converters from YAML nodes to typed values, with precise problems.

A record is a dataclass whose fields are declared with :func:`spec`; the same
declaration drives validation (:class:`Record`), the JSON Schema and the reference docs.
Converters return :data:`INVALID` after reporting a problem, so one bad value never stops
the rest of the profile from loading.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from . import yamlsource as ys
from .dates import CvDate, DateError, parse_date, parse_month
from .i18n import LANGUAGE_CODE, LANGUAGE_EXPECTED, Translated, is_language_code, normalize_language
from .inline import unsafe_links
from .links import LINK_EXPECTED, link_problem, normalize_url
from .problems import Location, Problem, Subtype

INVALID: Any = type("Invalid", (), {"__repr__": lambda self: "INVALID"})()
"""Returned by a converter whose value was reported as a problem."""

MAX_DEPTH = 60


class Context:
    """Collects problems while one file is converted."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []
        self.translated = False
        """Whether some text was given per language (else nothing needs localizing)."""

    def loc(self, node: ys.Node) -> Location:
        return ys.location(node, self.filename)

    def report(
        self,
        subtype: Subtype,
        node: ys.Node | Location,
        path: str,
        message: str,
        *,
        value: object = None,
        expected: str | None = None,
    ) -> None:
        loc = node if isinstance(node, Location) else self.loc(node)
        shown = None if value is None else quote(value)
        self.problems.append(Problem(subtype, message, loc, path, shown, expected))


def quote(value: object, limit: int = 70) -> str:
    text = repr(value) if isinstance(value, str) else repr(str(value))
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def describe_node(node: ys.Node) -> tuple[str, object]:
    """What the user wrote, for 'got ...' in a message: (kind, value)."""
    if isinstance(node, ys.MappingNode):
        return "a mapping", None
    if isinstance(node, ys.SequenceNode):
        return "a list", None
    return "a value", ys.scalar_text(node)  # type: ignore[arg-type]


def wrong_type(ctx: Context, node: ys.Node, path: str, expected: str) -> Any:
    kind, value = describe_node(node)
    ctx.report(Subtype.TYPE, node, path, f"wrong type: {kind}", value=value, expected=expected)
    return INVALID


def join_path(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


class Converter:
    """Base: turns a node into a value (or INVALID after reporting)."""

    expected = "a value"

    def convert(self, node: ys.Node, ctx: Context, path: str) -> Any:
        raise NotImplementedError

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def scalar(self, node: ys.Node, ctx: Context, path: str) -> str | None:
        """The scalar's text, or None after reporting a wrong type."""
        if isinstance(node, ys.ScalarNode):
            return ys.scalar_text(node)
        wrong_type(ctx, node, path, self.expected)
        return None


class Text(Converter):
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

    def convert(self, node: ys.Node, ctx: Context, path: str) -> Any:
        if self.translatable and isinstance(node, ys.MappingNode):
            return self.translations(node, ctx, path)
        return self.one_text(node, ctx, path)

    def translations(self, node: ys.MappingNode, ctx: Context, path: str) -> Any:
        keys = [ys.scalar_text(k) for k, _ in ys.iter_mapping(node)
                if isinstance(k, ys.ScalarNode)]
        if not any(is_language_code(k) for k in keys):
            # Not meant as translations (a record where text belongs): say what fits.
            return wrong_type(ctx, node, path, f"{self.expected}, or a text per language "
                              "such as {en: ..., zh_CN: ...}")
        texts: dict[str, str] = {}
        for name, sub, child in named_items(node, ctx, path):
            if not is_language_code(name):
                ctx.report(Subtype.VALUE, node, sub, "not a language code; ignored",
                           value=name, expected=LANGUAGE_EXPECTED)
                continue
            text = self.one_text(child, ctx, sub)
            if text is not INVALID:
                texts[normalize_language(name)] = text
        if not texts:
            return INVALID
        ctx.translated = True
        return Translated(texts, ctx.loc(node))

    def one_text(self, node: ys.Node, ctx: Context, path: str) -> Any:
        text = self.scalar(node, ctx, path)
        if text is None:
            return INVALID
        text = text.strip()
        if self.checks_controls:
            text = _without_controls(text, node, ctx, path)
        if self.markdown and "](" in text:
            # The text is kept; the renderer shows such a link as its plain text.
            for url, why in unsafe_links(text):
                ctx.report(Subtype.VALUE, node, path, f"{why}; the link is shown as plain "
                           "text", value=url, expected=LINK_EXPECTED)
        return text or INVALID  # empty text is the same as leaving the field out

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        scalar = {"type": ["string", "number", "boolean"]}
        if not self.translatable:
            return scalar
        defs.setdefault("Translations", {
            "type": "object",
            "description": "The text per language: {en: ..., zh_CN: ...}.",
            "propertyNames": {"pattern": LANGUAGE_CODE.pattern},
            "additionalProperties": scalar,
            "minProperties": 1,
        })
        return {"anyOf": [scalar, {"$ref": "#/definitions/Translations"}]}


# Line and paragraph separators read as spaces: TeX and most writers have no glyph for
# them. Other control characters (NUL, BEL, ESC, DEL, C1...) are removed: TeX stops on
# them ("invalid character"), and a page should not carry them either.
_SEPARATORS = {0x2028: " ", 0x2029: " ", 0x85: " "}
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _without_controls(text: str, node: ys.Node, ctx: Context, path: str) -> str:
    text = text.translate(_SEPARATORS)
    found = _CONTROL.search(text)
    if found is None:
        return text
    ctx.report(Subtype.VALUE, node, path,
               f"control character U+{ord(found.group()):04X} removed",
               value=text, expected="text without control characters")
    return _CONTROL.sub("", text)


class Pattern(Text):
    """Text that must match a regular expression (emails, ids, URLs)."""

    translatable = False  # an address or id is the same in every language

    def __init__(self, regex: str, expected: str) -> None:
        super().__init__(markdown=False, expected=expected)
        self.regex = re.compile(regex)

    def convert(self, node: ys.Node, ctx: Context, path: str) -> Any:
        text = super().convert(node, ctx, path)
        if text is INVALID or self.regex.search(text):
            return text
        ctx.report(Subtype.VALUE, node, path, "invalid value", value=text, expected=self.expected)
        return INVALID

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "string", "pattern": self.regex.pattern}


class Url(Pattern):
    """A URL or path that may become a link (see :func:`.links.link_problem`)."""

    checks_controls = False  # a link with a control character is dropped whole

    def convert(self, node: ys.Node, ctx: Context, path: str) -> Any:
        text = Text.one_text(self, node, ctx, path)
        if text is INVALID:
            return text
        if link_problem(text) is not None and link_problem(normalize_url(text)) is None:
            text = normalize_url(text)  # "example.org:8080" reads as scheme "example.org"
        why = self.problem(text)
        if why is None:
            return text
        unsafe = why != "not a URL"
        ctx.report(Subtype.VALUE, node, path, f"{why}; dropped" if unsafe else "invalid value",
                   value=text, expected=LINK_EXPECTED if unsafe else self.expected)
        return INVALID

    def problem(self, text: str) -> str | None:
        """Why ``text`` is not a URL this field keeps, or None."""
        why = link_problem(text) and link_problem(normalize_url(text))
        return why or (None if self.regex.search(text) else "not a URL")


URL = Url(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|\.|#|[\w-])\S*$", "a URL or path without spaces")
EMAIL = Pattern(r"^[^@\s]+@[^@\s]+$", "an e-mail address such as name@example.org")
IDENT = Pattern(r"^[^\s,]+$", "an id without spaces or commas, such as song2025learning")


YES_NO = {"true": True, "yes": True, "on": True, "y": True, "1": True,
          "false": False, "no": False, "off": False, "n": False, "0": False}
"""The words read as yes or no, everywhere: profile fields, BibTeX fields, directive
options and theme options."""


def yes_no_word(text: str) -> bool | None:
    """``text`` as a yes/no word (any case, spaces around), or None."""
    return YES_NO.get(text.strip().lower())


class Bool(Converter):
    expected = "true or false"

    def convert(self, node: ys.Node, ctx: Context, path: str) -> Any:
        text = self.scalar(node, ctx, path)
        if text is None:
            return INVALID
        value = yes_no_word(text)
        if value is None:
            ctx.report(Subtype.TYPE, node, path, "not a yes/no value", value=text,
                       expected=self.expected)
            return INVALID
        return value

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "boolean"}


class Date(Converter):
    expected = "a date: YYYY, YYYY-MM, YYYY-MM-DD, 'present' or text such as 'Fall 2025'"

    def convert(self, node: ys.Node, ctx: Context, path: str) -> Any:
        text = self.scalar(node, ctx, path)
        if text is None:
            return INVALID
        try:
            return parse_date(text)
        except DateError as err:
            ctx.report(Subtype.DATE, node, path, f"bad date: {err}", value=text,
                       expected=self.expected)
            return INVALID

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        # A number too: YAML reads `2025.09` as one, the loader as September 2025.
        return {"type": ["string", "number"], "examples": ["2025", "2025-09", "present"]}


class Year(Converter):
    expected = "a 4-digit year such as 2024"

    def convert(self, node: ys.Node, ctx: Context, path: str) -> Any:
        text = self.scalar(node, ctx, path)
        if text is None:
            return INVALID
        text = text.strip()
        if re.fullmatch(r"[12]\d{3}", text):
            return int(text)
        ctx.report(Subtype.DATE, node, path, "bad year", value=text, expected=self.expected)
        return INVALID

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": ["integer", "string"], "pattern": "^[12][0-9]{3}$"}


class Month(Converter):
    expected = "a month: 1-12 or a name such as 'Sep'"

    def convert(self, node: ys.Node, ctx: Context, path: str) -> Any:
        text = self.scalar(node, ctx, path)
        if text is None:
            return INVALID
        try:
            return parse_month(text)
        except DateError:
            ctx.report(Subtype.DATE, node, path, "bad month", value=text, expected=self.expected)
            return INVALID

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": ["integer", "string"]}


@functools.lru_cache(maxsize=4096)  # a profile repeats the same few keys many times
def normalize_key(key: str) -> str:
    """Keys match case-insensitively and ignore ``_``/``-``: ``startDate`` = ``start_date``."""
    return re.sub(r"[\s_-]", "", key).lower()


class Choice(Converter):
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

    def convert(self, node: ys.Node, ctx: Context, path: str) -> Any:
        text = self.scalar(node, ctx, path)
        if text is None:
            return INVALID
        value = self.find(text)
        if value is not None:
            return value
        close = difflib.get_close_matches(normalize_key(text), list(self.words), n=1)
        hint = f"; did you mean '{self.words[close[0]]}'?" if close else ""
        ctx.report(Subtype.VALUE, node, path, "unknown value" + hint, value=text,
                   expected=self.expected)
        return INVALID

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "string", "enum": self.choices + sorted(self.aliases)}


class ListOf(Converter):
    """A list; a single item is accepted as a list of one (``email: a@b.org``)."""

    def __init__(self, item: Converter, single: bool = True) -> None:
        self.item = item
        self.single = single
        self.expected = f"a list of {item.expected}"

    def convert(self, node: ys.Node, ctx: Context, path: str) -> Any:
        if not isinstance(node, ys.SequenceNode):
            if self.single and not isinstance(node, ys.SequenceNode):
                value = self.item.convert(node, ctx, path)
                return INVALID if value is INVALID else [value]
            return wrong_type(ctx, node, path, self.expected)
        out = []
        for i, child in enumerate(node.value):
            if ys.is_null(child):
                continue
            value = self.item.convert(child, ctx, f"{path}[{i}]")
            if value is not INVALID:
                out.append(value)
        return out

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        item = self.item.json_schema(defs)
        array = {"type": "array", "items": item}
        return {"anyOf": [array, item]} if self.single else array


def named_items(node: ys.MappingNode, ctx: Context,
                path: str) -> Iterable[tuple[str, str, ys.Node]]:
    """(name, path, value) of a mapping of user-chosen names; a name written twice in the
    mapping itself is reported (overriding a merged ``<<`` one is not)."""
    seen: dict[str, ys.Node] = {}
    for key, child in ys.iter_mapping(node):
        if not isinstance(key, ys.ScalarNode):
            wrong_type(ctx, key, path, "a name as key")
            continue
        name = ys.scalar_text(key).strip()
        sub = join_path(path, name)
        first = seen.get(name)
        if first is not None and any(k is first for k, _ in node.value):
            ctx.report(Subtype.DUPLICATE_KEY, key, sub,
                       f"'{name}' given twice (also at line {first.start_mark.line + 1}); "
                       "the later one wins", value=name, expected="each key once")
        seen[name] = key
        yield name, sub, child


class MapOf(Converter):
    """A mapping of user-chosen names to values (custom sections, interest groups)."""

    def __init__(self, value: Converter, key_expected: str = "a name") -> None:
        self.value = value
        self.expected = f"a mapping of names to {value.expected}"

    def convert(self, node: ys.Node, ctx: Context, path: str) -> Any:
        if not isinstance(node, ys.MappingNode):
            return wrong_type(ctx, node, path, self.expected)
        out: dict[str, Any] = {}
        for name, sub, child in named_items(node, ctx, path):
            value = self.value.convert(child, ctx, sub)
            if value is not INVALID:
                out[name] = value
        return out

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "object", "additionalProperties": self.value.json_schema(defs)}


@dataclass(frozen=True)
class FieldSpec:
    converter: Converter
    help: str
    aliases: tuple[str, ...] = ()
    required: bool = False


def spec(
    converter: Converter,
    help: str,
    *,
    aliases: tuple[str, ...] = (),
    required: bool = False,
    default: Any = None,
    list_default: bool = False,
) -> Any:
    """Declare a record field: its converter, help text and accepted aliases."""
    meta = {"cv": FieldSpec(converter, help, aliases, required)}
    if list_default or isinstance(converter, ListOf):
        return dataclasses.field(default_factory=list, metadata=meta)
    if isinstance(converter, MapOf):
        return dataclasses.field(default_factory=dict, metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


@dataclass
class Located:
    """Base of every record: where it (and each of its fields) was written."""

    source: Location | None = dataclasses.field(default=None, compare=False, repr=False)
    locations: dict[str, Location] = dataclasses.field(
        default_factory=dict, compare=False, repr=False
    )
    path: str = dataclasses.field(default="", compare=False, repr=False)
    """Field path of the record, such as ``publications[3]``."""
    extras: dict[str, Any] = dataclasses.field(default_factory=dict, compare=False, repr=False)
    """``x-...`` keys as plain data: fields of other formats (``x-bibtex``,
    ``x-jsonresume``) that the profile keeps without showing them."""

    def loc_of(self, name: str) -> Location | None:
        return self.locations.get(name, self.source)


def record_fields(cls: type) -> list[tuple[str, FieldSpec]]:
    return [(f.name, f.metadata["cv"]) for f in dataclasses.fields(cls) if "cv" in f.metadata]


class Record(Converter):
    """A mapping converted into the dataclass ``cls``.

    ``cls`` may define ``from_scalar(text)`` to accept a short form (a topic as plain
    text), ``prepare(values, ctx, path, node)`` to merge shorthand fields, and
    ``check(self, ctx, path) -> bool`` for rules across fields (False skips the entry).
    """


    def __init__(self, cls: type, expected: str | None = None) -> None:
        self.cls = cls
        self.expected = expected or f"a mapping ({cls.__name__} fields)"
        self.fields = record_fields(cls)
        self.converters = {name: fs.converter for name, fs in self.fields}
        self.lookup: dict[str, str] = {}
        for name, fs in self.fields:
            for key in (name, *fs.aliases):
                self.lookup[normalize_key(key)] = name
        self.known = [name for name, _ in self.fields]

    def convert(self, node: ys.Node, ctx: Context, path: str) -> Any:
        # The walk follows the schema, which is finite, so cyclic YAML aliases cannot
        # make it recurse forever.
        if isinstance(node, ys.ScalarNode) and hasattr(self.cls, "from_scalar"):
            text = ys.scalar_text(node).strip()
            obj = self.cls.from_scalar(text) if text else INVALID
            if obj is not INVALID:
                obj.source = ctx.loc(node)
                return obj
        if not isinstance(node, ys.MappingNode):
            return wrong_type(ctx, node, path, self.expected)
        before = len(ctx.problems)
        values: dict[str, Any] = {}
        nodes: dict[str, ys.Node] = {}
        seen: dict[str, ys.Node] = {}
        extras: dict[str, Any] = {}
        for key, child in ys.iter_mapping(node):
            if not isinstance(key, ys.ScalarNode):
                wrong_type(ctx, key, path, "a field name as key")
                continue
            raw = ys.scalar_text(key)
            name = self.lookup.get(normalize_key(raw))
            sub = join_path(path, raw)
            if name is None:
                if raw.startswith("x-"):  # extension keys, for other tools: kept as data
                    extras[raw] = ys.to_python(child)
                    continue
                if raw.startswith("$"):
                    continue  # "$schema": for editors
                # Keys match ignoring case, '_' and '-', so the hint does too ("TITEL").
                names: dict[str, str] = {}
                for known in self.all_names():
                    names.setdefault(normalize_key(known), known)
                close = difflib.get_close_matches(normalize_key(raw), list(names), n=1,
                                                  cutoff=0.7)
                hint = f"; did you mean '{names[close[0]]}'?" if close else ""
                ctx.report(Subtype.UNKNOWN_KEY, key, sub, "unknown field, ignored" + hint,
                           value=raw, expected="one of " + ", ".join(self.known))
                continue
            # A key that overrides a merged (<<) one is intended; a repeated one is not.
            if (name in seen and seen[name] is not key
                    and any(k is seen[name] for k, _ in node.value)):
                first_line = seen[name].start_mark.line + 1
                ctx.report(Subtype.DUPLICATE_KEY, key, sub,
                           f"'{name}' given twice (also at line {first_line}); the later one wins",
                           value=raw, expected="each field once")
            seen[name] = key
            if ys.is_null(child):
                values.pop(name, None)
                nodes[name] = child
                continue
            # Problems name the key as written ("description", not "summary").
            value = self.converters[name].convert(child, ctx, sub)
            nodes[name] = child
            if value is INVALID:
                values.pop(name, None)
            else:
                values[name] = value
        prepare = getattr(self.cls, "prepare", None)
        if prepare is not None:
            prepare(values, ctx, path, node)
        missing = [n for n, fs in self.fields if fs.required and n not in values]
        for name in missing:
            if name in nodes and not ys.is_null(nodes[name]):
                # Its converter reported why (maybe before problems in later fields); say
                # once more only that the entry is gone.
                sub = join_path(path, name)
                k = next((k for k in range(len(ctx.problems) - 1, before - 1, -1)
                          if ctx.problems[k].path == sub), None)
                if k is not None:
                    ctx.problems[k] = dataclasses.replace(
                        ctx.problems[k],
                        message=ctx.problems[k].message + "; required, so the entry is skipped")
                    continue
            ctx.report(
                Subtype.REQUIRED, nodes.get(name, node), join_path(path, name),
                "required field is empty; entry skipped" if name in nodes
                else "required field missing; entry skipped",
                expected=dict(self.fields)[name].converter.expected,
            )
        if missing:
            return INVALID
        obj = self.cls(**values)
        obj.source = ctx.loc(node)
        obj.path = path
        obj.locations = {name: ctx.loc(n) for name, n in nodes.items()}
        obj.extras = extras
        check = getattr(obj, "check", None)
        if check is not None and not check(ctx, path):
            return INVALID
        return obj

    def all_names(self) -> Iterable[str]:
        for name, fs in self.fields:
            yield name
            yield from fs.aliases

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        ref = {"$ref": f"#/definitions/{self.cls.__name__}"}
        if self.cls.__name__ in defs:
            return ref
        defs[self.cls.__name__] = {}  # placeholder against recursion
        props: dict[str, Any] = {}
        for name, fs in self.fields:
            schema = fs.converter.json_schema(defs)
            if "$ref" in schema:  # draft-07 ignores keywords beside $ref
                schema = {"allOf": [schema]}
            props[name] = {**schema, "description": fs.help}
            for alias in fs.aliases:
                props[alias] = {**schema, "description": f"Alias of `{name}`."}
        body: dict[str, Any] = {
            "type": "object",
            "description": (self.cls.__doc__ or "").strip().split("\n\n")[0],
            "properties": props,
            "patternProperties": {"^(\\$|x-)": {}},
            "additionalProperties": False,
        }
        required = [name for name, fs in self.fields if fs.required and not fs.aliases]
        if required:
            body["required"] = required
        # A required field written under an alias (`key:` for `id:`) is there too.
        either = [{"anyOf": [{"required": [n]} for n in (name, *fs.aliases)]}
                  for name, fs in self.fields if fs.required and fs.aliases]
        if either:
            body["allOf"] = either
        if hasattr(self.cls, "from_scalar"):
            defs[self.cls.__name__] = {"anyOf": [{"type": "string"}, body]}
        else:
            defs[self.cls.__name__] = body
        return ref


def _precision(d: CvDate) -> int:
    if d.text:  # free text: its month is a guess ("Winter 2024" may mean January)
        return 1
    return 3 if d.day else 2 if d.month else 1


def date_order(ctx: Context, entry: Located, path: str, start: str = "start",
               end: str = "end") -> None:
    """Report an entry that ends before it starts; the entry is kept."""
    first: CvDate | None = getattr(entry, start)
    last: CvDate | None = getattr(entry, end)
    if first is None or last is None or last.present:
        return
    if first.present:
        bad = True
    else:
        n = min(_precision(first), _precision(last))
        bad = (first.year is not None and last.year is not None
               and last.sort_key()[:n] < first.sort_key()[:n])
    if bad:
        ctx.report(Subtype.DATE_ORDER, entry.loc_of(end) or Location(ctx.filename),
                   join_path(path, end), f"ends before it starts ({start}: {first.iso()})",
                   value=last.iso(), expected=f"a date on or after {first.iso()}")
