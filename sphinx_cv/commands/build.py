"""``sphinx-cv build``: the CV as PDF and the site as HTML, the PDF linked from the site.

Sphinx runs in this process: the LaTeX builder writes the CV's ``.tex``, latexmk makes
the PDF, then the HTML builder writes the site with ``cv_pdf_url`` set, so
``profile-card`` links to the PDF copied beside the pages. Without TeX, or when LaTeX
fails, the site is still built (without the link) and one line says why.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, cast

from . import UsageError, add_command, error, warning

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..config import Variant
    from ..data.problems import Problem
    from . import SubParsers

PDF_NAME = "cv.pdf"
"""Name of the PDF in the HTML output, at the site root."""

# latexmk's mode for each latex_engine, as Sphinx's own Makefile in the latex folder
# calls it (the latexmkrc there sets the command for pdflatex, xelatex and lualatex).
LATEXMK_MODES = {
    "platex": ["-r", "latexmkjarc", "-pdfdvi"],
    "uplatex": ["-r", "latexmkjarc", "-pdfdvi"],
}
LATEXMK_TIMEOUT = 600
TEX_HINT = (
    "install TeX Live (Debian/Ubuntu: apt install latexmk texlive-latex-extra "
    "texlive-fonts-recommended texlive-xetex tex-gyre fonts-freefont-otf), "
    "or build the HTML alone with --no-pdf"
)


def register(sub: SubParsers) -> None:
    parser = add_command(
        sub,
        "build",
        help="build the site (HTML) and the CV (PDF) in one go",
        description="Build the CV as PDF (Sphinx's LaTeX builder, then latexmk) and the "
        "site as HTML, with the PDF beside the pages and linked from the "
        "homepage's profile card ('Download CV (PDF)'). Without TeX the "
        "HTML is still built and the exit status is 1. With cv_languages "
        "in conf.py, the main language goes to OUT/html and each other one "
        "to OUT/html/<lang>, each with its own PDF.",
        examples="""
            sphinx-cv build                    (the site in this folder, into _build/)
            sphinx-cv build mysite             (mysite/_build/html/index.html and cv.pdf)
            sphinx-cv build mysite -o public   (public/html, public/latex)
            sphinx-cv build mysite --no-pdf    (the HTML only; no TeX needed)
            sphinx-cv build mysite -W          (warnings are errors, as in CI)
        """,
    )
    parser.add_argument(
        "dir",
        nargs="?",
        default=".",
        metavar="DIR",
        help="the site folder, holding conf.py (default: this folder)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="output folder (default: DIR/_build); the site goes to OUT/html",
    )
    parser.add_argument("--no-pdf", action="store_true", help="build the HTML only")
    parser.add_argument(
        "-W",
        "--fail-on-warning",
        action="store_true",
        help="turn warnings into errors (exit status 1)",
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="show Sphinx's and latexmk's progress"
    )
    parser.set_defaults(func=run)


@dataclass
class Paths:
    srcdir: str
    out: str
    language: str = ""
    """A language other than the main one (``cv_languages``): built in ``<lang>/``."""
    variant: str = ""
    """A CV variant's LaTeX build has its own folders: its doctrees differ."""

    def _folder(self, name: str) -> str:
        folder = os.path.join(self.out, f"{name}-{self.variant}" if self.variant else name)
        return os.path.join(folder, self.language) if self.language else folder

    @property
    def html(self) -> str:
        return self._folder("html")

    @property
    def latex(self) -> str:
        return self._folder("latex")

    @property
    def doctrees(self) -> str:
        return self._folder("doctrees")


def site_dir(path: str) -> str:
    """``path`` if it is a site folder (holds conf.py); a usage error otherwise."""
    if not os.path.isdir(path):
        raise UsageError(f"no such folder: {path}")
    if not os.path.isfile(os.path.join(path, "conf.py")):
        raise UsageError(f"{path} has no conf.py; start a site with 'sphinx-cv quickstart {path}'")
    return path


