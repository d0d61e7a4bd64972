"""Wires the extension into Sphinx: config, domain, directives, nodes, assets."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from .config import get_config, setup_config
from .directives import setup_directives
from .domain import load_profile_once, setup_domain
from .nodes import setup_nodes
from .static import setup_static
from .theme import setup_theme

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def setup_extension(app: Sphinx) -> None:
    setup_config(app)
    setup_domain(app)
    setup_nodes(app)
    setup_directives(app)
    setup_static(app)
    setup_theme(app)
    app.connect("config-inited", defaults_from_profile, priority=600)


def defaults_from_profile(app: Sphinx, config: Config) -> None:
    """``project`` and ``author`` from the profile when conf.py leaves them unset."""
    raw = config._raw_config
    if {"project", "author", "html_title", "copyright"} <= raw.keys():
        return
    cv = get_config(config)
    if not os.path.exists(cv.profile_path):
        return
    person = load_profile_once(cv).profile.person
    if person is None:
        return
    if "project" not in raw:
        config.project = person.name
    if "author" not in raw:
        config.author = person.name
    if "html_title" not in raw:
        config.html_title = person.name
    if "copyright" not in raw:
        config.copyright = person.name
