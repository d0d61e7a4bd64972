"""The directives and roles, registered for reStructuredText and MyST alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..web.metrics import CitationMetrics
from .interests import ResearchInterests
from .profile import CvHeader, CvLinkRole, CvUpdated, ProfileCard, resolve_pdf_links
from .publications import PublicationList
from .timeline import Timeline

if TYPE_CHECKING:
    from sphinx.application import Sphinx

DIRECTIVES = {
    "publication-list": PublicationList,
    "timeline": Timeline,
    "cv-header": CvHeader,
    "profile-card": ProfileCard,
    "research-interests": ResearchInterests,
    "cv-updated": CvUpdated,
    "citation-metrics": CitationMetrics,
}


def setup_directives(app: Sphinx) -> None:
    for name, cls in DIRECTIVES.items():
        app.add_directive(name, cls)
    app.add_role("cv-link", CvLinkRole())
    app.connect("doctree-resolved", resolve_pdf_links)
