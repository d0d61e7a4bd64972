"""``--merge``: imported entries added to a profile the user already keeps.

Entries are matched by DOI, then arXiv id, then normalised title and year (for
publications), or by their main fields and year (jobs, degrees, talks...). An entry the
profile has already is never changed, even where the import says otherwise: the user's
edits win, and the fields that differ are listed for review. New entries are appended to
their section. The file is read and written with ruamel.yaml's round trip, so comments,
key order, quoting and layout stay as they were, and it is replaced atomically (a
temporary file beside it, then ``os.replace``). Merging the same import twice changes
nothing: the second time every entry is already present and the file is not rewritten.

:func:`match_key` and :func:`find_match` are also how importers drop the duplicates
within one site (a publication in both a Markdown page and a TSV file).
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, MutableMapping, Sequence, Sized
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..data.converter import normalize_key
from ..data.entries import (
    Award,
    Education,
    Entry,
    NewsItem,
    Position,
    ResearchExperience,
    Service,
    Talk,
    Teaching,
)
from ..data.fields import Record
from ..data.files import write_atomically
from ..data.problems import Problem
from ..data.profile import Person
from ..data.publication import Publication
from ..data.sections import SECTIONS
from .common import SourceError, read_text

if TYPE_CHECKING:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedSeq

RECORDS: dict[str, type] = {s.key: s.record for s in SECTIONS}
"""The profile's list sections and their record types; custom sections hold Entry."""

# The fields that tell one entry from another, per record type (besides the year).
IDENTITY: dict[type, tuple[str, ...]] = {
    Position: ("position", "organization"),
    Education: ("institution", "degree"),
    ResearchExperience: ("organization", "role"),
    Teaching: ("course", "institution"),
    Award: ("title",),
    Service: ("role", "organization"),
    Talk: ("title",),
    NewsItem: ("text",),
    Publication: ("title",),
    Entry: ("title", "organization"),
}
_LOOKUP: dict[type, dict[str, str]] = {}


def canonical(cls: type, key: str) -> str:
    """A key as the record's field name (``company`` -> ``organization``)."""
    lookup = _LOOKUP.get(cls)
    if lookup is None:
        lookup = _LOOKUP[cls] = Record(cls).lookup
    return lookup.get(normalize_key(key), key)


def fields_of(entry: Mapping[str, object], cls: type) -> dict[str, object]:
    return {canonical(cls, str(k)): v for k, v in entry.items()}


