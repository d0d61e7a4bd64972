"""Sphinx warnings for sphinx-cv: ``type="cv"`` and a subtype from one Enum."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

from .data.problems import Problem, Subtype

if TYPE_CHECKING:
    from docutils.nodes import Node

LOGGER = logging.getLogger("sphinx_cv")


def warn(
    message: str,
    subtype: Subtype,
    location: str | tuple[str | None, int | None] | Node | None = None,
) -> None:
    """``location``: a document name, ``file:line``, (docname, line) or a node."""
    LOGGER.warning(message, type="cv", subtype=subtype.value, location=location)


def report(problem: Problem) -> None:
    """A data-layer problem as a Sphinx warning located at ``file:line:col``."""
    where = str(problem.location)
    if ":" not in where:
        # A whole file (missing, unreadable): Sphinx would read a location without a
        # colon as a document name, and ask an environment that may not exist yet.
        warn(f"{where}: {problem.describe()}", problem.subtype)
        return
    warn(problem.describe(), problem.subtype, where)
