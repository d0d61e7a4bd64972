"""The user documentation (docs/): it builds with -nW, its generated references list
exactly what the code has, its examples are the tests' snippets, rendered, and the
tutorial's site and publishing commands work as written."""

from __future__ import annotations

import dataclasses
import html
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from docutils import nodes
from sphinx.cmd.build import build_main

from sphinx_cv import __version__
from sphinx_cv.commands.quickstart import site_files
from sphinx_cv.config import CONFIG_FIELDS
from sphinx_cv.data.problems import Subtype
from sphinx_cv.data.schema import profile_schema
from sphinx_cv.directives import DIRECTIVES
from sphinx_cv.docsite.reference import ROLES, theme_options
from sphinx_cv.domain import CvDomain
from sphinx_cv.extension import setup_extension
from sphinx_cv.theme.options import ThemeOptions

REPO = Path(__file__).parent.parent.resolve()
DOCS = REPO / "docs"
TUTORIAL = DOCS / "examples" / "tutorial"
PUBLISH = DOCS / "examples" / "publish"
SNIPPETS = sorted(p.stem for p in (REPO / "tests" / "snippets").glob("*.rst"))
TEX = ("latexmk", "pdflatex", "pdftotext")
needs_tex = pytest.mark.skipif(
    any(shutil.which(t) is None for t in TEX) and not os.environ.get("CI"),
    reason="TeX Live and poppler are not installed (.ci/run installs them)",
)


# --- the help the references are generated from ------------------------------------------


@pytest.mark.parametrize("name", sorted(DIRECTIVES))
def test_every_option_has_help(name: str) -> None:
    cls = DIRECTIVES[name]
    options = set(cls.option_spec or {})
    assert set(cls.option_help) == options, "option_help must cover exactly the options"
    for option, text in cls.option_help.items():
        assert text.strip().endswith("."), f"{name}:{option}: help should be a sentence"
    if cls.required_arguments or cls.optional_arguments:
        assert cls.argument_help.strip(), f"{name} takes an argument: give argument_help"
    assert cls.__doc__ and cls.__doc__.strip()


