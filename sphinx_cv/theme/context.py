"""The values the ``sphinx_cv`` templates show, from the profile and the theme options.

Everything put in the context is plain data (strings, lists, dicts); the templates
escape each string with ``|e``. The JSON-LD is the one string made safe here.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol, cast
from urllib.parse import quote, urljoin

from ..config import CvConfig, get_config
from ..data.files import check_file
from ..data.links import looks_like_url
from ..data.loader import local_path
from ..data.problems import Subtype
from ..data.profile import Person, Profile
from ..directives.profile import contact_items, updated_text
from ..domain import load_profile_once
from ..locale import cv_text
from ..logging_ import warn
from ..profile_facts import profile_facts
from ..web.languages import language_versions
from .head import (
    affiliation_text,
    citation_meta,
    initials,
    opengraph,
    person_jsonld,
    plain,
    script_json,
    shorten,
)
from .icons import ICONS, icon_for
from .options import COMMENT_SERVICES, ThemeOptions, comments_here, parse_options

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class PathTo(Protocol):
    """Sphinx's ``pathto`` in a page's template context: the URL of a document (or, with
    ``resource`` true, of a file) from the page being written."""

    def __call__(self, otheruri: str, resource: bool = False, baseuri: str = ...) -> str: ...


PAGE_PUBLICATION_FIELD = "cv-publication"
"""File-wide metadata naming the one paper a page is about: it gets ``citation_*`` tags."""

# Sphinx's own scripts serve search and search-term highlighting; a homepage without
# search does not need them.
SPHINX_SCRIPTS = {
    "_static/documentation_options.js",
    "_static/doctools.js",
    "_static/sphinx_highlight.js",
}
THEME_SCRIPT = "_static/sphinx-cv-theme.js"
TAGS = re.compile(r"<[^>]*>")
VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>\s*')


def theme_options_of(context: Mapping[str, object]) -> dict[str, object]:
    return {k: v for k, v in context.items() if k.startswith("theme_")}


def load_profile(cv: CvConfig) -> Profile | None:
    if not os.path.exists(cv.profile_path):
        return None
    return load_profile_once(cv).profile


def photo_file(cv: CvConfig, photo: str | None, srcdir: str) -> str | None:
    """The local file of the person's photo (``/x.jpg`` is from the source folder, like
    Sphinx images; other paths are relative to the profile); None for a URL or none."""
    if not photo:
        return None
    return local_path(photo, srcdir, os.path.dirname(cv.profile_path))


def photo_roots(cv: CvConfig, srcdir: str) -> tuple[str, str]:
    """Where a photo file may be: the site's folder or the profile's."""
    return srcdir, os.path.dirname(cv.profile_path)


def photo_urls(
    cv: CvConfig, person: Person | None, srcdir: str, pathto: PathTo, baseurl: str
) -> tuple[str | None, str | None]:
    """(URL from this page, public URL) of the photo, which :func:`init_theme` had
    copied to ``_static``; the public one needs ``html_baseurl``."""
    if person is None or not person.photo:
        return None, None
    local = photo_file(cv, person.photo if person is not None else None, srcdir)
    if local is None:  # a URL: the owner's choice to load it from there
        return person.photo, person.photo
    try:
        real = check_file(local, photo_roots(cv, srcdir))
    except OSError:
        return None, None
    static = "_static/" + os.path.basename(real)
    return pathto(static, True), posixpath.join(baseurl, static) if baseurl else None


def absolute(url: str, base: str | None) -> str | None:
    """``url`` resolved against ``base`` (a page's public URL); None when that can't be
    known."""
    if "://" in url or url.startswith("mailto:"):
        return url
    return urljoin(base, url) if base else None


def citation_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, object],
    doctree: nodes.document | None,
) -> None:
    """``citation_*`` tags on the page of one paper (``cv-publication: ID`` in its
    metadata), under any theme: they join the page's meta tags."""
    pub_id = str(_page_meta(context).get(PAGE_PUBLICATION_FIELD) or "").strip()
    if not pub_id:
        return
    profile = load_profile(get_config(app))
    pub = profile.by_id.get(pub_id) if profile is not None else None
    if pub is None:
        warn(
            f"{PAGE_PUBLICATION_FIELD}: no publication has id {pub_id!r}",
            Subtype.UNKNOWN_REF,
            pagename,
        )
        return
    page_url = _page_url(context)
    pairs = citation_meta(pub, lambda url: absolute(url, page_url) or url)
    context["cv_citation"] = pairs
    context["metatags"] = str(context.get("metatags") or "") + "".join(
        f'\n<meta name="{html.escape(name)}" content="{html.escape(content)}" />'
        for name, content in pairs
    )


def _page_meta(context: Mapping[str, object]) -> dict[str, object]:
    """The page's file-wide metadata (Sphinx's ``meta``; None on generated pages)."""
    meta = context.get("meta")
    return meta if isinstance(meta, dict) else {}


def _page_url(context: Mapping[str, object]) -> str | None:
    """The page's public URL (Sphinx's ``pageurl``, set with ``html_baseurl``)."""
    url = context.get("pageurl")
    return url if isinstance(url, str) else None


def page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, object],
    doctree: nodes.document | None,
) -> None:
    if "theme_avatar_shape" not in context:  # another theme
        return
    opts = parse_options(theme_options_of(context))
    cv = get_config(app)
    if cv.pdf_accent and not opts.accent_color:  # the web CV follows the PDF's accent
        opts.accent_color = cv.pdf_accent
    facts = profile_facts(app.doctreedir, cv)
    person = facts.person if facts is not None else None
    pathto = cast(PathTo, context["pathto"])  # Sphinx's, in every page's context
    env = app.builder.env
    root = app.config.root_doc
    baseurl = app.config.html_baseurl or ""
    avatar, avatar_url = photo_urls(cv, person, str(app.srcdir), pathto, baseurl)
    site: dict[str, object] = {
        "options": opts,
        "person": person_view(person, avatar, opts) if person else None,
        "nav": nav_items(env, pagename, root, pathto, opts),
        "home": pathto(root),
        "icons": {k: ICONS[k] for k in ("sun", "moon", "menu")},
        "updated": updated_text(cv.updated_format, facts.updated, cv.language) if facts else "",
        "words": theme_words(),
        "languages": language_versions(app, pagename),
        "script": pathto(THEME_SCRIPT, True),
        "favicon": favicon(initials(person.name), opts) if person else "",
        "accent_css": accent_css(opts),
        "sidebar": person is not None and opts.profile_sidebar,
        "comments": (
            {"script": COMMENT_SERVICES[opts.comments].script, "data": opts.comments_data}
            if comments_here(opts, pagename)
            else None
        ),
    }
    site["head"] = head_values(context, pagename, root, person, opts, avatar_url, baseurl)
    context["cv_site"] = site
    # docutils adds a second viewport tag; the layout already has one.
    context["metatags"] = VIEWPORT.sub("", str(context.get("metatags") or ""))
    scripts = context.get("script_files", [])
    context["script_files"] = page_scripts(
        scripts if isinstance(scripts, list) else [], pagename, opts
    )


