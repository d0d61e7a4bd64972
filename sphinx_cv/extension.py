"""Wires the extension into Sphinx: config, domain, directives, nodes, assets."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from .config import CvConfig, get_config, setup_config, user_set
from .data.loader import file_stamp
from .directives import setup_directives
from .domain import load_profile_once, setup_domain
from .latex import setup_latex
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
    setup_latex(app)
    setup_theme(app)
    app.connect("config-inited", defaults_from_profile, priority=600)


def defaults_from_profile(app: Sphinx, config: Config) -> None:
    """``project`` and ``author`` from the profile when conf.py leaves them unset."""
    names = ("project", "author", "html_title", "copyright")
    unset = [name for name in names if not user_set(config, name)]
    if not unset:
        return
    cv = get_config(config)
    if not os.path.exists(cv.profile_path):
        return
    name = person_name(app, cv)
    if name is None:
        return
    for attr in unset:
        setattr(config, attr, name)


def person_name(app: Sphinx, cv: CvConfig) -> str | None:
    """The profile's person name, kept beside the doctrees while the profile file is
    unchanged: a rebuild that reads no page showing the profile does not parse it (at
    10,000 publications that is most of a no-op rebuild)."""
    saved = Path(app.doctreedir) / "sphinx-cv-person.json"
    stamp = [list(s) for s in file_stamp([cv.profile_path])]
    try:
        cached = json.loads(saved.read_text(encoding="utf-8"))
        if cached["stamp"] == stamp:
            return cached["name"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    person = load_profile_once(cv).profile.person
    name = person.name if person is not None else None
    try:
        saved.parent.mkdir(parents=True, exist_ok=True)
        saved.write_text(json.dumps({"stamp": stamp, "name": name}), encoding="utf-8")
    except OSError:
        pass
    return name
