"""One profile, every language: texts per language, the fallback, the schema."""

from __future__ import annotations

import pickle
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from clitools import Result, cli
from conftest import warnings_of
from sphinx.testing.util import SphinxTestApp

from sphinx_cv.config import CvConfig
from sphinx_cv.data import Subtype, load_profile, parse_date
from sphinx_cv.data.i18n import Translated, normalize_language
from sphinx_cv.data.schema import profile_schema
from sphinx_cv.locale import LANGUAGES
from sphinx_cv.render.dates import format_date, format_range

BILINGUAL = """
person:
  name: {en: Wei Zhang, zh_CN: 张伟}
  position: {en: Assistant Professor, zh-cn: 助理教授}
  affiliation:
    - {en: Department of Computer Science, de: Institut für Informatik}
    - MIT
  email: wei@example.org
education:
  - institution: {en: Tsinghua University, zh: 清华大学}
    degree: PhD
    start: 2020
"""


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "profile.yaml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return str(path)


def test_each_language_sees_its_text_and_plain_strings_everywhere(tmp_path: Path) -> None:
    result = load_profile(write(tmp_path, BILINGUAL))
    assert result.problems == [] and result.translated
    zh, _ = result.localized("zh_CN", "en")
    en, _ = result.localized("en", "en")
    assert (zh.person.name, zh.person.position) == ("张伟", "助理教授")
    assert (en.person.name, en.person.position) == ("Wei Zhang", "Assistant Professor")
    assert zh.person.affiliation[1] == en.person.affiliation[1] == "MIT"
    assert zh.education[0].institution == "清华大学"  # 'zh' serves zh_CN
    assert type(zh.person.position) is str  # the rendering code sees plain text
    # The parsed profile keeps every translation and is not changed by localizing.
    assert isinstance(result.profile.person.position, Translated)
    assert result.profile.person.position.translations["zh_CN"] == "助理教授"
    assert result.localized("zh_CN", "en")[0] is zh  # made once per language
    # The name in the other language is still the person's (bold in author lists).
    assert "Wei Zhang" in zh.person.name_variants and "张伟" in en.person.name_variants


def test_missing_translation_falls_back_to_the_main_language(tmp_path: Path) -> None:
    file = write(tmp_path, BILINGUAL)
    de, problems = load_profile(file).localized("de", "en")
    assert de.person.position == "Assistant Professor"
    assert de.person.affiliation[0] == "Institut für Informatik"
    assert {p.path for p in problems} == {
        "person.name",
        "person.position",
        "education[0].institution",
    }
    problem = next(p for p in problems if p.path == "person.position")
    assert problem.subtype is Subtype.I18N
    assert (problem.location.file, problem.location.line) == (file, 3)
    assert "'de'" in problem.message and problem.expected
    # With zh_CN as the main language, the fallback is the Chinese text.
    assert load_profile(file).localized("fr", "zh_CN")[0].person.position == "助理教授"


def test_a_profile_without_translations_is_not_copied(tmp_path: Path) -> None:
    result = load_profile(write(tmp_path, "person: {name: Ada}\n"))
    assert not result.translated
    assert result.localized("zh_CN", "en")[0] is result.profile


def test_bad_language_keys_and_untranslatable_fields(tmp_path: Path) -> None:
    result = load_profile(
        write(
            tmp_path,
            """
        person:
          name: Ada
          bio: {en: Hi, 12: x}
          email: {en: a@b.org}
          position: {school: MIT}
        """,
        )
    )
    by_path = {p.path: p for p in result.problems}
    assert by_path["person.bio.12"].subtype is Subtype.VALUE
    assert by_path["person.email"].subtype is Subtype.TYPE  # an address has no language
    assert result.profile.person.bio == "Hi"
    # A mapping with no language code is no translation: the wrong type, as before.
    assert by_path["person.position"].subtype is Subtype.TYPE


