from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent.resolve() / "roots"
REPO = Path(__file__).parent.parent.resolve()


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def warnings_of(app: Any) -> str:
    """The build's warnings without colour codes (``app.warning`` is new in Sphinx 7.3)."""
    stream = app.warning if hasattr(app, "warning") else app._warning
    return re.sub(r"\x1b\[[0-9;]*m", "", stream.getvalue())


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "release: builds the package and installs it in a fresh venv (about a "
        "minute); runs in CI (CI set), with SPHINX_CV_RELEASE_TEST=1 or -m release",
    )


def build_serial_and_parallel(src: Path, tmp_path: Path, jobs: int = 2) -> tuple[Path, Path]:
    """The HTML of ``src`` built with ``-j 1`` and with ``-j jobs``, each in a fresh
    output and doctree folder: (serial, parallel)."""
    from sphinx.cmd.build import build_main

    outs = []
    for n in (1, jobs):
        out = tmp_path / f"j{n}"
        args = ["-q", "-j", str(n), "-b", "html", str(src), str(out)]
        assert build_main([*args, "-d", str(tmp_path / f"doctrees{n}")]) == 0
        outs.append(out)
    return outs[0], outs[1]
