# The example site: a researcher's homepage and CV, every fact from profile.yaml.
# project, author and html_title default to the profile's name.
extensions = ["sphinx_cv", "myst_parser"]

html_theme = "sphinx_cv"  # shipped with the extension (and its default)
html_baseurl = "https://simmonssong.github.io/"
exclude_patterns = ["_build"]

cv_profile = "profile.yaml"