@pytest.mark.parametrize(
    ("code", "norm"), [("zh-cn", "zh_CN"), ("EN", "en"), ("zh_TW", "zh_TW"), ("pt-br", "pt_BR")]
)
def test_language_codes_are_sphinx_codes(code: str, norm: str) -> None:
    assert normalize_language(code) == norm


def test_translated_text_survives_pickling() -> None:
    text = Translated({"en": "A", "zh_CN": "甲"})
    again = pickle.loads(pickle.dumps(text))
    assert again == "A" and again.translations == text.translations


def test_schema_accepts_texts_per_language() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    yaml = pytest.importorskip("yaml")
    schema = profile_schema()
    ok = yaml.safe_load(textwrap.dedent(BILINGUAL))
    ok["education"][0]["start"] = "2020"
    jsonschema.validate(ok, schema, cls=jsonschema.Draft7Validator)
    bad = {"person": {"name": "Ada", "position": {"not a code": "x"}}}
    assert list(jsonschema.Draft7Validator(schema).iter_errors(bad))
    bad = {"person": {"name": "Ada", "email": {"en": "a@b.org"}}}
    assert list(jsonschema.Draft7Validator(schema).iter_errors(bad))


# --- builds ------------------------------------------------------------------------------


def page_text(path: Path) -> str:
    import re

    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


@pytest.mark.sphinx("html", testroot="i18n", freshenv=True, confoverrides={"language": "zh_CN"})
def test_chinese_build_shows_chinese_texts(app: SphinxTestApp) -> None:
    app.build()
    cv = page_text(Path(app.outdir) / "cv.html")
    assert "助理教授" in cv and "清华大学" in cv and "Assistant Professor" not in cv
    assert "PhD in Computer Science" in cv  # missing in Chinese: the English text
    html = (Path(app.outdir) / "cv.html").read_text(encoding="utf-8")
    assert "张伟</strong>，李明" in html and "伟 张" not in cv  # {张, 伟} in the .bib
    assert "2025年9月 – 至今" in cv and "期刊论文" in cv and "预印本" in cv
    # A generic link label is a word of the language built; a name (arXiv) is not.
    raw = (Path(app.outdir) / "cv.html").read_text(encoding="utf-8")
    assert ">代码</a>" in raw and ">Code</a>" not in raw and ">arXiv</a>" in raw
    warnings = warnings_of(app)
    assert "education[0].degree" in warnings and "[cv.i18n]" in warnings
    assert warnings.count("WARNING") == 1


@pytest.mark.sphinx("html", testroot="i18n", freshenv=True)
def test_main_language_build_shows_main_texts(app: SphinxTestApp) -> None:
    app.build()
    cv = page_text(Path(app.outdir) / "cv.html")
    assert "Assistant Professor" in cv and "Tsinghua University" in cv
    # 张伟 in the .bib is the person (name: {en: Wei Zhang, zh_CN: 张伟}): in bold.
    assert '<strong class="cv-me">张伟</strong>' in (Path(app.outdir) / "cv.html").read_text(
        encoding="utf-8"
    )
    assert "助理教授" not in cv
    assert ">Code</a>" in (Path(app.outdir) / "cv.html").read_text(encoding="utf-8")
    assert warnings_of(app) == ""


# --- sphinx-cv build: a site and a PDF per language ------------------------------------


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    site = tmp_path_factory.mktemp("i18n") / "site"
    shutil.copytree(Path(__file__).parent / "roots" / "test-i18n", site)
    pdf = [] if shutil.which("latexmk") and shutil.which("xelatex") else ["--no-pdf"]
    return site / "_build" / "html", cli("build", site, *pdf)


