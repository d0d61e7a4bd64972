"""The extension's own words in the language being built, through Sphinx's gettext
machinery: the catalogs ``<lang>/LC_MESSAGES/sphinx_cv.po`` (and their compiled ``.mo``)
beside this file.

Words the user can configure (group titles, ``cv_present_label``...) go through the
catalog too: a configured text is looked up as well, and only the defaults are in it, so
the user's own wording is kept as written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.transforms import SphinxTransform

from ..data.sections import SECTIONS

if TYPE_CHECKING:
    from sphinx.application import Sphinx

CATALOG = "sphinx_cv"
LOCALE_DIR = str(Path(__file__).resolve().parent)
LANGUAGES = ("zh_CN", "zh_TW", "ja", "ko", "de", "fr", "es")
"""The languages whose catalogs ship with the package."""

_ = get_translation(CATALOG)


def cv_text(message: str) -> str:
    """``message`` in the language being built (as written when no catalog has it)."""
    return str(_(message))


def setup_locale(app: Sphinx) -> None:
    app.add_message_catalog(CATALOG, LOCALE_DIR)
    app.add_transform(DefaultHeadings)


def compile_catalogs(folder: str = LOCALE_DIR) -> list[str]:
    """Write each ``.po`` under ``folder`` as its ``.mo`` (``python -m sphinx_cv.locale``,
    after editing a catalog; the ``.mo`` files are checked in, so an installed package
    needs no compiling). The files written."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(Path(folder).glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as fh:
            catalog = read_po(fh)
        mo = po.with_suffix(".mo")
        with mo.open("wb") as fh:
            write_mo(fh, catalog)
        written.append(str(mo))
    return written


QUICKSTART_HEADINGS = (
    "Curriculum Vitae",
    "About",
    "Research interests",
    "Research Interests",
    "Selected publications",
    *(s.title for s in SECTIONS),
)
"""The headings of the pages ``sphinx-cv quickstart`` writes (every section's default
title among them): a page keeping one as written shows it in the language being built,
so a new site is bilingual without a ``.po`` file of the user's."""


class DefaultHeadings(SphinxTransform):
    """Translate section titles that are exactly a quickstart heading; a heading the user
    changed is left alone, and the user's own catalogs (applied before) win."""

    default_priority = 25  # after Sphinx's own translation of the page (priority 20)

    def apply(self, **kwargs: object) -> None:
        for title in self.document.findall(nodes.title):
            text = title.astext()
            if text not in QUICKSTART_HEADINGS or len(title.children) != 1:
                continue
            shown = cv_text(text)
            if shown != text:
                title.replace(title.children[0], nodes.Text(shown))
