"""``sphinx-cv validate``: check a profile and its BibTeX files."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from . import UsageError, add_command


def register(sub: Any) -> None:
    parser = add_command(
        sub, "validate", help="check a profile and its BibTeX files",
        description="Check a profile (and the BibTeX files it names). Prints one problem "
                    "a line as FILE:LINE:COL: PATH: MESSAGE; exits 1 if there is any.",
        examples="""
            sphinx-cv validate profile.yaml
            sphinx-cv validate mysite/                   (reads mysite/profile.yaml)
            sphinx-cv validate profile.yaml --bib more.bib
        """)
    parser.add_argument("path", metavar="PATH",
                        help="the profile YAML, or a site folder holding profile.yaml")
    parser.add_argument("--bib", action="append", default=[], metavar="FILE",
                        help="a further BibTeX file (may be repeated)")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="print nothing when the profile is clean")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..data.loader import load_profile

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
        # No person: valid (a publications-only file), but headers would have no name.
        who = "" if result.profile.person is not None else "; no person, so no name shown"
        print(f"{path}: OK ({pubs} publication{'s' if pubs != 1 else ''}{who})",
              file=sys.stderr)
    return 0