def norm_text(value: object) -> str:
    """Lower-case words without accents, markup or punctuation."""
    text = unicodedata.normalize("NFKD", str(value or ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"<[^>]+>|[*_`{}\\]", "", text)
    return " ".join(re.findall(r"\w+", text.lower()))


def _year(entry: Mapping[str, object]) -> str:
    for key in ("year", "date", "start", "end"):
        found = re.search(r"[12]\d{3}", str(entry.get(key) or ""))
        if found:
            return found.group(0)
    return ""


def doi_key(value: object) -> str:
    text = str(value or "").strip().lower()
    return re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", text)


def arxiv_key(entry: Mapping[str, object]) -> str:
    text = str(entry.get("arxiv") or "")
    if not text:
        for key in ("url", "pdf"):
            found = re.search(
                r"arxiv\.org/(?:abs|pdf)/([^\s?#]+?)(?:\.pdf)?$", str(entry.get(key) or "")
            )
            if found:
                text = found.group(1)
                break
    text = re.sub(r"^arxiv:", "", text.strip(), flags=re.I)
    return re.sub(r"v\d+$", "", text).lower()


def match_key(entry: Mapping[str, object], cls: type) -> list[str]:
    """The keys an entry is known by, strongest first: ``doi:...``, ``arxiv:...``, then
    its normalised main fields and year."""
    data = fields_of(entry, cls)
    keys = []
    if cls is Publication:
        if data.get("doi"):
            keys.append("doi:" + doi_key(data["doi"]))
        if arxiv_key(data):
            keys.append("arxiv:" + arxiv_key(data))
    main = " | ".join(norm_text(data.get(f)) for f in IDENTITY.get(cls, ("title",)))
    if main.strip(" |"):
        keys.append(f"text:{main}|{_year(data)}")
    return keys


def find_match(entry: Mapping[str, object], existing: Sequence[object], cls: type) -> int | None:
    """The index of the entry in ``existing`` that ``entry`` is, or None.

    A DOI or arXiv id decides when both entries have one; titles only when they do not
    contradict (two different DOIs are two papers, whatever their titles)."""
    keys = match_key(entry, cls)
    others = [match_key(e, cls) if isinstance(e, Mapping) else [] for e in existing]
    for kind in ("doi:", "arxiv:", "text:"):
        mine = [k for k in keys if k.startswith(kind)]
        if not mine:
            continue
        for i, theirs in enumerate(others):
            if mine[0] in theirs and not _contradict(keys, theirs, kind):
                return i
    return None


def _contradict(mine: list[str], theirs: list[str], upto: str) -> bool:
    """Whether a stronger id (DOI before arXiv before title) differs between them."""
    for kind in ("doi:", "arxiv:"):
        if kind == upto:
            return False
        a = [k for k in mine if k.startswith(kind)]
        b = [k for k in theirs if k.startswith(kind)]
        if a and b and a != b:
            return True
    return False


def plain(value: object) -> object:
    """ruamel's commented maps, lists and strings as plain Python values."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return " ".join(str(value).split())
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def differing(mine: Mapping[str, object], theirs: Mapping[str, object], cls: type) -> list[str]:
    """The fields of the import (``theirs``) that the user's entry (``mine``) has not or
    has otherwise; ids are the user's to choose and not compared."""
    mine_f = {k: plain(v) for k, v in fields_of(mine, cls).items()}
    out = []
    for key, value in fields_of(theirs, cls).items():
        if key == "id":
            continue
        if _same(mine_f.get(key), plain(value)):
            continue
        out.append(key)
    return out


def _same(a: object, b: object) -> bool:
    if a == b:
        return True
    if isinstance(a, str | int) and isinstance(b, str | int):
        return str(a).strip() == str(b).strip()
    return False


# --- merging into a YAML file ------------------------------------------------------------


@dataclass
class MergeResult:
    path: str
    added: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    differs: list[tuple[str, list[str]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    """The merged profile's problems, read back."""
    written: bool = False

    def summary(self) -> str:
        verb = "differs" if len(self.differs) == 1 else "differ"
        text = (
            f"{self.path}: {len(self.added)} added, {len(self.present)} already "
            f"present, {len(self.differs)} {verb}"
        )
        if self.differs:
            text += ": " + "; ".join(
                f"{label} ({', '.join(fields)})" for label, fields in self.differs
            )
        if self.differs:
            text += " (your entries kept; review these fields)"
        return text


def _yaml() -> YAML:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold the user's long lines
    return yaml


def _indent(yaml: YAML, text: str) -> None:
    """Lists written the way the file writes them: indented under their key or not."""
    indented = re.search(r"^[A-Za-z_][\w-]*:[ \t]*\n([ \t]+)- ", text, re.M)
    if indented:
        yaml.indent(mapping=2, sequence=len(indented.group(1)) + 2, offset=len(indented.group(1)))
    else:
        yaml.indent(mapping=2, sequence=2, offset=0)


def merge_into_file(
    path: str, imported: Mapping[str, object], output: str | None = None
) -> MergeResult:
    """Add ``imported`` (profile data) to the profile at ``path``; write the result to
    ``output`` (default: ``path`` itself, replaced atomically) if anything was added."""
    from ruamel.yaml.error import YAMLError

    text = read_text(path)
    yaml = _yaml()
    _indent(yaml, text)
    try:
        doc = yaml.load(text)
    except YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else path
        raise SourceError(f"{where}: the profile is not valid YAML; nothing merged") from None
    if doc is None:
        from ruamel.yaml.comments import CommentedMap

        doc = CommentedMap()
    if not isinstance(doc, MutableMapping):  # ruamel reads a mapping as a CommentedMap
        raise SourceError(f"{path}: the profile is not a mapping of sections; nothing merged")
    result = MergeResult(path)
    merge_data(doc, imported, result)
    if result.added or output:
        buffer = io.StringIO()
        yaml.dump(doc, buffer)
        target = output or path
        write_atomically(target, buffer.getvalue())
        result.written = True
        from ..data.loader import load_profile

        result.problems = load_profile(target).problems
    return result


def merge_data(
    doc: MutableMapping[object, object], imported: Mapping[str, object], result: MergeResult
) -> None:
    """Add what ``imported`` has and ``doc`` (the user's profile) lacks, in place."""
    top: dict[str, object] = {canonical_top(str(k)): k for k in doc}
    pubs = doc.get(top.get("publications", ""), None)
    used_ids = (
        {str(p.get("id")) for p in pubs if isinstance(p, Mapping)}
        if isinstance(pubs, list)
        else set()
    )
    for key, value in imported.items():
        mine_key = top.get(key)
        if key in RECORDS and isinstance(value, list):
            mine = doc[mine_key] if mine_key is not None else None
            if not isinstance(mine, list):
                if mine_key is not None:  # the user's section is not a list: theirs wins
                    result.differs.append((key, ["the whole section"]))
                    continue
                mine = doc[key] = _new_list()
            _merge_list(mine, value, RECORDS[key], key, result, used_ids)
        elif key == "sections" and isinstance(value, Mapping):
            if mine_key is None:
                doc[key] = _to_yaml({})
                mine_key = key
            sections = doc[mine_key]
            if isinstance(sections, MutableMapping):
                _merge_sections(sections, value, result)
        elif key == "person" and isinstance(value, Mapping):
            if mine_key is None:
                doc[key] = _to_yaml(value)
                result.added.append("person")
                continue
            person = doc[mine_key]
            fields = (
                differing(person, value, Person)
                if isinstance(person, Mapping)
                else ["the whole record"]
            )
            if fields:
                result.differs.append(("person", fields))
        elif mine_key is None:
            doc[key] = _to_yaml(value)
            result.added.append(key)
        elif plain(doc[mine_key]) != plain(value):
            result.differs.append((key, ["its value"]))


def canonical_top(key: str) -> str:
    from ..data.profile import Profile

    return canonical(Profile, key)


def _merge_list(
    mine: list[object],
    theirs: Iterable[object],
    cls: type,
    section: str,
    result: MergeResult,
    used_ids: set[str],
) -> None:
    for entry in theirs:
        if not isinstance(entry, Mapping):
            continue
        label = _label(entry, cls, section)
        index = find_match(entry, mine, cls)
        if index is None:
            new = dict(entry)
            if cls is Publication:
                new["id"] = _free_id(str(new.get("id") or "publication"), used_ids)
                label = f"{section}.{new['id']}"
            mine.append(_to_yaml(new))
            result.added.append(label)
            continue
        matched = mine[index]
        if not isinstance(matched, Mapping):  # find_match only matches mappings
            continue
        fields = differing(matched, entry, cls)
        if fields:
            their_label = _label(matched, cls, section)
            result.differs.append((their_label, fields))
        else:
            result.present.append(label)


def _merge_sections(
    mine: MutableMapping[object, object], theirs: Mapping[str, object], result: MergeResult
) -> None:
    for name, section in theirs.items():
        entries = section.get("entries", []) if isinstance(section, Mapping) else section
        if name not in mine:
            mine[name] = _to_yaml(section)
            count = len(entries) if entries and isinstance(entries, Sized) else 0
            result.added += [f"sections.{name}[{i}]" for i in range(count)]
            continue
        target = mine[name]
        if isinstance(target, dict):
            target = target.setdefault("entries", _new_list())
        if not isinstance(target, list):
            result.differs.append((f"sections.{name}", ["the whole section"]))
            continue
        _merge_list(
            target,
            entries if isinstance(entries, list) else [],
            Entry,
            f"sections.{name}",
            result,
            set(),
        )


def _free_id(ident: str, used: set[str]) -> str:
    base, n, out = ident, 2, ident
    while out in used:
        out, n = f"{base}-{n}", n + 1
    used.add(out)
    return out


def _label(entry: Mapping[str, object], cls: type, section: str) -> str:
    data = fields_of(entry, cls)
    if cls is Publication and data.get("id"):
        return f"{section}.{data['id']}"
    main = next((data[f] for f in IDENTITY.get(cls, ("title",)) if data.get(f)), "?")
    year = _year(data)
    return f"{section}: {' '.join(str(main).split())[:60]}" + (f" ({year})" if year else "")


_FLOW = frozenset(
    {"authors", "editors", "tags", "name_variants", "advisor", "mentor", "items", "keywords"}
)


def _to_yaml(value: object, key: str = "") -> object:
    """Plain data as ruamel nodes; short lists of names inline, as the profile writes them."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, Mapping):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = _to_yaml(v, str(k))
        return out
    if isinstance(value, list):
        seq = CommentedSeq(_to_yaml(v) for v in value)
        if key in _FLOW and all(isinstance(v, str | int) for v in value):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and "\n" in value.strip("\n"):
        from ruamel.yaml.scalarstring import LiteralScalarString

        return LiteralScalarString(value)
    return value


def _new_list() -> CommentedSeq:
    from ruamel.yaml.comments import CommentedSeq

    return CommentedSeq()
