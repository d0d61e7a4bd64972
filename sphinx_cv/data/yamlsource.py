"""YAML read into PyYAML's node tree, which keeps the line and column of every value.

Validation walks the nodes rather than plain Python objects, so each problem can name
the exact place in the file. Scalars are read from their source text (``2025-09`` stays
text, ``1.10`` is not turned into ``1.1``); types are checked by the converters.
"""

from __future__ import annotations

from collections.abc import Iterator

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Location, Problem, Subtype

try:  # libyaml is several times faster and keeps marks as well
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

__all__ = ["MappingNode", "Node", "ScalarNode", "SequenceNode", "compose", "location"]

NULL_TAG = "tag:yaml.org,2002:null"
MERGE_TAG = "tag:yaml.org,2002:merge"
BOOL_TAG = "tag:yaml.org,2002:bool"


def compose(text: str, filename: str) -> tuple[Node | None, list[Problem]]:
    """Parse ``text`` into a node tree; a syntax error becomes a problem."""
    try:
        return yaml.compose(text, Loader=_Loader), []
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        loc = Location(filename, mark.line + 1, mark.column + 1) if mark else Location(filename)
        what = err.problem or "invalid YAML"
        if err.context:
            what = f"{err.context}, {what}"
        return None, [
            Problem(Subtype.YAML, f"YAML syntax error: {what}", loc, expected="valid YAML")
        ]
    except yaml.YAMLError as err:  # e.g. a reader error for a control character
        return None, [Problem(Subtype.YAML, f"YAML error: {err}", Location(filename))]


def location(node: Node, filename: str) -> Location:
    mark = node.start_mark
    return Location(filename, mark.line + 1, mark.column + 1)


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == NULL_TAG


def scalar_text(node: ScalarNode) -> str:
    """The scalar as written (block scalars keep their folded text)."""
    return str(node.value)


def iter_mapping(node: MappingNode) -> Iterator[tuple[Node, Node]]:
    """Key/value pairs with YAML merge keys (``<<: *anchor``) expanded.

    Explicit keys come after merged ones, so a duplicate check keeps the explicit value.
    """
    merged: list[tuple[Node, Node]] = []
    own: list[tuple[Node, Node]] = []
    for key, value in node.value:
        if key.tag == MERGE_TAG:
            sources = value.value if isinstance(value, SequenceNode) else [value]
            for src in sources:
                if isinstance(src, MappingNode):
                    merged.extend(iter_mapping(src))
        else:
            own.append((key, value))
    yield from merged
    yield from own
