"""Sphinx extension for sphinx-cv's own documentation (``extensions += ["sphinx_cv.docsite"]``).

The reference pages are generated from the code (the profile model, the directives'
option specs and help, the config dataclass, the warning subtypes), so they cannot drift;
live examples render the snippets the tests use. Not needed to use sphinx-cv.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .examples import CvExample, QuickstartFile
from .reference import (
    OBJECT_TYPES,
    CliReference,
    ConfigReference,
    DirectiveReference,
    ProfileReference,
    ThemeReference,
    WarningReference,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    from .. import __version__

    # Cross-reference targets for prose: {cv-config}`cv_profile`, {cv-option}`timeline:limit`.
    for objtype in OBJECT_TYPES:
        app.add_object_type(objtype, objtype)
    app.add_directive("cv-cli-reference", CliReference)
    app.add_directive("cv-config-reference", ConfigReference)
    app.add_directive("cv-directive-reference", DirectiveReference)
    app.add_directive("cv-profile-reference", ProfileReference)
    app.add_directive("cv-theme-reference", ThemeReference)
    app.add_directive("cv-warning-reference", WarningReference)
    app.add_directive("cv-example", CvExample)
    app.add_directive("cv-quickstart-file", QuickstartFile)
    # Folder of the example snippets, relative to the source folder (the tests' own).
    app.add_config_value("cvdocs_snippets", "../tests/snippets", "env", types=[str])
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
