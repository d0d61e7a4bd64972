extensions = ["sphinx_cv"]
project = "bad"
