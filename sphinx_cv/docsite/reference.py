"""Reference directives: the profile format, directives and roles, ``cv_*`` config values
and warning subtypes, generated from the code as docutils nodes.

Each documented item is a target of a std-domain object type, so prose links to it with
``{cv-option}`publication-list:limit``` and a renamed or removed item breaks the
nitpicky docs build.
"""

from __future__ import annotations

import argparse
import inspect
import os
import re
import textwrap
from collections.abc import Iterable, Iterator

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from ..config import CONFIG_FIELDS, _default
from ..data import fields as f
from ..data import scalars as sc
from ..data.converter import Converter
from ..data.problems import Subtype
from ..data.profile import PROFILE
from ..directives import DIRECTIVES
from ..directives.common import CvDirective, value_kind
from ..directives.profile import CvLinkRole
from ..domain import PubRole

OBJECT_TYPES = (
    "cv-config",
    "cv-directive",
    "cv-role",
    "cv-option",
    "cv-field",
    "cv-warning",
    "cv-command",
    "cv-theme-option",
)

ROLES: dict[str, type] = {"pub": PubRole, "cv-link": CvLinkRole}
"""The roles sphinx-cv registers (tests check this against what setup registers)."""


# --- small node builders -----------------------------------------------------------------


def rst_inline(text: str) -> list[nodes.Node]:
    """Docstring or help text as nodes: ````code```` becomes a literal, the rest text."""
    out: list[nodes.Node] = []
    for i, part in enumerate(re.split(r"``(.+?)``(?!`)", text)):
        if i % 2:
            out.append(nodes.literal(part, part))
        elif part:
            out.append(nodes.Text(part))
    return out


def summary(obj: object) -> str:
    """The first paragraph of an object's docstring, on one line."""
    doc = inspect.cleandoc(obj.__doc__ or "")
    return " ".join(doc.split("\n\n")[0].split())


def paragraph(*children: nodes.Node | str, classes: Iterable[str] = ()) -> nodes.paragraph:
    para = nodes.paragraph(classes=list(classes))
    for child in children:
        para += nodes.Text(child) if isinstance(child, str) else child
    return para


def xref(objtype: str, target: str, text: str | None = None) -> addnodes.pending_xref:
    """A link to another generated item, resolved (or reported missing) by Sphinx."""
    shown = text or target
    return addnodes.pending_xref(
        "",
        nodes.literal(shown, shown),
        refdomain="std",
        reftype=objtype,
        reftarget=target,
        refexplicit=True,
        refwarn=True,
    )


class ReferenceDirective(SphinxDirective):
    """Base: items are definition-list entries that are also cross-reference targets."""

    def anchor(self, objtype: str, name: str) -> str:
        """Register ``name`` as a cross-reference target; return its HTML id."""
        anchor = nodes.make_id(f"{objtype}-{name}")
        std = self.env.get_domain("std")
        std.note_object(objtype, name, anchor, location=self.get_location())  # type: ignore[attr-defined]
        return anchor

    def item(
        self, objtype: str, name: str, term: list[nodes.Node], body: list[nodes.Node]
    ) -> nodes.definition_list_item:
        entry = nodes.definition_list_item(classes=["cv-ref-item", objtype])
        # On the term: HTML writes no element (so no id) for the item itself.
        entry += nodes.term("", "", *term, ids=[self.anchor(objtype, name)])
        entry += nodes.definition("", *body)
        return entry


def term(name: str, *details: str) -> list[nodes.Node]:
    """``name`` in code, then the details in a quieter span."""
    out: list[nodes.Node] = [nodes.literal(name, name)]
    if details:
        text = " · " + " · ".join(details)
        out.append(nodes.inline(text, text, classes=["cv-ref-detail"]))
    return out


# --- configuration values ----------------------------------------------------------------


class ConfigReference(ReferenceDirective):
    """Every ``cv_*`` configuration value: type, default and help (``CvConfig``)."""

    def run(self) -> list[nodes.Node]:
        dl = nodes.definition_list(classes=["cv-reference", "cv-config-reference"])
        for field in CONFIG_FIELDS:
            name = f"cv_{field.name}"
            default = repr(_default(field))
            detail = nodes.inline(
                "",
                f" · {field.type} · default ",
                nodes.literal(default, default),
                classes=["cv-ref-detail"],
            )
            dl += self.item(
                "cv-config",
                name,
                [*term(name), detail],
                [paragraph(*rst_inline(field.metadata["help"]))],
            )
        return [dl]


# --- warning subtypes --------------------------------------------------------------------


