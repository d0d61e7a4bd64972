"""The ``sphinx-cv`` command: parses the command line and runs a subcommand.

Each subcommand lives in :mod:`sphinx_cv.commands`. Exit status: 0 success, 1 problems
found (or the command failed), 2 usage error; errors go to stderr, one line each.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .commands import (
    CommandError,
    UsageError,
    build,
    error,
    export_data,
    import_data,
    metrics,
    quickstart,
    schema,
    serve,
    validate,
)

__all__ = ["CommandError", "UsageError", "main"]

COMMANDS = (quickstart, build, serve, validate, schema, import_data, export_data, metrics)

EXAMPLES = """\
examples:
  sphinx-cv quickstart mysite                  (a new site: pages, profile.yaml, workflow)
  sphinx-cv build mysite                       (HTML + CV PDF in mysite/_build/html)
  sphinx-cv serve mysite                       (live preview at http://127.0.0.1:8000)
  sphinx-cv validate mysite/profile.yaml
  sphinx-cv import bibtex papers.bib -o publications.yaml
  sphinx-cv export jsonresume profile.yaml -o resume.json

Run 'sphinx-cv COMMAND --help' for a command's options.
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sphinx-cv",
        description="Academic homepage and CV from one YAML profile (a Sphinx extension).",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"sphinx-cv {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="on an unexpected error, show the Python traceback"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args))
    except UsageError as err:
        error(f"error: {err}")
        return 2
    except CommandError as err:
        error(f"error: {err}")
        return 1
    except BrokenPipeError:  # e.g. `sphinx-cv schema | head`
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # a bug: one line, unless asked for the traceback
        if args.debug:
            raise
        text = " ".join(str(err).split())
        error(
            f"error: unexpected {type(err).__name__}{': ' + text if text else ''} "
            "(run 'sphinx-cv --debug ...' for the traceback, and please report it)"
        )
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
