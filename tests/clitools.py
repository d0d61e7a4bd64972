"""Running ``sphinx-cv`` in tests: in this process (fast) or as a user does (a new
process, to see exactly what reaches the terminal)."""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from sphinx_cv.cli import main

REPO = Path(__file__).parent.parent.resolve()
DATA = Path(__file__).parent / "data"


COLOUR = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class Result:
    code: int
    out: str
    err: str

    def __post_init__(self) -> None:
        # Sphinx colours its warnings when CI is set, even into a pipe (GitHub shows the
        # colours); the tests read the text.
        self.out, self.err = COLOUR.sub("", self.out), COLOUR.sub("", self.err)

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


def cli(*args: str | Path) -> Result:
    """``sphinx-cv ARGS`` in this process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return Result(code, out.getvalue(), err.getvalue())


def run(
    *args: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 300,
) -> Result:
    """``sphinx-cv ARGS`` in a new process."""
    done = subprocess.run(
        [sys.executable, "-m", "sphinx_cv", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
    return Result(done.returncode, done.stdout, done.stderr)


def assert_one_line_error(result: Result, code: int, *fragments: str) -> None:
    """Exit status ``code``, no traceback, and stderr is one line holding ``fragments``."""
    assert result.code == code, (result.code, result.err)
    assert "Traceback" not in result.err
    lines = result.err_lines
    assert len(lines) == 1, lines
    assert lines[0].startswith("sphinx-cv: "), lines
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
