# Sphinx configuration of the site. project, author and the page title come from
# profile.yaml (person.name); set them here to override.
extensions = ["sphinx_cv", "myst_parser"]

# Not pages: the build output, and the virtual environment with its packages' READMEs.
exclude_patterns = ["_build", ".venv", "README.md"]
