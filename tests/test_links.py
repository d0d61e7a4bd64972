"""Link kinds, labels and short forms (sphinx_cv.data.links)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_cv.data.linkkinds import KNOWN_KINDS
from sphinx_cv.data.links import (
    Link,
    kind_from_url,
    kind_of,
    label_for,
    link_problem,
    looks_like_url,
    make_link,
    normalize_url,
)
from sphinx_cv.data.publication import Publication


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("pdf", "pdf"),
        ("PDF", "pdf"),
        ("arxiv", "arxiv"),
        ("arXiv", "arxiv"),
        ("arxiv.org", "arxiv"),
        ("Google Scholar", "scholar"),
        ("google-scholar", "scholar"),
        ("google_scholar", "scholar"),
        ("googlescholar", "scholar"),
        ("scholar", "scholar"),
        ("GitHub", "github"),
        ("ORCID", "orcid"),
        ("X", "twitter"),
        ("twitter", "twitter"),
        ("e-mail", "email"),
        ("E-Mail", "email"),
        ("mail", "email"),
        ("Homepage", "website"),
        ("web site", "website"),
        ("repo", "code"),
        ("Repository", "code"),
        ("talk", "video"),
        ("YouTube", "video"),
        ("Semantic Scholar", "semanticscholar"),
        ("semantic_scholar", "semanticscholar"),
        (" LinkedIn ", "linkedin"),
    ],
)
def test_kind_of(name: str, kind: str) -> None:
    assert kind_of(name) == kind


@pytest.mark.parametrize("name", ["foo", "Poster at ICML", "", "Link to paper"])
def test_kind_of_unknown(name: str) -> None:
    assert kind_of(name) is None


@pytest.mark.parametrize(
    ("name", "value", "url", "kind", "label"),
    [
        ("arxiv", "2509.15552", "https://arxiv.org/abs/2509.15552", "arxiv", "arXiv"),
        ("arxiv", "arXiv:2509.15552v2", "https://arxiv.org/abs/2509.15552v2", "arxiv", "arXiv"),
        ("arxiv", "hep-th/9901001", "https://arxiv.org/abs/hep-th/9901001", "arxiv", "arXiv"),
        (
            "arxiv",
            "https://arxiv.org/abs/2509.15552",
            "https://arxiv.org/abs/2509.15552",
            "arxiv",
            "arXiv",
        ),
        ("doi", "10.1145/1234567.1234568", "https://doi.org/10.1145/1234567.1234568", "doi", "DOI"),
        ("doi", "doi:10.1145/123", "https://doi.org/10.1145/123", "doi", "DOI"),
        ("doi", "https://doi.org/10.1/x", "https://doi.org/10.1/x", "doi", "DOI"),
        ("orcid", "0000-0002-1825-0097", "https://orcid.org/0000-0002-1825-0097", "orcid", "ORCID"),
        ("orcid", "0000-0002-1825-009X", "https://orcid.org/0000-0002-1825-009X", "orcid", "ORCID"),
        ("github", "adalovelace", "https://github.com/adalovelace", "github", "GitHub"),
        ("GitHub", "adalovelace", "https://github.com/adalovelace", "github", "GitHub"),
        ("github", "https://github.com/x/y", "https://github.com/x/y", "github", "GitHub"),
        (
            "Google Scholar",
            "C33tGsQAAAAJ",
            "https://scholar.google.com/citations?user=C33tGsQAAAAJ",
            "scholar",
            "Google Scholar",
        ),
        (
            "scholar",
            "C33tGsQAAAAJ",
            "https://scholar.google.com/citations?user=C33tGsQAAAAJ",
            "scholar",
            "Google Scholar",
        ),
        ("twitter", "@ada", "https://x.com/ada", "twitter", "X (Twitter)"),
        ("x", "ada", "https://x.com/ada", "twitter", "X (Twitter)"),
        (
            "bluesky",
            "@ada.bsky.social",
            "https://bsky.app/profile/ada.bsky.social",
            "bluesky",
            "Bluesky",
        ),
        (
            "linkedin",
            "ada-lovelace",
            "https://www.linkedin.com/in/ada-lovelace",
            "linkedin",
            "LinkedIn",
        ),
        ("email", "ada@example.org", "mailto:ada@example.org", "email", "Email"),
        ("mail", "ada@example.org", "mailto:ada@example.org", "email", "Email"),
        ("email", "mailto:ada@example.org", "mailto:ada@example.org", "email", "Email"),
        ("url", "example.org", "https://example.org", "url", "Link"),
        ("url", "example.org/x", "https://example.org/x", "url", "Link"),
        ("url", "/files/cv.pdf", "/files/cv.pdf", "url", "Link"),
        ("url", "files/cv.pdf", "files/cv.pdf", "url", "Link"),
        ("url", "../cv.pdf", "../cv.pdf", "url", "Link"),
        ("url", "#publications", "#publications", "url", "Link"),
        ("pdf", "paper.pdf", "paper.pdf", "pdf", "PDF"),
        ("code", "github.com/x/y", "https://github.com/x/y", "code", "Code"),
        ("website", "www.example.org", "https://www.example.org", "website", "Website"),
        ("Homepage", "https://a.example", "https://a.example", "website", "Homepage"),
        ("Poster at ICML", "files/poster.pdf", "files/poster.pdf", "pdf", "Poster at ICML"),
        (
            "Blog post",
            "https://ada.example.org/b",
            "https://ada.example.org/b",
            "other",
            "Blog post",
        ),
        ("Data", "results.csv", "results.csv", "data", "Data"),
    ],
)
def test_make_link(name: str, value: str, url: str, kind: str, label: str) -> None:
    assert make_link(name, value) == Link(label, url, kind)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("url", "not a url"),
        ("url", ""),
        ("url", "   "),
        ("github", "-bad"),
        ("mastodon", "@ada@x.social"),
        ("pdf", "my paper.pdf"),
        ("url", "word"),
    ],
)
def test_make_link_rejects(name: str, value: str) -> None:
    assert make_link(name, value) is None


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("mailto:a@b.org", "email"),
        ("https://a.b/paper.pdf", "pdf"),
        ("https://a.b/paper.pdf?download=1", "pdf"),
        ("https://a.b/paper.pdf#page=2", "pdf"),
        ("https://scholar.google.com/citations?user=x", "scholar"),
        ("https://scholar.google.co.uk/citations?user=x", "scholar"),
        ("https://orcid.org/0000-0002-1825-0097", "orcid"),
        ("https://github.com/a", "github"),
        ("https://gitlab.com/a", "gitlab"),
        ("https://www.linkedin.com/in/a", "linkedin"),
        ("https://twitter.com/a", "twitter"),
        ("https://mobile.twitter.com/a", "twitter"),
        ("https://x.com/a", "twitter"),
        ("https://bsky.app/profile/a", "bluesky"),
        ("https://arxiv.org/abs/1", "arxiv"),
        ("https://doi.org/10.1/x", "doi"),
        ("https://dblp.org/pid/1", "dblp"),
        ("https://dblp.uni-trier.de/pid/1", "dblp"),
        ("https://www.semanticscholar.org/author/1", "semanticscholar"),
        ("https://www.researchgate.net/profile/a", "researchgate"),
        ("https://www.youtube.com/watch?v=1", "video"),
        ("https://youtu.be/1", "video"),
        ("github.com/a", "github"),
        # Host names are matched label by label, not as substrings.
        ("https://www.dropbox.com/s/abc/slides?dl=0", "other"),
        ("https://www.netflix.com/title/1", "other"),
        ("https://notgithub.com/a", "other"),
        ("https://example.org/x.com/a", "other"),
        ("https://example.org/?next=github.com", "other"),
        ("files/x", "other"),
        ("http://[::1/x", "other"),  # not a valid URL: no crash
    ],
)
def test_kind_from_url(url: str, kind: str) -> None:
    assert kind_from_url(url) == kind


@pytest.mark.parametrize(
    ("value", "url"),
    [
        ("example.org", "https://example.org"),
        ("example.org/a/b", "https://example.org/a/b"),
        ("example.org:8080/a", "https://example.org:8080/a"),
        ("https://example.org", "https://example.org"),
        ("http://example.org", "http://example.org"),
        ("mailto:a@b.org", "mailto:a@b.org"),
        ("/files/cv.pdf", "/files/cv.pdf"),
        ("./cv.pdf", "./cv.pdf"),
        ("#top", "#top"),
        ("files/cv.pdf", "files/cv.pdf"),
        # A file name is not a host name.
        ("cv.pdf", "cv.pdf"),
        ("slides.pptx", "slides.pptx"),
        ("results.csv", "results.csv"),
        ("README.md", "README.md"),
        ("demo.mov", "demo.mov"),
        ("notebook.ipynb", "notebook.ipynb"),
    ],
)
def test_normalize_url(value: str, url: str) -> None:
    assert normalize_url(value) == url


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("https://example.org", True),
        ("example.org", True),
        ("example.org/x", True),
        ("/x", True),
        ("./x", True),
        ("../x", True),
        ("#x", True),
        ("files/x.pdf", True),
        ("mailto:a@b.org", True),
        ("", False),
        ("a b", False),
        ("https://a.b/x y", False),
        ("word", False),
        ("cv", False),
    ],
)
def test_looks_like_url(value: str, ok: bool) -> None:
    assert looks_like_url(value) is ok


def test_labels() -> None:
    assert label_for("github") == "GitHub"
    assert label_for("scholar") == "Google Scholar"
    assert label_for("unknown-kind") == "unknown-kind"
    assert all(label_for(k) for k in KNOWN_KINDS)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([*KNOWN_KINDS, "Poster", "Google Scholar", "x", ""]), st.text(max_size=40))
def test_make_link_never_raises(name: str, value: str) -> None:
    link = make_link(name, value)
    if link is not None:
        assert link.url
        assert not any(ch.isspace() for ch in link.url)
        assert link.kind == "other" or link.kind in KNOWN_KINDS


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_kind_from_url_never_raises(url: str) -> None:
    assert kind_from_url(url) == "other" or kind_from_url(url) in KNOWN_KINDS


def test_every_kind_has_an_icon_and_every_link_icon_a_kind() -> None:
    from sphinx_cv.theme.icons import LINK_ICONS

    assert set(LINK_ICONS) == set(KNOWN_KINDS)


def test_tables_derived_from_the_one_registry() -> None:
    from dataclasses import fields

    from sphinx_cv.data.linkkinds import LINK_FIELDS, LINK_KINDS, READ_LINK_FIELDS

    assert len(KNOWN_KINDS) == len(LINK_KINDS)
    pub_fields = {f.name for f in fields(Publication)}
    assert set(LINK_FIELDS) <= pub_fields  # each shorthand kind is a publication field
    for kind in LINK_KINDS:
        assert kind_of(kind.name) == kind.name
        assert all(kind_of(alias) == kind.name for alias in kind.aliases)
        for host in kind.hosts:  # "dblp." is any dblp.<tld>
            assert (
                kind_from_url(f"https://{host}{'com' if host.endswith('.') else ''}/x") == kind.name
            )
        if kind.bibtex:
            assert READ_LINK_FIELDS[kind.bibtex] == kind.name
        if kind.template:
            assert kind.pattern, "a kind written as an id needs the id's pattern"
    # The hosts' order does not matter: none is another's labels in full.
    hosts = [host.rstrip(".") for kind in LINK_KINDS for host in kind.hosts]
    assert not [(a, b) for a in hosts for b in hosts if a != b and f".{a}." in f".{b}."]


def test_a_publications_links_are_made_once_and_again_after_an_edit() -> None:
    """Every list showing a paper asks for its links; they are made the first time and
    made again only when a link field changes (the loader already checked them)."""
    pub = Publication(id="p", doi="10.1145/1234.5678", code="github.com/a/b")
    first = pub.all_links()
    assert [link.url for link in first] == [
        "https://doi.org/10.1145/1234.5678",
        "https://github.com/a/b",
    ]
    first.clear()  # a caller's list is its own
    assert pub.all_links() == pub._make_links()
    pub.code = None
    pub.pdf = "paper.pdf"
    pub.links = [Link("Blog", "https://example.org/post", "blog")]
    assert [link.url for link in pub.all_links()] == [
        "paper.pdf",
        "https://doi.org/10.1145/1234.5678",
        "https://example.org/post",
    ]
    assert pub.all_links() == pub._make_links()
    assert pub == Publication(
        id="p", doi=pub.doi, pdf="paper.pdf", links=pub.links
    )  # the saved links are no field: equality and the data are as before


def _link_problem_char_by_char(url: str) -> str | None:
    """The link policy as it read before the printable-text shortcut: every character's
    category, and tabs and newlines taken out before the scheme is read."""
    import re
    import unicodedata

    bad = next((c for c in url if unicodedata.category(c) == "Cc"), None)
    if bad is not None:
        return f"control character U+{ord(bad):04X} in a link"
    text = re.sub("[\t\n\r]", "", url.strip("".join(chr(c) for c in range(0x21))))
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", text)
    scheme = match.group(1).lower() if match else None
    if scheme is not None and scheme not in ("http", "https", "mailto", "tel"):
        return f"link scheme '{scheme}:' is not allowed"
    return None


@settings(max_examples=300)
@given(
    st.text(
        alphabet=st.sampled_from(
            ["a", "j", ":", "/", " ", "\t", "\n", "\x01", "\x85", "\u00a0", "\u2028", "é"]
        )
    )
    | st.text()
)
def test_link_problem_is_the_character_by_character_policy(url: str) -> None:
    assert link_problem(url) == _link_problem_char_by_char(url)