class WarningReference(ReferenceDirective):
    """Every warning subtype (``Subtype``), as users write it in ``suppress_warnings``."""

    def run(self) -> list[nodes.Node]:
        dl = nodes.definition_list(classes=["cv-reference", "cv-warning-reference"])
        for subtype in Subtype:
            name = f"cv.{subtype.value}"
            dl += self.item("cv-warning", name, term(name), [paragraph(*rst_inline(subtype.doc))])
        return [dl]


# --- the HTML theme's options ------------------------------------------------------------


def theme_options() -> list[tuple[str, str, str]]:
    """(name, default, help) of each option in the theme's ``theme.conf``; the help is
    the comment block above it (shared by options written right after one another)."""
    from ..theme import THEME_DIR

    out: list[tuple[str, str, str]] = []
    comment: list[str] = []
    section, in_comment = "", False
    with open(os.path.join(THEME_DIR, "theme.conf"), encoding="utf8") as fh:
        for raw in fh:
            line = raw.strip()
            if line.startswith("[") and line.endswith("]"):
                section, comment = line[1:-1], []
            elif line.startswith("#"):
                if not in_comment:
                    comment = []
                comment.append(line.lstrip("#").strip())
            elif not line:
                comment = []
            elif section == "options" and "=" in line:
                name, _, default = (part.strip() for part in line.partition("="))
                out.append((name, default, " ".join(comment)))
            in_comment = line.startswith("#")
    return out


class ThemeReference(ReferenceDirective):
    """Every option of the ``sphinx_cv`` HTML theme (``html_theme_options``)."""

    def run(self) -> list[nodes.Node]:
        dl = nodes.definition_list(classes=["cv-reference", "cv-theme-reference"])
        for name, default, help_text in theme_options():
            shown = default or "(empty)"
            detail = nodes.inline(
                "", " · default ", nodes.literal(shown, shown), classes=["cv-ref-detail"]
            )
            dl += self.item(
                "cv-theme-option", name, [*term(name), detail], [paragraph(*rst_inline(help_text))]
            )
        return [dl]


# --- the command line -------------------------------------------------------------------


def cli_commands() -> dict[str, argparse.ArgumentParser]:
    """``sphinx-cv``'s parser and its subcommands' parsers, by name ('' for the top)."""
    from .. import cli

    def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
        return {
            name: sub
            for action in parser._actions
            if isinstance(action, argparse._SubParsersAction)
            for name, sub in action.choices.items()
        }

    commands = {"": cli._parser()}
    for name, parser in subcommands(commands[""]).items():
        commands[name] = parser
        # Commands with actions of their own (metrics update): each its own entry.
        commands.update({f"{name} {action}": sub for action, sub in subcommands(parser).items()})
    return commands


def command_formats(parser: argparse.ArgumentParser) -> list[str]:
    """The choices of a command's FORMAT argument (``import bibtex``...), if it has one."""
    for action in parser._actions:
        if action.dest == "format" and action.choices:
            return list(action.choices)
    return []


def help_text(parser: argparse.ArgumentParser) -> str:
    """``--help`` output at a fixed width, whatever the terminal."""
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "88"
    try:
        text = parser.format_help().rstrip()
    finally:
        if old is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = old
    # Raw descriptions keep their long lines; wrap them as the rest is.
    lines = []
    for line in text.splitlines():
        indent = line[: len(line) - len(line.lstrip())]
        lines += textwrap.wrap(line, 88, subsequent_indent=indent) or [""]
    return "\n".join(lines)


class CliReference(ReferenceDirective):
    """Every ``sphinx-cv`` command with its ``--help``, one section each."""

    def run(self) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for name, parser in cli_commands().items():
            text = help_text(parser)
            block = nodes.literal_block(text, text, language="text")
            if not name:
                out.append(block)
                continue
            title = f"sphinx-cv {name}"
            sec = nodes.section(
                ids=[self.anchor("cv-command", name)], names=[nodes.fully_normalize_name(title)]
            )
            sec += nodes.title(title, title)
            formats = command_formats(parser)
            if formats:  # each a target of its own: {cv-command}`import bibtex`
                para = paragraph(nodes.strong("Formats: ", "Formats: "))
                for i, fmt in enumerate(formats):
                    shown = f"{title} {fmt}"
                    if i:
                        para += nodes.Text(", ")
                    para += nodes.literal(
                        shown, shown, ids=[self.anchor("cv-command", f"{name} {fmt}")]
                    )
                sec += para
            sec += block
            out.append(sec)
        return out


# --- directives and roles ----------------------------------------------------------------


