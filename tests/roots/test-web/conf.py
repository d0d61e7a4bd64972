# The website features switched on: feed, sitemap, a page per publication.
extensions = ["sphinx_cv"]
html_baseurl = "https://ada.example.org/site/"
cv_feed = True
cv_feed_sections = ["news", "talks"]
cv_sitemap = True
cv_publication_pages = True
cv_publication_filter = True
