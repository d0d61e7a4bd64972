"""``sphinx-cv quickstart`` then ``sphinx-cv build``: the two commands a new user runs.

One real PDF is built for the whole module (a module-scoped site); the other builds
are HTML only, or stop at the LaTeX step.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from clitools import Result, assert_one_line_error, run

from sphinx_cv import __version__
from sphinx_cv.commands import build
from sphinx_cv.data.schema import profile_schema


class Links(HTMLParser):
    """The links of a page: (href, text, classes)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            a = dict(attrs)
            self._open = [a.get("href") or "", "", a.get("class") or ""]

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open is not None:
            self.links.append((self._open[0], self._open[1], self._open[2]))
            self._open = None


def links(page: Path) -> list[tuple[str, str, str]]:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


def pdf_links(page: Path) -> list[tuple[str, str, str]]:
    return [link for link in links(page) if "cv-pdf-link" in link[2]]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "mysite"
    result = run("quickstart", path, "--name", "Ada Lovelace")
    assert result.code == 0, result.err
    return path


@pytest.fixture(scope="module")
def built(site: Path) -> Result:
    return run("build", site, "-W")


def test_quickstart_writes_a_complete_site(site: Path) -> None:
    names = sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file())
    assert names == [
        ".github/workflows/pages.yml",
        ".gitignore",
        "conf.py",
        "cv.rst",
        "index.rst",
        "profile.schema.json",
        "profile.yaml",
        "publications.rst",
    ]
    profile = (site / "profile.yaml").read_text(encoding="utf-8")
    assert profile.startswith("# yaml-language-server: $schema=profile.schema.json\n")
    assert "  name: Ada Lovelace\n" in profile
    schema = json.loads((site / "profile.schema.json").read_text(encoding="utf-8"))
    assert schema == profile_schema()
    assert "_build" in (site / ".gitignore").read_text(encoding="utf-8")
    conf = (site / "conf.py").read_text(encoding="utf-8")
    assert 'extensions = ["sphinx_cv"]' in conf


def test_starter_profile_is_valid(site: Path) -> None:
    result = run("validate", site / "profile.yaml")
    assert result.code == 0 and result.out == "", result.out


