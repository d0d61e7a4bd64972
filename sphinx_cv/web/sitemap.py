"""``sitemap.xml`` and ``robots.txt`` at the site root (``cv_sitemap = True`` and
``html_baseurl``).

Written here rather than by sphinx-sitemap: that extension dates pages only through
git (sphinx-last-updated-by-git, which needs the full history in CI), writes no
robots.txt, and would not know the pages sphinx-cv generates (one per publication),
whose date is the profile's. Here the list of pages is computed in the main process
when the build is done (``env.all_docs`` and the generated pages), so ``-j`` and
``dirhtml`` need nothing special; the XML is built with ElementTree.
"""

from __future__ import annotations

import datetime as dt
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import quote, urljoin

from ..config import get_config
from ..data.problems import Subtype
from ..logging_ import warn
from .feed import HTML_BUILDERS, site_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP_FILE = "sitemap.xml"
ROBOTS_FILE = "robots.txt"


def sitemap_xml(urls: Iterable[tuple[str, dt.date | None]]) -> bytes:
    """A sitemaps.org ``urlset``: each (absolute URL, last modification date)."""
    ET.register_namespace("", SITEMAP_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for loc, lastmod in urls:
        url = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = loc
        if lastmod is not None:
            ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = lastmod.isoformat()
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def robots_txt(sitemap_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n"


def _mtime_date(paths: Iterable[str]) -> dt.date | None:
    times = []
    for path in paths:
        try:
            times.append(os.path.getmtime(path))
        except OSError:
            continue
    if not times:
        return None
    return dt.datetime.fromtimestamp(max(times), dt.timezone.utc).date()


def page_dates(app: Sphinx) -> list[tuple[str, dt.date | None]]:
    """(URI relative to the site root, last modified) of every page: each document
    (its source file, and the profile files when it shows the profile) and each page
    sphinx-cv generates."""
    from ..domain import CvDomain
    from .pubpages import generated_pages

    env = app.env
    domain: CvDomain = env.get_domain("cv")  # type: ignore[assignment]
    cv = get_config(app)
    facts = cv.store.facts
    profile_files = list(facts.files) if facts is not None else [cv.profile_path]
    pages: list[tuple[str, dt.date | None]] = []
    for docname in sorted(env.all_docs):
        files = [str(env.doc2path(docname))]
        if docname in domain.uses or docname in domain.labels:
            files += profile_files
        pages.append((app.builder.get_target_uri(docname), _mtime_date(files)))
    profile_date = _mtime_date(profile_files)
    pages += [(app.builder.get_target_uri(name), profile_date) for name in generated_pages(app)]
    return pages


def user_robots(app: Sphinx) -> bool:
    """Whether ``html_extra_path`` brings a robots.txt of the user's own."""
    for extra in app.config.html_extra_path:
        if os.path.isfile(os.path.join(app.confdir, extra, ROBOTS_FILE)):
            return True
    return False


def write_sitemap(app: Sphinx, exception: BaseException | None) -> None:
    from .stamp import note_output, unchanged

    cv = get_config(app)
    if exception is not None or not cv.sitemap or app.builder.name not in HTML_BUILDERS:
        return
    base = site_url(app)
    if base is None:
        warn(
            "cv_sitemap needs html_baseurl (a sitemap lists absolute URLs); no "
            "sitemap.xml is written",
            Subtype.CONFIG,
        )
        return
    if unchanged(app):
        return
    urls = [(urljoin(base, quote(uri, safe="/#")), date) for uri, date in page_dates(app)]
    with open(os.path.join(app.outdir, SITEMAP_FILE), "wb") as fh:
        fh.write(sitemap_xml(urls))
    note_output(app, SITEMAP_FILE)
    if not user_robots(app):
        with open(os.path.join(app.outdir, ROBOTS_FILE), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(robots_txt(urljoin(base, SITEMAP_FILE)))
        note_output(app, ROBOTS_FILE)


def setup_sitemap(app: Sphinx) -> None:
    app.connect("build-finished", write_sitemap)