def usage(name: str, argument: str) -> nodes.paragraph:
    """``.. name:: ARG`` and its MyST form, then options one per line below."""
    arg = f" {argument}" if argument else ""
    rst, myst = f".. {name}::{arg}", f"```{{{name}}}{arg}"
    return paragraph(
        "Written ",
        nodes.literal(rst, rst),
        " in reStructuredText, ",
        nodes.literal(myst, myst),
        " in MyST, with the options on the lines below as ",
        nodes.literal(":name: value", ":name: value"),
        ".",
    )


class DirectiveReference(ReferenceDirective):
    """``NAME``: one directive (its arguments and every option) or role. Without an
    argument: every directive and role with a one-line summary, linked to its entry."""

    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        if not self.arguments:
            return [self.overview()]
        name = self.arguments[0].strip()
        if name in DIRECTIVES:
            return self.directive(name, DIRECTIVES[name])
        if name in ROLES:
            return self.role(name, ROLES[name])
        known = ", ".join([*DIRECTIVES, *ROLES])
        raise self.error(
            f"cv-directive-reference: no directive or role {name!r}; expected one of {known}"
        )

    def overview(self) -> nodes.definition_list:
        dl = nodes.definition_list(classes=["cv-reference", "cv-directive-overview"])
        entries: list[tuple[str, str, type]] = [
            ("cv-directive", n, c) for n, c in DIRECTIVES.items()
        ]
        entries += [("cv-role", n, c) for n, c in ROLES.items()]
        for objtype, name, cls in entries:
            shown = name if objtype == "cv-directive" else f":{name}:"
            item = nodes.definition_list_item()
            item += nodes.term("", "", xref(objtype, name, shown))
            item += nodes.definition("", paragraph(*rst_inline(summary(cls))))
            dl += item
        return dl

    def directive(self, name: str, cls: type[CvDirective]) -> list[nodes.Node]:
        argument = cls.argument_help.split(":", 1)[0] if cls.argument_help else ""
        if cls.optional_arguments and argument:
            argument = f"[{argument}]"
        head = nodes.container(ids=[self.anchor("cv-directive", name)], classes=["cv-ref-head"])
        head += [paragraph(*rst_inline(summary(cls))), usage(name, argument)]
        out: list[nodes.Node] = [head]
        if cls.argument_help:
            out.append(
                paragraph(nodes.strong("Argument: ", "Argument: "), *rst_inline(cls.argument_help))
            )
        options = nodes.definition_list(classes=["cv-reference", "cv-option-reference"])
        for option, converter in (cls.option_spec or {}).items():
            help_text = cls.option_help.get(option, "")
            options += self.item(
                "cv-option",
                f"{name}:{option}",
                term(f":{option}:", value_kind(converter)),
                [paragraph(*rst_inline(help_text))],
            )
        out += [paragraph(nodes.strong("Options", "Options")), options]
        return out

    def role(self, name: str, cls: type) -> list[nodes.Node]:
        text = f":{name}:`...`  (reStructuredText)\n{{{name}}}`...`  (MyST)"
        body = [
            paragraph(*rst_inline(summary(cls))),
            nodes.literal_block(text, text, language="text", classes=["cv-usage"]),
        ]
        head = nodes.container(ids=[self.anchor("cv-role", name)], classes=["cv-ref-head"])
        head += body
        return [head]


# --- the profile format ------------------------------------------------------------------

SCALAR_KINDS: dict[type, str] = {
    sc.Bool: "yes/no",
    sc.Date: "date",
    sc.Year: "year",
    sc.Month: "month",
}


def nested_records(conv: Converter[object]) -> Iterator[type]:
    """Record classes a converter holds (through lists, maps and custom converters)."""
    if isinstance(conv, f.Record):
        yield conv.cls
        return
    for value in vars(conv).values():
        if isinstance(value, Converter):
            yield from nested_records(value)


def all_records() -> list[type]:
    """Every record class of the profile, breadth first from the top level."""
    order: list[type] = []
    queue = [PROFILE.cls]
    while queue:
        cls = queue.pop(0)
        if cls in order:
            continue
        order.append(cls)
        for _, spec in f.record_fields(cls):
            queue.extend(nested_records(spec.converter))
    return order


def record_anchor(cls: type) -> str:
    return nodes.make_id(f"cv-record-{cls.__name__}")


def record_title(cls: type) -> str:
    if cls is PROFILE.cls:
        return "Top-level keys"
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", cls.__name__).capitalize()


def record_link(cls: type) -> nodes.reference:
    title = record_title(cls).lower()
    return nodes.reference(title, title, internal=True, refid=record_anchor(cls))


