"""The one store of the profile for a build: the parsed profile (per files read), the
facts the configuration and the theme need of it, the problems already told and the
metrics, all kept while the files they were made from are unchanged (the one rule of
:mod:`.stamps`).

The store lives with the build's configuration (``cv.store``) and is never pickled with
it: Sphinx pickles its config into environment.pickle, and the parsed profile is for this
process only (pickled, it made environment.pickle ten times larger, and every rebuild
unpickled the whole profile again). What outlives the process is saved beside the
doctrees by :mod:`sphinx_cv.profile_facts` and :mod:`sphinx_cv.web.stamp`, each keyed by
a stamp.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import loader
from .dates import CvDate
from .problems import Problem
from .profile import Person
from .stamps import Stamp, stale, stamp

if TYPE_CHECKING:
    from .loader import LoadResult
    from .metrics import Metric


@dataclass
class ProfileFacts:
    """What the configuration and the theme need of the profile (the person, the updated
    date, the files it reads, the scripts its text uses): saved beside the doctrees, so a
    no-op rebuild does not parse the profile for them."""

    person: Person | None = None
    updated: CvDate | None = None
    files: list[str] = field(default_factory=list)
    """The profile, then the BibTeX files it loads."""
    unicode_engine: bool = False
    """Its text needs xelatex (or lualatex): pdflatex cannot set some of it."""
    cjk: bool = False
    example: str = ""
    """A character that asks for that engine."""
    images: list[tuple[str, str]] = field(default_factory=list)
    """(publication id, ``image``) of each publication with a thumbnail: what the HTML
    build copies, without parsing the profile when it is unchanged."""
    problems: list[Problem] = field(default_factory=list)
    """What loading the files reported: told again on each build that does not parse."""
    stamp: Stamp = ()
    """The files' stamp taken before they were read."""
    digests: dict[str, str] = field(default_factory=dict)
    """The digest of each part of the profile (:mod:`.digests`): whether a page showing
    a part must be read again is known without parsing the profile."""

    @property
    def name(self) -> str | None:
        return self.person.name if self.person is not None else None


class ProfileStore:
    """This process's profile, by the files it was read from; see the module's doc."""

    def __init__(self) -> None:
        self._parsed: dict[tuple[str, tuple[str, ...], str | None], LoadResult] = {}
        self.facts: ProfileFacts | None = None
        """This build's facts, once known."""
        self.reported: set[str] = set()
        """Profile problems already told in this build."""
        self.metrics: tuple[Stamp, dict[str, Metric]] | None = None
        """metrics.yaml's counts with the stamp they were read at."""
        self.web: dict[str, Any] = {}
        """The website outputs' state in this build (see :mod:`sphinx_cv.web.stamp`)."""
        self.fragments: Any = None
        """The publications' HTML kept between builds (see :mod:`sphinx_cv.fragments`)."""

    def __reduce__(self) -> tuple[type[ProfileStore], tuple[()]]:
        return (ProfileStore, ())  # pickled empty: see the module's doc

    def is_empty(self) -> bool:
        return not (self._parsed or self.facts or self.reported or self.metrics or self.web)

    def get(
        self, path: str, bibtex_files: Sequence[str] = (), site: str | None = None
    ) -> tuple[LoadResult, bool]:
        """(result, fresh): ``fresh`` is True when the files were (re)read just now."""
        key = (path, tuple(bibtex_files), site)
        cached = self._parsed.get(key)
        if cached is not None and not stale(cached.stamp):
            return cached, False
        # The profile's stamp is taken before it is read (an edit made meanwhile is
        # noticed next time); the BibTeX files it names are known only after.
        before = stamp([path])
        result = loader.load_profile(path, bibtex_files, site=site)
        result.stamp = before + stamp(result.files[1:] + result.missing)
        self._parsed[key] = result
        return result, True
