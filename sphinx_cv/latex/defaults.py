"""LaTeX settings that turn Sphinx's manual into a CV, applied at ``config-inited``.

``LaTeXBuilder.init()`` copies ``latex_elements`` before ``builder-inited`` fires, so this
cannot wait for the builder. Everything here is a default: what ``conf.py`` sets wins.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import get_config, user_set
from ..data.problems import Subtype
from ..data.scripts import ScriptNeeds
from ..logging_ import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

THEME = "sphinxcv"
THEMES_DIR = str(Path(__file__).parent)
# The class, the base look and one package per design (sphinxcv-<design>.sty).
TEX_FILES = sorted(
    str(p) for p in Path(THEMES_DIR, THEME).iterdir() if p.suffix in (".cls", ".sty")
)

# Page margins a design needs (its sidebar, a denser page); the user's sphinxsetup wins.
DESIGN_MARGINS = {
    "sidebar": "hmargin={6.6cm,1.5cm}, vmargin={1.5cm,1.8cm}",
    "compact": "hmargin={1.5cm,1.5cm}, vmargin={1.2cm,1.5cm}",
}

# cv_pdf_font: TeX Gyre families, by the name each engine knows them by.
FONTS = {
    "termes": ("tgtermes", "TeX Gyre Termes"),
    "pagella": ("tgpagella", "TeX Gyre Pagella"),
    "bonum": ("tgbonum", "TeX Gyre Bonum"),
    "schola": ("tgschola", "TeX Gyre Schola"),
    "heros": ("tgheros", "TeX Gyre Heros"),
}

# No title page, contents, chapter heads or index; one-sided; CV margins. The class
# (sphinxcv.cls) does the rest, so a user's own latex_elements keep working.
ELEMENTS = {
    "tableofcontents": "",
    "fncychap": "",
    "makeindex": "",
    "printindex": "",
    "releasename": "",
    "extraclassoptions": "oneside",
    "sphinxsetup": "hmargin={1.9cm,1.9cm}, vmargin={1.6cm,1.9cm}",
}

# xeCJK with Noto CJK: Fandol (xeCJK's fallback) embeds no ToUnicode map, so its text
# would not survive copy-paste or pdftotext. Each font is guarded: a missing one falls
# back instead of failing the build.
CJK_VARIANTS = {
    "zh_CN": "SC",
    "zh": "SC",
    "zh_SG": "SC",
    "zh_TW": "TC",
    "zh_HK": "HK",
    "ja": "JP",
    "ko": "KR",
}
"""The Noto CJK font variant for each CJK language (the glyph forms differ)."""

# Dates such as "2020年9月 – 2025年6月" are wider than "Sep. 2020 – Jun. 2025", and xeCJK
# may break a line between any two CJK characters: a wider date column keeps each date
# whole.
CJK_DATES = r"\setlength{\cvdatewidth}{4.2cm}" + "\n"

CJK_PREAMBLE = r"""
% sphinx-cv: the profile has CJK text
\IfFileExists{xeCJK.sty}{%
  \usepackage{xeCJK}%
  \IfFontExistsTF{Noto Serif CJK SC}{\setCJKmainfont{Noto Serif CJK SC}}{}%
  \IfFontExistsTF{Noto Sans CJK SC}{\setCJKsansfont{Noto Sans CJK SC}}{}%
  \IfFontExistsTF{Noto Sans Mono CJK SC}{\setCJKmonofont{Noto Sans Mono CJK SC}}{}%
  % Dashes, quotes, ellipsis and the middle dot stay Western: as CJK punctuation they
  % would take the CJK font and eat the spaces around them in Latin text.
  \xeCJKDeclareCharClass{Default}{"00B7, "2013, "2014, "2018, "2019, "201C, "201D, "2026}%
}{}
"""


def apply_latex_defaults(app: Sphinx, config: Config) -> None:
    if THEMES_DIR not in config.latex_theme_path:
        config.latex_theme_path = [*config.latex_theme_path, THEMES_DIR]
    extra = [f for f in TEX_FILES if f not in config.latex_additional_files]
    config.latex_additional_files = [*config.latex_additional_files, *extra]

    needs = _script_needs(app)
    language = get_config(config).language
    variant = CJK_VARIANTS.get(language, CJK_VARIANTS.get(language.split("_")[0]))
    if variant is not None:
        # The CV's own words (至今, 現在...) are CJK even when the profile is not; and
        # Sphinx's default for Japanese, uplatex, is left out of TeX Live's basic packages.
        needs = ScriptNeeds(True, True, needs.example or "CJK")
        if language == "ja" and not user_set(config, "latex_engine"):
            config.latex_engine = "xelatex"
    engine = _choose_engine(config, needs)
    if not user_set(config, "latex_documents"):
        config.latex_documents = [_cv_document(app, config, engine)]
    if not config.latex_documents or any(
        len(entry) < 5 or entry[4] != THEME for entry in config.latex_documents
    ):
        return  # a manual or another theme: leave Sphinx's look alone
    user = dict(config.latex_elements)
    elements: dict[str, str] = {**ELEMENTS, **user}
    if "sphinxsetup" in user:  # later keys win, so the user's margins override ours
        elements["sphinxsetup"] = f"{ELEMENTS['sphinxsetup']}, {user['sphinxsetup']}"
    cv = get_config(config)
    if cv.pdf_design in DESIGN_MARGINS:
        elements["sphinxsetup"] = ", ".join(
            s
            for s in (
                ELEMENTS["sphinxsetup"],
                DESIGN_MARGINS[cv.pdf_design],
                user.get("sphinxsetup"),
            )
            if s
        )
    if cv.pdf_font and "fontpkg" not in user:
        elements["fontpkg"] = _font_package(cv.pdf_font, engine)
    preamble = design_preamble(cv.pdf_design, cv.pdf_accent, cv.pdf_font)
    if needs.cjk and engine == "xelatex":
        preamble += CJK_PREAMBLE.replace(" CJK SC}", f" CJK {variant or 'SC'}}}") + (
            CJK_DATES if variant else ""
        )
    elements["preamble"] = preamble + user.get("preamble", "")
    config.latex_elements = elements
    if not user_set(config, "latex_domain_indices"):
        config.latex_domain_indices = False
    if not user_set(config, "latex_use_xindy"):
        config.latex_use_xindy = False  # xindy is a separate Debian package


def design_preamble(design: str, accent: str, font: str) -> str:
    """Macros sphinxcv.cls reads to load the design's package and set its accent."""
    lines = [
        "% sphinx-cv: the design (cv_pdf_design, cv_pdf_accent, cv_pdf_font)",
        rf"\def\cvdesign{{{design}}}",
    ]
    if accent:
        lines.append(rf"\def\cvaccenthex{{{accent.lstrip('#').upper()}}}")
    if font:
        lines.append(r"\def\cvfontchosen{}")  # the design keeps its hands off the font
    return "\n".join(lines) + "\n"