class Recorder:
    """Stands in for the Sphinx application and records what setup registers."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []

    def __getattr__(self, name: str) -> Any:
        def record(*args: Any, **kwargs: Any) -> None:
            self.calls.append((name, args))

        return record

    def names(self, method: str) -> set[str]:
        return {args[0] for name, args in self.calls if name == method}


def test_documented_names_are_those_registered() -> None:
    app = Recorder()
    setup_extension(app)  # type: ignore[arg-type]
    assert app.names("add_directive") == set(DIRECTIVES)
    assert app.names("add_role") | set(CvDomain.roles) == set(ROLES)


# --- the built docs ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs")
    warnings = out / "warnings.txt"
    code = build_main(
        [
            "-nW",
            "--keep-going",
            "-q",
            "-b",
            "html",
            "-w",
            str(warnings),
            "-d",
            str(out / "doctrees"),
            str(DOCS),
            str(out / "html"),
        ]
    )
    assert code == 0, warnings.read_text(encoding="utf8")
    return out


def inventory(path: Path) -> dict[str, dict[str, str]]:
    """objects.inv as {role: {name: uri}}."""
    data = path.read_bytes()
    body = data.split(b"\n", 4)[4]  # four header lines, then zlib
    out: dict[str, dict[str, str]] = {}
    for line in zlib.decompress(body).decode("utf8").splitlines():
        match = re.fullmatch(r"(.+?)\s+(\S+:\S+)\s+-?\d+\s+(\S+)\s+.*", line)
        assert match, line
        name, role, uri = match.groups()
        out.setdefault(role, {})[name] = uri.replace("$", name)
    return out


def expected_fields() -> set[str]:
    """Top-level keys and record fields, read from the JSON Schema (aliases left out)."""
    schema = profile_schema()

    def own(props: dict[str, Any]) -> Iterator[str]:
        for key, value in props.items():
            if not value.get("description", "").startswith("Alias of "):
                yield key

    names: set[str] = set()
    for record, body in schema["definitions"].items():
        if "anyOf" in body:  # a record with a short form: a string or the mapping
            body = next(b for b in body["anyOf"] if b.get("type") == "object")
        if "properties" not in body:
            continue  # a shape values share (a text per language), not a record
        prefix = "" if record == "Profile" else f"{record.lower()}."
        names |= {prefix + key for key in own(body["properties"])}
    return names


def expected() -> dict[str, set[str]]:
    from sphinx_cv.cli import _parser
    from sphinx_cv.formats import EXPORTERS, IMPORTERS

    commands = set(
        next(
            a.choices
            for a in _parser()._actions
            if hasattr(a, "choices") and isinstance(a.choices, dict)
        )
    )
    # import and export take a format: each is a command of its own to the reader.
    commands |= {f"import {f}" for f in IMPORTERS}
    commands |= {f"export {f}" for f in EXPORTERS}
    # metrics has actions (update), each with its options.
    commands |= {f"metrics {a}" for a in ("update",)}
    return {
        "std:cv-config": {f"cv_{f.name}" for f in CONFIG_FIELDS},
        "std:cv-directive": set(DIRECTIVES),
        "std:cv-role": set(ROLES),
        "std:cv-option": {
            f"{name}:{option}"
            for name, cls in DIRECTIVES.items()
            for option in cls.option_spec or {}
        },
        "std:cv-field": expected_fields(),
        "std:cv-warning": {f"cv.{s.value}" for s in Subtype},
        "std:cv-command": commands,
        "std:cv-theme-option": {f.name for f in dataclasses.fields(ThemeOptions)},
    }


def test_references_list_exactly_what_the_code_has(built: Path) -> None:
    html = built / "html"
    found = inventory(html / "objects.inv")
    for role, names in expected().items():
        documented = found.get(role, {})
        assert set(documented) == names, role
        for name, uri in documented.items():
            page, _, anchor = uri.partition("#")
            text = (html / page).read_text(encoding="utf8")
            assert f'id="{anchor}"' in text, (role, name, uri)
            assert page.startswith("reference/"), (role, name, uri)


def page_text(path: Path) -> str:
    """A page's text as a reader sees it, with plain quotes and single spaces."""
    text = html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf8")))
    for fancy, plain in (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("…", "...")):
        text = text.replace(fancy, plain)
    return " ".join(text.split())


def plain(help_text: str) -> str:
    return " ".join(help_text.replace("``", "").split())


def test_reference_entries_show_help(built: Path) -> None:
    pages = built / "html" / "reference"
    config = page_text(pages / "config.html")
    for f in CONFIG_FIELDS:
        assert plain(f.metadata["help"]) in config
    theme = page_text(pages / "theme.html")
    for name, _, help_text in theme_options():
        assert help_text and plain(help_text) in theme, name
    warnings = page_text(pages / "warnings.html")
    for s in Subtype:
        assert plain(s.doc) in warnings
    for name, cls in DIRECTIVES.items():
        text = page_text(pages / "directives" / f"{name}.html")
        for option, help_text in cls.option_help.items():
            assert f":{option}:" in text and plain(help_text) in text, (name, option)
    assert "one of reverse, forward, none" in page_text(
        pages / "directives" / "publication-list.html"
    )  # the :numbering: choices


def example_html(html: Path, name: str) -> str:
    """The HTML of the live example of snippet ``name``, from any page."""
    anchor = f'id="{nodes.make_id("cv-example-" + name)}"'
    for page in html.rglob("*.html"):
        text = page.read_text(encoding="utf8")
        if anchor in text:
            start = text.index(anchor)
            end = text.find('class="cv-example docutils container"', start)
            return text[start : end if end > 0 else len(text)]
    raise AssertionError(f"snippet {name} is not shown in the docs")


@pytest.mark.parametrize("name", SNIPPETS)
def test_every_snippet_is_shown_and_rendered(built: Path, name: str) -> None:
    part = example_html(built / "html", name)
    for syntax in ("MyST Markdown", "reStructuredText"):
        assert f'<span class="caption-text">{syntax}</span>' in part
    assert 'class="cv-example-output' in part
    output = part.split('class="cv-example-output', 1)[1]
    assert re.search(r'class="cv-(?!example)', output), f"{name}: nothing rendered"


