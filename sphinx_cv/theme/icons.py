"""Small line icons for the theme, drawn on a 24×24 grid with ``stroke="currentColor"``.

Our own simple shapes (no icon font, no request): each is the ``d`` of one SVG path.
Every link kind of :mod:`sphinx_cv.data.linkkinds` has a row in :data:`LINK_ICONS`
(``tests/test_links.py`` checks both ways); unknown kinds get the chain link.
"""

from __future__ import annotations

_DOCUMENT = "M6.5 3.5h7l4 4v13h-11z M13.5 3.5v4h4 M9 12h6 M9 15.5h6"
_BRANCH = (
    "M7 4.5v11 M7 21a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z M17 9a2.5 2.5 0 1 0 0-5 "
    "2.5 2.5 0 0 0 0 5z M17 9c0 5-10 3.5-10 7"
)

_CHAIN = (
    "M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1 M14 10a4 4 0 0 0-5.7 0l-3 3"
    "a4 4 0 0 0 5.7 5.7l1-1"
)

LINK_ICONS: dict[str, str] = {
    "email": "M3.5 6h17v12h-17z M3.5 6.5l8.5 6.5 8.5-6.5",
    "website": (
        "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z M3 12h18 M12 3c2.4 2.6 3.6 5.6 3.6 9"
        "s-1.2 6.4-3.6 9c-2.4-2.6-3.6-5.6-3.6-9s1.2-6.4 3.6-9z"
    ),
    "scholar": "M1.5 9.5 12 4.5l10.5 5-10.5 5z M5.5 11.5v4.5c0 1.6 2.9 3 6.5 3s6.5-1.4 6.5-3v-4.5 "
    "M22.5 9.5v5.5",
    "orcid": (
        "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z M8.5 10.5v6 M8.5 7.5v.5 "
        "M11.5 16.5v-9h1.8a4.5 4.5 0 0 1 0 9z"
    ),
    "github": _BRANCH,
    "gitlab": _BRANCH,
    "code": "M8.5 7 3.5 12l5 5 M15.5 7l5 5-5 5 M13.5 4.5l-3 15",
    "linkedin": (
        "M4.5 3.5h15a1 1 0 0 1 1 1v15a1 1 0 0 1-1 1h-15a1 1 0 0 1-1-1v-15a1 1 0 0 1 "
        "1-1z M8 10.5v6 M8 7.5v.5 M11.5 16.5v-6 M11.5 13.2c0-1.6 1-2.7 2.4-2.7 "
        "1.3 0 2.1.9 2.1 2.6v3.4"
    ),
    "twitter": "M5 4.5l14 15 M19 4.5l-14 15",
    "bluesky": (
        "M12 11C10.5 8 7 4.5 4.5 4.5c-1.5 0-1.5 2.5-1 4.5.6 2.2 2.5 3 5 2.8-2.6.6-4.3 "
        "2-2.4 4.2 2.2 2.6 4.5.5 5.9-2.5 1.4 3 3.7 5.1 5.9 2.5 1.9-2.2.2-3.6-2.4-4.2 "
        "2.5.2 4.4-.6 5-2.8.5-2 .5-4.5-1-4.5-2.5 0-6 3.5-7.5 6.5z"
    ),
    "mastodon": "M5 4.5h14a1.5 1.5 0 0 1 1.5 1.5v9a1.5 1.5 0 0 1-1.5 1.5h-8l-4.5 3.5v-3.5H5"
    "A1.5 1.5 0 0 1 3.5 15V6A1.5 1.5 0 0 1 5 4.5z",
    "video": "M3.5 6h12v12h-12z M15.5 10.5l5-3v9l-5-3",
    "blog": "M4 20l1.2-4.8L16 4.4l3.6 3.6L8.8 18.8z M14 6.4l3.6 3.6",
    "dblp": _DOCUMENT,
    "semanticscholar": _DOCUMENT,
    "researchgate": _DOCUMENT,
    "pdf": _DOCUMENT,
    "arxiv": _DOCUMENT,
    "doi": _DOCUMENT,
    # kinds with no picture of their own
    "slides": _CHAIN,
    "poster": _CHAIN,
    "project": _CHAIN,
    "html": _CHAIN,
    "supplement": _CHAIN,
    "data": _CHAIN,
    "url": _CHAIN,
}
"""Link kind -> its icon."""

ICONS: dict[str, str] = {
    **LINK_ICONS,
    "link": _CHAIN,
    "location": (
        "M12 21s-6.5-5.7-6.5-11a6.5 6.5 0 0 1 13 0c0 5.3-6.5 11-6.5 11z "
        "M12 12.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z"
    ),
    "phone": (
        "M6 3.5h3l1.5 4.5-2 1.5a11 11 0 0 0 6 6l1.5-2 4.5 1.5v3a1.5 1.5 0 0 1-1.5 1.5"
        "A16.5 16.5 0 0 1 4.5 5 1.5 1.5 0 0 1 6 3.5z"
    ),
    # interface
    "sun": (
        "M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8z M12 2.5v2 M12 19.5v2 M2.5 12h2 M19.5 12h2 "
        "M5.3 5.3l1.4 1.4 M17.3 17.3l1.4 1.4 M5.3 18.7l1.4-1.4 M17.3 6.7l1.4-1.4"
    ),
    "moon": "M20 14.5A8.5 8.5 0 1 1 9.5 4 6.5 6.5 0 0 0 20 14.5z",
    "menu": "M4 7h16 M4 12h16 M4 17h16",
}


def icon_for(kind: str) -> str:
    """The path of ``kind``'s icon, or the chain link."""
    return ICONS.get(kind, ICONS["link"])
