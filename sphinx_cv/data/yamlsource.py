"""YAML read into PyYAML's node tree, which keeps the line and column of every value.

Validation walks the nodes rather than plain Python objects, so each problem can name
the exact place in the file. Scalars are read from their source text (``2025-09`` stays
text, ``1.10`` is not turned into ``1.1``); types are checked by the converters.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Protocol, TypeAlias

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Location, Problem, Subtype

try:  # libyaml is several times faster and keeps marks as well
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

__all__ = ["JSONValue", "MappingNode", "Node", "ScalarNode", "SequenceNode", "compose", "location"]

JSONValue: TypeAlias = (
    bool | int | float | str | Sequence["JSONValue"] | Mapping[str, "JSONValue"] | None
)
"""Plain data as YAML and JSON files hold it (what :func:`to_python` gives): the one type
of profile-shaped data read from or written to a file, by the loader, the importers and
the exporters. Lists and mappings are typed read-only (``Sequence``, ``Mapping``) so that
a ``list[dict[str, str]]`` is one too; code that reads or changes such values narrows
them with ``isinstance`` (``isinstance(v, dict)`` gives a ``dict[str, JSONValue]``)."""

NULL_TAG = "tag:yaml.org,2002:null"
MERGE_TAG = "tag:yaml.org,2002:merge"


class Mark(Protocol):
    """Where a YAML event or node is: PyYAML's and libyaml's marks both have these."""

    @property
    def name(self) -> str: ...
    @property
    def index(self) -> int: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


MAX_DEPTH = 100
"""Deepest nesting read, through aliases too. libyaml's composer recurses in C, so far
deeper input would overflow the stack instead of raising."""
MAX_NODES = 200_000
"""Most values a profile may expand to through aliases ("billion laughs")."""


def compose(text: str, filename: str) -> tuple[Node | None, list[Problem]]:
    """Parse ``text`` into a node tree; a syntax error becomes a problem.

    Input nested too deeply or with aliases that expand too far is refused; an alias of a
    value inside itself is reported and read as null.
    """
    try:
        refused, recursive = _scan(text, filename)
        if refused is not None:
            return None, [refused]
        root = yaml.compose(text, Loader=_Loader)
        if root is not None and _other_breaks(text):
            _count_newlines_only(root, text)
        if root is None or not recursive:
            return root, []
        _cut_cycles(root)
        return root, [
            Problem(
                Subtype.YAML,
                "recursive alias (a value that contains itself); ignored",
                _mark_location(mark, filename, text),
                value=f"'*{anchor}'",
                expected="an alias of a value outside itself",
            )
            for anchor, mark in recursive
        ]
    except yaml.reader.ReaderError as err:  # a control character or bad byte
        pos = err.position
        if _Loader is not yaml.SafeLoader:  # libyaml counts UTF-8 bytes
            pos = len(text.encode("utf-8", "surrogatepass")[:pos].decode("utf-8", "ignore"))
        line = text.count("\n", 0, pos) + 1
        column = pos - (text.rfind("\n", 0, pos) + 1) + 1
        char = err.character
        shown = repr(chr(char) if isinstance(char, int) else char)
        return None, [
            Problem(
                Subtype.YAML,
                f"YAML error: {str(err).splitlines()[0]}",
                Location(filename, line, column),
                value=shown,
                expected="printable text",
            )
        ]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        loc = _mark_location(mark, filename, text) if mark else Location(filename)
        what = err.problem or "invalid YAML"
        if err.context:
            what = f"{err.context}, {what}"
        return None, [
            Problem(Subtype.YAML, f"YAML syntax error: {what}", loc, expected="valid YAML")
        ]
    except yaml.YAMLError as err:
        return None, [Problem(Subtype.YAML, f"YAML error: {err}", Location(filename))]


def _scan(text: str, filename: str) -> tuple[Problem | None, list[tuple[str, Mark | None]]]:
    """Check the events before composing: (why the text is refused, or None; the anchor
    and place of each alias of a value inside itself).

    libyaml's composer recurses in C, so nesting is limited before it runs. The
    converters walk the tree with aliases expanded, so what aliases expand to is limited
    too ("billion laughs": a few lines could otherwise expand to billions of values).
    """
    if "&" not in text:  # no anchor, so no alias to expand: the nesting is all to check
        decided, refused = _nesting(text, filename)
        if decided:
            return refused, []
    recursive: list[tuple[str, Mark | None]] = []
    expands: dict[str, tuple[int, int]] = {}  # anchor -> (values, levels) it stands for
    open_anchors: set[str] = set()
    stack: list[_Open] = []  # open collections
    total = 0

    def refuse(mark: Mark | None, what: str, expected: str) -> Problem:
        return _refused(mark, what, expected, filename, text)

    scalar = yaml.ScalarEvent
    for event in yaml.parse(text, Loader=_Loader):
        if event.__class__ is scalar:  # most events: the branch below, in short
            if event.anchor:
                expands[event.anchor] = (1, 1)
            total += 1
            if stack:
                top = stack[-1]
                top.size += 1
                top.height = top.height or 1
            continue
        if isinstance(event, yaml.CollectionStartEvent):
            if len(stack) >= MAX_DEPTH:
                return _too_deep(event.start_mark, filename, text), recursive
            stack.append(_Open(event.anchor))
            if event.anchor:
                open_anchors.add(event.anchor)
            total += 1
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            done = stack.pop()
            size, height = done.size, done.height + 1
            if done.anchor:
                expands[done.anchor] = (size, height)
                open_anchors.discard(done.anchor)
        elif isinstance(event, yaml.ScalarEvent):
            size, height = 1, 1
            if event.anchor:
                expands[event.anchor] = (1, 1)
            total += 1
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor in open_anchors:
                recursive.append((str(event.anchor), event.start_mark))
                size, height = 1, 1  # read as null
            else:
                size, height = expands.get(str(event.anchor), (1, 1))
            total += size
            if total > MAX_NODES:
                return refuse(
                    event.start_mark,
                    f"aliases expand to more than {MAX_NODES} values",
                    "fewer aliases of large values",
                ), recursive
            if len(stack) + height > MAX_DEPTH:
                return refuse(
                    event.start_mark,
                    f"aliases nest values more than {MAX_DEPTH} levels deep",
                    "fewer aliases of nested values",
                ), recursive
        else:
            continue
        if stack:
            stack[-1].size += size
            stack[-1].height = max(stack[-1].height, height)
    return None, recursive


def _nesting(text: str, filename: str) -> tuple[bool, Problem | None]:
    """:func:`_scan` of a text without anchors, in short: only how deep collections
    nest is counted (a profile of thousands of publications has hundreds of thousands
    of events). (decided, why the text is refused or None); not decided when an alias
    (of no anchor) is met: the whole scan says what it makes of it."""
    depth = 0
    scalar, alias = yaml.ScalarEvent, yaml.AliasEvent
    for event in yaml.parse(text, Loader=_Loader):
        kind = event.__class__
        if kind is scalar:
            continue
        if isinstance(event, yaml.CollectionStartEvent):
            if depth >= MAX_DEPTH:
                return True, _too_deep(event.start_mark, filename, text)
            depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif kind is alias:
            return False, None
    return True, None


def _too_deep(mark: Mark | None, filename: str, text: str) -> Problem:
    return _refused(
        mark,
        f"YAML nested more than {MAX_DEPTH} levels deep",
        f"at most {MAX_DEPTH} levels of nesting",
        filename,
        text,
    )


def _refused(mark: Mark | None, what: str, expected: str, filename: str, text: str) -> Problem:
    return Problem(
        Subtype.YAML,
        f"{what}; the profile is not read",
        _mark_location(mark, filename, text),
        expected=expected,
    )


class _Open:
    """A collection :func:`_scan` is inside: its anchor, how many values it holds so far
    (through aliases too) and the height of its deepest child."""

    __slots__ = ("anchor", "height", "size")

    def __init__(self, anchor: str | None) -> None:
        self.anchor = anchor
        self.size = 1
        self.height = 0


# YAML also breaks lines at these; editors and this project's messages count "\n" only.
_OTHER_BREAKS = "\u2028\u2029\x85"


def _other_breaks(text: str) -> bool:
    # A search for each character: far quicker than a pattern over the whole text.
    return any(char in text for char in _OTHER_BREAKS)


def _mark_location(mark: Mark | None, filename: str, text: str) -> Location:
    if mark is None:  # the parser marks every event; a mark-less one names the file
        return Location(filename)
    if not _other_breaks(text):
        return Location(filename, mark.line + 1, mark.column + 1)
    fixed = _LineIndex(text).mark(mark)
    return Location(filename, fixed.line + 1, fixed.column + 1)


class _LineIndex:
    """Line and column of a character index, counting "\n" as the only line break."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def mark(self, mark: Mark) -> yaml.Mark:
        line = bisect.bisect_right(self.starts, mark.index) - 1
        return yaml.Mark(mark.name, mark.index, line, mark.index - self.starts[line], None, None)  # type: ignore[arg-type]  # no buffer, as libyaml's


