"""All ``cv_*`` configuration values, declared once.

Each field of :class:`CvConfig` becomes the Sphinx config value ``cv_<name>``; its
metadata gives the help text used by the docs' config reference.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .data.i18n import LANGUAGE_EXPECTED, is_language_code, normalize_language
from .data.problems import Subtype
from .data.publication import PRIVATE_FIELDS
from .data.pubtypes import PUB_TYPES
from .data.store import ProfileStore
from .logging_ import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

DEFAULT_GROUP_TITLES = {t.name: t.title for t in PUB_TYPES}
DEFAULT_PREFIXES = {t.name: t.prefix for t in PUB_TYPES}
PDF_DESIGNS = ("classic", "modern", "sidebar", "compact")
PDF_FONTS = ("termes", "pagella", "bonum", "schola", "heros", "sans")
"""TeX Gyre families (tex-gyre), plus 'sans' for the engine's default sans serif."""
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def _help(text: str) -> dict[str, str]:
    return {"help": text}


@dataclass
class CvConfig:
    """Settings of sphinx-cv (``cv_*`` in ``conf.py``)."""

    profile: str = field(
        default="profile.yaml",
        metadata=_help("Path of the YAML profile, relative to the folder of conf.py."),
    )
    bibtex_files: list[str] = field(
        default_factory=list,
        metadata=_help(
            "BibTeX files with more publications, relative to the folder of conf.py "
            "(added to those the profile names under 'bibtex')."
        ),
    )
    name_variants: list[str] = field(
        default_factory=list,
        metadata=_help(
            "Further spellings of your name to set in bold in author lists (the profile's "
            "person.name and person.name_variants always are)."
        ),
    )
    month_format: str = field(
        default="{mon}. {year}",
        metadata=_help(
            "How a month-precise date is shown. Placeholders: {year}, {month} (September), "
            "{mon} (Sep), {mm} (09), {day}, {date} (the date as the language being built "
            "writes it: 2025年9月, Sept. 2025). Month names follow the language; in another "
            "language than English the default is {date}."
        ),
    )
    day_format: str = field(
        default="{mon}. {day}, {year}",
        metadata=_help(
            "How a day-precise date is shown when cv_show_day is on (same placeholders)."
        ),
    )
    show_day: bool = field(
        default=False,
        metadata=_help(
            "Show the day of dates that give one (with cv_day_format); by default a date "
            "shows its month and year, as CVs do."
        ),
    )
    range_separator: str = field(
        default=" – ", metadata=_help("Text between the start and end of a date range.")
    )
    present_label: str = field(
        default="present",
        metadata=_help(
            "Shown for an open end date ('present'; the default is translated: 至今, heute)."
        ),
    )
    group_titles: dict[str, str] = field(
        default_factory=dict,
        metadata=_help(
            "Headings for publication groups by type, merged over the defaults "
            "(e.g. {'preprint': 'In submission'})."
        ),
    )
    label_prefixes: dict[str, str] = field(
        default_factory=dict,
        metadata=_help(
            "Label prefixes by publication type, merged over the defaults "
            "(P for preprints, C conference, W workshop, J journal...)."
        ),
    )
    citation_style: str = field(
        default="",
        metadata=_help(
            "Citation style of every publication-list: a CSL style name (apa, ieee, "
            "chicago-author-date, nature, vancouver, harvard...) or a .csl file relative to "
            "conf.py; empty for sphinx-cv's own format. A list's :style: option wins."
        ),
    )
    updated_format: str = field(
        default="Updated {month} {year}",
        metadata=_help(
            "Text of the 'updated' line; the date is the profile's 'updated' or the build date "
            "(placeholders as for cv_month_format; the default is translated)."
        ),
    )
    show_abstracts: bool = field(
        default=True,
        metadata=_help("Show each publication's abstract in an expandable block (HTML)."),
    )
    show_bibtex: bool = field(
        default=False,
        metadata=_help("Show each publication's BibTeX in an expandable block (HTML)."),
    )
    bibtex_private_fields: list[str] = field(
        default_factory=lambda: list(PRIVATE_FIELDS),
        metadata=_help(
            "BibTeX fields left out of the BibTeX a page shows: a reference manager's own "
            "(file, annote, owner, timestamp, mendeley-*...) and x-* keys. Names or "
            "patterns such as 'mendeley-*'; this list replaces the default one."
        ),
    )
    pdf_document: str = field(
        default="",
        metadata=_help(
            "Document that becomes the CV PDF when conf.py sets no latex_documents "
            "(default: 'cv' if the project has such a page, else the root document)."
        ),
    )
    pdf_design: str = field(
        default="classic",
        metadata=_help(
            "The look of the CV PDF: 'classic' (centred name, dates in a column), 'modern' "
            "(a coloured name banner, icons before the contacts), 'sidebar' (contact, skills "
            "and languages in a narrow left column) or 'compact' (a dense one-column "
            "résumé). Each is a .sty file over the same document."
        ),
    )
    pdf_accent: str = field(
        default="",
        metadata=_help(
            "Accent colour of the CV PDF as #RRGGBB (headings, name, links; default: the "
            "design's own). The sphinx_cv HTML theme uses it too unless its accent_color "
            "option is set."
        ),
    )
    pdf_font: str = field(
        default="",
        metadata=_help(
            "Font family of the CV PDF: one of "
            + ", ".join(repr(f) for f in PDF_FONTS)
            + " (TeX Gyre fonts, with pdflatex or xelatex); default: the design's own."
        ),
    )
    pdf_variants: dict[str, Any] = field(
        default_factory=dict,
        metadata=_help(
            "More than one PDF from the same profile, by name: {'cv': {}, 'resume': {'tags': "
            "['resume'], 'design': 'compact', 'max_pages': 2}}. A variant with 'tags' keeps "
            "only the entries and publications tagged with one of them (sections left empty "
            "are dropped); 'design' overrides cv_pdf_design; 'max_pages' warns when the PDF "
            "is longer; 'label' is the homepage link's text; 'publications': {'relevant': "
            "['tagA'], 'limit': 5, 'other': 5} makes each publication list a funder's "
            "'5 most relevant + 5 other products'. `sphinx-cv build` writes each as <name>.pdf."
        ),
    )
    pdf_variant: str = field(
        default="",
        metadata=_help(
            "The variant of cv_pdf_variants this build makes (`sphinx-cv build` sets it for "
            "each; -D cv_pdf_variant=resume with sphinx-build)."
        ),
    )
    pdf_links: dict[str, str] = field(
        default_factory=dict,
        metadata=_help(
            "More PDFs the profile-card links after the CV, {label: URL relative to the "
            "site root}; `sphinx-cv build` sets it from cv_pdf_variants."
        ),
    )
    pdf_url: str = field(
        default="",
        metadata=_help(
            "URL of the CV as PDF, relative to the site root; `sphinx-cv build` sets it. When "
            "set, `profile-card` shows a 'Download CV (PDF)' link."
        ),
    )

    feed: bool = field(
        default=False,
        metadata=_help(
            "Write atom.xml (Atom 1.0) at the site root from the sections in "
            "cv_feed_sections, announced in every page's head. Needs html_baseurl."
        ),
    )
    feed_sections: list[str] = field(
        default_factory=lambda: ["news"],
        metadata=_help(
            "The dated sections of the profile the feed carries (news, talks, awards, or a "
            "section of your own)."
        ),
    )
    sitemap: bool = field(
        default=False,
        metadata=_help(
            "Write sitemap.xml (every page, with its last modification date) and a robots.txt "
            "naming it. Needs html_baseurl."
        ),
    )

    publication_pages: bool = field(
        default=False,
        metadata=_help(
            "A page per publication, publications/<id>.html, with its abstract, links, "
            "BibTeX and the citation_* tags Google Scholar reads; lists link each title to it."
        ),
    )
    citations_in_cv: bool = field(
        default=False,
        metadata=_help(
            "Show the 'Cited by N' counts from metrics.yaml in the CV (PDF) too, not only "
            "on the web."
        ),
    )

    publication_filter: bool = field(
        default=False,
        metadata=_help(
            "A filter box (text, year, type, topic) above every publication list on the web; "
            "the list's :filter: option decides for one list. Without JavaScript the whole "
            "list shows."
        ),
    )
    author_limit: int = field(
        default=10,
        metadata=_help(
            "On the web, author lists longer than this show their first names and yours, "
            "then 'and N more', which expands to the whole list (0: never collapse)."
        ),
    )

    languages: list[str] = field(
        default_factory=list,
        metadata=_help(
            "The languages of the site (Sphinx's codes, e.g. ['en', 'zh_CN']), the first being "
            "the main one: a profile text missing in a language is shown in the main one, and "
            "`sphinx-cv build` builds each other language into html/<lang>/. "
            "`sphinx-build -D language=zh_CN` builds one language."
        ),
    )

    # Set at config-inited, not configuration values.
    language: str = field(default="en", metadata={"internal": True})
    """The language being built (Sphinx's ``language``), normalized."""
    confdir: str = field(default="", metadata={"internal": True})
    srcdir: str = field(default="", metadata={"internal": True})
    """The site's source folder: files the profile names must lie inside it."""
    store: ProfileStore = field(
        default_factory=ProfileStore, repr=False, compare=False, metadata={"internal": True}
    )
    """This build's profile, facts and problems told (pickled empty)."""

    @property
    def profile_path(self) -> str:
        return os.path.join(self.confdir, self.profile)

    @property
    def bibtex_paths(self) -> list[str]:
        return [os.path.join(self.confdir, b) for b in self.bibtex_files]

    @property
    def main_language(self) -> str:
        """The language texts fall back to: the first of ``cv_languages``, else the one
        being built."""
        return normalize_language(self.languages[0]) if self.languages else self.language

    @property
    def variant(self) -> Variant | None:
        """The variant this build makes, if any."""
        return self.pdf_variants.get(self.pdf_variant) if self.pdf_variant else None

    def keeps(self, tags: list[str]) -> bool:
        """Whether an entry with ``tags`` belongs in this build's CV."""
        variant = self.variant
        return variant is None or variant.keeps(tags)

    def titles(self) -> dict[str, str]:
        """Group titles by type in the language being built."""
        from .locale import cv_text

        return {k: cv_text(v) for k, v in {**DEFAULT_GROUP_TITLES, **self.group_titles}.items()}

    def prefixes(self) -> dict[str, str]:
        return {**DEFAULT_PREFIXES, **self.label_prefixes}


