"""CSS for HTML builders only: a LaTeX build never sees it."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC_DIR = os.path.join(os.path.dirname(__file__), "static")


def add_static(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    app.config.html_static_path.append(STATIC_DIR)
    app.add_css_file("sphinx-cv.css")


def setup_static(app: Sphinx) -> None:
    app.connect("builder-inited", add_static)
