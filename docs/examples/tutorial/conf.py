# Sphinx configuration of the site. project, author and the page title come from
# profile.yaml (person.name); set them here to override.
extensions = ["sphinx_cv", "myst_parser"]
exclude_patterns = ["_build", ".venv", "README.md"]