def theme_words() -> dict[str, str | tuple[str, str]]:
    """The theme's own words in the language being built."""
    before, _, after = cv_text("Built with {sphinx} and sphinx-cv").partition("{sphinx}")
    return {
        "skip": cv_text("Skip to content"),
        "menu": cv_text("Menu"),
        "dark_mode": cv_text("Dark mode"),
        "languages": cv_text("Languages"),
        "built_with": (before, after),
    }


DEFAULT_ACCENT = "#1f5fa6"


def accent_css(opts: ThemeOptions) -> str:
    """Custom properties for a configured accent (values checked by :mod:`.options`)."""
    if not opts.accent_color and not opts.accent_color_dark:
        return ""
    light = opts.accent_color or DEFAULT_ACCENT
    dark = opts.accent_color_dark or f"color-mix(in srgb, {light} 50%, #fff)"
    return f":root{{--cv-accent-light:{light};--cv-accent-dark:{dark}}}"


def favicon(letters: str, opts: ThemeOptions) -> str:
    """An SVG monogram as a data: URL, so browsers don't ask for /favicon.ico."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        f'<rect width="64" height="64" rx="14" fill="{opts.accent_color or DEFAULT_ACCENT}"/>'
        '<text x="32" y="43" font-family="system-ui,sans-serif" font-size="28" '
        f'font-weight="700" text-anchor="middle" fill="#fff">{html.escape(letters)}</text>'
        "</svg>"
    )
    return "data:image/svg+xml," + quote(svg, safe='=:/,"')


def page_scripts(scripts: list[object], pagename: str, opts: ThemeOptions) -> list[object]:
    """The page's scripts, without Sphinx's search helpers when nothing uses them."""

    def name(js: object) -> str:
        return str(getattr(js, "filename", js) or "")

    others = [js for js in scripts if name(js) not in SPHINX_SCRIPTS]
    if opts.show_search or pagename == "search" or any(name(js) for js in others):
        return list(scripts)
    return others


def person_view(person: Person, avatar: str | None, opts: ThemeOptions) -> dict[str, object]:
    wanted = opts.profile_links
    items = contact_items(person)
    if wanted is None:
        chosen = [c for c in items if c.source != "phone"]
    else:
        chosen = []
        for word in wanted:
            chosen += [
                c
                for c in items
                if c not in chosen
                and (c.kind == word or c.source == word or c.text.lower() == word)
            ]
    links = [
        {
            "kind": c.kind,
            "parts": wrap_parts(c.text),
            "url": c.url,
            "icon": icon_for(c.kind),
            "external": c.source in ("website", "link"),
        }
        for c in chosen
    ]
    return {
        "name": person.name,
        "position": plain(person.position),
        "affiliation": [plain(line) for line in person.affiliation if plain(line)],
        "location": plain(person.location),
        "location_icon": ICONS["location"],
        "avatar": avatar,
        "initials": initials(person.name),
        "links": links,
    }


def wrap_parts(text: str) -> list[str]:
    """An address in pieces between which a narrow column may wrap it: an e-mail after
    the ``@``, a web address after ``/`` and before dots (``example`` / ``.org``)."""
    if " " in text:
        return [text]
    where = r"(?<=@)" if "@" in text else r"(?<=/)|(?=\.)"
    return [part for part in re.split(where, text) if part]


def parents_of(env: BuildEnvironment) -> dict[str, str]:
    """docname -> the document whose toctree includes it first."""
    parents: dict[str, str] = {}
    for parent, children in env.toctree_includes.items():
        for child in children:
            parents.setdefault(child, parent)
    return parents


def nav_items(
    env: BuildEnvironment, pagename: str, root: str, pathto: PathTo, opts: ThemeOptions
) -> list[dict[str, object]]:
    """The top bar: the root document and the pages its toctrees include, or the
    ``nav_items`` option. ``current`` is the page shown or a page above it."""
    if opts.nav_items is None:
        wanted: list[tuple[str | None, str]] = [(None, root)]
        wanted += [(None, doc) for doc in env.toctree_includes.get(root, []) if doc != root]
    else:
        wanted = opts.nav_items
    above = {pagename}
    parents = parents_of(env)
    doc = pagename
    while doc in parents and parents[doc] not in above:
        doc = parents[doc]
        above.add(doc)
    out: list[dict[str, object]] = []
    for title, target in wanted:
        if target in env.all_docs:
            shown = title or (env.titles[target].astext() if target in env.titles else target)
            out.append(
                {
                    "title": shown,
                    "url": pathto(target),
                    "external": False,
                    "current": target == pagename,
                    "section": target in above and target != root,
                }
            )
        elif looks_like_url(target):
            out.append(
                {
                    "title": title or target,
                    "url": target,
                    "external": True,
                    "current": False,
                    "section": False,
                }
            )
    return out


def check_nav_items(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn once per build about ``nav_items`` that name no document and are no URL."""
    if not theme_active(app):
        return
    opts = parse_options(theme_settings(app))
    for _, target in opts.nav_items or []:
        if target not in env.all_docs and not looks_like_url(target):
            warn(
                f"html_theme_options['nav_items']: {target!r} is neither a document nor a "
                "URL; left out of the navigation",
                Subtype.CONFIG,
            )


