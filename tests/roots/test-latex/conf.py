extensions = ["sphinx_cv"]
exclude_patterns = ["_build"]