CONFIG_FIELDS = [f for f in dataclasses.fields(CvConfig) if "help" in f.metadata]


def _default(f: dataclasses.Field[Any]) -> Any:
    if f.default is not dataclasses.MISSING:
        return f.default
    factory: Any = f.default_factory
    return factory()


def setup_config(app: Sphinx) -> None:
    for f in CONFIG_FIELDS:
        default = _default(f)
        app.add_config_value(f"cv_{f.name}", default, "env", types=[type(default)])
    app.connect("config-inited", check_config, priority=400)


def check_config(app: Sphinx, config: Config) -> None:
    """Warn about values of the wrong type and fall back to the default."""
    values = {}
    for f in CONFIG_FIELDS:
        default = _default(f)
        value = getattr(config, f"cv_{f.name}")
        if isinstance(default, list) and isinstance(value, tuple | str):
            value = [value] if isinstance(value, str) else list(value)
        ok = (
            isinstance(value, type(default))
            and (
                not isinstance(value, dict)
                or f.name == "pdf_variants"
                or all(isinstance(v, str) for v in value.values())
            )
            and (not isinstance(value, list) or all(isinstance(v, str) for v in value))
        )
        if not ok:
            warn(
                f"cv_{f.name}: invalid value {value!r}; expected {type(default).__name__}"
                " (using the default)",
                Subtype.CONFIG,
            )
            value = default
        values[f.name] = value
    _check_choices(values)
    values["pdf_variants"] = _check_variants(values["pdf_variants"])
    variant = values["pdf_variants"].get(values["pdf_variant"])
    if values["pdf_variant"] and variant is None:
        warn(
            f"cv_pdf_variant: no variant named {values['pdf_variant']!r} in cv_pdf_variants",
            Subtype.CONFIG,
        )
        values["pdf_variant"] = ""
    elif variant is not None and variant.design:
        values["pdf_design"] = variant.design
    bad = [code for code in values["languages"] if not is_language_code(code)]
    if bad:
        warn(
            f"cv_languages: {', '.join(bad)}: not a language code; expected "
            f"{LANGUAGE_EXPECTED} (ignored)",
            Subtype.CONFIG,
        )
    values["languages"] = [normalize_language(c) for c in values["languages"] if c not in bad]
    config.cv = CvConfig(
        **values,
        language=normalize_language(config.language or "en"),
        confdir=str(app.confdir),
        srcdir=str(app.srcdir),
    )


