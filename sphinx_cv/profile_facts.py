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
from typing import TYPE_CHECKING, cast

from . import __version__
from .config import CvConfig, get_config
from .data.digests import digest_of
from .data.scripts import iter_strings, script_needs
from .data.stamps import stale, stamp
from .data.store import ProfileFacts
from .domain import CvDomain, load_profile_once, report_problems

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

FACTS_FILE = "sphinx-cv-facts.pickle"
FACTS_VERSION = 5


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
        # The stamp taken before the files were read: an edit made meanwhile is not missed.
        stamp=result.stamp or stamp(result.files),
        digests=dict(result.digests),
    )
    taken = facts.stamp
    saved = doctreedir / FACTS_FILE
    try:
        saved.parent.mkdir(parents=True, exist_ok=True)
        with saved.open("wb") as fh:
            pickle.dump((_key(cv), taken, facts), fh)
    except OSError:
        pass  # a read-only build folder: parse again next time
    return facts


def outdated_by_profile(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Documents showing a part of the profile that changed since they were read.

    A page's stamp is the one its profile had when the page was read; after an edit that
    leaves the parts a page shows alone, the page is not read again and keeps that older
    stamp. Its parts are then compared with the digests saved in the facts, which are
    current, so the profile is parsed only when its files changed since the facts were
    made, not on every later no-op build."""
    domain = cast(CvDomain, env.get_domain("cv"))
    maybe = [
        (doc, use)
        for doc, use in domain.uses.items()
        if doc not in changed and doc not in removed and stale(use["stamp"])
    ]
    if not maybe:
        return []
    facts = profile_facts(app.doctreedir, get_config(env.config))
    if facts is not None and facts.digests and not stale(facts.stamp):
        digests = facts.digests
    else:
        digests = domain.load().digests
    return [
        doc
        for doc, use in maybe
        if any(digest_of(digests, part) != digest for part, digest in use["parts"].items())
    ]
