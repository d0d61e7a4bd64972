"""When what was made from files is stale: the one rule every cache of sphinx-cv uses
(the parsed profile of this process, the facts kept beside the doctrees, the pages that
show a part of the profile, the website outputs, the metrics).

A file's stamp is its path, ``st_mtime_ns`` and size; a file that cannot be read has
``None`` for both, so its appearing counts as a change. Something made from files is
stale when the stamp taken *before* they were read differs from theirs now: an edit made
while they were being read is not missed.

Same size and same mtime is trusted as unchanged (as make, Sphinx and git do): hashing
every BibTeX file on each no-op rebuild would cost what the stamp saves.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

FileStamp = tuple[str, int | None, int | None]
Stamp = tuple[FileStamp, ...]


def stamp(files: Iterable[str]) -> Stamp:
    """(path, mtime_ns, size) of each file; None for a file that cannot be read."""
    out: list[FileStamp] = []
    for f in files:
        try:
            st = os.stat(f)
            out.append((f, st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((f, None, None))
    return tuple(out)


def stale(saved: Iterable[Iterable[object]]) -> bool:
    """Whether any file of ``saved`` (a stamp, or one read back from JSON as lists)
    changed since it was taken."""
    taken = tuple(tuple(s) for s in saved)
    return stamp(str(s[0]) for s in taken) != taken


def files_of(saved: Stamp) -> list[str]:
    return [path for path, _, _ in saved]
