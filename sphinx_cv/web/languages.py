"""The versions of a page in the site's other languages (``cv_languages``).

`sphinx-cv build` puts the main language at the site root and each other one in
``<lang>/``; every page names its versions in its head (``<link rel="alternate"
hreflang>``, with ``x-default`` the main language) under any theme, and the sphinx_cv
theme shows them as a language switcher.
"""

from __future__ import annotations

import functools
import html
import posixpath
from typing import TYPE_CHECKING, TypedDict

from ..config import get_config

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


def hreflang(code: str) -> str:
    """A Sphinx language code as HTML writes it: ``zh_CN`` -> ``zh-CN``."""
    return code.replace("_", "-")


@functools.lru_cache(maxsize=64)
def language_name(code: str, codes: tuple[str, ...]) -> str:
    """The language's name in itself (Deutsch, 中文); with its region when another
    language of the site shares the language (中文 (中国), 中文 (台灣))."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return code
    shared = sum(c.split("_")[0] == code.split("_")[0] for c in codes) > 1
    name = locale.get_display_name(locale) if shared else locale.get_language_name(locale)
    return str(name or code)


class LanguageVersion(TypedDict):
    """One language's version of a page, for the language menu and hreflang links."""

    code: str
    hreflang: str
    url: str
    name: str
    current: bool


def language_versions(app: Sphinx, pagename: str) -> list[LanguageVersion]:
    """``[{code, hreflang, name, url, current}]`` of this page in every language of
    ``cv_languages``, main language first; empty for a site of one language. URLs are
    relative to the page, or absolute when ``html_baseurl`` is set."""
    cv = get_config(app)
    if len(cv.languages) < 2:
        return []
    main = cv.main_language
    current = cv.language if cv.language in cv.languages else main
    target = app.builder.get_target_uri(pagename)
    baseurl = str(app.config.html_baseurl or "")
    if baseurl:
        base = baseurl if baseurl.endswith("/") else baseurl + "/"
        if current != main and base.endswith(f"/{current}/"):
            base = base[: -len(current) - 1]  # sphinx-cv build sets <lang>/ for the others
    else:
        depth = pagename.count("/") + (1 if current != main else 0)
        base = "../" * depth
    out: list[LanguageVersion] = []
    for code in cv.languages:
        root = base if code == main else f"{base}{code}/"
        url = posixpath.normpath(root + target) if not baseurl else root + target
        if not baseurl and target.endswith("/"):
            url += "/"
        out.append(
            {
                "code": code,
                "hreflang": hreflang(code),
                "url": url,
                "name": language_name(code, tuple(cv.languages)),
                "current": code == current,
            }
        )
    return out


def alternate_links(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, object],
    doctree: nodes.document | None,
) -> None:
    """``<link rel="alternate" hreflang>`` to each version of the page, under any theme."""
    versions = language_versions(app, pagename)
    if not versions:
        return
    links = [(v["hreflang"], v["url"]) for v in versions]
    links.append(("x-default", versions[0]["url"]))
    context["metatags"] = str(context.get("metatags") or "") + "".join(
        f'\n<link rel="alternate" hreflang="{html.escape(lang)}" href="{html.escape(url)}" />'
        for lang, url in links
    )


def setup_languages(app: Sphinx) -> None:
    app.connect("html-page-context", alternate_links)