def test_linkcheck_offline(built: Path) -> None:
    out = built / "linkcheck"
    code = build_main(["-q", "-b", "linkcheck", "-d", str(built / "doctrees"), str(DOCS), str(out)])
    report = (out / "output.txt").read_text(encoding="utf8")
    assert code == 0 and "[broken]" not in report, report


# --- commands shown in the docs, run as shown ---------------------------------------------


def console(command: str, cwd: Path, **env: str) -> tuple[int, str]:
    """``command`` run as typed in a terminal: (exit status, what it printed, stdout and
    stderr interleaved)."""
    path = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", command],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
        env={**os.environ, "PATH": path, **env},
    )
    return done.returncode, done.stdout.strip()


def run(command: str, cwd: Path, **env: str) -> str:
    """``command``, which must succeed; what it printed."""
    code, output = console(command, cwd, **env)
    assert code == 0, output
    return output


def console_blocks(page: Path) -> list[tuple[str, str]]:
    """(command, output) of each ```console block of a page: ``$ command``, then what it
    prints."""
    blocks = re.findall(r"```console\n\$ (.*?)\n(.*?)```", page.read_text("utf8"), re.S)
    return [(command, output.strip()) for command, output in blocks]


def shown_files(page: Path) -> dict[str, Path]:
    """caption -> file, for each ``literalinclude`` with a caption on a page."""
    out = {}
    for path, options in re.findall(
        r"```\{literalinclude\} (\S+)\n((?::\w+:.*\n)*)", page.read_text("utf8")
    ):
        caption = re.search(r"^:caption: (.+)$", options, re.M)
        if caption:
            out[caption.group(1).strip()] = (page.parent / path).resolve()
    return out


def output_file(command: str) -> str | None:
    found = re.search(r"(?:-o|--output) (\S+)", command)
    return found.group(1) if found else None


# How-to pages whose console blocks are run in a fresh folder holding the files the page
# shows (by caption) and these, the site the page starts from.
CONSOLE_PAGES: dict[str, dict[str, Path]] = {
    "howto/bibtex.md": {},
    "howto/jsonresume.md": {"mysite/profile.yaml": TUTORIAL / "profile.yaml"},
    "howto/export.md": {"mysite/profile.yaml": TUTORIAL / "profile.yaml"},
}


