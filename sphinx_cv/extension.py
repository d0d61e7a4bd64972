"""Wires the extension into Sphinx: config, domain, directives, nodes, assets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .config import get_config, setup_config, user_set
from .directives import setup_directives
from .domain import setup_domain
from .fragments import setup_fragments
from .latex import setup_latex
from .locale import setup_locale
from .nodes import setup_nodes
from .profile_facts import outdated_by_profile, profile_facts
from .setaside import setup_setaside
from .smartquotes import setup_smartquotes
from .static import setup_static
from .theme import setup_theme
from .web import setup_web

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def setup_extension(app: Sphinx) -> None:
    setup_config(app)
    setup_locale(app)
    setup_domain(app)
    setup_nodes(app)
    setup_directives(app)
    setup_static(app)
    setup_latex(app)
    setup_theme(app)
    setup_web(app)
    setup_smartquotes(app)
    setup_setaside(app)
    setup_fragments(app)
    app.connect("config-inited", defaults_from_profile, priority=600)
    app.connect("env-get-outdated", outdated_by_profile)


def defaults_from_profile(app: Sphinx, config: Config) -> None:
    """``project`` and ``author`` from the profile when conf.py leaves them unset."""
    names = ("project", "author", "html_title", "copyright")
    unset = [name for name in names if not user_set(config, name)]
    if not unset:
        return
    cv = get_config(config)
    facts = profile_facts(app.doctreedir, cv)
    name = facts.name if facts is not None else None
    if name is None:
        return
    for attr in unset:
        setattr(config, attr, name)
