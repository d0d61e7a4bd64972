"""Citation counts: ``metrics.yaml`` beside the profile, and the polite client that
fills it from OpenAlex (or Semantic Scholar / Crossref).

The file maps publication ids to ``{citations: N, source: OpenAlex, date: YYYY-MM-DD}``.
The build only reads it (never the network); ``sphinx-cv metrics update`` writes it,
atomically, keeping entries the user edited by hand (``source: manual``, or any entry
whose source is not the one being fetched) unless told to replace them.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import os
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import yaml

from .problems import Location, Problem, Subtype
from .publication import Publication
from .yamlsource import JSONValue

METRICS_FILE = "metrics.yaml"
SOURCES = ("openalex", "semanticscholar", "crossref")
SOURCE_NAMES = {
    "openalex": "OpenAlex",
    "semanticscholar": "Semantic Scholar",
    "crossref": "Crossref",
}
BASE_URLS = {
    "openalex": "https://api.openalex.org",
    "semanticscholar": "https://api.semanticscholar.org",
    "crossref": "https://api.crossref.org",
}
BASE_URL_ENV = "SPHINX_CV_METRICS_URL"
"""Overrides the service's base URL (tests point it at a local server)."""


@dataclass(frozen=True)
class Metric:
    citations: int
    source: str = ""
    date: str = ""


def metrics_path(profile_path: str) -> str:
    return os.path.join(str(Path(profile_path).absolute().parent), METRICS_FILE)


def read_metrics(path: str) -> tuple[dict[str, Metric], list[Problem]]:
    """The counts in ``path`` (none when the file does not exist) and the problems of
    entries that could not be read, each with its line."""
    problems: list[Problem] = []
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError) as err:
        return {}, [
            Problem(Subtype.FILE, f"cannot read the citation counts: {err}", Location(path))
        ]
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        return {}, [Problem(Subtype.YAML, f"not valid YAML: {getattr(err, 'problem', err)}", where)]
    if root is None:
        return {}, []
    if not isinstance(root, yaml.MappingNode):
        return {}, [
            Problem(
                Subtype.TYPE,
                "expected a mapping of publication ids",
                _loc(path, root),
                expected="<id>: {citations: N, ...}",
            )
        ]
    out: dict[str, Metric] = {}
    for key, value in root.value:
        pub_id = str(key.value)
        where = _loc(path, value)
        if not isinstance(value, yaml.MappingNode):
            problems.append(
                Problem(
                    Subtype.TYPE,
                    "not a mapping",
                    where,
                    path=pub_id,
                    expected="{citations: N, source: ..., date: ...}",
                )
            )
            continue
        fields = {str(k.value): v for k, v in value.value if isinstance(k, yaml.ScalarNode)}
        count = fields.get("citations")
        raw = count.value if isinstance(count, yaml.ScalarNode) else None
        if raw is None or not re.fullmatch(r"\d{1,9}", str(raw).strip()):
            problems.append(
                Problem(
                    Subtype.VALUE,
                    "bad citation count",
                    _loc(path, count) if count is not None else where,
                    path=f"{pub_id}.citations",
                    value=repr(raw) if raw is not None else None,
                    expected="a whole number, 0 or more",
                )
            )
            continue
        source = fields.get("source")
        date = fields.get("date")
        out[pub_id] = Metric(
            int(str(raw).strip()),
            str(source.value) if isinstance(source, yaml.ScalarNode) else "",
            str(date.value) if isinstance(date, yaml.ScalarNode) else "",
        )
    return out, problems


def _loc(path: str, node: yaml.Node) -> Location:
    mark = node.start_mark
    return Location(path, mark.line + 1, mark.column + 1)


def h_index(counts: Iterable[int]) -> int:
    """The largest h such that h papers have at least h citations each."""
    ordered = sorted(counts, reverse=True)
    return sum(1 for i, c in enumerate(ordered, 1) if c >= i)