def site_languages(srcdir: str) -> tuple[list[str], str]:
    """``cv_languages`` of the site's conf.py (the main language first), or [] when it
    names none or conf.py cannot be read (the build then says why); and its
    ``html_baseurl``."""
    from sphinx.config import eval_config_file
    from sphinx.util.tags import Tags

    from ..data.i18n import is_language_code, normalize_language

    try:
        namespace = eval_config_file(Path(srcdir, "conf.py"), Tags())
    except Exception:
        return [], ""
    value = namespace.get("cv_languages") or []
    if isinstance(value, str):
        value = [value]
    codes = [normalize_language(c) for c in value if isinstance(c, str) and is_language_code(c)]
    baseurl = namespace.get("html_baseurl")
    return list(dict.fromkeys(codes)), baseurl if isinstance(baseurl, str) else ""


def run(args: argparse.Namespace) -> int:
    base = Paths(site_dir(args.dir), args.output or os.path.join(args.dir, "_build"))
    _quiet_colours()
    warnings = _OnceEach()
    languages, baseurl = site_languages(base.srcdir)
    problems: list[str] = []
    done: list[str] = []
    built = False
    # The main language at the root of the output, each other one in <lang>/.
    for i, language in enumerate(languages or [""]):
        paths = Paths(base.srcdir, base.out, language if i else "")
        overrides: dict[str, object] = {"language": language} if language else {}
        if i and baseurl:  # canonical URLs, hreflang links, sitemap of <lang>/
            overrides["html_baseurl"] = f"{baseurl.rstrip('/')}/{language}/"
        if len(languages) > 1:
            say(f"[{language}]")
        ok, said, files = build_language(paths, args, warnings, overrides)
        built = built or ok
        tag = f"{language}: " if len(languages) > 1 else ""
        problems += [tag + p for p in said]
        done += files
    if not built:
        return 1
    say("Done: " + ", ".join(done))
    return 1 if problems else 0


def build_language(
    paths: Paths, args: argparse.Namespace, warnings: _OnceEach, overrides: dict[str, object]
) -> tuple[bool, list[str], list[str]]:
    """The PDF, then the HTML of one language: (HTML built, problems told, files made)."""
    pdf = pdf_problem = None
    pdfs: dict[str, str] = {}  # the site's PDF name -> the PDF built
    links: dict[str, str] = {}
    problems = []
    if not args.no_pdf:
        say("Building PDF...")
        variants: dict[str, Variant] = {}
        pdf, pdf_problem = build_pdf(paths, args, warnings, overrides, variants)
        if pdf:
            pdfs[PDF_NAME] = pdf
        if pdf and variants:
            pdfs, links, variant_problems = build_variants(
                paths, args, warnings, pdf, variants, overrides
            )
            problems += variant_problems
    say("Building HTML...")
    main = next(iter(pdfs), "")
    html_overrides = {**overrides, "cv_pdf_url": main, "cv_pdf_links": links} if pdfs else overrides
    app, html_problem = run_sphinx(paths, "html", html_overrides, args, warnings)
    if pdf_problem:
        problems.insert(0, pdf_problem if pdf else f"no PDF: {pdf_problem}")
    if html_problem:
        if pdf_problem == f"LaTeX: {html_problem}":
            problems = [html_problem]  # Sphinx failed the same way twice: say it once
        else:
            problems.append(f"HTML: {html_problem}")
    unread = profile_failure(app) if app is not None else None
    if unread:
        problems.append(unread)
    for problem in problems:
        error(problem)
    if app is None or unread:
        return False, problems, []
    site_pdf = os.path.join(paths.html, PDF_NAME)
    if not pdfs:
        remove_old_pdf(site_pdf, paths)
    for name, built in pdfs.items():
        copy_pdf(built, os.path.join(paths.html, name), paths)
    return (
        True,
        problems,
        [os.path.join(paths.html, "index.html")]
        + [os.path.join(paths.html, name) for name in pdfs],
    )


def _digest(path: str) -> str | None:
    import hashlib

    try:
        with open(path, "rb") as fh:
            return hashlib.sha256(fh.read()).hexdigest()
    except OSError:
        return None


