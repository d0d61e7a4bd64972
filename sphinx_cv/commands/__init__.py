"""The ``sphinx-cv`` subcommands, one module each; :mod:`sphinx_cv.cli` dispatches.

Each module has ``register(subparsers)``, which adds its parser with ``func`` set to the
function that runs it. Heavy imports (Sphinx, pybtex) happen inside those functions, so
``sphinx-cv --help`` stays fast.

Conventions: exit status 0 success, 1 problems found or the command failed, 2 usage
error; results on stdout (or ``-o FILE``), messages on stderr, one line each.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    SubParsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]
    """What ``register(sub)`` adds its parser to (``add_subparsers()``)."""


class UsageError(Exception):
    """Bad arguments (a missing file, an unknown format): one line, exit status 2."""


class CommandError(Exception):
    """The command could not do its work (unreadable input, a file in the way): one
    line, exit status 1."""


def add_command(
    sub: SubParsers, name: str, help: str, description: str, examples: str
) -> argparse.ArgumentParser:
    """A subcommand parser whose help ends with examples."""
    parser = sub.add_parser(
        name,
        help=help,
        description=description,
        epilog="examples:\n"
        + "".join(f"  {line}\n" for line in textwrap.dedent(examples).strip().splitlines()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def error(message: str) -> None:
    """One line on stderr."""
    print(f"sphinx-cv: {' '.join(message.split())}", file=sys.stderr)


def warning(message: str) -> None:
    """A problem that does not fail the command."""
    print(f"sphinx-cv: warning: {' '.join(message.split())}", file=sys.stderr)


def note(message: str) -> None:
    print(f"sphinx-cv: note: {' '.join(message.split())}", file=sys.stderr)


def existing_file(path: str, what: str = "file") -> str:
    """``path`` if it is a readable file; a usage error otherwise."""
    if os.path.isdir(path):
        raise UsageError(f"{path} is a folder; expected a {what}")
    if not os.path.exists(path):
        raise UsageError(f"no such file: {path}")
    return path


def profile_path(path: str) -> str:
    """A profile given as the file or as a site folder holding profile.yaml."""
    if os.path.isdir(path):
        path = os.path.join(path, "profile.yaml")
    return existing_file(path, "profile (YAML)")


def read_text(path: str) -> str:
    """The file's text (UTF-8); a one-line error when it cannot be read."""
    from ..data.files import read_file

    try:
        data = read_file(path)  # never blocks on a FIFO, never reads /dev/zero forever
        return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as err:
        raise CommandError(f"{path}: not UTF-8 text (byte {err.start}); save it as UTF-8") from None
    except OSError as err:
        raise CommandError(f"cannot read {path}: {err.strerror or err}") from None


def write_output(text: str, path: str | None) -> None:
    """``text`` to ``path``, or to stdout when ``path`` is None or ``-``."""
    if not path or path == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from ..data.files import write_atomically

    try:
        write_atomically(path, text)  # a failure half-way leaves the old file whole
    except OSError as err:
        raise CommandError(f"cannot write {path}: {err.strerror or err}") from None


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """``-o FILE`` and ``--force``, for commands that write one file."""
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE, not stdout (an existing FILE only with --force; "
        "never one of the command's inputs)",
    )
    parser.add_argument("--force", action="store_true", help="replace FILE when it exists")


def check_output(
    path: str | None, inputs: list[str], force: bool, allowed: str | None = None
) -> None:
    """Refuse, before any work, an output that is one of ``inputs`` (``export bibtex
    profile.yaml -o profile.yaml`` would replace the profile) or that exists, unless
    ``force``. ``allowed`` is a file the command may replace (``--merge``'s profile)."""
    if not path or path == "-":
        return
    if os.path.isdir(path):
        raise CommandError(f"{path} is a folder; expected a file to write")
    if allowed and _same_file(path, allowed):
        return
    for source in inputs:
        if _same_file(path, source) or _inside(path, source):
            raise CommandError(
                f"{path} is an input of this command; nothing written (choose another file with -o)"
            )
    if os.path.lexists(path) and not force:
        raise CommandError(f"{path} already exists; nothing written (use --force to replace it)")


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def _inside(path: str, folder: str) -> bool:
    """Whether ``path`` lies in the input ``folder`` and is a file the command reads
    (a site folder's own files: an imported Jekyll site's ``_config.yml``...)."""
    return (
        os.path.isdir(folder)
        and os.path.exists(path)
        and os.path.realpath(path).startswith(os.path.realpath(folder) + os.sep)
    )
