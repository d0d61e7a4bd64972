"""The theme's options (``html_theme_options`` in ``conf.py``), checked once per build.

A bad value is reported as a ``cv.config`` warning and replaced by the default, so a
typo never breaks the page (nor lets arbitrary text into the page's CSS).
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..data.links import kind_of
from ..data.scalars import yes_no_word

AVATAR_SHAPES = ("circle", "rounded", "square")
COMMENT_PAGES = ("publications/*",)
"""Where comments go by default: each publication's page."""

# Hex, a colour name, or a CSS colour function of numbers: nothing that could close the
# declaration it is put in.
_COLOUR = re.compile(
    r"#[0-9a-f]{3,8}|[a-z]{3,30}|(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)"
    r"\([0-9.,%\s/a-z+-]{1,80}\)",
    re.I,
)


@dataclass
class ThemeOptions:
    accent_color: str = ""
    accent_color_dark: str = ""
    avatar_shape: str = "circle"
    profile_links: list[str] | None = None
    """Kinds or labels of the profile links to show; None shows e-mail, website and links."""
    nav_items: list[tuple[str | None, str]] | None = None
    """(title or None for the page's own title, docname or URL); None: the root toctree."""
    show_search: bool = False
    profile_sidebar: bool = True
    description: str = ""
    analytics_script: str = ""
    analytics_data: dict[str, str] = field(default_factory=dict)
    comments: str = ""
    """A key of :data:`COMMENT_SERVICES`, or "" for no comments."""
    comments_data: dict[str, str] = field(default_factory=dict)
    comments_pages: list[str] = field(default_factory=lambda: list(COMMENT_PAGES))


@dataclass(frozen=True)
class CommentService:
    script: str
    required: tuple[str, ...]
    """data-* attributes the service cannot work without (the user's repository...)."""
    defaults: dict[str, str]


COMMENT_SERVICES = {
    "giscus": CommentService(
        "https://giscus.app/client.js",
        ("repo", "repo-id", "category-id"),
        {
            "mapping": "pathname",
            "reactions-enabled": "1",
            "input-position": "top",
            "theme": "preferred_color_scheme",
            "loading": "lazy",
        },
    ),
    "utterances": CommentService(
        "https://utteranc.es/client.js",
        ("repo",),
        {"issue-term": "pathname", "theme": "preferred-color-scheme"},
    ),
}
"""The comment services a theme option can switch on; nothing is loaded otherwise."""


Report = Callable[[str], None]


def _quiet(message: str) -> None:
    pass


def parse_options(raw: Mapping[str, object], report: Report | None = None) -> ThemeOptions:
    """``raw`` holds the theme's options (``theme_`` prefix removed or not)."""
    say = report or _quiet
    values = {k.removeprefix("theme_"): v for k, v in raw.items()}
    opts = ThemeOptions()
    for name in ("accent_color", "accent_color_dark"):
        value = str(values.get(name) or "").strip()
        if value and not _COLOUR.fullmatch(value):
            say(
                f"html_theme_options[{name!r}]: {value!r} is not a CSS colour "
                "(e.g. '#1d63b8'); using the default"
            )
            value = ""
        setattr(opts, name, value)
    shape = str(values.get("avatar_shape") or "circle").strip().lower()
    if shape not in AVATAR_SHAPES:
        say(
            f"html_theme_options['avatar_shape']: {shape!r}; expected one of "
            f"{', '.join(AVATAR_SHAPES)} (using circle)"
        )
        shape = "circle"
    opts.avatar_shape = shape
    opts.profile_links = _words(values.get("profile_links"), "profile_links", say)
    opts.nav_items = _nav_items(values.get("nav_items"), say)
    opts.show_search = _bool(values.get("show_search"), False, "show_search", say)
    opts.profile_sidebar = _bool(values.get("profile_sidebar"), True, "profile_sidebar", say)
    opts.description = " ".join(str(values.get("description") or "").split())
    script = str(values.get("analytics_script") or "").strip()
    if script and (any(c.isspace() for c in script) or not re.match(r"(https?:)?//|/", script)):
        say(f"html_theme_options['analytics_script']: {script!r} is not a script URL; no analytics")
        script = ""
    opts.analytics_script = script
    opts.analytics_data = _data_attributes(values.get("analytics_data"), "analytics_data", say)
    _comments(opts, values, say)
    return opts