def test_build_makes_a_site_per_language(built_site: tuple[Path, Result]) -> None:
    html, result = built_site
    assert result.code == 0, result.err
    assert "Tsinghua University" in page_text(html / "cv.html")
    assert "清华大学" in page_text(html / "zh_CN" / "cv.html")
    assert not (html / "en").exists()  # the main language is the root
    if (html / "zh_CN" / "cv.pdf").exists():  # each site links its own PDF, in its words
        zh_home = (html / "zh_CN" / "index.html").read_text(encoding="utf-8")
        assert re.search(r'href="cv.pdf"[^>]*>下载简历（PDF）<', zh_home), zh_home
        assert "Download CV (PDF)" in (html / "index.html").read_text(encoding="utf-8")
    # One line for the missing Chinese text, said by the Chinese build only.
    assert result.err.count("[cv.i18n]") == 1, result.err


@pytest.mark.skipif(
    not shutil.which("xelatex") or not shutil.which("pdftotext"),
    reason="needs xelatex and pdftotext",
)
def test_build_makes_a_pdf_per_language(built_site: tuple[Path, Result]) -> None:
    html, _ = built_site
    en = subprocess.run(
        ["pdftotext", html / "cv.pdf", "-"], capture_output=True, text=True, check=True
    ).stdout
    zh = subprocess.run(
        ["pdftotext", html / "zh_CN" / "cv.pdf", "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Assistant Professor" in en and "助理教授" not in en
    # xeCJK sets a little space between Chinese and digits, which pdftotext shows.
    assert "助理教授" in zh and "清华大学" in zh and "2025年9月–至今" in zh.replace(" ", "")
    assert "张伟" in en and "张伟" in zh and "伟 张" not in zh  # family name first


# --- the extension's own words: catalogs and dates ----------------------------------------

DATE_PLACEHOLDERS = {"year", "month", "mon", "mm", "day", "date"}


def used_messages() -> set[str]:
    """Every text sphinx-cv passes through its catalog: literal ``cv_text("...")`` calls,
    the labels of timeline details, and the defaults of configurable words."""
    from sphinx_cv.config import DEFAULT_GROUP_TITLES, CvConfig
    from sphinx_cv.data.links import GENERIC_LABELS
    from sphinx_cv.directives.profile import PDF_LINK_TEXT
    from sphinx_cv.locale import QUICKSTART_HEADINGS
    from sphinx_cv.render.citation import THESIS_KINDS

    package = Path(__file__).parent.parent / "sphinx_cv"
    found: set[str] = set()
    for source in package.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        found |= set(re.findall(r'cv_text\("((?:[^"\\]|\\.)*)"\)', text))
        found |= set(re.findall(r'_(?:people|detail)\("([^"]+)"', text))
    cv = CvConfig()
    return (
        found
        | set(DEFAULT_GROUP_TITLES.values())
        | set(QUICKSTART_HEADINGS)
        | set(GENERIC_LABELS)
        | set(THESIS_KINDS.values())
        | {PDF_LINK_TEXT, cv.present_label, cv.month_format, cv.day_format, cv.updated_format}
    )


def read_catalog(language: str) -> dict[str, str]:
    from babel.messages.pofile import read_po

    from sphinx_cv.locale import LOCALE_DIR

    with open(Path(LOCALE_DIR, language, "LC_MESSAGES", "sphinx_cv.po"), "rb") as fh:
        return {m.id: m.string for m in read_po(fh) if m.id}


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalog_has_every_message(language: str) -> None:
    catalog = read_catalog(language)
    used = used_messages()
    assert set(catalog) == used, (used - set(catalog), set(catalog) - used)
    for msgid, msgstr in catalog.items():
        assert msgstr, msgid
        allowed = DATE_PLACEHOLDERS if placeholders(msgid) & {"year"} else placeholders(msgid)
        assert placeholders(msgstr) <= allowed, (msgid, msgstr)
        if "{sphinx}" in msgid or "{count}" in msgid:
            assert placeholders(msgstr) == placeholders(msgid), (msgid, msgstr)


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogs_match_their_sources(language: str) -> None:
    from babel.messages.mofile import read_mo

    from sphinx_cv.locale import LOCALE_DIR

    with open(Path(LOCALE_DIR, language, "LC_MESSAGES", "sphinx_cv.mo"), "rb") as fh:
        compiled = {m.id: m.string for m in read_mo(fh) if m.id}
    assert compiled == read_catalog(language), "run: python -m sphinx_cv.locale"


def test_the_wheel_ships_the_catalogs() -> None:
    pyproject = (Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    package_data = pyproject.split("[tool.setuptools.package-data]")[1].split("[")[0:3]
    assert '"locale/*/LC_MESSAGES/*"' in "[".join(package_data)


@pytest.fixture
def language_of() -> Iterator[Callable[[str], CvConfig]]:
    """A configuration building one language, with sphinx-cv's catalog loaded for it."""
    from sphinx import locale

    from sphinx_cv.locale import CATALOG, LOCALE_DIR

    def make(language: str) -> CvConfig:
        locale.translators.clear()
        locale.init([LOCALE_DIR], language, CATALOG)
        return CvConfig(language=language)

    yield make
    locale.translators.clear()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Sep. 2025 – present"),
        ("zh_CN", "2025年9月 – 至今"),
        ("de", "Sept. 2025 – heute"),
        ("fr", "sept. 2025 – aujourd’hui"),
        ("ja", "2025年9月 – 現在"),
        ("ko", "2025년 9월 – 현재"),
    ],
)
def test_dates_in_each_language(
    language_of: Callable[[str], CvConfig], language: str, expected: str
) -> None:
    cv = language_of(language)
    assert format_range(parse_date("2025-09"), parse_date("present"), cv) == expected


def test_updated_line_and_own_formats(language_of: Callable[[str], CvConfig]) -> None:
    from sphinx_cv.directives.profile import updated_text

    cv = language_of("zh_CN")
    assert updated_text(cv.updated_format, parse_date("2025-09"), "zh_CN") == "更新于 2025年9月"
    assert format_date(parse_date("2025-09-03"), cv) == "2025年9月"  # the day when asked
    cv.show_day = True
    assert format_date(parse_date("2025-09-03"), cv) == "2025年9月3日"
    # A format of the user's own is kept; its month names follow the language.
    cv.month_format = "{month} {year}"
    assert format_date(parse_date("2025-09"), cv) == "九月 2025"
    cv = language_of("de")
    cv.present_label = "now"
    assert format_date(parse_date("present"), cv) == "now"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("{张}, {伟}", "张伟"),
        ("张, 伟", "张伟"),
        ("欧阳, 娜娜", "欧阳娜娜"),
        ("山田, 太郎", "山田太郎"),
        ("김, 민준", "김민준"),
        ("Song, Qingyu", "Qingyu Song"),
        ("Zhang, 伟", "伟 Zhang"),
    ],
)
def test_cjk_names_family_name_first(raw: str, shown: str) -> None:
    from sphinx_cv.data.authors import normalize_name
    from sphinx_cv.data.bibtex.entries import person_name

    assert person_name(raw) == shown
    assert normalize_name(raw.replace("{", "").replace("}", "")) == shown


