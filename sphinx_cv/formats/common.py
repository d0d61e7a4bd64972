"""Helpers the importers share: reading files, front matter, dates, ids, safe links."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import unicodedata
from collections.abc import Iterable
from typing import TypeVar, overload

import yaml

from ..data.dates import PRESENT_WORDS
from ..data.links import (
    is_safe_link,
    link_problem,
    looks_like_url,
    make_link,
    normalize_url,
)
from ..data.problems import Location, Subtype
from ..data.yamlsource import JSONValue
from . import Imported


class SourceError(Exception):
    """The source cannot be read at all (missing, not UTF-8, not the format): one line."""


def read_text(path: str) -> str:
    """A file's text, read through :func:`sphinx_cv.data.files.read_file` (regular files
    only, size-limited), as UTF-8 with universal newlines."""
    from ..data.files import FileRefused, read_file

    try:
        data = read_file(path)  # never blocks on a FIFO, never reads /dev/zero forever
    except FileRefused as err:
        raise SourceError(f"{path}: {err}") from None
    except FileNotFoundError:
        raise SourceError(f"no such file: {path}") from None
    except OSError as err:
        raise SourceError(f"cannot read {path}: {err.strerror or err}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise SourceError(f"{path}: not UTF-8 text (byte {err.start}); save it as UTF-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_json(path: str) -> JSONValue:
    try:
        data: JSONValue = json.loads(read_text(path))
        return data
    except json.JSONDecodeError as err:
        raise SourceError(f"{path}:{err.lineno}:{err.colno}: not valid JSON: {err.msg}") from None


def load_yaml(path: str, imp: Imported) -> object:
    """A YAML file's data (dates as :class:`datetime.date`); a syntax error is a located
    problem and gives None."""
    text = read_text(path)
    try:
        data: object = yaml.safe_load(text)
        return data
    except yaml.YAMLError as err:
        report_yaml_error(imp, path, err)
        return None


def report_yaml_error(
    imp: Imported,
    path: str,
    err: yaml.YAMLError,
    line_offset: int = 0,
    what: str = "not valid YAML",
) -> None:
    mark = getattr(err, "problem_mark", None)
    line = mark.line + 1 + line_offset if mark is not None else line_offset + 1
    column = mark.column + 1 if mark is not None else 0
    reason = getattr(err, "problem", None) or str(err).splitlines()[0]
    imp.problem(Location(path, line, column), f"{what}: {reason}; skipped", Subtype.YAML)


_T = TypeVar("_T")


@overload
def clean(value: str) -> str: ...
@overload
def clean(value: _T) -> _T | str: ...


def clean(value: object) -> object:
    """Text stripped of stray byte-order marks and outer spaces; other values as they are."""
    if isinstance(value, str):
        return value.replace("\ufeff", "").strip()
    return value


def empty(value: object) -> bool:
    return value is None or (isinstance(value, str | list | dict) and not clean(value))


def child_dict(data: dict[str, object], key: str) -> dict[str, object]:
    """``data[key]``, a mapping, made when missing (``setdefault`` for typed data)."""
    value = data.get(key)
    if isinstance(value, dict):
        return value
    new: dict[str, object] = {}
    data[key] = new
    return new


def child_list(data: dict[str, object], key: str) -> list[object]:
    """``data[key]``, a list, made when missing (``setdefault`` for typed data)."""
    value = data.get(key)
    if isinstance(value, list):
        return value
    new: list[object] = []
    data[key] = new
    return new


def dicts(value: object) -> list[dict[str, object]]:
    """The mappings in ``value`` when it is a list (what a YAML list of entries holds)."""
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def entry_list(data: dict[str, object], key: str) -> list[dict[str, object]]:
    """``data[key]``, a list of entries the importer made, made when missing."""
    value = data.get(key)
    if isinstance(value, list):
        return value  # only the importer itself puts lists of entries there
    new: list[dict[str, object]] = []
    data[key] = new
    return new


def get_in(value: object, *keys: str) -> object:
    """The value at a path of mapping keys (``get_in(meta, "hugoblox", "ids")``), or
    None where a step is missing or not a mapping."""
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def each(value: object) -> Iterable[object]:
    """What ``for item in value or []`` walks: a list's items (a text's characters, a
    mapping's keys); nothing for a value that cannot be walked."""
    if not value:
        return ()
    return value if isinstance(value, Iterable) else ()


