# No html_theme: sphinx-cv's own theme is the default.
extensions = ["sphinx_cv", "myst_parser"]
html_baseurl = "https://ada.example.org/"