def _made_marker(paths: Paths, site_pdf: str) -> str:
    # One note per PDF the site shows (cv.pdf, resume.pdf...).
    name = os.path.splitext(os.path.basename(site_pdf))[0]
    return os.path.join(paths.doctrees, f"sphinx-cv-{name}.sha256")


def copy_pdf(pdf: str, site_pdf: str, paths: Paths) -> None:
    """The PDF beside the pages, and a note of what was copied, so that a later build
    without a PDF removes this copy and nothing else."""
    shutil.copyfile(pdf, site_pdf)
    os.makedirs(paths.doctrees, exist_ok=True)
    with open(_made_marker(paths, site_pdf), "w", encoding="utf-8") as fh:
        fh.write(_digest(site_pdf) or "")


def remove_old_pdf(site_pdf: str, paths: Paths) -> None:
    """The PDF of an earlier build goes (the pages no longer link to it), but only if it
    is the very file that build copied: a cv.pdf the user put there stays."""
    if not os.path.isfile(site_pdf):
        return
    try:
        with open(_made_marker(paths, site_pdf), encoding="utf-8") as fh:
            made = fh.read().strip()
    except OSError:
        made = ""
    if made and _digest(site_pdf) == made:
        os.remove(site_pdf)
        os.remove(_made_marker(paths, site_pdf))


def profile_failure(app: Sphinx | None) -> str | None:
    """Why the profile could not be read at all (missing, not a file, not YAML), or
    None: then the pages are empty, and the build has failed."""
    from ..config import CvConfig
    from ..data.problems import Subtype

    cv = getattr(getattr(app, "config", None), "cv", None)
    if not isinstance(cv, CvConfig):  # not a sphinx_cv site
        return None
    if not os.path.exists(cv.profile_path):
        return f"the profile {cv.profile_path} does not exist (set cv_profile in conf.py)"
    facts = cv.store.facts
    for problem in getattr(facts, "problems", None) or ():
        if (
            problem.location.file == cv.profile_path
            and not problem.path
            and (
                problem.subtype == Subtype.FILE
                or (problem.subtype == Subtype.YAML and "recursive" not in problem.message)
            )
        ):
            return f"the profile could not be read: {problem}"
    return None


class _OnceEach:
    """stderr for both builds: a warning about the profile comes once, not per builder."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def write(self, text: str) -> int:
        if text.strip() and text in self.seen:
            return len(text)
        self.seen.add(text)
        return sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()


def say(text: str) -> None:
    print(text, flush=True)


def _quiet_colours() -> None:
    """No colour codes in Sphinx's warnings when stderr is not a terminal."""
    from sphinx.util.console import color_terminal, nocolor

    if not color_terminal() or os.environ.get("NO_COLOR"):
        nocolor()


def run_sphinx(
    paths: Paths,
    builder: str,
    overrides: dict[str, object],
    args: argparse.Namespace,
    warnings: _OnceEach | None = None,
    before_build: Callable[[Sphinx], None] | None = None,
) -> tuple[Sphinx | None, str | None]:
    """Run one Sphinx builder; (the application, or None; a one-line problem, or None).

    Warnings go to stderr as Sphinx writes them; Sphinx's progress only with -v.
    ``before_build`` gets the application once it is set up (the live preview shares
    compiled templates between its builds).
    """
    import sphinx
    from sphinx import locale
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    outdir = paths.html if builder == "html" else paths.latex
    extra: dict[str, bool] = {}
    if sphinx.version_info < (8, 1):  # later versions always go on after a warning
        extra["keep_going"] = args.fail_on_warning
    # Sphinx keeps its message catalogs in a global, and a second language loaded in
    # one process would only be a fallback behind the first: start each build afresh.
    locale.translators.clear()
    try:
        with patch_docutils(paths.srcdir), docutils_namespace():
            # keep_going (in `extra`) is a parameter of older Sphinx versions only.
            make_app: Callable[..., Sphinx] = Sphinx
            app = make_app(
                paths.srcdir,
                paths.srcdir,
                outdir,
                paths.doctrees,
                builder,
                confoverrides=overrides,
                status=sys.stdout if args.verbose else None,
                # Sphinx only writes to and flushes its warning stream.
                warning=cast(IO[str], warnings) if warnings else sys.stderr,
                warningiserror=args.fail_on_warning,
                **extra,
            )
            if before_build is not None:
                before_build(app)
            app.build()
    except SphinxError as err:
        return None, f"{err.category}: {one_line(str(err))}"
    except Exception as err:  # conf.py or an extension failed; Sphinx says the same
        return None, f"{type(err).__name__}: {one_line(str(err))}"
    if app.statuscode:
        return app, "warnings treated as errors (-W); see above"
    return app, None