def _data_attributes(value: object, name: str, say: Report) -> dict[str, str]:
    data = value or {}
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and re.fullmatch(r"[a-z][a-z0-9-]*", k) for k in data
    ):
        say(
            f"html_theme_options[{name!r}]: expected a mapping of data-* attribute "
            "names (lower case) to values; ignored"
        )
        data = {}
    return {k: str(v) for k, v in data.items()}


def _comments(opts: ThemeOptions, values: Mapping[str, object], say: Report) -> None:
    """``comments`` (a service), its ``comments_data`` and ``comments_pages``; comments
    stay off when the service is unknown or lacks what it needs."""
    service = str(values.get("comments") or "").strip().lower()
    data = _data_attributes(values.get("comments_data"), "comments_data", say)
    if service and service not in COMMENT_SERVICES:
        say(
            f"html_theme_options['comments']: {service!r}; expected one of "
            f"{', '.join(COMMENT_SERVICES)} (no comments)"
        )
        service = ""
    if service:
        missing = [k for k in COMMENT_SERVICES[service].required if not data.get(k)]
        if missing:
            say(
                f"html_theme_options['comments_data']: {service} needs "
                f"{', '.join(missing)} (see {service}'s setup page); no comments"
            )
            service = ""
    opts.comments = service
    opts.comments_data = {**COMMENT_SERVICES[service].defaults, **data} if service else {}
    pages = values.get("comments_pages")
    if pages is None or pages == "":
        return
    items = pages.split(",") if isinstance(pages, str) else pages
    if not isinstance(items, list | tuple) or not all(isinstance(p, str) for p in items):
        say(
            "html_theme_options['comments_pages']: expected a list of page names or "
            f"patterns such as ['publications/*', 'blog/*'], got {pages!r}"
        )
        return
    opts.comments_pages = [p.strip() for p in items if p.strip()]


def comments_here(opts: ThemeOptions, pagename: str) -> bool:
    return bool(opts.comments) and any(
        fnmatch.fnmatchcase(pagename, pattern) for pattern in opts.comments_pages
    )


def _bool(value: object, default: bool, name: str, say: Report) -> bool:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    word = yes_no_word(str(value))
    if word is not None:
        return word
    say(f"html_theme_options[{name!r}]: expected true or false, got {value!r}")
    return default


def _words(value: object, name: str, say: Report) -> list[str] | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        items = [w.strip() for w in value.split(",")]
    elif isinstance(value, list | tuple) and all(isinstance(w, str) for w in value):
        items = [w.strip() for w in value]
    else:
        say(
            f"html_theme_options[{name!r}]: expected a list of link kinds such as "
            f"['email', 'scholar', 'github'], got {value!r}"
        )
        return None
    return [kind_of(w) or w.lower() for w in items if w]


def _nav_items(value: object, say: Report) -> list[tuple[str | None, str]] | None:
    """``"index, publications, CV=cv"``, or a list of docnames, ``(title, target)`` pairs
    or ``{"title": ..., "url": ...}`` mappings."""
    if value is None or value == "":
        return None
    items: object = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        say(f"html_theme_options['nav_items']: expected a list, got {value!r}")
        return None
    out: list[tuple[str | None, str]] = []
    for item in items:
        if isinstance(item, str) and item.strip():
            title, sep, target = item.partition("=")
            out.append((title.strip(), target.strip()) if sep else (None, item.strip()))
        elif (
            isinstance(item, list | tuple)
            and len(item) == 2
            and all(isinstance(x, str) for x in item)
        ):
            out.append((item[0], item[1]))
        elif isinstance(item, dict) and isinstance(item.get("url") or item.get("page"), str):
            shown = item.get("title")
            out.append(
                (shown if isinstance(shown, str) else None, str(item.get("url") or item["page"]))
            )
        elif not (isinstance(item, str) and not item.strip()):
            say(
                f"html_theme_options['nav_items']: cannot use {item!r}; expected a "
                "docname, a URL or a (title, target) pair"
            )
    return out
