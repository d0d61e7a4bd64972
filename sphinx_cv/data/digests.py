"""A digest of each top-level part of a profile, so a page is read again only when a part
it shows has changed: editing a publication re-reads the pages with publication lists,
not a page of talks, and saving the file unchanged re-reads nothing.

A part's digest covers its source text (from its key to the next top-level key); the
``publications`` part also covers ``bibtex`` and the BibTeX files' stamps. When one part
could take values from another (YAML anchors, a top-level ``<<`` merge) or the file is
not a mapping, every part stands for the whole file.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from . import yamlsource as ys
from .converter import normalize_key
from .profile import PROFILE

WHOLE = "*"
"""The part name of the whole profile, for users that do not say which part they show."""

# An anchor (``&name``) where a YAML node property can start; text such as "R&D" is not.
_ANCHOR = re.compile(r"(?:^|[\s\[{,])&[^\s\[\]{},]")


def _has_anchor(text: str) -> bool:
    """Whether ``text`` has an anchor: :data:`_ANCHOR` tried only where an ``&`` is (a
    search of the whole text costs more than the rest of the digests)."""
    at = text.find("&")
    while at != -1:
        if _ANCHOR.match(text, max(at - 1, 0)):
            return True
        at = text.find("&", at + 1)
    return False


def _hash(*texts: str) -> str:
    h = hashlib.blake2b(digest_size=16)
    for text in texts:
        h.update(text.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def part_digests(
    text: str | None,
    root: ys.Node | None,
    file_stamps: Iterable[tuple[str, int | None, int | None]] = (),
) -> dict[str, str]:
    """``{part: digest}`` for the parts written in the profile, plus :data:`WHOLE`; a
    part left out has no entry. ``file_stamps`` are the BibTeX files' (path, mtime,
    size)."""
    bib = repr(list(file_stamps))
    if (
        text is None
        or not isinstance(root, ys.MappingNode)
        or _has_anchor(text)
        or any(key.tag == ys.MERGE_TAG for key, _ in root.value)
    ):
        return {WHOLE: _hash(text or "", bib)}
    starts = [key.start_mark.index for key, _ in root.value] + [len(text)]
    sources: dict[str, list[str]] = {}
    for i, (key, _) in enumerate(root.value):
        name = (
            PROFILE.lookup.get(normalize_key(ys.scalar_text(key)))
            if isinstance(key, ys.ScalarNode)
            else None
        )
        if name is not None:  # an unknown key is reported and shown nowhere
            sources.setdefault(name, []).append(text[starts[i] : starts[i + 1]])
    if "bibtex" in sources or bib != "[]":
        sources.setdefault("publications", []).extend([*sources.get("bibtex", []), bib])
    out = {name: _hash(*parts) for name, parts in sources.items()}
    out[WHOLE] = _hash(*(f"{k}={v}" for k, v in sorted(out.items())))
    return out


def digest_of(digests: dict[str, str], part: str) -> str:
    """What a page showing ``part`` depends on: its digest, '' for a part not written,
    the whole file's when the profile could not be split into parts."""
    if part == WHOLE or len(digests) == 1:
        return digests.get(WHOLE, "")
    return digests.get(part, "")