def test_cjk_name_from_given_and_family(tmp_path: Path) -> None:
    result = load_profile(
        write(
            tmp_path,
            """
        publications:
          - id: a
            title: A
            authors: [{given: 伟, family: 张}, {given: Ming, family: Li}]
        """,
        )
    )
    assert result.profile.publications[0].authors == ["张伟", "Ming Li"]


@pytest.mark.sphinx("latex", testroot="i18n", freshenv=True, confoverrides={"language": "zh_CN"})
def test_chinese_latex_has_chinese_names_dates_and_titles(app: SphinxTestApp) -> None:
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "张伟" in tex and "伟 张" not in tex and "伟~张" not in tex
    assert "2025年9月" in tex and "至今" in tex and "期刊论文" in tex
    assert "xeCJK" in tex and "Noto Serif CJK SC" in tex
    assert r"\setlength{\cvdatewidth}{4.2cm}" in tex  # Chinese dates stay on one line


# --- the theme: lang, hreflang, the switcher -----------------------------------------------


def alternates(page: Path) -> dict[str, str]:
    return dict(
        re.findall(
            r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"',
            page.read_text(encoding="utf-8"),
        )
    )


def test_versions_name_each_other(built_site: tuple[Path, Result]) -> None:
    html, _ = built_site
    zh = html / "zh_CN" / "cv.html"
    assert re.search(r'<html lang="zh-CN"', zh.read_text(encoding="utf-8"))
    assert re.search(r'<html lang="en"', (html / "cv.html").read_text(encoding="utf-8"))
    assert alternates(zh) == {
        "en": "../cv.html",
        "zh-CN": "../zh_CN/cv.html",
        "x-default": "../cv.html",
    }
    assert alternates(html / "cv.html") == {
        "en": "cv.html",
        "zh-CN": "zh_CN/cv.html",
        "x-default": "cv.html",
    }
    for page in (zh, html / "cv.html"):  # every link leads to a page that exists
        assert all((page.parent / url).is_file() for url in alternates(page).values())
    switcher = re.search(
        r'<nav class="cv-langs"[^>]*>(.*?)</nav>', zh.read_text(encoding="utf-8"), re.S
    )
    assert switcher is not None
    assert re.search(r'hreflang="en" lang="en">English<', switcher.group(1))
    assert re.search(r'lang="zh-CN" aria-current="true">中文<', switcher.group(1))
    # The theme's own words are Chinese too, and so is the homepage's JSON-LD.
    assert "跳到正文" in zh.read_text(encoding="utf-8")
    home = (html / "zh_CN" / "index.html").read_text(encoding="utf-8")
    assert '"name":"张伟","jobTitle":"助理教授"' in home


