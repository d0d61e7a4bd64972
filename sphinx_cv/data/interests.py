"""Research interests: topics, optionally in named groups (current, past), each
tagged with the ids of the publications on it (:class:`Ref`, checked once the
publications are known).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from . import yamlsource as ys
from .converter import INVALID, Context, Converter, Invalid, named_items, wrong_type
from .fields import TEXT, ListOf, Located, Record, spec
from .problems import Location


@dataclass(frozen=True)
class Ref:
    """A reference to a publication id, with where it was written."""

    id: str
    location: Location


class Refs(Converter[list[Ref]]):
    expected = "a list of publication ids"

    def convert(self, node: ys.Node, ctx: Context, path: str) -> list[Ref] | Invalid:
        items = node.value if isinstance(node, ys.SequenceNode) else [node]
        out: list[Ref] = []
        for i, item in enumerate(items):
            sub = f"{path}[{i}]" if isinstance(node, ys.SequenceNode) else path
            if not isinstance(item, ys.ScalarNode):
                wrong_type(ctx, item, sub, "a publication id")
                continue
            for word in re.split(r"[,\s]+", ys.scalar_text(item)):
                if word:
                    out.append(Ref(word, ctx.loc(item)))
        return out

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}


@dataclass
class Topic(Located):
    """A research topic, tagged with the publications it refers to."""

    name: str = spec(TEXT, "The topic.", aliases=("topic", "title"), required=True)
    publications: list[Ref] = spec(
        Refs(),
        "Ids of the publications on this topic; shown as "
        "the labels those papers carry on the page.",
        aliases=("pubs", "papers", "refs"),
        list_default=True,
    )
    summary: str | None = spec(TEXT, "A sentence about the topic.", aliases=("description",))

    @classmethod
    def from_scalar(cls, text: str) -> Topic:
        return cls(name=text)


@dataclass
class InterestGroup(Located):
    """A named list of topics, e.g. current and past interests."""

    intro: str | None = spec(
        TEXT, "Sentence shown before the topics.", aliases=("title", "heading", "lead")
    )
    topics: list[Topic] = spec(
        ListOf(Record(Topic), single=False), "The topics, in order.", aliases=("items",)
    )


class Interests(Converter[dict[str, InterestGroup]]):
    """A list of topics, or named groups (``current:``, ``past:``) of them."""

    expected = "a list of topics, or a mapping of group names to topic lists"
    DEFAULT = "interests"

    def __init__(self) -> None:
        self.group = Record(InterestGroup)
        self.topics = ListOf(Record(Topic), single=False)

    def convert(self, node: ys.Node, ctx: Context, path: str) -> dict[str, InterestGroup] | Invalid:
        if isinstance(node, ys.SequenceNode):
            return {
                self.DEFAULT: InterestGroup(
                    topics=self.topics.convert(node, ctx, path), source=ctx.loc(node)
                )
            }
        if not isinstance(node, ys.MappingNode):
            return wrong_type(ctx, node, path, self.expected)
        out: dict[str, InterestGroup] = {}
        for name, sub, child in named_items(node, ctx, path):
            if isinstance(child, ys.SequenceNode):
                out[name] = InterestGroup(
                    topics=self.topics.convert(child, ctx, sub), source=ctx.loc(child)
                )
            else:
                group = self.group.convert(child, ctx, sub)
                if group is not INVALID:
                    out[name] = group
        return out

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        topics = self.topics.json_schema(defs)
        return {
            "anyOf": [
                topics,
                {
                    "type": "object",
                    "additionalProperties": {"anyOf": [topics, self.group.json_schema(defs)]},
                },
            ]
        }
