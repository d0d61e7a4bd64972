"""The link kinds, in one place: each with its label, how a bare id becomes a URL, the
other names and hosts that say it, and where it lives on an entry and in BibTeX.

Every other table of link kinds (:mod:`sphinx_cv.data.links`' lookups, the shorthand
link fields of a publication, the BibTeX fields of links, the labels shown in the
language built, the theme's icons) is derived from or checked against :data:`LINK_KINDS`,
so a new kind is one row.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LinkKind:
    name: str
    """The kind's word (``github``), also the class ``cv-link-github``."""
    label: str
    """The label shown when the profile gave only the kind."""
    template: str | None = None
    """URL for a bare id (``{}`` is the id), for kinds written as ids (``doi: 10.1/x``)."""
    pattern: str | None = None
    """Regex a bare id matches (group 1 is the id put in the template)."""
    aliases: tuple[str, ...] = ()
    """Other labels that name the kind (lower case)."""
    hosts: tuple[str, ...] = ()
    """Hosts that tell the kind of a full URL whose label does not (``github.com``)."""
    shorthand: bool = False
    """A publication has a field of this name beside ``links:`` (``pdf: ...``)."""
    bibtex: str | None = None
    """The BibTeX field a link of this kind is written to and read from, when it is one
    of ``links:`` (shorthand fields are written under their own name)."""
    bibtex_reads: tuple[str, ...] = ()
    """Further BibTeX fields read as a link of this kind (read before ``bibtex``)."""
    generic: bool = False
    """Its label is a word (Code, Slides), shown in the language built; not a name
    (GitHub, ORCID, DOI)."""


LINK_KINDS: tuple[LinkKind, ...] = (
    LinkKind("pdf", "PDF", aliases=("paper",), shorthand=True),
    LinkKind(
        "arxiv",
        "arXiv",
        "https://arxiv.org/abs/{}",
        r"^(?:arXiv:)?(\d{4}\.\d{4,5}(?:v\d+)?|[a-z.-]+/\d{7})$",
        aliases=("arxiv.org",),
        hosts=("arxiv.org",),
    ),
    LinkKind(
        "doi", "DOI", "https://doi.org/{}", r"^(?:doi:)?(10\.\d{4,9}/\S+)$", hosts=("doi.org",)
    ),
    LinkKind(
        "code", "Code", aliases=("repo", "repository", "source"), shorthand=True, generic=True
    ),
    LinkKind("slides", "Slides", shorthand=True, generic=True),
    LinkKind(
        "video",
        "Video",
        aliases=("talk", "youtube"),
        hosts=("youtube.com", "youtu.be"),
        shorthand=True,
        generic=True,
    ),
    LinkKind("poster", "Poster", shorthand=True, generic=True),
    LinkKind("project", "Project", shorthand=True, generic=True),
    LinkKind("html", "HTML", bibtex="html"),
    LinkKind("supplement", "Supplement", bibtex="supplement", bibtex_reads=("supp",), generic=True),
    LinkKind("blog", "Blog", bibtex="blog", generic=True),
    LinkKind("url", "Link", generic=True),
    LinkKind(
        "website", "Website", aliases=("homepage", "web", "site"), bibtex="website", generic=True
    ),
    LinkKind("data", "Data", bibtex="data", generic=True),
    LinkKind(
        "scholar",
        "Google Scholar",
        "https://scholar.google.com/citations?user={}",
        r"^([\w-]{12})$",
        aliases=("googlescholar", "google scholar"),
        hosts=("scholar.google.",),
    ),
    LinkKind(
        "orcid",
        "ORCID",
        "https://orcid.org/{}",
        r"^(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$",
        hosts=("orcid.org",),
    ),
    LinkKind(
        "github",
        "GitHub",
        "https://github.com/{}",
        r"^([A-Za-z\d](?:[A-Za-z\d-]{0,38}))$",
        hosts=("github.com",),
    ),
    LinkKind("gitlab", "GitLab", "https://gitlab.com/{}", r"^([\w.-]+)$", hosts=("gitlab.com",)),
    LinkKind(
        "linkedin",
        "LinkedIn",
        "https://www.linkedin.com/in/{}",
        r"^([\w-]+)$",
        hosts=("linkedin.com",),
    ),
    LinkKind(
        "twitter",
        "X (Twitter)",
        "https://x.com/{}",
        r"^@?(\w{1,15})$",
        aliases=("x",),
        hosts=("twitter.com", "x.com"),
    ),
    LinkKind(
        "bluesky",
        "Bluesky",
        "https://bsky.app/profile/{}",
        r"^@?([\w.-]+\.[a-z]+)$",
        hosts=("bsky.app",),
    ),
    LinkKind("mastodon", "Mastodon"),
    LinkKind("dblp", "DBLP", hosts=("dblp.",)),
    LinkKind("semanticscholar", "Semantic Scholar", hosts=("semanticscholar.org",)),
    LinkKind(
        "researchgate",
        "ResearchGate",
        "https://www.researchgate.net/profile/{}",
        r"^([\w-]+)$",
        hosts=("researchgate.net",),
    ),
    LinkKind(
        "email",
        "Email",
        "mailto:{}",
        r"^([^@\s:]+@[^@\s]+)$",
        aliases=("mail", "e-mail"),
        generic=True,
    ),
)
"""Every link kind, in the order the docs list them."""

BY_NAME = {k.name: k for k in LINK_KINDS}
KNOWN_KINDS = tuple(BY_NAME)

ALIASES = {alias: k.name for k in LINK_KINDS for alias in k.aliases}
"""Another label (lower case) -> the kind it names."""
# No host names another's labels in full, so the order of this list does not matter.
HOSTS = tuple((host, k.name) for k in LINK_KINDS for host in k.hosts)
"""(host, kind): a full URL on the host is a link of that kind."""

LINK_FIELDS = tuple(k.name for k in LINK_KINDS if k.shorthand)
"""The shorthand link fields of a publication (``pdf: ...``), in display order."""
LINK_KIND_FIELDS = {k.name: k.bibtex for k in LINK_KINDS if k.bibtex}
"""Link kinds with a BibTeX field of their own (beside the shorthand link fields;
al-folio writes these): kind -> field."""
READ_LINK_FIELDS = {
    field: k.name for k in LINK_KINDS if k.bibtex for field in (*k.bibtex_reads, k.bibtex)
}
"""BibTeX field -> link kind, for reading (links are made in this order)."""
GENERIC_KINDS = tuple(k.name for k in LINK_KINDS if k.generic)
"""Kinds whose label is a word, not a name: shown in the language being built."""
