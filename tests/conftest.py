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
