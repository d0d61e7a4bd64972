"""Lists of links as the profile writes them (``links:`` of the person, a paper, a talk,
an entry): the :class:`Links` converter, and :func:`entry_links`, the links an entry of
any section shows. The link policy itself is in :mod:`.links`.
"""

from __future__ import annotations

from typing import Any

from . import yamlsource as ys
from .converter import INVALID, Context, Converter, Invalid, join_path, wrong_type
from .links import LINK_EXPECTED, Link, kind_from_url, label_for, link_problem, make_link
from .problems import Subtype


class Links(Converter[list[Link]]):
    """``{label: url}`` or a list of URLs / ``{label, url}`` mappings."""

    expected = "a mapping of labels to URLs, or a list of {label, url}"

    def convert(self, node: ys.Node, ctx: Context, path: str) -> list[Link] | Invalid:
        out: list[Link] = []
        if isinstance(node, ys.MappingNode):
            for key, value in ys.iter_mapping(node):
                if not isinstance(key, ys.ScalarNode):
                    wrong_type(ctx, key, path, "a label as key")
                    continue
                label = ys.scalar_text(key)
                self._add(out, label, value, ctx, join_path(path, label))
        elif isinstance(node, ys.SequenceNode):
            for i, item in enumerate(node.value):
                sub = f"{path}[{i}]"
                if isinstance(item, ys.MappingNode):
                    fields = {
                        ys.scalar_text(k).lower(): v
                        for k, v in ys.iter_mapping(item)
                        if isinstance(k, ys.ScalarNode)
                    }
                    url = fields.pop("url", None) or fields.pop("href", None)
                    label_node = (
                        fields.pop("label", None)
                        or fields.pop("network", None)
                        or fields.pop("name", None)
                        or fields.pop("title", None)
                    )
                    username = fields.pop("username", None)
                    for extra in fields:
                        ctx.report(
                            Subtype.UNKNOWN_KEY,
                            item,
                            join_path(sub, extra),
                            "unknown field, ignored",
                            value=extra,
                            expected="label, url, username",
                        )
                    label = (
                        ys.scalar_text(label_node) if isinstance(label_node, ys.ScalarNode) else ""
                    )
                    target = url or username
                    if target is None:
                        ctx.report(
                            Subtype.REQUIRED,
                            item,
                            join_path(sub, "url"),
                            "link without url; skipped",
                            expected="a URL",
                        )
                        continue
                    self._add(out, label, target, ctx, sub)
                elif isinstance(item, ys.ScalarNode):
                    self._add(out, "", item, ctx, sub)
                else:
                    wrong_type(ctx, item, sub, "a URL or {label, url}")
        else:
            return self._single(node, ctx, path)
        return out

    def _single(self, node: ys.Node, ctx: Context, path: str) -> list[Link] | Invalid:
        out: list[Link] = []
        self._add(out, "", node, ctx, path)
        return out or INVALID

    @staticmethod
    def _add(out: list[Link], label: str, node: ys.Node, ctx: Context, path: str) -> None:
        if not isinstance(node, ys.ScalarNode):
            wrong_type(ctx, node, path, "a URL")
            return
        value = ys.scalar_text(node).strip()
        if not value:
            return
        link = make_link(label or value, value) if label else make_link("url", value)
        if link is None:
            why = link_problem(value)
            if why is not None:
                ctx.report(
                    Subtype.VALUE,
                    node,
                    path,
                    f"{why}; dropped",
                    value=value,
                    expected=LINK_EXPECTED,
                )
                return
            ctx.report(
                Subtype.VALUE,
                node,
                path,
                "not a URL",
                value=value,
                expected="a URL (https://...), a site path (/files/x.pdf) or a known id",
            )
            return
        if not label:
            kind = kind_from_url(link.url)
            link = Link(label_for(kind) if kind != "other" else "Link", link.url, kind)
        out.append(link)

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        item = {
            "anyOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "properties": {
                        "label": {"type": "string"},
                        "network": {"type": "string"},
                        "name": {"type": "string"},
                        "title": {"type": "string"},
                        "url": {"type": "string"},
                        "href": {"type": "string"},
                        "username": {"type": "string"},
                    },
                    "additionalProperties": False,
                },
            ]
        }
        return {
            "anyOf": [
                {"type": "object", "additionalProperties": {"type": "string"}},
                {"type": "array", "items": item},
                {"type": "string"},
            ]
        }


LINKS = Links()


def entry_links(entry: Any) -> list[Link]:
    """The links an entry of any section shows, in order (its ``all_links()`` when it
    has shorthand fields, else its ``links``)."""
    all_links = getattr(entry, "all_links", None)
    return list(all_links() if all_links is not None else getattr(entry, "links", []))
