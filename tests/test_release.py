"""The release, as a user gets it: ``python -m build`` makes a wheel and an sdist that pass
``twine check --strict``; the sdist carries the tests and the docs; the wheel alone,
installed in a fresh venv away from the repository, runs ``quickstart``, ``build`` (HTML,
and the PDF where TeX is installed, as in CI) and ``serve``.

About a minute (pip installs the dependencies, from its cache where it can), so it runs in
CI, with ``SPHINX_CV_RELEASE_TEST=1``, ``-m release`` or ``tox -e release``."""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from sphinx_cv import __version__

REPO = Path(__file__).parent.parent.resolve()
CI = bool(os.environ.get("CI"))

pytestmark = pytest.mark.release


@pytest.fixture(scope="module", autouse=True)
def wanted(request: pytest.FixtureRequest) -> None:
    if not (
        CI
        or os.environ.get("SPHINX_CV_RELEASE_TEST")
        or "release" in (request.config.option.markexpr or "")
    ):
        pytest.skip(
            "builds and installs the package: runs in CI, with "
            "SPHINX_CV_RELEASE_TEST=1 or with -m release"
        )


def run(args: list[str | Path], cwd: Path, timeout: float = 300, **env: str) -> str:
    """Run a command; its output, or a failure that shows it."""
    environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**environ, **env},
    )
    assert done.returncode == 0, (
        f"{args} exited {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    )
    return done.stdout


SKIPPED = {
    ".git",
    ".venv",
    "venv",
    ".tox",
    "build",
    "dist",
    "_build",
    "__pycache__",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".hypothesis",
}


def source_files() -> list[str]:
    """The files a clean clone has (with changes not yet committed, but nothing ignored)."""
    if (REPO / ".git").exists() and shutil.which("git"):
        listed = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=REPO,
            capture_output=True,
            text=True,
        )
        if listed.returncode == 0:
            return sorted(f for f in listed.stdout.split("\0") if f and (REPO / f).is_file())
    # An unpacked sdist, or git refusing the folder: the tree without what builds leave.
    return sorted(
        str(p.relative_to(REPO))
        for p in REPO.rglob("*")
        if p.is_file()
        and not SKIPPED & set(p.relative_to(REPO).parts)
        and not any(part.endswith(".egg-info") for part in p.parts)
        and p.suffix != ".pyc"
        and not p.relative_to(REPO).as_posix().startswith("benchmarks/results/work/")
    )


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The wheel and the sdist, built from a copy of a clean clone (so the repository gets
    no build/ or egg-info of the build's making)."""
    for tool in ("build", "twine"):
        if importlib.util.find_spec(tool) is None and not CI:
            pytest.skip(f"{tool} is not installed (pip install -e '.[release]')")
    clone = tmp_path_factory.mktemp("clone")
    for name in source_files():
        (clone / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, clone / name)
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--outdir", out, clone], clone)
    wheels, sdists = sorted(out.glob("*.whl")), sorted(out.glob("*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, sorted(out.iterdir())
    return {"wheel": wheels[0], "sdist": sdists[0]}


def test_distributions_pass_twine_check_strict(dist: dict[str, Path]) -> None:
    run(
        [sys.executable, "-m", "twine", "check", "--strict", dist["wheel"], dist["sdist"]],
        dist["wheel"].parent,
    )
    assert dist["wheel"].name == f"sphinx_cv-{__version__}-py3-none-any.whl"
    assert dist["sdist"].name == f"sphinx_cv-{__version__}.tar.gz"


def test_sdist_carries_the_tests_and_docs(dist: dict[str, Path]) -> None:
    top = f"sphinx_cv-{__version__}/"
    with tarfile.open(dist["sdist"]) as tar:
        names = {n.removeprefix(top) for n in tar.getnames()}
    tops = ("tests", "docs", "example_site", "benchmarks", ".github")
    wanted = {f for f in source_files() if f.split("/")[0] in tops}
    assert wanted and wanted <= names, sorted(wanted - names)[:20]
    for name in (
        "CHANGELOG.md",
        "CONTRIBUTING.md",
        "LICENSE",
        "README.md",
        "tox.ini",
        "pyproject.toml",
    ):
        assert name in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


def test_wheel_holds_the_package_and_its_data(dist: dict[str, Path]) -> None:
    with zipfile.ZipFile(dist["wheel"]) as wheel:
        names = set(wheel.namelist())
    in_package = {f for f in source_files() if f.startswith("sphinx_cv/")}
    assert in_package <= names, sorted(in_package - names)[:20]
    assert not [n for n in names if n.startswith(("tests/", "docs/"))]
    metadata = wheel_metadata(dist["wheel"])
    assert f"Version: {__version__}" in metadata.splitlines()


def wheel_metadata(wheel: Path) -> str:
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(f"sphinx_cv-{__version__}.dist-info/METADATA").decode("utf-8")


def test_the_wheel_alone_makes_a_site(
    dist: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A fresh venv outside the repository holding only the wheel (and what it depends
    on): quickstart, build (the PDF too where TeX is there, as in CI), serve."""
    from test_cli_serve import free_port, wait_for

    home = tmp_path_factory.mktemp("user")
    assert REPO not in home.parents
    venv = home / "venv"
    run([sys.executable, "-m", "venv", venv], home)
    bin_ = venv / "bin"
    path = f"{bin_}{os.pathsep}{os.environ.get('PATH', '')}"  # as after `. venv/bin/activate`
    run([bin_ / "python", "-m", "pip", "install", "-q", dist["wheel"]], home, timeout=600)
    where = run([bin_ / "python", "-c", "import sphinx_cv; print(sphinx_cv.__file__)"], home)
    assert Path(where.strip()).is_relative_to(venv), where

    assert run([bin_ / "sphinx-cv", "--version"], home).strip() == f"sphinx-cv {__version__}"
    run([bin_ / "sphinx-cv", "quickstart", "site", "--name", "Ada Lovelace"], home, PATH=path)
    workflow = (home / "site" / ".github" / "workflows" / "pages.yml").read_text("utf-8")
    assert f'pip install "sphinx-cv=={__version__}"' in workflow

    pdf = CI or shutil.which("latexmk") is not None
    run(
        [bin_ / "sphinx-cv", "build", "site", "-W", *([] if pdf else ["--no-pdf"])],
        home,
        timeout=600,
        PATH=path,
    )
    html = home / "site" / "_build" / "html"
    assert "Ada Lovelace" in (html / "index.html").read_text("utf-8")
    if pdf:
        assert (html / "cv.pdf").read_bytes().startswith(b"%PDF")
        assert 'href="cv.pdf"' in (html / "index.html").read_text("utf-8")

    port = free_port()
    server = subprocess.Popen(
        [str(bin_ / "sphinx-cv"), "serve", "site", "--port", str(port)],
        cwd=home,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env={**os.environ, "PATH": path},
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/index.html", "Ada Lovelace", server)
    finally:
        os.killpg(server.pid, signal.SIGKILL)  # the server and its builds
        server.wait()
