"""The ``sphinx_cv`` HTML theme: an academic homepage around the directives' output.

``html_theme = "sphinx_cv"`` (the default when ``conf.py`` names no theme). The templates
and assets live in ``theme/sphinx_cv/``; :mod:`.context` fills the templates from the
profile, :mod:`.head` writes the metadata, :mod:`.options` checks the theme options.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ..config import get_config, user_set
from ..data.files import check_file
from ..data.problems import Subtype
from ..data.stamps import stamp
from ..logging_ import warn
from ..profile_facts import profile_facts
from .context import (
    check_nav_items,
    citation_context,
    page_context,
    photo_file,
    photo_roots,
    theme_active,
    theme_settings,
)
from .options import ThemeOptions, parse_options

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

THEME_NAME = "sphinx_cv"
THEME_DIR = os.path.join(os.path.dirname(__file__), THEME_NAME)
STAMP_ATTR = "sphinx_cv_theme_stamp"


def default_theme(app: Sphinx, config: Config) -> None:
    """New sites get this theme unless ``conf.py`` (or ``-D``) names one."""
    if not user_set(config, "html_theme"):
        config.html_theme = THEME_NAME


def init_theme(app: Sphinx) -> None:
    """Check the options once and have the photo copied to ``_static``."""
    if not theme_active(app):
        return
    opts = parse_options(theme_settings(app), report=lambda m: warn(m, Subtype.CONFIG))
    if getattr(app.builder, "search", False) and not search_linked(opts):
        # No page links to the search page: no page, and no index of every word of the
        # site (a tenth of the build of a thousand publications).
        app.builder.search = False  # type: ignore[attr-defined]
    cv = get_config(app)
    facts = profile_facts(app.doctreedir, cv)
    person = facts.person if facts is not None else None
    local = photo_file(cv, person.photo if person is not None else None, str(app.srcdir))
    if local is None:
        return
    try:  # the loader left out a photo it may not read; this is the last guard
        real = check_file(local, photo_roots(cv, str(app.srcdir)))
    except OSError as err:
        why = "not found" if isinstance(err, FileNotFoundError) else err.strerror
        warn(
            f"person.photo: {local} {why} (the theme shows initials instead)",
            Subtype.FILE,
            cv.profile_path + ":",
        )
        return
    app.config.html_static_path.append(real)  # an absolute path, like confdir


def search_linked(opts: ThemeOptions) -> bool:
    """Whether the theme links to the search page: its Search entry, or a navigation
    item naming the page."""
    return opts.show_search or any(target == "search" for _, target in opts.nav_items or ())


def rewrite_on_profile_change(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Every page shows the profile in its sidebar, but only pages with directives read
    it: when the profile (or a BibTeX file) changed since the last build, write all pages
    again. They are rewritten, not re-read."""
    if not theme_active(app):
        return []
    cv = get_config(app)
    facts = profile_facts(app.doctreedir, cv)
    files = facts.files if facts is not None else [cv.profile_path]
    now = stamp(files)
    if getattr(env, STAMP_ATTR, None) == now:
        return []
    setattr(env, STAMP_ATTR, now)
    return sorted(env.all_docs)


def setup_theme(app: Sphinx) -> None:
    app.add_html_theme(THEME_NAME, THEME_DIR)
    app.connect("config-inited", default_theme, priority=650)
    app.connect("builder-inited", init_theme)
    app.connect("env-get-updated", rewrite_on_profile_change)
    app.connect("env-updated", check_nav_items)
    app.connect("html-page-context", citation_context, priority=400)
    app.connect("html-page-context", page_context)