def test_every_console_block_is_run() -> None:
    pages = {str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md") if console_blocks(p)}
    assert pages == {*CONSOLE_PAGES, "tutorial.md"}


@pytest.mark.parametrize("page", sorted(CONSOLE_PAGES))
def test_howto_commands_print_and_write_what_is_shown(page: str, tmp_path: Path) -> None:
    path = DOCS / page
    blocks = console_blocks(path)
    files = shown_files(path)
    outputs = {output_file(command) for command, _ in blocks} - {None}
    assert outputs and outputs <= set(files), "show each file a command writes"
    for name, source in [*files.items(), *CONSOLE_PAGES[page].items()]:
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if name not in outputs:
            shutil.copy(source, target)
    for command, shown in blocks:
        assert console(command, tmp_path)[1] == shown, command
    for name in outputs:
        assert (tmp_path / name).read_text("utf8") == files[name].read_text("utf8"), name


def test_cli_help_examples_are_valid_command_lines() -> None:
    """The examples in every ``--help`` (the CLI reference shows them) parse, and line up."""
    from sphinx_cv.cli import _parser
    from sphinx_cv.docsite.reference import cli_commands

    for name, parser in cli_commands().items():
        examples = (parser.epilog or "").split("examples:\n", 1)[1].split("\n\n")[0]
        for line in examples.splitlines():
            assert re.match(r"  sphinx-cv\b", line), (name, line)
            argv = shlex.split(re.sub(r"\s{2,}\(.*\)$", "", line))[1:]
            argv = argv[: argv.index(">")] if ">" in argv else argv
            try:
                _parser().parse_args(argv)
            except SystemExit as err:
                raise AssertionError(f"{name}: {line}") from err


# --- the tutorial, as a new user follows it ----------------------------------------------

TUTORIAL_PAGE = DOCS / "tutorial.md"
SITE = "mysite"


def tutorial_block(prefix: str, index: int = 0) -> tuple[str, str]:
    """The tutorial's ``index``-th console block whose command starts with ``prefix``."""
    return [b for b in console_blocks(TUTORIAL_PAGE) if b[0].startswith(prefix)][index]


@pytest.fixture(scope="module")
def tutorial(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder the tutorial is followed in, after step 2 (quickstart) and step 3 (the
    profile edited): the site is ``mysite`` in it."""
    cwd = tmp_path_factory.mktemp("tutorial")
    command, shown = tutorial_block("sphinx-cv quickstart")
    assert console(command, cwd) == (0, shown)
    profile = cwd / SITE / "profile.yaml"
    started = profile.read_text("utf8")
    edited = (TUTORIAL / "profile.yaml").read_text("utf8")
    # The user keeps the first line, which points editors to the schema.
    assert edited.splitlines()[0] == started.splitlines()[0]
    profile.write_text(edited, encoding="utf8")
    return cwd


def test_tutorial_shows_the_files_quickstart_writes(tutorial: Path) -> None:
    site = tutorial / SITE
    for name in ("conf.py", "index.md", "publications.md", "cv.md"):
        assert (site / name).read_text("utf8") == (TUTORIAL / name).read_text("utf8"), name
    # The workflow is shown from the code (cv-quickstart-file), as quickstart writes it.
    assert "```{cv-quickstart-file} .github/workflows/pages.yml\n" in TUTORIAL_PAGE.read_text(
        "utf8"
    )
    listed = re.findall(r"^\| (.+?) \| .+ \|$", TUTORIAL_PAGE.read_text("utf8"), re.M)[2:]
    described = {name for row in listed for name in re.findall(r"`([^`]+)`", row)}
    written = {str(p.relative_to(site)) for p in site.rglob("*") if p.is_file()}
    assert described == written


def test_tutorial_shows_the_pages_workflow_of_this_version(built: Path) -> None:
    page = html.unescape((built / "html" / "tutorial.html").read_text("utf8"))
    text = re.sub(r"<[^>]+>", "", page)
    assert f'pip install "sphinx-cv=={__version__}"' in text
    assert ".github/workflows/pages.yml" in text  # the caption
    # Until the first release: the git URL, for the workflow and for Read the Docs.
    assert 'pip install "sphinx-cv @ git+https://github.com/' in text


def test_tutorial_validate(tutorial: Path, tmp_path: Path) -> None:
    command, shown = tutorial_block("sphinx-cv validate", 0)
    assert console(command, tutorial) == (0, shown)
    # The mistake the tutorial shows: `year: 202` for the first paper.
    command, shown = tutorial_block("sphinx-cv validate", 1)
    bad = tmp_path / SITE / "profile.yaml"
    bad.parent.mkdir()
    bad.write_text(
        (tutorial / SITE / "profile.yaml").read_text("utf8").replace("year: 2025", "year: 202", 1),
        encoding="utf8",
    )
    assert console(command, tmp_path) == (1, shown)


PDF_LINK = re.compile(r'<a class="cv-pdf-link[^"]*" href="cv\.pdf">Download CV \(PDF\)</a>')


def assert_site_with_linked_pdf(html: Path) -> None:
    index = (html / "index.html").read_text("utf8")
    assert PDF_LINK.search(index), "the homepage links the PDF"
    assert (html / "publications.html").exists() and (html / "cv.html").exists()
    text = run("pdftotext cv.pdf -", html)
    assert "Grace Hopper" in text and "[C1]" in text and "Best Paper Award" in text


@pytest.fixture(scope="module")
def tutorial_built(tutorial: Path) -> Path:
    """Step 5: the tutorial's ``sphinx-cv build``, which prints what the tutorial shows."""
    command, shown = tutorial_block("sphinx-cv build")
    assert console(command, tutorial) == (0, shown)
    return tutorial / SITE


@needs_tex
def test_tutorial_builds_the_site_with_the_pdf_linked(tutorial_built: Path) -> None:
    html = tutorial_built / "_build" / "html"
    assert_site_with_linked_pdf(html)
    index = (html / "index.html").read_text("utf8")
    # The theme's author column shows the name; the card on the page does not repeat it.
    assert "cv-author-name" in index and 'class="cv-name' not in index
    # The PDF the tutorial's note names.
    assert (tutorial_built / "_build" / "latex" / "grace-hopper-cv.pdf").exists()


@needs_tex
def test_tutorial_plain_sphinx_build_note(tutorial_built: Path, tmp_path: Path) -> None:
    """The note: plain sphinx-build, then the PDF copied and cv_pdf_url set."""
    shutil.copytree(tutorial_built, tmp_path / SITE, ignore=shutil.ignore_patterns("_build"))
    text = " ".join(TUTORIAL_PAGE.read_text("utf8").split())
    commands = re.findall(r"`(sphinx-build -M \w+ mysite mysite/_build)`", text)
    assert [c.split()[2] for c in commands] == ["html", "latexpdf"]
    setting = re.search(r'set `(cv_pdf_url = "cv.pdf")` in `conf.py`', text)
    assert setting
    with (tmp_path / SITE / "conf.py").open("a", encoding="utf8") as fh:
        fh.write(setting.group(1) + "\n")
    for command in commands:
        run(command, tmp_path)
    copy = re.search(r"copy it to `(mysite/_build/html/cv.pdf)`", text)
    assert copy
    shutil.copy(
        tmp_path / SITE / "_build" / "latex" / "grace-hopper-cv.pdf", tmp_path / copy.group(1)
    )
    assert_site_with_linked_pdf(tmp_path / SITE / "_build" / "html")


@needs_tex
def test_tutorial_preview(tutorial_built: Path) -> None:
    """``sphinx-cv serve mysite`` serves the site, linking the PDF of the last build."""
    from test_cli_serve import free_port, wait_for

    assert "```sh\nsphinx-cv serve mysite\n```" in TUTORIAL_PAGE.read_text("utf8")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "sphinx_cv", "serve", SITE, "--port", str(port)],
        cwd=tutorial_built.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        home = wait_for(f"http://127.0.0.1:{port}/index.html", "Grace Hopper", server)
        assert PDF_LINK.search(home)
    finally:
        os.killpg(server.pid, signal.SIGKILL)  # the server and its builds
        server.wait()


def tex_packages(text: str) -> list[str]:
    """The packages of an ``apt-get install --no-install-recommends ...`` command."""
    found = re.search(
        r"apt-get (?:-o \S+ )?install (?:-y )?--no-install-recommends "
        r"((?:[\w.-]+[ \t]*|\\\s*)+)",
        text,
    )  # a line goes on after a backslash
    assert found, text
    return re.findall(r"[\w.-]+", found.group(1))


PAGES_WORKFLOW = site_files(markdown=True, name="Your Name")[".github/workflows/pages.yml"]


def workflow_step(command: str) -> str:
    """The ``run`` script of the Pages workflow's step that runs ``command``."""
    workflow = yaml.safe_load(PAGES_WORKFLOW)
    steps = workflow["jobs"]["build"]["steps"]
    return str(next(s["run"] for s in steps if command in s.get("run", "")))


@needs_tex
def test_tutorial_publishing_builds(tutorial_built: Path, tmp_path: Path) -> None:
    """GitHub Pages and Read the Docs build the site as the tutorial configures them."""
    packages = tex_packages(workflow_step("apt-get"))
    assert sorted(tex_packages(TUTORIAL_PAGE.read_text("utf8"))) == sorted(packages)
    config = yaml.safe_load((PUBLISH / "readthedocs.yaml").read_text(encoding="utf8"))
    assert config["build"]["apt_packages"] == packages
    assert config["sphinx"]["configuration"] == "conf.py"
    assert config["python"]["install"] == [{"requirements": "requirements.txt"}]
    assert (PUBLISH / "requirements.txt").read_text("utf8").split() == ["sphinx-cv"]
    # Read the Docs runs each command in a shell of its own, in the repository, which is
    # the site; its first command is the one the Pages workflow runs.
    commands = config["build"]["jobs"]["build"]["html"]
    assert commands[0] == workflow_step("sphinx-cv build").strip()
    shutil.rmtree(tutorial_built / "_build")
    for command in commands:
        run(command, tutorial_built, READTHEDOCS_OUTPUT=str(tmp_path / "rtd"))
    assert_site_with_linked_pdf(tutorial_built / "_build" / "html")
    assert_site_with_linked_pdf(tmp_path / "rtd" / "html")
