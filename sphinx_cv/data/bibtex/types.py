"""What the BibTeX reader and writer share: the entry record, a file's text with offsets
turned into locations, and the tables mapping BibTeX to the profile's publications.

The writer (:mod:`sphinx_cv.data.bibexport`) and the reader (:mod:`.reader`,
:mod:`.entries`) both import from here, so each table is written once and neither
imports the other.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .. import pubtypes
from ..converter import Context, normalize_key
from ..problems import Location, Subtype
from ..publication import PUB_TYPE


@dataclass
class Entry:
    """One entry as read: its type, key, extent and raw fields."""

    type: str
    """Entry type in lower case (``inproceedings``)."""
    key: str
    start: int
    """Offset of the ``@``."""
    end: int
    """Offset after the closing brace."""
    fields: dict[str, tuple[str, int]] = field(default_factory=dict)
    """Lower-case field name -> (raw value, offset of the field name); first one wins."""


class SourceText:
    """One BibTeX file's text, with offsets turned into locations for problems."""

    def __init__(self, path: str, text: str, ctx: Context) -> None:
        self.path = path
        self.text = text
        self.ctx = ctx
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def loc(self, offset: int) -> Location:
        line = bisect.bisect_right(self.line_starts, offset)
        return Location(self.path, line, offset - self.line_starts[line - 1] + 1)

    def report(
        self,
        subtype: Subtype,
        offset: int,
        path: str,
        message: str,
        *,
        value: object = None,
        expected: str | None = None,
    ) -> None:
        self.ctx.report(subtype, self.loc(offset), path, message, value=value, expected=expected)


# --- entry types and publication types ---------------------------------------------------

ENTRY_TYPES = {t.name: t.bibtex for t in pubtypes.PUB_TYPES}
"""Publication type -> the entry type exports use for it."""
ENTRY_TYPE_KEY = "entrytype"
"""Key in ``x-bibtex`` for the entry type, when it is not the one exports use for the kind."""

TYPE_WORDS = PUB_TYPE.words
"""A ``pubtype`` or ``type`` word (normalised) -> publication type."""
# With the BibTeX and biblatex entry types the profile format has no alias for.
READ_ENTRY_TYPES = {
    **TYPE_WORDS,
    **{
        normalize_key(entry_type): t.name
        for t in pubtypes.PUB_TYPES
        for entry_type in t.bibtex_reads
    },
}
"""An entry type (normalised) -> the publication type it reads as."""

# --- fields ------------------------------------------------------------------------------

VENUE_FIELD = {t.name: t.venue_field for t in pubtypes.PUB_TYPES}
"""Publication type -> the field exports write the venue to."""
VENUE_FIELDS = ("journal", "booktitle", "eventtitle", "school", "institution", "howpublished")
"""Fields a venue is read from, first found first."""
FIELD_ALIASES = {
    "github": "code",
    "repo": "code",
    "featured": "selected",
    "highlight": "selected",
    "pubstate": "status",
    "issue": "number",
    "journaltitle": "journal",
    "arxivid": "arxiv",
}
"""Fields read as another when that one is absent."""
INHERITED = (
    "booktitle",
    "eventtitle",
    "journal",
    "editor",
    "year",
    "month",
    "date",
    "publisher",
    "volume",
    "number",
    "series",
    "address",
    "location",
    "organization",
    "school",
    "institution",
    "howpublished",
)
"""Fields a ``crossref`` fills in from the entry it names (not its own links or ids)."""
CONTAINER_TYPES = frozenset({"proceedings", "mvproceedings", "collection", "mvcollection"})
"""Entry types that are only there for their title when an entry crossrefs them."""
STATUS_WORDS = {
    "inpress": "In press",
    "forthcoming": "Forthcoming",
    "toappear": "To appear",
    "submitted": "Submitted",
    "insubmission": "In submission",
    "accepted": "Accepted",
    "inpreparation": "In preparation",
    "prepublished": "Prepublished",
    "underreview": "Under review",
}
"""Publication states (normalised) as shown."""

# Entry types an arXiv id turns into a preprint; others (@inproceedings with an arXiv
# version) stay what they are.
_ARXIV_READS = {entry_type: t for t in pubtypes.PUB_TYPES for entry_type in t.bibtex_arxiv}
# Preprint servers and report series: an @article "in" one of them is a preprint.
_ARXIV_VENUE = re.compile(
    r"^\s*(arxiv|corr|biorxiv|medrxiv|chemrxiv|psyarxiv|socarxiv|ssrn|eccc|"
    r"electron(ic|\.)\s+colloq\w*|iacr\s+cryptol|cryptology\s+e-?print|"
    r"iacr\s+e-?print|research\s*square|preprints\.org)\b",
    re.I,
)
_WORDS = [(t, re.compile(t.bibtex_word, re.I)) for t in pubtypes.PUB_TYPES if t.bibtex_word]


def entry_kind(
    entry_type: str,
    *,
    keywords: str | None = None,
    booktitle: str | None = None,
    venue: str | None = None,
    arxiv: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
) -> tuple[str, str]:
    """The kind of an entry without a ``pubtype``, and the field that told it: from the
    entry type, the word 'workshop' in the keywords or booktitle, and arXiv signs.

    ``venue`` is the venue read (text); the others are fields as written. The writer
    calls it too, to know whether an export needs a ``pubtype`` to read back the same.
    """
    kind = READ_ENTRY_TYPES.get(normalize_key(entry_type), pubtypes.MISC)
    for marked, word in _WORDS:
        if word.search(keywords or ""):
            return marked.name, "keywords"
        if kind in marked.bibtex_word_in and word.search(booktitle or ""):
            return marked.name, "booktitle"
    preprint = _ARXIV_READS.get(entry_type.lower())
    if preprint:
        # An arXiv paper, not (yet) one in a journal or proceedings.
        if venue and _ARXIV_VENUE.match(venue):
            return preprint.name, ""
        if (
            not pubtypes.pub_type(kind).periodical
            and not venue
            and (
                arxiv
                or (publisher or "").strip().lower() == "arxiv"
                or "arxiv.org/" in (url or "").lower()
            )
        ):
            return preprint.name, ""
    return kind, ""