def dump_metrics(metrics: dict[str, Metric]) -> str:
    data = {
        pub_id: {"citations": m.citations, "source": m.source, "date": m.date}
        for pub_id, m in sorted(metrics.items())
    }
    header = (
        "# Citation counts, written by `sphinx-cv metrics update`; the build reads\n"
        "# them, never the network. An entry with `source: manual` is kept as is.\n"
    )
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


# -- fetching -------------------------------------------------------------------------------


def clean_doi(doi: str) -> str:
    return re.sub(r"^(?:doi:|https?://(?:dx\.)?doi\.org/)", "", doi.strip(), flags=re.I)


def clean_arxiv(arxiv: str) -> str:
    text = re.sub(r"^(?:arxiv:|https?://arxiv\.org/abs/)", "", arxiv.strip(), flags=re.I)
    return re.sub(r"v\d+$", "", text)


def identifier(pub: Publication) -> str | None:
    """The DOI, else the arXiv DOI (10.48550/arXiv.<id>, which OpenAlex and Crossref
    know); None when the paper has neither."""
    if pub.doi:
        return clean_doi(pub.doi)
    if pub.arxiv:
        return "10.48550/arXiv." + clean_arxiv(pub.arxiv)
    return None


class FetchError(Exception):
    """One line saying why a request failed."""


RETRIES = 2
"""How often a request answered 429 or 503 is asked again."""
MAX_RETRY_WAIT = 60.0
"""The longest wait a ``Retry-After`` may ask for; longer, the run stops."""


class _Busy(Exception):
    def __init__(self, code: int, wait: float) -> None:
        super().__init__(code)
        self.code = code
        self.wait = wait


def _retry_after(value: str | None, default: float) -> float:
    """Seconds from a ``Retry-After`` header (seconds or an HTTP date)."""
    if not value:
        return max(default, 1.0)
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return max(default, 1.0)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return max(0.0, (when - dt.datetime.now(dt.timezone.utc)).total_seconds())


def _why(reason: object) -> str:
    if isinstance(reason, TimeoutError | socket.timeout):
        return "timed out"
    return str(getattr(reason, "strerror", None) or reason)


class _Response(Protocol):
    """What :attr:`Client.opener` answers (an HTTP response; a stand-in in tests)."""

    def read(self) -> bytes: ...


