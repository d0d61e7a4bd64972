extensions = ["sphinx_cv"]
project = "i18n"
exclude_patterns = ["_build"]
cv_languages = ["en", "zh_CN"]