@pytest.mark.sphinx(
    "html",
    testroot="i18n",
    freshenv=True,
    confoverrides={"language": "zh_CN", "html_baseurl": "https://example.org/zh_CN/"},
)
def test_versions_are_absolute_with_a_base_url(app: SphinxTestApp) -> None:
    app.build()
    assert alternates(Path(app.outdir) / "cv.html") == {
        "en": "https://example.org/cv.html",
        "zh-CN": "https://example.org/zh_CN/cv.html",
        "x-default": "https://example.org/cv.html",
    }


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_a_site_of_one_language_has_no_switcher(app: SphinxTestApp) -> None:
    app.build()
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "hreflang" not in page and "cv-langs" not in page


@pytest.mark.sphinx("latex", testroot="i18n", freshenv=True, confoverrides={"language": "ja"})
def test_japanese_cv_is_set_with_xelatex_and_japanese_fonts(app: SphinxTestApp) -> None:
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert app.config.latex_engine == "xelatex"  # not Sphinx's uplatex
    assert "Noto Serif CJK JP" in tex and "Noto Serif CJK SC" not in tex
    assert "現在" in tex and "学術論文" in tex


# --- done when: a quickstart site in two languages -----------------------------------------


def test_quickstart_site_in_english_and_chinese(tmp_path: Path) -> None:
    site = tmp_path / "mysite"
    assert cli("quickstart", site, "--name", "Ada Lovelace").code == 0
    conf = site / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8")
        + '\ncv_languages = ["en", "zh_CN"]\ncv_bibtex_files = ["pubs.bib"]\n',
        encoding="utf-8",
    )
    profile = site / "profile.yaml"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace(
            "  position: Ph.D. Student\n", "  position: {en: Ph.D. Student, zh_CN: 博士研究生}\n", 1
        ),
        encoding="utf-8",
    )
    shutil.copy(Path(__file__).parent / "roots" / "test-i18n" / "pubs.bib", site / "pubs.bib")
    result = cli("build", site, "--no-pdf")
    assert result.code == 0, result.err
    html = site / "_build" / "html"
    zh, en = html / "zh_CN" / "cv.html", html / "cv.html"
    zh_text, en_text = page_text(zh), page_text(en)
    assert '<html lang="zh-CN"' in zh.read_text(encoding="utf-8")
    assert "教育经历" in zh_text and "工作经历" in zh_text and "Education" not in zh_text
    assert "2025年9月 – 至今" in zh_text and "博士研究生" in zh_text
    assert "Education" in en_text and "Ph.D. Student" in en_text and "博士研究生" not in en_text
    assert "张伟" in zh_text and "伟 张" not in zh_text
    assert alternates(zh)["en"] == "../cv.html" and alternates(en)["zh-CN"] == "zh_CN/cv.html"
    # The navigation shows the translated page titles too.
    assert "个人简历" in page_text(html / "zh_CN" / "index.html")