def kind_nodes(conv: Converter[object]) -> list[nodes.Node]:
    """What a field holds, in words, with links to the records it contains."""
    if isinstance(conv, f.Record):
        return [record_link(conv.cls)]
    if isinstance(conv, f.ListOf):
        item = kind_nodes(conv.item)
        return [nodes.Text("list of "), *item, nodes.Text(" (or just one)" if conv.single else "")]
    if isinstance(conv, sc.Choice):
        return [nodes.Text("one of " + ", ".join(conv.choices))]
    if isinstance(conv, sc.Pattern):
        return [nodes.Text(conv.expected)]
    if isinstance(conv, sc.Text):
        kind = "text (inline Markdown)" if conv.markdown else "text"
        return [nodes.Text(kind + ", or per language")]
    for cls, text in SCALAR_KINDS.items():
        if isinstance(conv, cls):
            return [nodes.Text(text)]
    out: list[nodes.Node] = [nodes.Text(conv.expected)]
    records = list(dict.fromkeys(nested_records(conv)))
    if records:
        out.append(nodes.Text(" (see "))
        for i, cls in enumerate(records):
            if i:
                out.append(nodes.Text(", "))
            out.append(record_link(cls))
        out.append(nodes.Text(")"))
    return out


class ProfileReference(ReferenceDirective):
    """Every key of the profile: one section per kind of record, each field with its
    type, aliases and help (from the model that validates profiles and makes the schema)."""

    def run(self) -> list[nodes.Node]:
        records = all_records()
        used_in: dict[type, list[tuple[type, str]]] = {}
        for cls in records:
            for name, spec in f.record_fields(cls):
                for inner in dict.fromkeys(nested_records(spec.converter)):
                    used_in.setdefault(inner, []).append((cls, name))
        return [self.section(cls, used_in.get(cls, [])) for cls in records]

    def section(self, cls: type, used: list[tuple[type, str]]) -> nodes.section:
        title = record_title(cls)
        sec = nodes.section(ids=[record_anchor(cls)], names=[nodes.fully_normalize_name(title)])
        sec += nodes.title(title, title)
        sec += paragraph(*rst_inline(summary(cls)))
        if used:
            para = paragraph("Used in: ")
            for i, (parent, name) in enumerate(used):
                if i:
                    para += nodes.Text(", ")
                para += xref("cv-field", field_name(parent, name))
            para += nodes.Text(".")
            sec += para
        short = getattr(cls, "from_scalar", None)
        if short is not None:
            first = f.record_fields(cls)[0][0]
            text = summary(short) or f"one line of text, which becomes its ``{first}``."
            sec += paragraph("Short form: ", *rst_inline(text))
        dl = nodes.definition_list(classes=["cv-reference", "cv-profile-reference"])
        for name, spec in f.record_fields(cls):
            body: list[nodes.Node] = [paragraph(*rst_inline(spec.help))]
            if spec.aliases:
                body.append(
                    paragraph(
                        "Also accepted as: ",
                        *join_literals(spec.aliases),
                        ".",
                        classes=["cv-ref-aliases"],
                    )
                )
            kind = nodes.inline("", " · ", *kind_nodes(spec.converter), classes=["cv-ref-detail"])
            if spec.required:
                kind += nodes.Text(" · required")
            dl += self.item("cv-field", field_name(cls, name), [*term(name), kind], body)
        sec += dl
        return sec


def field_name(cls: type, name: str) -> str:
    """Cross-reference name of a field: ``publication.venue``; top-level keys bare."""
    if cls is PROFILE.cls:
        return name
    return f"{cls.__name__.lower()}.{name}"


def join_literals(words: Iterable[str]) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for i, word in enumerate(words):
        if i:
            out.append(nodes.Text(", "))
        out.append(nodes.literal(word, word))
    return out


def documented_names() -> dict[str, list[str]]:
    """Every name the reference pages document, by object type (for the tests)."""
    fields = [field_name(cls, name) for cls in all_records() for name, _ in f.record_fields(cls)]
    options = [
        f"{name}:{option}" for name, cls in DIRECTIVES.items() for option in cls.option_spec or {}
    ]
    return {
        "cv-config": [f"cv_{fd.name}" for fd in CONFIG_FIELDS],
        "cv-directive": list(DIRECTIVES),
        "cv-role": list(ROLES),
        "cv-option": options,
        "cv-field": fields,
        "cv-warning": [f"cv.{s.value}" for s in Subtype],
        "cv-command": [
            n
            for name, parser in cli_commands().items()
            if name
            for n in (name, *(f"{name} {fmt}" for fmt in command_formats(parser)))
        ],
        "cv-theme-option": [name for name, _, _ in theme_options()],
    }
