"""The ``sphinx-cv`` command.

Exit status: 0 success, 1 problems found (or the command failed), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from . import __version__

EXAMPLES = """\
examples:
  sphinx-cv validate profile.yaml
  sphinx-cv validate mysite/                   (reads mysite/profile.yaml)
  sphinx-cv validate profile.yaml --bib more.bib
  sphinx-cv schema -o profile.schema.json
"""


class UsageError(Exception):
    """Bad arguments: reported in one line, exit status 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sphinx-cv",
        description="Academic homepage and CV from one YAML profile (a Sphinx extension).",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"sphinx-cv {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = sub.add_parser(
        "validate", help="check a profile and its BibTeX files",
        description="Check a profile (and the BibTeX files it names). Prints one problem "
                    "a line as FILE:LINE:COL: PATH: MESSAGE; exits 1 if there is any.",
        epilog="examples:\n  sphinx-cv validate profile.yaml\n"
               "  sphinx-cv validate mysite/ --bib extra.bib\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument("path", metavar="PATH",
                          help="the profile YAML, or a site folder holding profile.yaml")
    validate.add_argument("--bib", action="append", default=[], metavar="FILE",
                          help="a further BibTeX file (may be repeated)")
    validate.add_argument("-q", "--quiet", action="store_true",
                          help="print nothing when the profile is clean")
    validate.set_defaults(func=cmd_validate)

    schema = sub.add_parser(
        "schema", help="print the JSON Schema of the profile format",
        description="Print the JSON Schema of the profile format, for editors "
                    "(yaml-language-server: add '# yaml-language-server: $schema=FILE' "
                    "at the top of profile.yaml).",
        epilog="examples:\n  sphinx-cv schema > profile.schema.json\n"
               "  sphinx-cv schema -o profile.schema.json\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    schema.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    schema.set_defaults(func=cmd_schema)
    return parser


def cmd_validate(args: argparse.Namespace) -> int:
    from .data.loader import load_profile

    path = args.path
    if os.path.isdir(path):
        path = os.path.join(path, "profile.yaml")
    if not os.path.exists(path):
        raise UsageError(f"no such file: {path}")
    for bib in args.bib:
        if not os.path.exists(bib):
            raise UsageError(f"no such file: {bib}")
    result = load_profile(path, args.bib)
    for problem in result.problems:
        print(problem)
    count = len(result.problems)
    if count:
        print(f"{path}: {count} problem{'s' if count != 1 else ''}", file=sys.stderr)
        return 1
    if not args.quiet:
        pubs = len(result.profile.publications)
        print(f"{path}: OK ({pubs} publication{'s' if pubs != 1 else ''})", file=sys.stderr)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .data.schema import profile_schema

    text = json.dumps(profile_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as err:
            print(f"sphinx-cv: cannot write {args.output}: {err.strerror}", file=sys.stderr)
            return 1
    else:
        sys.stdout.write(text)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args))
    except UsageError as err:
        print(f"sphinx-cv: error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `sphinx-cv schema | head`
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
