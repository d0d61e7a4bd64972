"""Author names as profiles and BibTeX files write them: normalized (``Last, First``
turned round, ``others`` read as et al.), with their notes (equal contribution,
corresponding author, student) and an optional link; :class:`Authors` converts a list.
"""

from __future__ import annotations

import re
from typing import Any

from . import yamlsource as ys
from .converter import INVALID, Context, Converter, Invalid, wrong_type
from .links import LINK_EXPECTED, link_problem
from .problems import Subtype
from .scripts import full_name


def normalize_name(raw: str) -> str:
    """``Song, Qingyu`` -> ``Qingyu Song``; ``others`` -> ``et al.``; spaces folded."""
    name = " ".join(raw.replace("{", "").replace("}", "").split())
    if name.lower() in ("others", "et al", "et al."):
        return "et al."
    if "," in name:
        parts = [p.strip() for p in name.split(",")]
        if len(parts) == 2 and all(parts):
            return full_name(parts[1], parts[0])
        if len(parts) == 3 and all(parts):  # von Last, Jr, First
            return f"{parts[2]} {parts[0]}, {parts[1]}"
    return name


AUTHOR_NOTES = {"equal": "*", "corresponding": "†", "student": "student"}
"""Author notes by name -> how they are shown: a mark after the name (``*`` equal
contribution, ``†`` corresponding author), or ``student`` (the name underlined, as
BibTeX files mark students with ``\\underline``). Any other note is a free mark shown as
written."""

NOTE_WORDS = {
    "equal": "equal",
    "equal contribution": "equal",
    "co-first": "equal",
    "*": "equal",
    "corresponding": "corresponding",
    "corresponding author": "corresponding",
    "†": "corresponding",
    "student": "student",
}

_MARKS = re.compile(r"(?:\s*(?:[*†‡§¶#]|\^\{?[*†‡§¶#]\}?))+$")


def split_marks(name: str) -> tuple[str, tuple[str, ...]]:
    """``Jane Doe*`` -> (``Jane Doe``, (``equal``,)); ``Jane Doe†`` -> corresponding;
    any other trailing mark (``‡``, ``§``, ``#``) is kept as a free mark."""
    found = _MARKS.search(name)
    if not found or found.start() == 0:
        return name, ()
    marks = list(re.sub(r"[\s^{}]", "", found.group(0)))
    return name[: found.start()].rstrip(), tuple(NOTE_WORDS.get(m, m) for m in marks)


class AuthorName(str):
    """An author's name that links to their page (``{name: ..., url: ...}``) and carries
    notes (``equal``, ``corresponding``, ``student`` or a free mark)."""

    url: str | None = None
    notes: tuple[str, ...] = ()

    def __new__(cls, name: str, url: str | None = None, notes: tuple[str, ...] = ()) -> AuthorName:
        made = super().__new__(cls, name)
        made.url = url
        made.notes = tuple(dict.fromkeys(notes))
        return made

    def __reduce__(  # pickled with the saved profile facts
        self,
    ) -> tuple[type[AuthorName], tuple[str, str | None, tuple[str, ...]]]:
        return (AuthorName, (str(self), self.url, self.notes))


def author(raw: str, url: str | None = None, notes: tuple[str, ...] = ()) -> str:
    """The author ``raw`` names, its marks (``Doe*``) read as notes: a plain ``str``
    when it has neither a link nor a note."""
    name, marks = split_marks(normalize_name(raw))
    notes = (*notes, *marks)
    return AuthorName(name, url, notes) if url or notes else name


class Authors(Converter[list[str]]):
    """``A and B and C`` (BibTeX), a list of names, or a list of ``{given, family}``,
    each with an optional ``url`` (the name links to it)."""

    expected = "a list of names, or names joined with ' and '"

    def convert(self, node: ys.Node, ctx: Context, path: str) -> list[str] | Invalid:
        if isinstance(node, ys.ScalarNode):
            text = ys.scalar_text(node).strip()
            if not text:
                return INVALID
            parts = re.split(r"\s+and\s+", text) if re.search(r"\sand\s", text) else [text]
            if len(parts) == 1 and text.count(",") >= 2:
                parts = text.split(",")
            return [author(p) for p in parts if p.strip()]
        if not isinstance(node, ys.SequenceNode):
            return wrong_type(ctx, node, path, self.expected)
        out: list[str] = []
        for i, item in enumerate(node.value):
            sub = f"{path}[{i}]"
            if isinstance(item, ys.ScalarNode):
                if ys.scalar_text(item).strip():
                    out.append(author(ys.scalar_text(item)))
            elif isinstance(item, ys.MappingNode):
                fields = {
                    ys.scalar_text(k).lower(): ys.scalar_text(v)
                    for k, v in ys.iter_mapping(item)
                    if isinstance(k, ys.ScalarNode) and isinstance(v, ys.ScalarNode)
                }
                name = (
                    fields.get("name")
                    or fields.get("literal")
                    or full_name(
                        fields.get("given") or fields.get("first") or "",
                        fields.get("family") or fields.get("last") or "",
                    )
                )
                url = fields.get("url") or fields.get("homepage")
                why = link_problem(url) if url else None
                if why is not None:
                    ctx.report(
                        Subtype.VALUE,
                        item,
                        f"{sub}.url",
                        f"{why}; the name is not linked",
                        value=url,
                        expected=LINK_EXPECTED,
                    )
                    url = None
                notes: tuple[str, ...] = ()
                if fields.get("note"):
                    notes = tuple(
                        NOTE_WORDS.get(n.strip().lower(), n.strip())
                        for n in re.split(r"[,;]", fields["note"])
                        if n.strip()
                    )
                if name:
                    out.append(author(name, url, notes))
                else:
                    wrong_type(ctx, item, sub, "a name, or {given, family}")
            else:
                wrong_type(ctx, item, sub, "a name")
        return out

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        person = {
            "type": "object",
            "properties": {
                k: {"type": "string"}
                for k in (
                    "name",
                    "literal",
                    "given",
                    "family",
                    "first",
                    "last",
                    "url",
                    "homepage",
                    "note",
                )
            },
        }
        return {
            "anyOf": [
                {"type": "string"},
                {"type": "array", "items": {"anyOf": [{"type": "string"}, person]}},
            ]
        }


AUTHORS = Authors()