def one_line(message: str) -> str:
    """A Sphinx error as one line: a traceback in it (conf.py raised) is cut to its
    first line and the exception it ends with."""
    lines = [line.strip() for line in message.strip().splitlines() if line.strip()]
    if not lines:
        return "unknown error"
    if any(line.startswith("Traceback") for line in lines):
        return f"{lines[0]} {lines[-1]}"
    return " ".join(lines)


# --- the PDF -----------------------------------------------------------------------------


def build_pdf(
    paths: Paths,
    args: argparse.Namespace,
    warnings: _OnceEach | None = None,
    overrides: dict[str, object] | None = None,
    variants: dict[str, Variant] | None = None,
) -> tuple[str | None, str | None]:
    """(path of the PDF, or None; what went wrong, or None). With -W, a PDF can come
    with a problem: warnings, which made the build fail but not the PDF. ``variants``
    receives the site's cv_pdf_variants."""
    if shutil.which("latexmk") is None:
        return None, f"TeX is not installed (latexmk is not on PATH); {TEX_HINT}"
    app, problem = run_sphinx(
        paths, "latex", {"cv_pdf_url": PDF_NAME, **(overrides or {})}, args, warnings
    )
    if app is None:
        return None, f"LaTeX: {problem}"
    if variants is not None:
        variants.update(getattr(getattr(app.config, "cv", None), "pdf_variants", None) or {})
    warned = f"LaTeX: {problem}" if problem else None  # -W: still make the PDF
    engine = str(app.config.latex_engine)
    binary = "pdflatex" if engine == "pdflatex" else engine
    if shutil.which(binary) is None:
        return None, f"TeX is not fully installed ({binary} is not on PATH); {TEX_HINT}"
    tex = cv_tex_file(app, paths.latex)
    if tex is None:
        return None, f"the LaTeX builder wrote no .tex file in {paths.latex}"
    pdf, failed = run_latexmk(paths.latex, tex, engine, args.verbose)
    if pdf:
        for glyph in font_problems(
            app, os.path.join(paths.latex, os.path.splitext(tex)[0] + ".log")
        ):
            (warnings or sys.stderr).write(
                f"{glyph.location}: WARNING: {glyph.describe()} [cv.{glyph.subtype.value}]\n"
            )
            if args.fail_on_warning:
                warned = warned or "LaTeX: warnings treated as errors (-W); see above"
    return pdf, failed or warned


def font_problems(app: Sphinx, log_path: str) -> list[Problem]:
    """The profile's fields with characters the PDF's font has no glyph for."""
    from ..config import CvConfig
    from ..data.loader import load_profile
    from ..data.problems import Location
    from ..data.scripts import missing_glyphs

    try:
        with open(log_path, encoding="utf-8", errors="replace") as fh:
            log = fh.read()
    except OSError:
        return []
    cv = getattr(app.config, "cv", None)
    if (
        "Missing character:" not in log
        or not isinstance(cv, CvConfig)
        or not os.path.isfile(cv.profile_path)
    ):
        return []
    profile = load_profile(cv.profile_path, cv.bibtex_paths).profile
    return missing_glyphs(log, profile, Location(cv.profile_path))


