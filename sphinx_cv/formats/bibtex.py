"""BibTeX: publications in, publications out.

Reading uses :func:`sphinx_cv.data.bibtex.load_bibtex` (its public entry point); what the
profile has no field for is kept in each publication's ``x-bibtex``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..data.problems import Subtype
from . import Exported, Imported
from .common import SourceError, each

if TYPE_CHECKING:
    from ..data.problems import Problem
    from ..data.profile import Profile


def load(paths: str | Sequence[str]) -> Imported:
    """The publications of one .bib file, or of several read together."""
    path = paths if isinstance(paths, str) else ", ".join(paths)
    pubs, problems = read_publications(paths)
    if not pubs and any(p.subtype == Subtype.FILE for p in problems):
        raise SourceError(f"{path}: " + "; ".join(p.describe() for p in problems))
    imp = Imported({"publications": pubs}, problems=problems, entries=len(pubs))
    from ..data.bibtex.types import ENTRY_TYPE_KEY

    for pub in pubs:
        imp.kept.update(str(k) for k in each(pub.get("x-bibtex")) if k != ENTRY_TYPE_KEY)
    if not pubs and not problems:  # a JSON or text file, say: an honest exit status
        imp.problem(
            path,
            "no BibTeX entries found",
            Subtype.BIBTEX,
            expected="a .bib file with entries such as @article{key, ...}",
        )
    return imp


def read_publications(paths: str | Sequence[str]) -> tuple[list[dict[str, object]], list[Problem]]:
    """The entries of .bib files as profile data (duplicate keys renamed, not dropped),
    exactly the entries a build reading them keeps."""
    from ..data.bibtex import load_bibtex
    from ..data.yamldump import record_data

    pubs, problems = load_bibtex(paths)
    return [record_data(p) for p in pubs], list(problems)


def dump(profile: Profile) -> Exported:
    from ..data.bibexport import to_bibtex, unexported_links

    entries = [to_bibtex(p) for p in profile.publications]
    links = sum(len(unexported_links(p)) for p in profile.publications)
    missing = f"links without a BibTeX field ({links})" if links else ""
    name = os.path.basename(profile.source.file) if profile.source else "the profile"
    text = f"% Exported from {name} with 'sphinx-cv export bibtex'.\n\n"
    return Exported(text + "\n\n".join(entries) + ("\n" if entries else ""), missing)