def _check_choices(values: dict[str, Any]) -> None:
    """Values that must be one of a few: warn and fall back to the default."""
    checks = (("pdf_design", PDF_DESIGNS, "classic"), ("pdf_font", ("", *PDF_FONTS), ""))
    for name, choices, default in checks:
        value = str(values[name]).strip().lower()
        if value not in choices:
            warn(
                f"cv_{name}: invalid value {values[name]!r}; expected one of "
                f"{', '.join(c for c in choices if c)} (using {default or 'the default'})",
                Subtype.CONFIG,
            )
            value = default
        values[name] = value
    accent = values["pdf_accent"].strip()
    if accent and not _HEX.fullmatch(accent):
        warn(
            f"cv_pdf_accent: invalid value {accent!r}; expected a colour as #RRGGBB "
            "(using the design's)",
            Subtype.CONFIG,
        )
        accent = ""
    values["pdf_accent"] = accent


@dataclass
class Variant:
    """One PDF of ``cv_pdf_variants``."""

    name: str
    tags: list[str] = field(default_factory=list)
    design: str = ""
    max_pages: int = 0
    label: str = ""
    # The funder-style list: {"relevant": [tags], "limit": 5, "other": 5}.
    publications: PubSelection | None = None

    @property
    def link_text(self) -> str:
        return self.label or f"{self.name.replace('-', ' ').replace('_', ' ').title()} (PDF)"

    def keeps(self, tags: list[str]) -> bool:
        """Whether an entry with ``tags`` is in this variant."""
        return not self.tags or any(t in self.tags for t in tags)


