extensions = ["sphinx_cv", "myst_parser"]
project = "test"
myst_enable_extensions = ["colon_fence"]
