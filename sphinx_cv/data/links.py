"""Links: what kind a link is (for icons and ordering) and short forms made into URLs.

Researchers write ``doi: 10.1145/...``, ``arxiv: 2509.15552``, ``orcid: 0000-...`` or
``github: name``; these become full URLs here so every output links the same way.

The one link policy lives here too (:func:`link_problem`): a profile, a ``.bib`` or a
``resume.json`` may come from anywhere, so a link keeps only the ``http``, ``https``,
``mailto`` and ``tel`` schemes, or is relative or a fragment. Every path that makes a
link (fields, inline Markdown, BibTeX, JSON Resume, the theme, LaTeX) asks it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from .linkkinds import ALIASES, BY_NAME, GENERIC_KINDS, HOSTS


@dataclass(frozen=True)
class Link:
    """A labelled link. ``kind`` is a known word (``pdf``, ``github``...) or ``other``."""

    label: str
    url: str
    kind: str = "other"


def kind_of(name: str) -> str | None:
    """The known kind a label names, if any (``Google Scholar`` -> ``scholar``)."""
    low = name.strip().lower()
    low = ALIASES.get(low, low)
    key = re.sub(r"[\s_-]", "", low)
    key = ALIASES.get(key, key)
    return key if key in BY_NAME else None


def kind_from_url(url: str) -> str:
    low = url.lower()
    if low.startswith("mailto:"):
        return "email"
    if low.split("?")[0].split("#")[0].endswith(".pdf"):
        return "pdf"
    try:
        host = urlsplit(low if "//" in low else "//" + low).hostname or ""
    except ValueError:
        host = ""
    # Whole labels only: "x.com" is not the end of "dropbox.com".
    dotted = f".{host}."
    for name, kind in HOSTS:
        if f".{name.rstrip('.')}." in dotted:
            return kind
    return "other"


ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")
"""The schemes a link may have; a link without a scheme is relative (or a fragment)."""
LINK_EXPECTED = "an http(s), mailto: or tel: URL, a relative path or a #fragment"

# What a browser drops before reading a URL (WHATWG URL standard, "basic URL parser"):
# C0 controls and spaces at either end, and tabs and newlines anywhere.
_C0_OR_SPACE = "".join(chr(c) for c in range(0x21))
_TAB_OR_NEWLINE = re.compile("[\t\n\r]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def link_scheme(url: str) -> str | None:
    """The scheme a browser reads in ``url`` (lower case), or None for a relative link.

    ``" JaVa\\tScript:x"`` is ``javascript``: letter case, leading spaces or controls and
    tabs or newlines inside do not hide a scheme.
    """
    text = url.strip(_C0_OR_SPACE)
    if not text.isprintable():  # tabs and newlines are not; most URLs have none
        text = _TAB_OR_NEWLINE.sub("", text)
    match = _SCHEME.match(text)
    return match.group(1).lower() if match else None


def link_problem(url: str) -> str | None:
    """Why ``url`` may not become a link, or None when it may."""
    if not url.isprintable():  # a control character is never printable: look for one
        bad = next((c for c in url if unicodedata.category(c) == "Cc"), None)
        if bad is not None:
            return f"control character U+{ord(bad):04X} in a link"
    scheme = link_scheme(url)
    if scheme is not None and scheme not in ALLOWED_SCHEMES:
        return f"link scheme '{scheme}:' is not allowed"
    return None


def is_safe_link(url: str) -> bool:
    return link_problem(url) is None


def make_link(name: str, value: str) -> Link | None:
    """Build a link from a label (or kind) and a URL or bare id; None if not a URL or
    not a safe one (see :func:`link_problem`).

    ``name`` may be a known kind (``arxiv``) or any label (``Poster at ICML``).
    """
    value = value.strip()
    kind = kind_of(name)
    label = BY_NAME[kind].label if kind and name.strip().lower() == name.strip() else name.strip()
    if kind:
        url = id_url(kind, value)
        if url is not None:
            return Link(label, url, kind) if is_safe_link(url) else None
    if not looks_like_url(value):
        return None
    value = normalize_url(value)
    if not is_safe_link(value):
        return None
    return Link(label, value, kind or kind_from_url(value))


def id_url(name: str, value: str) -> str | None:
    """The URL a known kind makes of a bare id (``github``, ``octocat`` ->
    ``https://github.com/octocat``), or None: not a kind with a URL template, not an id
    of that kind, or already a URL."""
    kind = kind_of(name)
    if kind is None:
        return None
    template, pattern = BY_NAME[kind].template, BY_NAME[kind].pattern
    if not (template and pattern) or re.match(r"^[a-z][a-z0-9+.-]*://", value, re.I):
        return None
    match = re.match(pattern, value.strip(), re.IGNORECASE)
    return template.format(match.group(1)) if match else None


_FILE_EXT = re.compile(
    r"\.(pdf|pptx?|key|docx?|xlsx?|od[pst]|zip|tar|gz|bib|tex|txt|md|csv|json|"
    r"html?|png|jpe?g|gif|svg|webp|mp[34]|mov|webm|ipynb|py)$",
    re.I,
)
_BARE_HOST = re.compile(r"^[\w-]+(\.[\w-]+)*\.[a-z]{2,24}(:\d+)?(/|$)", re.I)


def normalize_url(value: str) -> str:
    """``example.org/x`` gets ``https://``; paths such as ``files/cv.pdf`` stay relative."""
    # "example.org:8080/x" has a port, not a scheme
    if re.match(r"^[a-z][a-z0-9+.-]*:(?!\d)", value, re.I) or value.startswith(("/", ".", "#")):
        return value
    host = value.split("/", 1)[0]
    if _BARE_HOST.match(value) and not (_FILE_EXT.search(host) and "/" not in value):
        return "https://" + value
    return value


def looks_like_url(value: str) -> bool:
    """A URL with a scheme, a site path, or a relative file path; never with spaces."""
    if not value or re.search(r"\s", value):  # \s: what str.isspace() calls space
        return False
    return bool(
        re.match(r"^([a-z][a-z0-9+.-]*:|/|\.{1,2}/|#|[\w-]+(\.[\w-]+)+(/|$)|[\w.-]+/)", value, re.I)
    )


GENERIC_LABELS = frozenset(BY_NAME[k].label for k in GENERIC_KINDS)
"""Labels that are words, not names (GitHub, ORCID, DOI...): shown in the language built."""


def label_for(kind: str) -> str:
    return BY_NAME[kind].label if kind in BY_NAME else kind


_DOI_URL = re.compile(r"^(?:https?://)?(?:dx\.)?doi\.org/(10\..+)$", re.I)


def link_target(url: str) -> str:
    """What a link points at, for telling two links to one target apart: a DOI however
    written (letter case, ``%2F``, ``dx.doi.org``, http) is one target."""
    text = unquote(url.strip())
    doi = _DOI_URL.match(text)
    if doi:
        return "doi:" + doi.group(1).lower()
    return text.rstrip("/")