def head_values(
    context: Mapping[str, object],
    pagename: str,
    root: str,
    person: Person | None,
    opts: ThemeOptions,
    image: str | None,
    baseurl: str,
) -> dict[str, object]:
    meta = _page_meta(context)
    page_url = _page_url(context)
    site_name = str(context.get("docstitle") or (person.name if person else ""))
    title = " ".join(html.unescape(TAGS.sub("", str(context.get("title") or ""))).split())
    is_home = pagename == root
    description = " ".join(str(meta.get("description") or "").split()) or opts.description
    if not description and person is not None:
        description = shorten(
            plain(person.bio)
            or ", ".join(
                p for p in (person.name, plain(person.position), affiliation_text(person)) if p
            )
        )
    if 'name="description"' in str(context.get("metatags") or ""):
        description_tag = ""
    else:
        description_tag = description

    kind = "profile" if is_home else ("article" if context.get("cv_citation") else "website")
    jsonld = None
    if is_home and person is not None:
        home_url = baseurl or person.website
        same_as = [
            c.url
            for c in contact_items(person)
            if c.source in ("website", "link")
            and c.url.startswith(("http:", "https:"))
            and c.url.rstrip("/") != (home_url or "").rstrip("/")
        ]
        jsonld = script_json(person_jsonld(person, home_url, image, same_as))
    return {
        "title": site_name if is_home else (f"{title} – {site_name}" if title else site_name),
        "description": description_tag,
        "og": opengraph(
            title=site_name if is_home else title or site_name,
            site_name=site_name,
            description=description,
            kind=kind,
            url=page_url,
            image=image,
        ),
        "jsonld": jsonld,
    }


# -- build-wide ----------------------------------------------------------------------------


def theme_active(app: Sphinx) -> bool:
    """True when the HTML builder uses this theme (or one inheriting from it)."""
    theme = getattr(app.builder, "theme", None)
    if app.builder.format != "html" or theme is None or not hasattr(theme, "get_options"):
        return False
    return "avatar_shape" in theme.get_options({})


def theme_settings(app: Sphinx) -> dict[str, object]:
    """The theme's defaults with ``html_theme_options`` over them (our options only)."""
    defaults = app.builder.theme.get_options({})  # type: ignore[attr-defined]
    given = app.config.html_theme_options or {}
    return {**defaults, **{k: v for k, v in given.items() if k in defaults}}
