"""Importers and exporters, registered by name (see STYLE.md, point 17).

Every importer is a function ``load(source: str) -> Imported``: the profile data it read
(ready for :func:`~sphinx_cv.data.yamldump.profile_yaml` or a merge), the problems it
met, each with the file and line it is about, and what it kept under ``x-<format>``
because the profile has no field for it. Every exporter is a function
``dump(profile) -> Exported``. The ``sphinx-cv import`` and ``export`` commands list and
call them from :data:`IMPORTERS` and :data:`EXPORTERS`; a new format is one row here and
one module.

Modules are named, not imported, so ``sphinx-cv --help`` stays fast (as pybtex names its
plugins by entry point).
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..data.problems import Location, Problem, Subtype

if TYPE_CHECKING:
    from ..data.profile import Profile


@dataclass
class Imported:
    """What an importer read: profile data, located problems, and what was kept."""

    data: dict[str, object]
    """Profile data: mappings, lists and scalars as the profile YAML holds them (values
    read from a YAML source may be dates)."""
    problems: list[Problem] = field(default_factory=list)
    kept: Counter[str] = field(default_factory=Counter)
    """Field paths kept under ``x-<format>`` (the profile has no field for them)."""
    entries: int = 0
    """How many entries (publications, talks, jobs...) the source holds."""
    notes: list[str] = field(default_factory=list)
    """Further remarks for the user, one line each (duplicates dropped, ...)."""

    def problem(
        self,
        where: Location | str,
        message: str,
        subtype: Subtype = Subtype.VALUE,
        path: str = "",
        value: str | None = None,
        expected: str | None = None,
    ) -> None:
        location = where if isinstance(where, Location) else Location(where)
        self.problems.append(Problem(subtype, message, location, path, value, expected))

    def kept_summary(self) -> str:
        """``work[].description (2), basics.location.address``."""
        return ", ".join(
            f"{path} ({n})" if n > 1 else path for path, n in sorted(self.kept.items()) if n > 0
        )


@dataclass
class Exported:
    """An exporter's file text and what the format has no place for (a summary)."""

    text: str
    missing: str = ""


@dataclass(frozen=True)
class Importer:
    name: str
    help: str
    """What the source is, for ``--help``."""
    source: str
    """``file``, ``dir`` or ``any`` (a file, or something to fetch such as an ORCID iD)."""
    module: str
    function: str = "load"
    several: bool = False
    """Whether several sources are read together (``load`` then takes a list)."""

    @property
    def load(self) -> Callable[[str | list[str]], Imported]:
        """The importer: called with one source, or a list of them when ``several``."""
        loaded: Callable[[str | list[str]], Imported] = getattr(
            importlib.import_module(self.module, __name__), self.function
        )
        return loaded

    @property
    def x_key(self) -> str:
        return f"x-{self.name}"


@dataclass(frozen=True)
class Exporter:
    name: str
    help: str
    title: str
    """The format's name in messages ("JSON Resume has no place for ...")."""
    module: str
    function: str = "dump"

    @property
    def dump(self) -> Callable[[Profile], Exported]:
        dumped: Callable[[Profile], Exported] = getattr(
            importlib.import_module(self.module, __name__), self.function
        )
        return dumped


IMPORTERS: dict[str, Importer] = {
    i.name: i
    for i in (
        Importer("bibtex", ".bib file(s) (publications)", "file", ".bibtex", several=True),
        Importer(
            "jsonresume", "a JSON Resume resume.json (a whole profile)", "file", ".jsonresume"
        ),
        Importer("csl", "CSL-JSON, as Zotero exports it (publications)", "file", ".csl"),
        Importer("academicpages", "an academicpages (Jekyll) site folder", "dir", ".academicpages"),
        Importer("alfolio", "an al-folio (Jekyll) site folder", "dir", ".alfolio"),
        Importer("rendercv", "a RenderCV YAML file (a whole CV)", "file", ".rendercv"),
        Importer("hugoblox", "a HugoBlox / Hugo Academic site folder", "dir", ".hugoblox"),
        Importer(
            "ris",
            "RIS, as Google Scholar, EndNote, Zotero and Mendeley export it (publications)",
            "file",
            ".ris",
        ),
        Importer(
            "orcid",
            "an ORCID record: a saved public-API JSON file, or an ORCID iD to fetch",
            "any",
            ".orcid",
        ),
    )
}
"""Importers by name, in the order ``--help`` lists them."""

EXPORTERS: dict[str, Exporter] = {
    e.name: e
    for e in (
        Exporter("jsonresume", "the profile as a JSON Resume", "JSON Resume", ".jsonresume"),
        Exporter("bibtex", "the publications as BibTeX", "BibTeX", ".bibtex"),
        Exporter("csl", "the publications as CSL-JSON (Zotero, pandoc)", "CSL-JSON", ".csl"),
    )
}
"""Exporters by name."""