def test_one_output_folder_rebuilt_in_another_language(tmp_path: Path) -> None:
    """``sphinx-build -D language=...`` into the same folders: no page, title or saved
    profile fact of the other language is reused."""
    src = tmp_path / "src"
    shutil.copytree(Path(__file__).parent / "roots" / "test-i18n", src)
    out, doctrees = tmp_path / "html", tmp_path / "doctrees"

    def build(language: str) -> str:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "sphinx",
                "-q",
                "-b",
                "html",
                "-d",
                str(doctrees),
                "-D",
                f"language={language}",
                str(src),
                str(out),
            ],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        return page_text(out / "cv.html")

    assert "Assistant Professor" in build("en")
    zh = build("zh_CN")
    assert "助理教授" in zh and "Assistant Professor" not in zh and "张伟" in zh
    assert "期刊论文" in zh and "个人简历" in zh
    assert "<title>个人简历 – 张伟</title>" in (out / "cv.html").read_text(encoding="utf-8")
    en = build("en")
    assert "Assistant Professor" in en and "助理教授" not in en and "Journal Articles" in en
    # The name in the title comes from the profile facts saved per language.
    assert "– Wei Zhang</title>" in (out / "cv.html").read_text(encoding="utf-8")


def test_validate_reports_missing_translations_when_asked() -> None:
    root = Path(__file__).parent / "roots" / "test-i18n"
    assert cli("validate", root).code == 0  # texts per language are valid
    result = cli("validate", root, "--languages", "en,zh_CN")
    assert result.code == 1
    (line,) = result.out.splitlines()
    assert "education[0].degree" in line and line.endswith("[cv.i18n]")
    assert cli("validate", root, "--languages", "en,zh-x").code == 2


def test_only_known_languages_are_translations(tmp_path: Path) -> None:
    result = load_profile(
        write(
            tmp_path,
            """
        person:
          name: Ada
          position: {url: x, label: y}
          bio: {en: Hi, xx: Salut}
        """,
        )
    )
    by_path = {p.path: p for p in result.problems}
    assert by_path["person.position"].subtype is Subtype.TYPE  # no language among the keys
    assert by_path["person.bio.xx"].subtype is Subtype.VALUE


def test_parallel_build_equals_serial(tmp_path: Path) -> None:
    src = Path(__file__).parent / "roots" / "test-i18n"
    pages = []
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "sphinx",
                "-q",
                "-b",
                "html",
                "-j",
                jobs,
                "-d",
                str(out / ".doctrees"),
                "-D",
                "language=zh_CN",
                str(src),
                str(out),
            ],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        pages.append(
            [(out / name).read_text(encoding="utf-8") for name in ("index.html", "cv.html")]
        )
    assert pages[0] == pages[1]
    assert "助理教授" in pages[1][1] and "期刊论文" in pages[1][1]


@pytest.mark.sphinx(
    "html", testroot="i18n", freshenv=True, confoverrides={"cv_languages": ["en", "zh-cn", "xx"]}
)
def test_languages_config_is_checked_and_normalized(app: SphinxTestApp) -> None:
    from sphinx_cv.config import get_config

    assert get_config(app).languages == ["en", "zh_CN"]
    assert "cv_languages: xx: not a language code" in warnings_of(app)
