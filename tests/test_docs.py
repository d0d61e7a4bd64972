"""The user documentation (docs/): it builds with -nW, its generated references list
exactly what the code has, its examples are the tests' snippets, rendered, and the
tutorial's site and publishing commands work as written."""

from __future__ import annotations

import dataclasses
import html
import os
import re
import shutil
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
    code = build_main(["-nW", "--keep-going", "-q", "-b", "html", "-w", str(warnings),
                       "-d", str(out / "doctrees"), str(DOCS), str(out / "html")])
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
        prefix = "" if record == "Profile" else f"{record.lower()}."
        names |= {prefix + key for key in own(body["properties"])}
    return names


def expected() -> dict[str, set[str]]:
    from sphinx_cv.cli import _parser

    commands = next(a.choices for a in _parser()._actions if hasattr(a, "choices")
                    and isinstance(a.choices, dict))
    return {
        "std:cv-config": {f"cv_{f.name}" for f in CONFIG_FIELDS},
        "std:cv-directive": set(DIRECTIVES),
        "std:cv-role": set(ROLES),
        "std:cv-option": {f"{name}:{option}" for name, cls in DIRECTIVES.items()
                          for option in cls.option_spec or {}},
        "std:cv-field": expected_fields(),
        "std:cv-warning": {f"cv.{s.value}" for s in Subtype},
        "std:cv-command": set(commands),
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
        pages / "directives" / "publication-list.html")  # the :numbering: choices


def example_html(html: Path, name: str) -> str:
    """The HTML of the live example of snippet ``name``, from any page."""
    anchor = f'id="{nodes.make_id("cv-example-" + name)}"'
    for page in html.rglob("*.html"):
        text = page.read_text(encoding="utf8")
        if anchor in text:
            start = text.index(anchor)
            end = text.find('class="cv-example docutils container"', start)
            return text[start: end if end > 0 else len(text)]
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
    code = build_main(["-q", "-b", "linkcheck", "-d", str(built / "doctrees"), str(DOCS),
                       str(out)])
    report = (out / "output.txt").read_text(encoding="utf8")
    assert code == 0 and "[broken]" not in report, report


# --- the tutorial, as a new user follows it ----------------------------------------------

def run(script: str, cwd: Path, **env: str) -> str:
    path = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=cwd,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PATH": path, **env})
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tutorial") / "mysite"
    shutil.copytree(TUTORIAL, path)
    shutil.copy(PUBLISH / "requirements.txt", path)
    return path


def console_output(page: str, command: str) -> list[str]:
    """The outputs shown after ``$ command`` in the page's console blocks."""
    blocks = re.findall(r"```console\n\$ (.*?)\n(.*?)```", page, re.S)
    return [output.strip() for cmd, output in blocks if cmd == command]


def test_tutorial_validate(site: Path, tmp_path: Path) -> None:
    shown = console_output((DOCS / "tutorial.md").read_text("utf8"),
                           "sphinx-cv validate profile.yaml")
    assert len(shown) == 2
    assert run("sphinx-cv validate profile.yaml", site).strip() == shown[0]
    # The mistake the tutorial shows: `year: 202` for the first paper.
    bad = tmp_path / "profile.yaml"
    bad.write_text((site / "profile.yaml").read_text("utf8").replace(
        "year: 2025", "year: 202", 1), encoding="utf8")
    done = subprocess.run([sys.executable, "-m", "sphinx_cv", "validate", "profile.yaml"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 1
    assert (done.stdout + done.stderr).strip() == shown[1]


def workflow_build_steps(command: str = "sphinx-build") -> str:
    """The ``run`` script of the workflow's step that runs ``command``."""
    workflow = yaml.safe_load((PUBLISH / "github-pages.yml").read_text(encoding="utf8"))
    steps = workflow["jobs"]["build"]["steps"]
    return next(s["run"] for s in steps if command in s.get("run", ""))


@needs_tex
def test_tutorial_site_builds_and_publishes(site: Path) -> None:
    run(workflow_build_steps(), site)
    html = site / "_build" / "html"
    index = (html / "index.html").read_text(encoding="utf8")
    assert '<a href="cv.pdf">CV (PDF)</a>' in index
    assert 'class="cv-profile-card' in index and (html / "publications.html").exists()
    text = run("pdftotext cv.pdf -", html)
    assert "Grace Hopper" in text and "[C1]" in text
    # The tutorial names the PDF it makes.
    assert (site / "_build" / "latex" / "grace-hopper-cv.pdf").exists()

    # Read the Docs: its own HTML build (as above) in $READTHEDOCS_OUTPUT/html, then the
    # post_build commands.
    config = yaml.safe_load((PUBLISH / "readthedocs.yaml").read_text(encoding="utf8"))
    assert config["sphinx"]["configuration"] == "conf.py"
    assert config["python"]["install"] == [{"requirements": "requirements.txt"}]
    packages = re.findall(r"[\w.-]+", workflow_build_steps("apt-get install").split(
        "--no-install-recommends")[1])
    assert config["build"]["apt_packages"] == packages
    rtd = site.parent / "rtd"
    shutil.copytree(html, rtd / "html")
    (rtd / "html" / "cv.pdf").unlink()
    run("\n".join(config["build"]["jobs"]["post_build"]), site, READTHEDOCS_OUTPUT=str(rtd))
    assert (rtd / "html" / "cv.pdf").exists()
