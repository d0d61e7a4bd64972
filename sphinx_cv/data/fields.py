"""Records and their declared fields: a record is a dataclass whose fields are declared
with :func:`spec` (converter, help, aliases); the same declaration drives validation
(:class:`Record`), the JSON Schema and the reference docs. Lists and mappings of values
(:class:`ListOf`, :class:`MapOf`) are here too; single values are in :mod:`.scalars`.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar, cast, overload

from . import yamlsource as ys
from .converter import (
    INVALID,
    Context,
    Converter,
    Invalid,
    JSONSchema,
    T,
    join_path,
    named_items,
    normalize_key,
    wrong_type,
)
from .dates import CvDate
from .problems import Location, Subtype
from .scalars import Date, Text


class ListOf(Converter[list[T]]):
    """A list; a single item is accepted as a list of one (``email: a@b.org``)."""

    def __init__(self, item: Converter[T], single: bool = True) -> None:
        self.item = item
        self.single = single
        self.expected = f"a list of {item.expected}"

    @overload
    def convert(self, node: ys.SequenceNode, ctx: Context, path: str) -> list[T]: ...
    @overload
    def convert(self, node: ys.Node, ctx: Context, path: str) -> list[T] | Invalid: ...

    def convert(self, node: ys.Node, ctx: Context, path: str) -> list[T] | Invalid:
        # A list is always a list (bad items are left out): INVALID only for another node.
        if not isinstance(node, ys.SequenceNode):
            if self.single and not isinstance(node, ys.SequenceNode):
                value = self.item.convert(node, ctx, path)
                return INVALID if value is INVALID else [value]
            return wrong_type(ctx, node, path, self.expected)
        out: list[T] = []
        for i, child in enumerate(node.value):
            if ys.is_null(child):
                continue
            value = self.item.convert(child, ctx, f"{path}[{i}]")
            if value is not INVALID:
                out.append(value)
        return out

    def json_schema(self, defs: dict[str, JSONSchema]) -> JSONSchema:
        item = self.item.json_schema(defs)
        array: JSONSchema = {"type": "array", "items": item}
        return {"anyOf": [array, item]} if self.single else array


class MapOf(Converter[dict[str, T]]):
    """A mapping of user-chosen names to values (custom sections, interest groups)."""

    def __init__(self, value: Converter[T], key_expected: str = "a name") -> None:
        self.value = value
        self.expected = f"a mapping of names to {value.expected}"

    def convert(self, node: ys.Node, ctx: Context, path: str) -> dict[str, T] | Invalid:
        if not isinstance(node, ys.MappingNode):
            return wrong_type(ctx, node, path, self.expected)
        out: dict[str, T] = {}
        for name, sub, child in named_items(node, ctx, path):
            value = self.value.convert(child, ctx, sub)
            if value is not INVALID:
                out[name] = value
        return out

    def json_schema(self, defs: dict[str, JSONSchema]) -> JSONSchema:
        return {"type": "object", "additionalProperties": self.value.json_schema(defs)}


@dataclass(frozen=True)
class FieldSpec:
    converter: Converter[object]
    help: str
    aliases: tuple[str, ...] = ()
    required: bool = False


def spec(
    converter: Converter[T],
    help: str,
    *,
    aliases: tuple[str, ...] = (),
    required: bool = False,
    default: object = None,
    list_default: bool = False,
) -> T:
    """Declare a record field: its converter, help text and accepted aliases.

    Typed as the converter's value, as :func:`dataclasses.field` is typed as its
    default: in a class body the field stands for the value it will hold, so
    ``name: str = spec(PLAIN, ...)`` checks that the field's type is the converter's.
    """
    meta = {"cv": FieldSpec(converter, help, aliases, required)}
    if list_default or isinstance(converter, ListOf):
        return cast(T, dataclasses.field(default_factory=list, metadata=meta))
    if isinstance(converter, MapOf):
        return cast(T, dataclasses.field(default_factory=dict, metadata=meta))
    return cast(T, dataclasses.field(default=default, metadata=meta))


@dataclass
class Located:
    """Base of every record: where it (and each of its fields) was written."""

    source: Location | None = dataclasses.field(default=None, compare=False, repr=False)
    locations: dict[str, Location] = dataclasses.field(
        default_factory=dict, compare=False, repr=False
    )
    path: str = dataclasses.field(default="", compare=False, repr=False)
    """Field path of the record, such as ``publications[3]``."""
    extras: dict[str, ys.JSONValue] = dataclasses.field(
        default_factory=dict, compare=False, repr=False
    )
    """``x-...`` keys as plain data: fields of other formats (``x-bibtex``,
    ``x-jsonresume``) that the profile keeps without showing them."""

    def loc_of(self, name: str) -> Location | None:
        return self.locations.get(name, self.source)


def record_fields(cls: type) -> list[tuple[str, FieldSpec]]:
    return [(f.name, f.metadata["cv"]) for f in dataclasses.fields(cls) if "cv" in f.metadata]


R = TypeVar("R", bound=Located)
"""The record class a :class:`Record` makes."""


class Record(Converter[R]):
    """A mapping converted into the dataclass ``cls``.

    ``cls`` may define ``from_scalar(text)`` to accept a short form (a topic as plain
    text), ``prepare(values, ctx, path, node)`` to merge shorthand fields, and
    ``check(self, ctx, path) -> bool`` for rules across fields (False skips the entry).
    """

    def __init__(self, cls: type[R], expected: str | None = None) -> None:
        self.cls = cls
        self.expected = expected or f"a mapping ({cls.__name__} fields)"
        self.fields = record_fields(cls)
        self.converters = {name: fs.converter for name, fs in self.fields}
        self.lookup: dict[str, str] = {}
        for name, fs in self.fields:
            for key in (name, *fs.aliases):
                self.lookup[normalize_key(key)] = name
        self.known = [name for name, _ in self.fields]
        self.required = [name for name, fs in self.fields if fs.required]

    def convert(self, node: ys.Node, ctx: Context, path: str) -> R | Invalid:
        # The walk follows the schema, which is finite, so cyclic YAML aliases cannot
        # make it recurse forever.
        from_scalar = getattr(self.cls, "from_scalar", None)
        if isinstance(node, ys.ScalarNode) and from_scalar is not None:
            text = ys.scalar_text(node).strip()
            obj: R | Invalid = from_scalar(text) if text else INVALID
            if obj is not INVALID:
                obj.source = ctx.loc(node)
                return obj
        if not isinstance(node, ys.MappingNode):
            return wrong_type(ctx, node, path, self.expected)
        before = len(ctx.problems)
        values: dict[str, object] = {}
        nodes: dict[str, ys.Node] = {}
        seen: dict[str, ys.Node] = {}
        extras: dict[str, ys.JSONValue] = {}
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
                close = difflib.get_close_matches(normalize_key(raw), list(names), n=1, cutoff=0.7)
                hint = f"; did you mean '{names[close[0]]}'?" if close else ""
                ctx.report(
                    Subtype.UNKNOWN_KEY,
                    key,
                    sub,
                    "unknown field, ignored" + hint,
                    value=raw,
                    expected="one of " + ", ".join(self.known),
                )
                continue
            # A key that overrides a merged (<<) one is intended; a repeated one is not.
            if (
                name in seen
                and seen[name] is not key
                and any(k is seen[name] for k, _ in node.value)
            ):
                first_line = seen[name].start_mark.line + 1
                ctx.report(
                    Subtype.DUPLICATE_KEY,
                    key,
                    sub,
                    f"'{name}' given twice (also at line {first_line}); the later one wins",
                    value=raw,
                    expected="each field once",
                )
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
        missing = [n for n in self.required if n not in values]
        for name in missing:
            if name in nodes and not ys.is_null(nodes[name]):
                # Its converter reported why (maybe before problems in later fields); say
                # once more only that the entry is gone.
                sub = join_path(path, name)
                k = next(
                    (
                        k
                        for k in range(len(ctx.problems) - 1, before - 1, -1)
                        if ctx.problems[k].path == sub
                    ),
                    None,
                )
                if k is not None:
                    ctx.problems[k] = dataclasses.replace(
                        ctx.problems[k],
                        message=ctx.problems[k].message + "; required, so the entry is skipped",
                    )
                    continue
            ctx.report(
                Subtype.REQUIRED,
                nodes.get(name, node),
                join_path(path, name),
                "required field is empty; entry skipped"
                if name in nodes
                else "required field missing; entry skipped",
                expected=dict(self.fields)[name].converter.expected,
            )
        if missing:
            return INVALID
        # The converters checked each value against its field's declared type.
        make: Callable[..., R] = self.cls
        obj = make(**values)
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

    def json_schema(self, defs: dict[str, JSONSchema]) -> JSONSchema:
        ref: JSONSchema = {"$ref": f"#/definitions/{self.cls.__name__}"}
        if self.cls.__name__ in defs:
            return ref
        defs[self.cls.__name__] = {}  # placeholder against recursion
        props: dict[str, ys.JSONValue] = {}
        for name, fs in self.fields:
            schema = fs.converter.json_schema(defs)
            if "$ref" in schema:  # draft-07 ignores keywords beside $ref
                schema = {"allOf": [schema]}
            props[name] = {**schema, "description": fs.help}
            for alias in fs.aliases:
                props[alias] = {**schema, "description": f"Alias of `{name}`."}
        body: JSONSchema = {
            "type": "object",
            "description": (self.cls.__doc__ or "").strip().split("\n\n")[0],
            "properties": props,
            "patternProperties": {"^(\\$|x-)": {}},
            "additionalProperties": False,
        }
        required: list[ys.JSONValue] = [
            name for name, fs in self.fields if fs.required and not fs.aliases
        ]
        if required:
            body["required"] = required
        # A required field written under an alias (`key:` for `id:`) is there too.
        either: list[ys.JSONValue] = [
            {"anyOf": [{"required": [n]} for n in (name, *fs.aliases)]}
            for name, fs in self.fields
            if fs.required and fs.aliases
        ]
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


def date_order(
    ctx: Context, entry: Located, path: str, start: str = "start", end: str = "end"
) -> None:
    """Report an entry that ends before it starts; the entry is kept."""
    first: CvDate | None = getattr(entry, start)
    last: CvDate | None = getattr(entry, end)
    if first is None or last is None or last.present:
        return
    if first.present:
        bad = True
    else:
        n = min(_precision(first), _precision(last))
        bad = (
            first.year is not None
            and last.year is not None
            and last.sort_key()[:n] < first.sort_key()[:n]
        )
    if bad:
        ctx.report(
            Subtype.DATE_ORDER,
            entry.loc_of(end) or Location(ctx.filename),
            join_path(path, end),
            f"ends before it starts ({start}: {first.iso()})",
            value=last.iso(),
            expected=f"a date on or after {first.iso()}",
        )


def record_types(root: Converter[object]) -> dict[str, type[Located]]:
    """Every record class reachable from ``root`` (through lists, mappings and the
    records' own fields), by class name: the records the JSON Schema defines."""
    found: dict[str, type[Located]] = {}

    def walk(conv: Converter[object]) -> None:
        if isinstance(conv, Record):
            if conv.cls.__name__ in found:
                return
            found[conv.cls.__name__] = conv.cls
            for _, fs in conv.fields:
                walk(fs.converter)
        for value in vars(conv).values():
            if isinstance(value, Converter):
                walk(value)

    walk(root)
    return found


# The converters most fields use, shared by the records (one instance each).
TEXT = Text()
PLAIN = Text(markdown=False)
TEXTS = ListOf(TEXT)
PLAINS = ListOf(PLAIN)
DATE = Date()