def _font_package(font: str, engine: str) -> str:
    """``fontpkg`` for ``cv_pdf_font``: the family as main font, Sphinx's others kept."""
    from sphinx.builders.latex.constants import DEFAULT_SETTINGS, XELATEX_DEFAULT_FONTPKG

    if font == "sans":
        base = (
            XELATEX_DEFAULT_FONTPKG
            if engine in ("xelatex", "lualatex")
            else str(DEFAULT_SETTINGS["fontpkg"])
        )
        return base + "\n\\renewcommand{\\familydefault}{\\sfdefault}\n"
    package, family = FONTS[font]
    if engine in ("xelatex", "lualatex"):
        # Debian's tex-gyre has the Type 1 files, which fontconfig names without spaces.
        return XELATEX_DEFAULT_FONTPKG + (
            f"\n\\IfFontExistsTF{{{family}}}{{\\setmainfont{{{family}}}}}"
            f"{{\\setmainfont{{{family.replace(' ', '')}}}}}\n"
        )
    tail = "\\renewcommand{\\familydefault}{\\sfdefault}" if font == "heros" else ""
    return (
        f"\\usepackage{{{package}}}\\usepackage{{tgheros}}"
        f"\\renewcommand{{\\ttdefault}}{{txtt}}{tail}\n"
    )


def _script_needs(app: Sphinx) -> ScriptNeeds:
    from ..profile_facts import profile_facts

    facts = profile_facts(app.doctreedir, get_config(app.config))
    if facts is None:
        return ScriptNeeds()
    return ScriptNeeds(facts.unicode_engine, facts.cjk, facts.example)


def _choose_engine(config: Config, needs: ScriptNeeds) -> str:
    """xelatex when the profile has text pdflatex cannot set, unless conf.py chose."""
    if not user_set(config, "latex_engine"):
        if needs.unicode_engine and config.latex_engine == "pdflatex":
            config.latex_engine = "xelatex"
    elif needs.unicode_engine and config.latex_engine == "pdflatex":
        warn(
            f"latex_engine is 'pdflatex', but the profile has text it cannot typeset "
            f"(such as {needs.example!r}); set latex_engine = 'xelatex'",
            Subtype.CONFIG,
        )
    return str(config.latex_engine)


def find_cv_document(srcdir: str, config: Config) -> str:
    """``cv`` when the project has such a page, else the root document."""
    suffixes = config.source_suffix
    names = list(suffixes) if isinstance(suffixes, dict | list | tuple) else [suffixes]
    for suffix in dict.fromkeys([*names, ".rst", ".md"]):
        if os.path.isfile(os.path.join(srcdir, "cv" + str(suffix))):
            return "cv"
    return str(config.root_doc)


def _cv_document(app: Sphinx, config: Config, engine: str) -> tuple[str, str, str, str, str, bool]:
    from sphinx.util import texescape

    from ..profile_facts import profile_facts

    cv = get_config(config)
    facts = profile_facts(app.doctreedir, cv)
    name = (facts.name if facts is not None else None) or str(config.author or config.project)
    docname = cv.pdf_document or find_cv_document(str(app.srcdir), config)
    texescape.init()  # escape() is a no-op until the LaTeX builder has called init()
    author = texescape.escape(name, engine)
    title = texescape.escape(f"{name} – Curriculum Vitae" if name else "Curriculum Vitae", engine)
    return docname, f"{file_slug(name)}.tex", title, author, THEME, False


def file_slug(name: str) -> str:
    """``Qingyu Song`` -> ``qingyu-song-cv``; a name without Latin letters gives ``cv``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return f"{slug}-cv" if slug else "cv"
