from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent.resolve() / "roots"
REPO = Path(__file__).parent.parent.resolve()


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS
