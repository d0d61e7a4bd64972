"""Sphinx configuration of sphinx-cv's documentation (build: see README, Documentation)."""

import os

from sphinx_cv import __version__

project = "sphinx-cv"
author = "sphinx-cv developers"
copyright = "2025, sphinx-cv developers"
version = release = __version__

# sphinx_cv renders the live examples; sphinx_cv.docsite generates the reference pages
# from the code and shows the tests' snippets (../tests/snippets) as examples.
extensions = ["myst_parser", "sphinx_cv", "sphinx_cv.docsite"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# The demo profile behind the examples.
cv_profile = "examples/profile.yaml"

exclude_patterns = ["_build", "examples", "Thumbs.db", ".DS_Store"]
nitpicky = True

html_theme = "furo"
html_title = "sphinx-cv"
html_static_path = ["_static"]
html_css_files = ["docs.css"]

# These docs as a manual, not a CV (sphinx_cv would otherwise make a CV of index).
latex_documents = [("index", "sphinx-cv.tex", "sphinx-cv", author, "manual")]

# Offline by default: check internal links and local files only. Set
# SPHINX_CV_LINKCHECK_EXTERNAL=1 to check web links too.
linkcheck_ignore = [] if os.environ.get("SPHINX_CV_LINKCHECK_EXTERNAL") else [r"https?://"]
