"""The converter base: a :class:`Converter` turns a YAML node into a typed value or, after
reporting a :class:`~.problems.Problem` to the :class:`Context`, into :data:`INVALID`, so
one bad value never stops the rest of the profile from loading.

The scalar converters are in :mod:`.scalars`, records and containers in :mod:`.fields`.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterable
from typing import Final, Generic, TypeAlias, TypeVar

from . import yamlsource as ys
from .problems import Location, Problem, Subtype


class Invalid(enum.Enum):
    """The type of :data:`INVALID` (an enum of one, so ``x is INVALID`` narrows types)."""

    INVALID = "INVALID"

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Final = Invalid.INVALID
"""Returned by a converter whose value was reported as a problem."""

T = TypeVar("T")
"""The type of value a converter makes."""
T_co = TypeVar("T_co", covariant=True)

JSONSchema: TypeAlias = dict[str, ys.JSONValue]
"""A JSON Schema (draft-07) object, as :meth:`Converter.json_schema` gives it."""


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


def wrong_type(ctx: Context, node: ys.Node, path: str, expected: str) -> Invalid:
    kind, value = describe_node(node)
    ctx.report(Subtype.TYPE, node, path, f"wrong type: {kind}", value=value, expected=expected)
    return INVALID


def join_path(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


class Converter(Generic[T_co]):
    """Base: turns a node into a ``T`` (or INVALID after reporting)."""

    expected = "a value"

    def convert(self, node: ys.Node, ctx: Context, path: str) -> T_co | Invalid:
        raise NotImplementedError

    def json_schema(self, defs: dict[str, JSONSchema]) -> JSONSchema:
        raise NotImplementedError

    def scalar(self, node: ys.Node, ctx: Context, path: str) -> str | None:
        """The scalar's text, or None after reporting a wrong type."""
        if isinstance(node, ys.ScalarNode):
            return ys.scalar_text(node)
        wrong_type(ctx, node, path, self.expected)
        return None


def named_items(
    node: ys.MappingNode, ctx: Context, path: str
) -> Iterable[tuple[str, str, ys.Node]]:
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
            ctx.report(
                Subtype.DUPLICATE_KEY,
                key,
                sub,
                f"'{name}' given twice (also at line {first.start_mark.line + 1}); "
                "the later one wins",
                value=name,
                expected="each key once",
            )
        seen[name] = key
        yield name, sub, child


@functools.lru_cache(maxsize=4096)  # a profile repeats the same few keys many times
def normalize_key(key: str) -> str:
    """Keys match case-insensitively and ignore ``_``/``-``: ``startDate`` = ``start_date``."""
    return re.sub(r"[\s_-]", "", key).lower()