def test_starter_profile_matches_its_schema(site: Path) -> None:
    import jsonschema

    profile = yaml.safe_load((site / "profile.yaml").read_text(encoding="utf-8"))
    schema = json.loads((site / "profile.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(json.dumps(profile, default=str)), schema)


def test_workflow_builds_and_deploys_with_sphinx_cv(site: Path) -> None:
    workflow = yaml.safe_load((site / ".github/workflows/pages.yml").read_text("utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    commands = "\n".join(step.get("run", "") for step in steps)
    assert " install -y " in commands and "latexmk" in commands
    # The version that wrote the site, not whatever is newest when the workflow runs.
    assert f'pip install "sphinx-cv=={__version__}"' in commands
    # pip's downloads and TeX's packages are kept between runs.
    python = next(s for s in steps if "setup-python" in s.get("uses", ""))
    assert python["with"]["cache"] == "pip"
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    tex = next(s["run"] for s in steps if "apt-get" in s.get("run", ""))
    assert f'Dir::Cache::Archives="{cache["with"]["path"].replace("~", "$HOME")}"' in tex
    assert "sphinx-cv build . -o _build" in commands
    upload = next(s for s in steps if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "_build/html"
    assert workflow["permissions"]["pages"] == "write"
    assert any("deploy-pages" in s.get("uses", "") for s in workflow["jobs"]["deploy"]["steps"])


def test_build_makes_html_and_pdf_linked_from_the_homepage(site: Path, built: Result) -> None:
    assert built.code == 0, built.err
    assert built.err == ""  # -W: no warning at all
    html = site / "_build" / "html"
    assert built.out.splitlines() == [
        "Building PDF...",
        "Building HTML...",
        f"Done: {html / 'index.html'}, {html / 'cv.pdf'}",
    ]
    pdf = html / "cv.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf_links(html / "index.html") == [
        ("cv.pdf", "Download CV (PDF)", "cv-pdf-link reference external")
    ]
    for page in ("cv.html", "publications.html"):
        assert (html / page).exists() and pdf_links(html / page) == []
    # The PDF holds the CV, and no link to itself.
    assert not any(
        "Download CV" in t.read_text(encoding="utf-8")
        for t in (site / "_build" / "latex").glob("*.tex")
    )
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Ada Lovelace" in text and "A First Paper Title" in text


def test_markdown_site_builds(tmp_path: Path) -> None:
    site = tmp_path / "md"
    made = run("quickstart", site, "--markdown")
    assert made.code == 0, made.err
    assert sorted(p.name for p in site.glob("*.md")) == ["cv.md", "index.md", "publications.md"]
    assert '"myst_parser"' in (site / "conf.py").read_text(encoding="utf-8")
    built = run("build", site, "--no-pdf", "-W")
    assert built.code == 0, built.err
    html = site / "_build" / "html"
    assert built.out.splitlines()[-1] == f"Done: {html / 'index.html'}"
    page = (html / "index.html").read_text(encoding="utf-8")
    assert "Your Name" in page and "A First Paper Title" in page
    assert pdf_links(html / "index.html") == [] and not (html / "cv.pdf").exists()


def test_without_tex_the_html_is_still_built(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", site, "-o", out, env={"PATH": str(tmp_path / "no-tex")})
    assert_one_line_error(result, 1, "no PDF: TeX is not installed", "latexmk", "--no-pdf")
    assert (out / "html" / "index.html").exists()
    assert not (out / "html" / "cv.pdf").exists()
    assert pdf_links(out / "html" / "index.html") == []


def test_a_latex_error_is_one_line_and_the_html_is_built(site: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(site, broken, ignore=shutil.ignore_patterns("_build"))
    with (broken / "conf.py").open("a", encoding="utf-8") as fh:
        fh.write('\nlatex_elements = {"preamble": r"\\cvundefinedmacro"}\n')
    stale = broken / "_build" / "html" / "cv.pdf"
    stale.parent.mkdir(parents=True)
    earlier = tmp_path / "earlier.pdf"
    earlier.write_bytes(b"%PDF-1.5 from an earlier build")
    build.copy_pdf(str(earlier), str(stale), build.Paths(str(broken), str(broken / "_build")))
    result = run("build", broken)
    assert_one_line_error(
        result,
        1,
        "no PDF: LaTeX error: Undefined control sequence.",
        "\\cvundefinedmacro",
        "full log: ",
    )
    log = result.err.rsplit("full log: ", 1)[1].strip()
    assert Path(log).is_file() and log.endswith(".log")
    assert "(l." in result.err  # the line of the .tex it happened on
    assert result.out.splitlines()[-1] == f"Done: {broken / '_build' / 'html' / 'index.html'}"
    assert not stale.exists()  # no longer linked, so not left behind
    assert pdf_links(broken / "_build" / "html" / "index.html") == []


def test_warnings_fail_the_build_with_w(site: Path, tmp_path: Path) -> None:
    warned = tmp_path / "warned"
    shutil.copytree(site, warned, ignore=shutil.ignore_patterns("_build"))
    profile = warned / "profile.yaml"
    profile.write_text(profile.read_text("utf-8").replace("  location:", "  locaton:"), "utf-8")
    lax = run("build", warned, "--no-pdf")
    assert lax.code == 0 and "person.locaton: unknown field" in lax.err
    strict = run("build", warned, "--no-pdf", "-W")
    assert strict.code == 1 and "Traceback" not in strict.err
    assert strict.err_lines[-1] == ("sphinx-cv: HTML: warnings treated as errors (-W); see above")
    # Both builds read the profile; its problem is told once.
    both = run("build", warned, "-W")
    assert both.code == 1 and both.err.count("person.locaton: unknown field") == 1


def test_build_bad_inputs(tmp_path: Path) -> None:
    assert_one_line_error(run("build", tmp_path / "nowhere"), 2, "no such folder")
    assert_one_line_error(run("build", tmp_path), 2, "has no conf.py", "sphinx-cv quickstart")
    (tmp_path / "conf.py").write_text("extensions = ['sphinx_cv'\n", encoding="utf-8")
    assert_one_line_error(run("build", tmp_path), 1, "Configuration error", "syntax error")
    (tmp_path / "conf.py").write_text("extensions = ['sphinx_cv']\nx = 1 / 0\n", encoding="utf-8")
    assert_one_line_error(
        run("build", tmp_path, "--no-pdf"),
        1,
        "Configuration error",
        "ZeroDivisionError: division by zero",
    )
    (tmp_path / "conf.py").write_text("extensions = ['no_such_extension']\n", encoding="utf-8")
    assert_one_line_error(run("build", tmp_path, "--no-pdf"), 1, "no_such_extension")


def test_quickstart_refuses_to_overwrite(site: Path, tmp_path: Path) -> None:
    target = tmp_path / "again"
    target.mkdir()
    (target / "index.rst").write_text("My own page\n", encoding="utf-8")
    result = run("quickstart", target)
    assert_one_line_error(result, 1, "index.rst already exists", "--force")
    assert sorted(p.name for p in target.iterdir()) == ["index.rst"]  # nothing written
    assert (target / "index.rst").read_text(encoding="utf-8") == "My own page\n"
    forced = run("quickstart", target, "--force")
    assert forced.code == 0
    assert ".. profile-card::" in (target / "index.rst").read_text(encoding="utf-8")


def test_quickstart_bad_inputs(tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    assert_one_line_error(run("quickstart", afile), 1, "is not a folder")
    assert_one_line_error(run("quickstart", afile / "sub"), 1, "cannot write")
    assert_one_line_error(run("quickstart", tmp_path / "s", "--name", " "), 2, "--name")
    assert run("quickstart").code == 2


def test_quickstart_quotes_names_yaml_would_misread(tmp_path: Path) -> None:
    site = tmp_path / "s"
    assert run("quickstart", site, "--name", "Yes: O'Brien [Jr]").code == 0
    assert run("validate", site, "-q").code == 0
    data = yaml.safe_load((site / "profile.yaml").read_text(encoding="utf-8"))
    assert data["person"]["name"] == "Yes: O'Brien [Jr]"
    assert data["publications"][0]["authors"][0] == "Yes: O'Brien [Jr]"


@pytest.mark.parametrize("command", ["quickstart", "build", "serve"])
def test_help_has_examples(command: str) -> None:
    result = run(command, "--help")
    assert result.code == 0 and "examples:" in result.out
    assert f"sphinx-cv {command}" in result.out.split("examples:")[1]


@pytest.mark.parametrize(
    ("latex", "html", "lines", "code", "linked"),
    [
        # Sphinx cannot start (conf.py): the same error from both builds, said once.
        (
            (None, "LaTeX: Configuration error: bad"),
            (None, "Configuration error: bad"),
            ["Configuration error: bad"],
            1,
            False,
        ),
        # -W and warnings: the PDF is still made and linked, the build fails.
        (
            ("PDF", "LaTeX: warnings treated as errors (-W); see above"),
            (True, None),
            ["LaTeX: warnings treated as errors (-W); see above"],
            1,
            True,
        ),
        # No PDF and a failing HTML build: both said.
        (
            (None, "LaTeX error: ! Oops"),
            (None, "Extension error: broken"),
            ["no PDF: LaTeX error: ! Oops", "HTML: Extension error: broken"],
            1,
            False,
        ),
        ((None, None), (True, None), [], 0, False),
    ],
)
def test_build_messages(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    latex: tuple[str | None, str | None],
    html: tuple[bool | None, str],
    lines: list[str],
    code: int,
    linked: bool,
) -> None:
    from clitools import cli

    (tmp_path / "conf.py").write_text("", encoding="utf-8")
    (tmp_path / "_build" / "html").mkdir(parents=True)
    made = tmp_path / "made.pdf"
    made.write_bytes(b"%PDF-1.5")
    pdf = str(made) if latex[0] else None
    monkeypatch.setattr(build, "build_pdf", lambda *a: (pdf, latex[1]))
    monkeypatch.setattr(build, "run_sphinx", lambda *a: (object() if html[0] else None, html[1]))
    result = cli("build", tmp_path)
    assert result.code == code
    assert result.err_lines == [f"sphinx-cv: {line}" for line in lines]
    assert (tmp_path / "_build" / "html" / "cv.pdf").exists() == linked
    assert result.out.splitlines()[-1].startswith("Done: ") == bool(html[0])
