"""The entries' HTML kept beside the doctrees: one file, read once per build, added
to when a build renders new entries (see :mod:`sphinx_cv.fragments`)."""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import get_config
from ..data.files import write_atomically
from ..setaside import PLACEHOLDER

if TYPE_CHECKING:
    from ..data.publication import Publication

FILE = "sphinx-cv-fragments.jsonl"
"""A line of JSON saying the format, then one line per entry: [key, html, words, single
paragraph]; a later line for a key stands over an earlier one."""
FORMAT = 2
"""The cache file's format; a file of another is ignored."""

# Python attributes (kept with the pickled doctree, never written out):
MARK = "cv_fragment"
"""On an entry built in full: (key, writer context) to keep its HTML under."""
CACHED = PLACEHOLDER
"""The attribute of a placeholder (a node attribute: Sphinx copies a page for LaTeX,
singlehtml and texinfo, and a copy keeps only those): (writer context, recipe,
[(key, publication id, number, label, anchor) of each entry it stands for]); the
recipe, (directive options, numbered, whether smart quotes were applied to the page),
builds the entries again."""
START = "cv_fragment_start"
KEYS = "cv_fragment_keys"
"""On the environment: docname -> the keys its lists use."""
HELD = "cv_fragment_placeholders"
"""On the environment: the documents holding placeholders (no other page is walked)."""

Fragment = list[Any]
"""[html, the entry's words, whether the entry is a single paragraph]."""


def digest(*parts: object) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(repr(part).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


class FragmentCache:
    """The entries' HTML kept beside the doctrees, for one HTML builder's build."""

    def __init__(self, folder: Path, context: str) -> None:
        self.folder = folder
        self.appendable = False
        """Whether the file holds this format: new entries can be added at its end."""
        self.context = context
        """What the builder and its settings add to every key (:func:`writer_context`)."""
        self._frags: dict[str, Fragment] | None = None
        self.new: dict[str, Fragment] = {}
        """Written in this process since the last save."""
        self.pid = os.getpid()
        self.worker_file = ""
        self.hits = 0
        """Entries left as placeholders by this process's reads."""
        self.stored = 0
        """Entries whose HTML this process wrote and kept anew."""
        self._pubs: dict[int, tuple[Publication, str]] = {}
        self.split: Callable[[str], list[str]] | None = None
        """How an entry's text is split into the words kept for the search index: as
        the index splits it when its language splits words apart from their
        neighbours (:func:`word_splitter`), else by text node."""

    @property
    def frags(self) -> dict[str, Fragment]:
        """key -> fragment: the file read when first needed (a build that reads and
        writes no page with a publication list does not read it)."""
        if self._frags is None:
            self._frags, self.appendable = _read(self.folder / FILE)
        return self._frags

    @property
    def loaded(self) -> bool:
        return self._frags is not None

    def pub_digest(self, pub: Publication) -> str:
        """Everything shown of ``pub`` (its fields and ``x-`` extras, not where they
        were written), once per publication read."""
        known = self._pubs.get(id(pub))
        if known is not None and known[0] is pub:
            return known[1]
        made = digest(pub, pub.extras)
        self._pubs[id(pub)] = (pub, made)  # the publication kept: its id stays its own
        return made

    def put(self, key: str, frag: Fragment) -> None:
        if self.frags.get(key) != frag:  # not a page written again, unread
            self.new[key] = frag
            self.stored += 1

    def flush_worker(self) -> None:
        """In a process forked to write pages in parallel: save what it rendered for
        the main process to take (:meth:`save`)."""
        if os.getpid() == self.pid or not self.new:
            return
        if not self.worker_file:
            self.worker_file = str(self.folder / f"{FILE}.{os.getpid()}-{secrets.token_hex(4)}")
        with contextlib.suppress(OSError):  # else rendered again next time
            write_atomically(self.worker_file, json.dumps(self.new, ensure_ascii=False))

    def save(self, used: set[str]) -> None:
        """Keep the entries ``used`` (the keys of the pages read), with those rendered
        in this build, here or by the processes writing in parallel."""
        for path in glob.glob(glob.escape(str(self.folder / FILE)) + ".*"):
            try:
                with open(path, encoding="utf-8") as fh:
                    data = json.load(fh)
                os.unlink(path)
            except (OSError, ValueError, UnicodeDecodeError):
                continue
            if isinstance(data, dict):
                self.new.update((k, v) for k, v in data.items() if _valid(v))
        if not self.new and not self.loaded:
            return  # nothing read, nothing rendered: the file stays as it is
        added = {k: v for k, v in self.new.items() if k in used and self.frags.get(k) != v}
        self.new = {}
        self.frags.update(added)
        unused = sum(1 for k in self.frags if k not in used)
        path = str(self.folder / FILE)
        try:
            if self.appendable and unused * 4 <= len(self.frags):
                # Few entries unused: the new ones are added at the end (an edit
                # writes a line or two, not the whole file).
                if added:
                    with open(path, "a", encoding="utf-8") as fh:
                        fh.write("".join(_line([k, *v]) for k, v in added.items()))
                return
            self._frags = kept = {k: v for k, v in self.frags.items() if k in used}
            self.folder.mkdir(parents=True, exist_ok=True)
            rows = [_line({"format": FORMAT})]
            rows += [_line([k, *v]) for k, v in kept.items()]
            write_atomically(path, "".join(rows))
            self.appendable = True
        except OSError:
            pass  # a read-only build folder: rendered again next time


def _read(path: Path) -> tuple[dict[str, Fragment], bool]:
    """The fragments saved in ``path``, and whether new ones can be added at its
    end; none when the file is missing, unreadable or of another format. A damaged
    line (a build stopped while it was written) is left out."""
    frags: dict[str, Fragment] = {}
    try:
        # Only a regular file is read: a FIFO would hang, /dev/zero never ends.
        if not stat.S_ISREG(path.stat().st_mode):
            return frags, False
        lines = path.read_text(encoding="utf-8").split("\n")
        header = json.loads(lines[0])
    except (OSError, ValueError, UnicodeDecodeError):
        return frags, False
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        return frags, False
    rows = [line for line in lines[1:] if line]
    # A file that does not end its last line (a build stopped while adding to it)
    # or holds a damaged line is written anew when saved.
    intact = lines[-1] == ""
    try:
        parsed = json.loads("[" + ",".join(rows) + "]")  # one call: much faster
    except ValueError:
        intact = False
        parsed = []
        for line in rows:
            with contextlib.suppress(ValueError):
                parsed.append(json.loads(line))
    for row in parsed:
        if isinstance(row, list) and len(row) == 4 and isinstance(row[0], str) and _valid(row[1:]):
            frags[row[0]] = row[1:]
        else:
            intact = False
    return frags, intact


_ENCODER = json.JSONEncoder(ensure_ascii=False)
"""One encoder for every line (``json.dumps`` with an option makes one per call)."""


def _line(value: object) -> str:
    return _ENCODER.encode(value) + "\n"


def _valid(frag: object) -> bool:
    return (
        isinstance(frag, list)
        and len(frag) == 3
        and isinstance(frag[0], str)
        and isinstance(frag[1], str)
        and isinstance(frag[2], bool)
    )


def fragment_cache(config: Any) -> FragmentCache | None:
    cache = get_config(config).store.fragments
    return cache if isinstance(cache, FragmentCache) else None