@dataclass
class PubSelection:
    """A variant's funder-style publication list: the ``limit`` most relevant products
    (tagged with one of ``relevant``) and ``other`` more."""

    relevant: list[str]
    limit: int = 5
    other: int = 5


def _string_list(value: Any) -> list[str] | None:
    """``value`` as a list of strings (one string is a list of one), or None."""
    value = [value] if isinstance(value, str) else value
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def _is_count(value: Any) -> bool:
    """A whole number of zero or more (True and False are not counts)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _check_pub_selection(spec: Any, where: str) -> PubSelection | None:
    expected = "expected {'relevant': [tags], 'limit': 5, 'other': 5}"
    if not isinstance(spec, dict):
        warn(f"{where}: {expected}; {spec!r} ignored", Subtype.CONFIG)
        return None
    relevant = _string_list(spec.get("relevant", []))
    counts = [spec.get("limit", 5), spec.get("other", 5)]
    unknown = set(spec) - {"relevant", "limit", "other"}
    if not relevant or unknown or not all(_is_count(n) for n in counts):
        warn(f"{where}: {expected}; {spec!r} ignored", Subtype.CONFIG)
        return None
    return PubSelection(relevant, counts[0], counts[1])


def _check_variants(raw: dict[str, Any]) -> dict[str, Variant]:
    variants = {}
    for name, spec in raw.items():
        where = f"cv_pdf_variants[{name!r}]"
        if (
            not isinstance(name, str)
            or not re.fullmatch(r"[\w-]+", name)
            or not isinstance(spec, dict)
        ):
            warn(
                f"{where}: expected a name of letters, digits, - or _ with a dict of "
                "settings (tags, design, max_pages, label); left out",
                Subtype.CONFIG,
            )
            continue
        variant = Variant(name)
        tags = _string_list(spec.get("tags", []))
        if tags is not None:
            variant.tags = tags
        else:
            warn(
                f"{where}['tags']: expected a list of tags; {spec['tags']!r} ignored",
                Subtype.CONFIG,
            )
        design = spec.get("design", "")
        if design and design not in PDF_DESIGNS:
            warn(
                f"{where}['design']: {design!r} is not one of {', '.join(PDF_DESIGNS)}; ignored",
                Subtype.CONFIG,
            )
        else:
            variant.design = design
        pages = spec.get("max_pages", 0)
        if _is_count(pages):
            variant.max_pages = pages
        else:
            warn(
                f"{where}['max_pages']: expected a number of pages; {pages!r} ignored",
                Subtype.CONFIG,
            )
        variant.label = str(spec.get("label", ""))
        if "publications" in spec:
            variant.publications = _check_pub_selection(
                spec["publications"], f"{where}['publications']"
            )
        unknown = set(spec) - {"tags", "design", "max_pages", "label", "publications"}
        if unknown:
            warn(
                f"{where}: unknown settings {', '.join(sorted(map(str, unknown)))}; "
                "expected tags, design, max_pages, label, publications",
                Subtype.CONFIG,
            )
        variants[name] = variant
    return variants


def user_set(config: Config, name: str) -> bool:
    """Whether conf.py or ``-D`` set ``name`` (a default of ours must not override it)."""
    return name in config._raw_config or name in getattr(config, "overrides", {})


def get_config(app_or_config: Any) -> CvConfig:
    config = getattr(app_or_config, "config", app_or_config)
    cv = getattr(config, "cv", None)
    return cv if isinstance(cv, CvConfig) else CvConfig()
