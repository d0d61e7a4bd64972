"""Publication thumbnails (``image:`` on a publication), on the web only.

A thumbnail in the site's folder is copied by us, not by Sphinx's image collector: it
is read through :func:`sphinx_cv.data.files.read_file` (inside the site, a regular file,
size-capped) and written to ``_images/cv/<paper>.<ext>`` when the HTML build is done,
so a printed CV never carries it and a file swapped for a FIFO cannot hang the build.
An image given as a URL is shown from there: the profile chose that host.
"""

from __future__ import annotations

import os
import posixpath
from typing import TYPE_CHECKING

from ..config import CvConfig, get_config
from ..data.files import read_file
from ..data.links import is_safe_link
from ..data.loader import local_path
from ..data.problems import Subtype
from ..data.publication import Publication
from ..logging_ import warn
from ..nodes import cv_thumbnail
from .feed import HTML_BUILDERS

if TYPE_CHECKING:
    from sphinx.application import Sphinx

THUMBS_DIR = "_images/cv"


def image_roots(cv: CvConfig) -> tuple[str, str]:
    """Where a thumbnail file may be: the site's folder or the profile's."""
    return cv.srcdir, os.path.dirname(cv.profile_path)


def local_image(cv: CvConfig, image: str | None) -> str | None:
    return local_path(image, *image_roots(cv)) if image else None


def thumb_target(pub_id: str, local: str) -> str:
    """``_images/cv/<page slug>.<ext>``: one file per paper, named like its page."""
    from .pubpages import page_slug

    ext = os.path.splitext(local)[1].lower()
    return posixpath.join(THUMBS_DIR, page_slug(pub_id) + ext)


def thumbnail(cv: CvConfig, pub: Publication, page: str | None = None) -> cv_thumbnail | None:
    """The thumbnail node of ``pub``, or None when it has none (or an unsafe URL)."""
    if not pub.image:
        return None
    local = local_image(cv, pub.image)
    if local is None:
        return cv_thumbnail(uri=pub.image) if is_safe_link(pub.image) else None
    node = cv_thumbnail(target=thumb_target(pub.id, local))
    if page:
        node["page"] = page
    return node


def copy_thumbnails(app: Sphinx, exception: BaseException | None) -> None:
    """Every local thumbnail of the profile into ``_images/cv`` (rewritten only when it
    changed, so a served site does not reload for nothing). The list comes from the
    profile facts kept beside the doctrees, so a no-op rebuild parses no profile."""
    from ..profile_facts import profile_facts
    from .stamp import note_image, note_output, unchanged

    if exception is not None or app.builder.name not in HTML_BUILDERS or unchanged(app):
        return
    cv = get_config(app)
    facts = profile_facts(app.doctreedir, cv)
    if facts is None:
        return
    for pub_id, image in facts.images:
        local = local_image(cv, image)
        if local is None:
            continue
        note_image(app, local)
        try:  # the loader checked it; this is the last guard before it is read
            data = read_file(local, image_roots(cv))
        except OSError as err:
            warn(f"{pub_id}: image {local}: {err.strerror or err}; not copied", Subtype.FILE)
            continue
        target = thumb_target(pub_id, local)
        note_output(app, target)
        out = os.path.join(app.outdir, *target.split("/"))
        try:
            with open(out, "rb") as fh:
                if fh.read() == data:
                    continue
        except OSError:
            pass
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out, "wb") as fh:
            fh.write(data)


def setup_thumbs(app: Sphinx) -> None:
    app.connect("build-finished", copy_thumbnails)
