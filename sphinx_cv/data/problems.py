"""Problems found in a profile: what is wrong, where, and what was expected.

Every problem carries the subtype under which Sphinx reports it (``cv.<subtype>``),
so users can silence one kind with ``suppress_warnings``.
"""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass


class Subtype(str, enum.Enum):
    """Warning subtypes, reported by Sphinx as ``cv.<value>``."""

    FILE = "file"
    """The profile or a BibTeX file is missing or unreadable."""
    YAML = "yaml"
    """The profile is not valid YAML."""
    TYPE = "type"
    """A field has the wrong type (a list where text was expected, ...)."""
    REQUIRED = "required"
    """A required field (a publication's ``id`` or ``title``, ...) is missing."""
    UNKNOWN_KEY = "unknown_key"
    """A key the format does not know (usually a typo); it is ignored."""
    DUPLICATE_KEY = "duplicate_key"
    """The same key appears twice in one mapping; the later one wins."""
    VALUE = "value"
    """A value outside the allowed set (an unknown publication type, ...)."""
    DATE = "date"
    """A date or year that cannot be read."""
    DATE_ORDER = "date_order"
    """An entry ends before it starts."""
    DUPLICATE_ID = "duplicate_id"
    """Two publications share one id."""
    UNKNOWN_REF = "unknown_ref"
    """A reference (interest tag, ``:pub:`` role, ``:ids:`` option) names no publication."""
    BIBTEX = "bibtex"
    """A BibTeX file or entry that cannot be read."""
    CONFIG = "config"
    """A ``cv_*`` configuration value is invalid."""
    DIRECTIVE = "directive"
    """A directive option is invalid."""
    I18N = "i18n"
    """A text given per language (``{en: ..., zh_CN: ...}``) has no text for the language
    being built; the main language's text is shown instead."""

    @property
    def doc(self) -> str:
        return _collect_docs()[self]


@functools.cache
def _collect_docs() -> dict[Subtype, str]:
    # Attribute docstrings are not kept at run time; read them from the source once,
    # when first asked (the docs and the CLI need them, a build does not).
    import ast
    import inspect
    import itertools

    docs: dict[Subtype, str] = {}
    tree = ast.parse(inspect.getsource(Subtype))
    body = tree.body[0].body  # type: ignore[attr-defined]
    for stmt, nxt in itertools.pairwise(body):
        if (
            isinstance(stmt, ast.Assign)
            and isinstance(nxt, ast.Expr)
            and isinstance(nxt.value, ast.Constant)
        ):
            name = stmt.targets[0].id  # type: ignore[attr-defined]
            docs[Subtype[name]] = str(nxt.value.value)
    return docs


@dataclass(frozen=True)
class Location:
    """A place in a source file; ``line`` and ``column`` count from 1."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line and self.column:
            return f"{self.file}:{self.line}:{self.column}"
        if self.line:
            return f"{self.file}:{self.line}"
        return self.file


@dataclass(frozen=True)
class Problem:
    """One problem in the input, ready to be shown to the user."""

    subtype: Subtype
    message: str
    location: Location
    path: str = ""
    """Field path such as ``publications[3].year``; empty for file-level problems."""
    value: str | None = None
    """The offending value, as the user wrote it."""
    expected: str | None = None

    def describe(self) -> str:
        """The message without the location: ``path: message: got 'x'; expected y``."""
        text = f"{self.path}: {self.message}" if self.path else self.message
        if self.value is not None:
            text += f" (got {self.value})"
        if self.expected:
            text += f"; expected {self.expected}"
        return text

    def __str__(self) -> str:
        return f"{self.location}: {self.describe()} [cv.{self.subtype.value}]"


def show_value(value: object, limit: int = 60) -> str:
    """A short quoted rendering of a user value for messages."""
    text = repr(value)
    if len(text) > limit:
        text = text[: limit - 4] + "...'"
    return text