def strings(value: object) -> list[str]:
    """The texts in ``value`` when it is a list (author names, tags)."""
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


# --- front matter ------------------------------------------------------------------------

_FENCE = re.compile(r"^---[ \t]*$", re.M)


def front_matter(path: str, imp: Imported) -> tuple[dict[str, object] | None, str]:
    """A Markdown file's YAML front matter and body. Invalid front matter is reported at
    its file:line and gives None; a file without front matter gives ({}, text)."""
    text = read_text(path)
    if not text.startswith("---"):
        return {}, text
    fences = list(_FENCE.finditer(text))
    if len(fences) < 2 or fences[0].start() != 0:
        imp.problem(
            Location(path, 1, 1),
            "front matter not closed by a '---' line; skipped",
            Subtype.YAML,
            expected="front matter between two '---' lines",
        )
        return None, text
    head = text[fences[0].end() : fences[1].start()]
    body = text[fences[1].end() :].lstrip("\n")
    try:
        meta: object = yaml.safe_load(head)
    except yaml.YAMLError as err:
        # The text parsed starts right after the first "---", on line 1.
        report_yaml_error(imp, path, err, what="front matter is not valid YAML")
        return None, body
    if meta is None:
        return {}, body
    if not isinstance(meta, dict):
        imp.problem(
            Location(path, 2, 1),
            "front matter is not a mapping; skipped",
            Subtype.TYPE,
            expected="key: value lines",
        )
        return None, body
    return meta, body


# --- values ------------------------------------------------------------------------------


def iso_date(value: object) -> int | str:
    """A date as the profile writes it: ``2016`` (a year), ``2016-01-01``, or the text."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return value
    text = clean(str(value)) if value is not None else ""
    if re.fullmatch(r"[12]\d{3}", text):
        return int(text)
    stamp = re.fullmatch(r"(\d{4}-\d{1,2}-\d{1,2})[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?", text)
    if stamp:
        return _padded(stamp.group(1))
    if re.fullmatch(r"\d{4}-\d{1,2}(-\d{1,2})?", text):
        return _padded(text)
    us = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", text)
    if us:  # US M/D/YY, as academicpages' TSV files write dates
        month, day, year = (int(g) for g in us.groups())
        if year < 100:
            year += 2000 if year < 70 else 1900
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return text
    return text


def _padded(text: str) -> str:
    return "-".join(part.zfill(2) for part in text.split("-"))


_RANGE = re.compile(r"^\s*(.+?)\s*(?:-|–|—|to)\s*(.+?)\s*$")


def date_range(value: object) -> dict[str, int | str]:
    """``{"start": 1933, "end": 1955}`` from ``1933 - 1955``, ``2017-2019``, ``2015-now``
    or ``2023 - present``; ``{"date": 1905}`` from a single date; ``{}`` from nothing.
    A date such as ``2019-05`` is one date, not a range."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return {}
    if not isinstance(value, str) or re.fullmatch(r"\s*\d{4}-\d{1,2}(-\d{1,2})?\s*", value):
        return {"date": iso_date(value)}
    found = _RANGE.match(value)
    if found and re.match(r"^\d{4}", found.group(1)):
        end = found.group(2)
        return {
            "start": iso_date(found.group(1)),
            "end": "present" if end.lower() in PRESENT_WORDS else iso_date(end),
        }
    return {"date": iso_date(value)}