@dataclass
class Client:
    """A polite HTTP client: a User-Agent with a contact address, a pause between
    requests, a timeout, and answers cached for the run."""

    source: str = "openalex"
    base_url: str = ""
    mailto: str = ""
    timeout: float = 10.0
    delay: float = 0.2
    opener: Callable[..., AbstractContextManager[_Response]] = urllib.request.urlopen
    _last: float = 0.0

    def __post_init__(self) -> None:
        self.base_url = (
            self.base_url or os.environ.get(BASE_URL_ENV) or BASE_URLS[self.source]
        ).rstrip("/")
        self._cache: dict[str, JSONValue] = {}

    def get_json(self, path: str, params: dict[str, str] | None = None) -> JSONValue:
        query = dict(params or {})
        if self.mailto and self.source in ("openalex", "crossref"):
            query["mailto"] = self.mailto
        url = self.base_url + path + ("?" + urllib.parse.urlencode(query) if query else "")
        if url in self._cache:
            return self._cache[url]
        agent = "sphinx-cv (https://github.com/sphinx-cv/sphinx-cv"
        agent += f"; mailto:{self.mailto})" if self.mailto else ")"
        request = urllib.request.Request(
            url, headers={"User-Agent": agent, "Accept": "application/json"}
        )
        for attempt in range(RETRIES + 1):
            try:
                data = self._fetch(request, url)
                break
            except _Busy as busy:
                # 429 / 503: wait as long as the service asks (within reason), then
                # ask again; still busy after that, stop the run.
                if attempt == RETRIES or busy.wait > MAX_RETRY_WAIT:
                    raise FetchError(
                        f"{SOURCE_NAMES[self.source]} answered HTTP "
                        f"{busy.code} (too many requests) for {url}"
                    ) from None
                self._last = time.monotonic() + busy.wait - self.delay
        self._cache[url] = data
        return data

    def _fetch(self, request: urllib.request.Request, url: str) -> JSONValue:
        wait = self._last + self.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        try:
            with self.opener(request, timeout=self.timeout) as response:
                data: JSONValue = json.loads(response.read().decode("utf-8"))
                return data
        except urllib.error.HTTPError as err:
            if err.code == 404:
                return None
            if err.code in (429, 503):
                raise _Busy(
                    err.code, _retry_after(err.headers.get("Retry-After"), self.delay)
                ) from None
            raise FetchError(
                f"{SOURCE_NAMES[self.source]} answered HTTP {err.code} for {url}"
            ) from None
        except urllib.error.URLError as err:
            raise FetchError(f"cannot reach {self.base_url}: {_why(err.reason)}") from None
        except (TimeoutError, OSError) as err:
            raise FetchError(f"cannot reach {self.base_url}: {_why(err)}") from None
        except (ValueError, UnicodeDecodeError):
            raise FetchError(f"{SOURCE_NAMES[self.source]} sent no JSON for {url}") from None
        finally:
            self._last = time.monotonic()

    def citations(self, doi: str) -> int | None:
        """The count for ``doi``; None when the service does not know the work."""
        quoted = urllib.parse.quote(doi, safe="/")
        if self.source == "openalex":
            data = self.get_json(f"/works/doi:{quoted}", {"select": "id,doi,cited_by_count"})
            value = data.get("cited_by_count") if isinstance(data, dict) else None
        elif self.source == "semanticscholar":
            data = self.get_json(f"/graph/v1/paper/DOI:{quoted}", {"fields": "citationCount"})
            value = data.get("citationCount") if isinstance(data, dict) else None
        else:
            data = self.get_json(f"/works/{quoted}")
            message = data.get("message") if isinstance(data, dict) else None
            value = message.get("is-referenced-by-count") if isinstance(message, dict) else None
        if data is None:
            return None
        if not isinstance(value, int) or value < 0:
            raise FetchError(f"{SOURCE_NAMES[self.source]} sent no citation count for {doi}")
        return value


@dataclass
class UpdateReport:
    updated: list[str]
    kept: list[str]
    """Ids whose entry came from elsewhere (a hand edit): left as they are."""
    fresh: list[str]
    """Ids fetched recently enough (``max_age``): not asked again."""
    unknown: list[str]
    """Ids the service does not know."""
    skipped: list[str]
    """Ids without a DOI or arXiv id."""
    error: str = ""
    """Why fetching stopped early, if it did (the counts fetched before are kept)."""


def update_metrics(
    pubs: Iterable[Publication],
    old: dict[str, Metric],
    client: Client,
    today: dt.date,
    force: bool = False,
    max_age: int = 0,
) -> tuple[dict[str, Metric], UpdateReport]:
    """New counts for every paper with a DOI or arXiv id.

    An entry whose source is not the client's (a hand edit, ``source: manual``) is kept
    unless ``force``; one the same source gave less than ``max_age`` days ago is not
    asked again; entries of papers no longer in the profile are kept (a renamed id loses
    nothing). A failed request stops the run; what was fetched before it is returned."""
    name = SOURCE_NAMES[client.source]
    out = dict(old)
    report = UpdateReport([], [], [], [], [])
    for pub in pubs:
        doi = identifier(pub)
        if doi is None:
            report.skipped.append(pub.id)
            continue
        current = old.get(pub.id)
        if current is not None and not force:
            if current.source != name:
                report.kept.append(pub.id)
                continue
            if max_age and _age(current.date, today) < max_age:
                report.fresh.append(pub.id)
                continue
        try:
            count = client.citations(doi)
        except FetchError as err:
            report.error = str(err)
            break
        if count is None:
            report.unknown.append(pub.id)
            continue
        out[pub.id] = Metric(count, name, today.isoformat())
        report.updated.append(pub.id)
    return out, report


def _age(date: str, today: dt.date) -> int:
    try:
        return (today - dt.date.fromisoformat(date)).days
    except ValueError:
        return 1 << 30  # no readable date: as old as can be
