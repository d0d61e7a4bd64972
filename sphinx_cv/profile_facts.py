"""What the configuration and the theme need of the profile (the person, the updated
date, the files it reads, the scripts its text uses), kept beside the doctrees while
those files are unchanged.

``config-inited`` and ``builder-inited`` run on every build, and the theme draws the
person on pages Sphinx writes every time (search, index): parsing a profile of thousands
of publications for them would make every no-op rebuild pay for it.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from . import __version__
from .config import CvConfig
from .data.scripts import iter_strings, script_needs
from .data.stamps import stale, stamp
from .data.store import ProfileFacts
from .domain import load_profile_once, report_problems

FACTS_FILE = "sphinx-cv-facts.pickle"
FACTS_VERSION = 4


def profile_facts(doctreedir: str | os.PathLike[str], cv: CvConfig) -> ProfileFacts | None:
    """The facts of ``cv``'s profile, or None when there is no profile file; saved in
    the build's ``doctreedir``."""
    store = cv.store
    if store.facts is None and os.path.exists(cv.profile_path):
        store.facts = _saved_facts(Path(doctreedir), cv) or _fresh_facts(Path(doctreedir), cv)
    return store.facts


def _key(cv: CvConfig) -> tuple[object, ...]:
    # The package version too: the records pickled here change with it.
    # The language too: the person's name and position may differ by language.
    return (
        FACTS_VERSION,
        __version__,
        cv.profile_path,
        tuple(cv.bibtex_paths),
        cv.language,
        cv.main_language,
    )


def _saved_facts(doctreedir: Path, cv: CvConfig) -> ProfileFacts | None:
    try:
        with (doctreedir / FACTS_FILE).open("rb") as fh:
            key, saved_stamp, facts = pickle.load(fh)
    except (
        OSError,
        EOFError,
        pickle.UnpicklingError,
        AttributeError,
        ImportError,
        TypeError,
        ValueError,
    ):
        return None  # missing, unreadable or from another version: parse again
    if key != _key(cv) or stale(saved_stamp):
        return None
    # The profile's problems are the build's, even when no page reads it again.
    report_problems(cv, facts.problems)
    return facts


def _fresh_facts(doctreedir: Path, cv: CvConfig) -> ProfileFacts:
    result = load_profile_once(cv)  # reports the problems
    needs = script_needs(iter_strings(result.profile))
    facts = ProfileFacts(
        result.profile.person,
        result.profile.updated,
        list(result.files),
        needs.unicode_engine,
        needs.cjk,
        needs.example,
        images=[(p.id, p.image) for p in result.profile.publications if p.image],
        problems=list(result.problems),
    )
    # The stamp taken before the files were read: an edit made meanwhile is not missed.
    taken = result.stamp or stamp(facts.files)
    saved = doctreedir / FACTS_FILE
    try:
        saved.parent.mkdir(parents=True, exist_ok=True)
        with saved.open("wb") as fh:
            pickle.dump((_key(cv), taken, facts), fh)
    except OSError:
        pass  # a read-only build folder: parse again next time
    return facts