def _count_newlines_only(root: Node, text: str) -> None:
    """Give every node marks whose lines count "\n" only (marks carry the index)."""
    index = _LineIndex(text)
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        node.start_mark = index.mark(node.start_mark)
        node.end_mark = index.mark(node.end_mark)
        stack.extend(_children(node))


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _cut_cycles(root: Node) -> None:
    """Replace each alias of a value inside itself by null, so every walk ends."""
    on_path: set[int] = {id(root)}
    done: set[int] = set()
    stack: list[tuple[Node, list[Node], int]] = [(root, _children(root), 0)]
    while stack:
        node, kids, i = stack[-1]
        if i == len(kids):
            stack.pop()
            on_path.discard(id(node))
            done.add(id(node))
            continue
        stack[-1] = (node, kids, i + 1)
        child = kids[i]
        if id(child) in on_path:  # an edge back into the path: a recursive alias
            where = node.value[i // 2][0] if isinstance(node, MappingNode) else node
            null = ScalarNode(NULL_TAG, "", where.start_mark, where.end_mark)
            if isinstance(node, SequenceNode):
                node.value[i] = null
            else:
                pair = list(node.value[i // 2])
                pair[i % 2] = null
                node.value[i // 2] = tuple(pair)
        elif id(child) not in done:
            on_path.add(id(child))
            stack.append((child, _children(child), 0))


def location(node: Node, filename: str) -> Location:
    mark = node.start_mark
    return Location(filename, mark.line + 1, mark.column + 1)


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == NULL_TAG


def to_python(node: Node) -> JSONValue:
    """Plain Python data for a node (``x-`` extension values kept for other tools).

    Scalars get their YAML types (numbers, booleans, null); dates stay ISO text, so the
    value can go to JSON unchanged.
    """
    return _plain(node, yaml.constructor.SafeConstructor())


def _plain(node: Node, constructor: yaml.constructor.SafeConstructor) -> JSONValue:
    if isinstance(node, MappingNode):
        return {str(_plain(k, constructor)): _plain(v, constructor) for k, v in iter_mapping(node)}
    if isinstance(node, SequenceNode):
        return [_plain(v, constructor) for v in node.value]
    try:
        value = constructor.construct_object(node)
    except yaml.YAMLError:
        return str(node.value)
    if isinstance(value, _dt.date | bytes):
        return str(node.value)
    plain: JSONValue = value  # a safe-loaded scalar: null, bool, int, float or text
    return plain


def scalar_text(node: ScalarNode) -> str:
    """The scalar as written (block scalars keep their folded text)."""
    return str(node.value)


def iter_mapping(node: MappingNode) -> Iterator[tuple[Node, Node]]:
    """Key/value pairs with YAML merge keys (``<<: *anchor``) expanded.

    Explicit keys come after merged ones, so a duplicate check keeps the explicit value;
    of several merged mappings (``<<: [*a, *b]``) the first wins, as YAML specifies.
    """
    merged: list[tuple[Node, Node]] = []
    own: list[tuple[Node, Node]] = []
    for key, value in node.value:
        if key.tag == MERGE_TAG:
            sources = value.value if isinstance(value, SequenceNode) else [value]
            for src in reversed(sources):
                if isinstance(src, MappingNode):
                    merged.extend(iter_mapping(src))
        else:
            own.append((key, value))
    yield from merged
    yield from own
