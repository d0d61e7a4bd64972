"""What a researcher's website has beyond its pages: the news feed, the sitemap, a page
per publication, citation counts, the publication filter and the links between the
versions in each language (HTML builders only)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .browse import setup_browse
from .feed import setup_feed
from .languages import setup_languages
from .metrics import setup_metrics
from .pubpages import setup_pubpages
from .sitemap import setup_sitemap
from .stamp import setup_stamp
from .thumbs import setup_thumbs

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_web(app: Sphinx) -> None:
    setup_feed(app)
    setup_sitemap(app)
    setup_pubpages(app)
    setup_metrics(app)
    setup_browse(app)
    setup_thumbs(app)
    setup_stamp(app)
    setup_languages(app)
