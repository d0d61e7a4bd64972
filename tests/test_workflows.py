"""What makes the project releasable, checked without building it: one version, named by
the changelog and the command; the GitHub workflows (CI runs .ci/run and tox on every
supported Python and Sphinx; a tag publishes with trusted publishing); tox and .ci/run
test the newest release of every dependency; CONTRIBUTING.md covers every tox env."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from sphinx_cv import __version__
from sphinx_cv.cli import main

REPO = Path(__file__).parent.parent.resolve()
WORKFLOWS = REPO / ".github" / "workflows"


def workflow(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text("utf-8"))
    assert isinstance(data, dict)
    # PyYAML reads the key `on` as the boolean True (YAML 1.1).
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job["steps"])


def tox_config() -> configparser.ConfigParser:
    config = configparser.ConfigParser(interpolation=None)
    config.read(REPO / "tox.ini", encoding="utf-8")
    return config


def tox_envs() -> set[str]:
    return {
        s.removeprefix("testenv:") for s in tox_config().sections() if s.startswith("testenv:")
    } | {"py"}


# --- one version --------------------------------------------------------------------


def test_version_is_set_in_one_place() -> None:
    pyproject = (REPO / "pyproject.toml").read_text("utf-8")
    assert re.search(r'^dynamic = \[.*"version".*\]$', pyproject, re.M)
    assert re.search(r'^version = \{ attr = "sphinx_cv.__version__" \}', pyproject, re.M)
    assert not re.search(r'^version = "', pyproject, re.M)
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


def test_command_tells_its_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"sphinx-cv {__version__}"


def test_changelog_names_the_version() -> None:
    text = (REPO / "CHANGELOG.md").read_text("utf-8")
    assert "keepachangelog.com" in text
    headings = re.findall(r"^## \[([^\]]+)\]", text, re.M)
    assert headings and headings[0] == __version__, headings  # the newest comes first
    for heading in re.findall(r"^## \[.*$", text, re.M):
        assert re.fullmatch(r"## \[\d+\.\d+\.\d+\] - (\d{4}-\d\d-\d\d|Unreleased)", heading)


# --- the GitHub workflows -----------------------------------------------------------


def test_ci_runs_the_ci_script() -> None:
    ci = workflow("ci.yml")
    assert {"push", "pull_request"} <= set(ci["on"])
    runs = [s.get("run", "") for job in ci["jobs"].values() for s in steps(job)]
    assert "bash .ci/run" in runs


def test_ci_runs_tox_on_every_python_and_sphinx() -> None:
    job = workflow("ci.yml")["jobs"]["tox"]
    matrix = job["strategy"]["matrix"]
    assert matrix["python"] == ["3.10", "3.11", "3.12", "3.13"]
    assert matrix["env"] == ["sphinx72", "sphinx8", "sphinx9"]
    assert set(matrix["env"]) <= tox_envs()
    # Sphinx 9 needs Python 3.11: the one combination left out.
    assert matrix["exclude"] == [{"python": "3.10", "env": "sphinx9"}]
    assert "tox -e ${{ matrix.env }}" in [s.get("run") for s in steps(job)]
    config = tox_config()
    for env, spec in (("sphinx8", "sphinx>=8,<9"), ("sphinx9", "sphinx>=9,<10")):
        assert config[f"testenv:{env}"]["deps"].split() == [spec]
    assert "sphinx==7.2" in config["testenv:sphinx72"]["deps"]


def test_release_publishes_on_a_tag_with_trusted_publishing() -> None:
    release = workflow("release.yml")
    assert release["on"] == {"push": {"tags": ["v*"]}}
    build = steps(release["jobs"]["build"])
    runs = [s.get("run", "") for s in build]
    assert "python -m build" in runs
    assert "python -m twine check --strict dist/*" in runs
    publish = release["jobs"]["publish"]
    assert publish["needs"] == "build"
    assert publish["permissions"] == {"id-token": "write"}
    assert release["permissions"] == {"contents": "read"}  # nothing else may write
    uses = [s.get("uses", "") for s in steps(publish)]
    assert "pypa/gh-action-pypi-publish@release/v1" in uses
    # No token: trusted publishing needs none.
    assert not any("password" in s.get("with", {}) for s in steps(publish))


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize(
    ("tag", "accepted"), [(f"v{__version__}", True), ("v0.0.0", False), (__version__, False)]
)
def test_release_refuses_a_tag_that_is_not_the_version(tag: str, accepted: bool) -> None:
    check = next(
        s["run"]
        for s in steps(workflow("release.yml")["jobs"]["build"])
        if "GITHUB_REF_NAME" in s.get("run", "")
    )
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", check],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={"GITHUB_REF_NAME": tag, "PATH": "/usr/bin:/bin"},
    )
    assert (done.returncode == 0) == accepted, done.stdout + done.stderr
    if not accepted:
        assert "::error::" in done.stdout


# --- the newest release of every dependency ------------------------------------------

EAGER = "--upgrade --upgrade-strategy eager"


def test_latest_tox_env_upgrades_every_dependency() -> None:
    env = tox_config()["testenv:latest"]
    assert EAGER in env["install_command"]
    assert "latest" in tox_config()["tox"]["envlist"]


def test_ci_script_tests_the_newest_releases() -> None:
    script = (REPO / ".ci" / "run").read_text("utf-8")
    installs = re.findall(r"^python -m pip install .*-e .*$", script, re.M)
    assert installs and all(EAGER in line for line in installs), installs
    assert "release" in installs[0]  # build and twine, for tests/test_release.py


# --- CONTRIBUTING.md -----------------------------------------------------------------


def test_contributing_covers_every_tox_env_and_the_architecture() -> None:
    text = (REPO / "CONTRIBUTING.md").read_text("utf-8")
    listed = set(re.findall(r"^\| `([\w-]+)` \|", text, re.M))
    assert tox_envs() <= listed, tox_envs() - listed
    for needed in (
        "python -m pytest",
        "python -m benchmarks",
        "sphinx-build",
        "## Architecture",
        "## Releasing",
        "CHANGELOG.md",
    ):
        assert needed in text, needed
    # The architecture section points to the docs' architecture page, which names every
    # package of sphinx_cv.
    architecture = text.split("## Architecture", 1)[1].split("\n## ", 1)[0]
    assert "(docs/architecture.md)" in architecture
    page = (REPO / "docs" / "architecture.md").read_text("utf-8")
    packages = {p.parent.name for p in (REPO / "sphinx_cv").glob("*/__init__.py")}
    assert {p for p in packages if f"{p}/" not in page} == set()
