"""The CV as a PDF through Sphinx's LaTeX builder: defaults, transforms, the CV look."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .defaults import apply_latex_defaults
from .transforms import (
    AbsoluteLinks,
    ClassedLinks,
    ClassedParagraphs,
    DropEmptySections,
    EntryAnchors,
    SidebarSections,
    UnbrokenDates,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_latex(app: Sphinx) -> None:
    # After check_config (400) has built the CvConfig and defaults_from_profile (600).
    app.connect("config-inited", apply_latex_defaults, priority=700)
    app.add_transform(DropEmptySections)
    app.add_post_transform(SidebarSections)
    app.add_post_transform(UnbrokenDates)
    app.add_post_transform(ClassedParagraphs)
    app.add_post_transform(EntryAnchors)
    app.add_post_transform(ClassedLinks)
    app.add_post_transform(AbsoluteLinks)
