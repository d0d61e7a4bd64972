"""``sphinx-cv validate`` and ``sphinx-cv schema`` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).parent.parent.resolve()


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx_cv", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_example_profile_is_valid() -> None:
    result = run("validate", str(REPO / "example_site" / "profile.yaml"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "OK (13 publications)" in result.stderr


def test_site_folder_is_accepted() -> None:
    assert run("validate", "-q", str(REPO / "example_site")).returncode == 0


BAD = {
    # kind: (yaml text, expected "line:col", path, value fragment)
    "syntax": ("person:\n  name: [Ada\n", "3:1", "", "YAML syntax error"),
    "type": ("person:\n  name: [Ada, Lovelace]\n", "2:9", "person.name", "expected text"),
    "unknown_key": (
        "person:\n  name: Ada\n  emial: a@b.org\n",
        "3:3",
        "person.emial",
        "did you mean 'email'",
    ),
    "date": (
        "education:\n  - institution: U\n    start: 2021-13\n",
        "3:12",
        "education[0].start",
        "'2021-13'",
    ),
    "date_order": (
        "education:\n  - institution: U\n    start: 2021\n    end: 2019\n",
        "4:10",
        "education[0].end",
        "'2019'",
    ),
    "year": (
        "publications:\n  - id: a\n    title: T\n    year: 20x5\n    authors: [A. Lee]\n",
        "4:11",
        "publications[0].year",
        "'20x5'",
    ),
    "duplicate_id": (
        "publications:\n  - id: a\n    title: T\n    authors: [A. Lee]\n  - id: a\n    title: U\n",
        "5:9",
        "publications[1].id",
        "'a'",
    ),
    "unknown_ref": (
        "publications:\n  - id: a\n    title: T\n    authors: [A. Lee]\n"
        "interests:\n  - name: X\n    publications: [a, b]\n",
        "7:23",
        "interests[0].publications[1]",
        "'b'",
    ),
    "required": ("publications:\n  - title: No id\n", "2:5", "publications[0].id", "required"),
    "value": (
        "publications:\n  - id: a\n    title: T\n    type: jornal\n    authors: [A. Lee]\n",
        "4:11",
        "publications[0].type",
        "did you mean 'journal'",
    ),
}


@pytest.mark.parametrize("kind", sorted(BAD))
def test_each_bad_input_gives_one_clear_line(tmp_path: Path, kind: str) -> None:
    text, where, path, fragment = BAD[kind]
    profile = tmp_path / "profile.yaml"
    profile.write_text(text, encoding="utf8")
    result = run("validate", str(profile))
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1, lines
    line = lines[0]
    assert line.startswith(f"{profile}:{where}: "), line
    assert path in line and fragment in line
    assert "Traceback" not in result.stderr


def test_unreadable_bibtex_is_reported(tmp_path: Path) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_text("bibtex: [missing.bib]\n", encoding="utf8")
    result = run("validate", str(profile))
    assert result.returncode == 1
    assert "missing.bib" in result.stdout
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run().returncode == 2
    assert run("validate").returncode == 2
    missing = run("validate", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2 and "no such file" in missing.stderr
    assert run("frobnicate").returncode == 2


def test_help_has_examples() -> None:
    result = run("validate", "--help")
    assert result.returncode == 0 and "examples:" in result.stdout


def test_schema(tmp_path: Path) -> None:
    result = run("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    profile = schema["definitions"]["Profile"]["properties"]
    for key in ("person", "publications", "education", "interests", "sections"):
        assert key in profile
    out = tmp_path / "s.json"
    assert run("schema", "-o", str(out)).returncode == 0
    assert json.loads(out.read_text()) == schema


def test_schema_to_an_unwritable_place(tmp_path: Path) -> None:
    result = run("schema", "-o", str(tmp_path / "no" / "such" / "dir.json"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("sphinx-cv: error: cannot write ")


def test_console_script_is_installed() -> None:
    import shutil

    exe = shutil.which("sphinx-cv", path=str(Path(sys.executable).parent))
    assert exe is not None
    result = subprocess.run([exe, "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and "sphinx-cv" in result.stdout