def build_variants(
    paths: Paths,
    args: argparse.Namespace,
    warnings: _OnceEach | None,
    full: str,
    variants: dict[str, Variant],
    overrides: dict[str, object] | None = None,
) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """Each variant of ``cv_pdf_variants`` as ``<name>.pdf``: (site name -> PDF built,
    the homepage's links to all but the first, problems). A variant with no tags and
    no design of its own is the full CV already built."""
    pdfs: dict[str, str] = {}
    links: dict[str, str] = {}
    problems = []
    for name, variant in variants.items():
        site_name = f"{name}.pdf"
        if not variant.tags and not variant.design:
            pdf: str | None = full
        else:
            say(f"Building PDF ({name})...")
            pdf, problem = build_pdf(
                replace(paths, variant=name),
                args,
                warnings,
                {**(overrides or {}), "cv_pdf_variant": name},
            )
            if problem:
                problems.append(f"{site_name}: {problem}")
        if pdf is None:
            continue
        pages = page_count(pdf)
        if variant.max_pages and pages and pages > variant.max_pages:
            warning(f"{site_name} has {pages} pages, more than its max_pages ({variant.max_pages})")
        if pdfs:
            links[variant.link_text] = site_name
        pdfs[site_name] = pdf
    return pdfs, links, problems


def page_count(pdf: str) -> int | None:
    """The pages of a PDF latexmk made, from TeX's log ("Output written on ... (3 pages"):
    page objects are compressed in the PDF itself."""
    try:
        with open(os.path.splitext(pdf)[0] + ".log", encoding="utf8", errors="replace") as f:
            found = re.findall(r"Output written on .*?\((\d+) pages?", f.read(), re.S)
    except OSError:
        return None
    return int(found[-1]) if found else None


def cv_tex_file(app: Sphinx, latexdir: str) -> str | None:
    """The .tex of the first LaTeX document (the CV), as the builder was configured."""
    documents = getattr(app.builder, "document_data", None) or app.config.latex_documents
    for entry in documents or ():
        if len(entry) > 1 and os.path.isfile(os.path.join(latexdir, entry[1])):
            return str(entry[1])
    found = sorted(
        (f for f in os.listdir(latexdir) if f.endswith(".tex")),
        key=lambda f: os.path.getmtime(os.path.join(latexdir, f)),
        reverse=True,
    )
    return found[0] if found else None


def run_latexmk(
    latexdir: str, tex: str, engine: str, verbose: bool
) -> tuple[str | None, str | None]:
    base = os.path.splitext(tex)[0]
    pdf = os.path.join(latexdir, base + ".pdf")
    command = [
        "latexmk",
        *LATEXMK_MODES.get(engine, ["-pdf"]),
        "-dvi-",
        "-ps-",
        "-interaction=nonstopmode",
        "-halt-on-error",
        tex,
    ]
    env = {**os.environ, "LATEXOPTS": os.environ.get("LATEXOPTS", "")}
    try:
        done = subprocess.run(
            command,
            cwd=latexdir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=None if verbose else subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            timeout=LATEXMK_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return None, f"latexmk did not finish in {LATEXMK_TIMEOUT} s"
    except OSError as err:
        return None, f"cannot run latexmk: {err.strerror or err}"
    log = os.path.join(latexdir, base + ".log")
    if done.returncode == 0 and os.path.isfile(pdf):
        return pdf, None
    return None, latex_error(log, done.stdout or "", done.returncode)


def latex_error(log_path: str, output: str, returncode: int) -> str:
    """The first TeX error (``! ...``) and the line it was on (``l.12 ...``), or the
    gist of latexmk's output; with where the full log is."""
    try:
        with open(log_path, encoding="utf-8", errors="replace") as fh:
            log = fh.read().splitlines()
    except OSError:
        log = []
    for i, line in enumerate(log):
        if line.startswith("! "):
            where = next((x.strip() for x in log[i + 1 : i + 30] if x.startswith("l.")), "")
            shown = " ".join(line[2:].split())
            return (
                f"LaTeX error: {shown}"
                + (f" ({where})" if where else "")
                + f"; full log: {log_path}"
            )
    lines = [x.strip() for x in output.splitlines() if x.strip()]
    said = next((x for x in reversed(lines) if "error" in x.lower()), "")
    gist = f": {said}" if said else ""
    return f"latexmk failed (exit status {returncode}){gist}; full log: {log_path}"
