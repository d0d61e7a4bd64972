# Configuration of your homepage and CV, a Sphinx project:
# https://www.sphinx-doc.org/en/master/usage/configuration.html
#
# Your data lives in profile.yaml; the pages show it with sphinx-cv's directives.
# project, author and html_title default to the name in profile.yaml.

extensions = ["sphinx_cv", "myst_parser"]

html_theme = "sphinx_cv"          # the academic homepage theme; furo, alabaster... work too
exclude_patterns = ["_build", ".venv", "venv", "README.md", "Thumbs.db", ".DS_Store"]

# cv_profile = "profile.yaml"      # where the profile is (this is the default)
# cv_bibtex_files = ["pubs.bib"]   # more publications from BibTeX
# cv_languages = ["en", "zh_CN"]   # a site and a CV per language, the main one first

# The website (docs: "Run your homepage"). With your site's address set, uncomment what
# you want: a news feed (atom.xml), sitemap.xml and robots.txt, a page per paper.
# html_baseurl = "https://you.github.io/"
# cv_feed = True
# cv_sitemap = True
# cv_publication_pages = True
cv_publication_filter = True     # a filter box (text, year, type, topic) above paper lists