def jsonable(value: object) -> JSONValue:
    """Front matter values as YAML writes them back (dates as text)."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return iso_date(value)
    if value is None or isinstance(value, bool | int | float | str):
        return clean(value)
    return str(value)  # what else YAML makes (!!binary, !!set): as text


def year_of(value: object) -> int | None:
    found = re.search(r"(?<!\d)([12]\d{3})(?!\d)", str(iso_date(value)) if value else "")
    return int(found.group(1)) if found else None


def html_text(value: str) -> str:
    """Text without HTML tags and with entities decoded (``&amp;`` -> ``&``)."""
    text = re.sub(r"<br\s*/?>", " ", value, flags=re.I)
    text = re.sub(r"<[^>]+>", "", text)
    return " ".join(html.unescape(text).replace("\ufeff", "").split())


def has_html(value: str) -> bool:
    return bool(re.search(r"<[a-zA-Z/][^>]*>|&[a-z]+;|&#\d+;", value))


def safe_url(value: object) -> str | None:
    """``value`` as a link the site may show, or None: the one link policy
    (:func:`..data.links.link_problem`) decides, as for the profile."""
    if not isinstance(value, str):
        return None
    text = clean(value)
    markdown = re.fullmatch(r"\[[^\]]*\]\((\S+)\)", text)  # [x](url), as some sites write
    if markdown:
        text = markdown.group(1)
    if not looks_like_url(text):
        return None
    text = normalize_url(text)
    return text if is_safe_link(text) else None


def refused_link(value: object) -> str | None:
    """Why the link policy refuses ``value`` (``javascript:``, a control character...),
    or None when it is safe or no link at all (plain text may be kept under ``x-``;
    a refused link is dropped)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    return link_problem(text) and link_problem(normalize_url(text))


def link_url(label: str, value: object) -> str | None:
    """A profile link's URL from a label and a URL or bare id (``github: name``)."""
    if not isinstance(value, str | int) or empty(str(value)):
        return None
    link = make_link(label, clean(str(value)))
    return safe_url(link.url) if link is not None else None


# --- ids ---------------------------------------------------------------------------------

_STOP = frozenset(
    {
        "a",
        "an",
        "the",
        "on",
        "of",
        "in",
        "for",
        "and",
        "to",
        "with",
        "from",
        "at",
        "by",
        "is",
        "are",
        "towards",
        "toward",
    }
)


def make_id(title: object, year: object, used: set[str], first_author: str = "") -> str:
    """``smith2024scaling``-style id from the first author's last name, the year and the
    title's first word; ``-2``, ``-3``... when taken."""

    def ascii_words(text: str) -> list[str]:
        folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return re.findall(r"[a-z0-9]+", folded.lower())

    words = [w for w in ascii_words(html_text(str(title or ""))) if w not in _STOP]
    last = ascii_words(
        first_author.split(",")[0] if "," in first_author else (first_author.split() or [""])[-1]
    )
    base = "".join([*last[-1:], str(year or ""), *words[:1]]) or "publication"
    ident, n = base, 2
    while ident in used:
        ident, n = f"{base}-{n}", n + 1
    used.add(ident)
    return ident


def slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", folded.lower()))


# --- author lists ------------------------------------------------------------------------

_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.?[\s-]*)+$")


def citation_authors(citation: str) -> list[str]:
    """The authors of a formatted citation: the text before the year in parentheses
    (``Briody, A. C., Cardenas, M. B., & Bennett, P. C. (2016). Title...``) or before
    the quoted title (``Anna Vesely, Livio Finos (2023). "Title"``)."""
    text = html_text(citation)
    head = re.split(r"\(\s*(?:[12]\d{3}|n\.d\.|in press)[a-z]?\s*\)|\"|“", text, maxsplit=1)[0]
    head = head.strip().rstrip(",;: ")
    if not re.search(r"\b[A-Z]\.$", head):
        head = head.rstrip(".")
    if not head or len(head) > 2000:
        return []
    parts = [p.strip() for p in re.split(r",|;|\s&\s|&|\band\b", head) if p.strip()]
    etal = any(p.lower().rstrip(".") == "et al" for p in parts)
    parts = [p for p in parts if p.lower().rstrip(".") != "et al"]
    names: list[str] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        nxt = parts[i + 1] if i + 1 < len(parts) else ""
        if nxt and _INITIALS.match(nxt) and not _INITIALS.match(part):
            names.append(f"{nxt} {part}")  # APA: "Briody, A. C." -> "A. C. Briody"
            i += 2
            continue
        names.append(part)
        i += 1
    return [*names, "et al."] if etal and names else names


DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+[^\s\"<>.,;)])")


def find_doi(*texts: object) -> str | None:
    """The first DOI in the texts (a citation, a doi.org link)."""
    for text in texts:
        found = DOI.search(str(text or ""))
        if found:
            return found.group(1)
    return None
