"""``sphinx-cv validate``: check a profile and its BibTeX files."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from ..data.i18n import LANGUAGE_EXPECTED, is_language_code
from . import UsageError, add_command

if TYPE_CHECKING:
    from . import SubParsers


def register(sub: SubParsers) -> None:
    parser = add_command(
        sub,
        "validate",
        help="check a profile and its BibTeX files",
        description="Check a profile (and the BibTeX files it names). Prints one problem "
        "a line as FILE:LINE:COL: PATH: MESSAGE; exits 1 if there is any.",
        examples="""
            sphinx-cv validate profile.yaml
            sphinx-cv validate mysite/                   (reads mysite/profile.yaml)
            sphinx-cv validate profile.yaml --bib more.bib
            sphinx-cv validate profile.yaml --languages en,zh_CN   (texts missing in one)
        """,
    )
    parser.add_argument(
        "path", metavar="PATH", help="the profile YAML, or a site folder holding profile.yaml"
    )
    parser.add_argument(
        "--bib",
        action="append",
        default=[],
        metavar="FILE",
        help="a further BibTeX file (may be repeated)",
    )
    parser.add_argument(
        "--languages",
        metavar="LANGS",
        default="",
        help="the site's languages, main one first (en,zh_CN): also report "
        "texts given per language that miss one of them",
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print nothing when the profile is clean"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..data.loader import load_profile
    from ..data.shown import unshown_fields

    path = args.path
    if os.path.isdir(path):
        path = os.path.join(path, "profile.yaml")
    if not os.path.exists(path):
        raise UsageError(f"no such file: {path}")
    for bib in args.bib:
        if not os.path.exists(bib):
            raise UsageError(f"no such file: {bib}")
    result = load_profile(path, args.bib)
    problems = list(result.problems)
    languages = [code.strip() for code in args.languages.split(",") if code.strip()]
    bad = [code for code in languages if not is_language_code(code)]
    if bad:
        raise UsageError(
            f"--languages: not a language code: {', '.join(bad)}; expected {LANGUAGE_EXPECTED}"
        )
    for language in languages:
        problems += result.localized(language, languages[0])[1]
    for problem in problems:
        print(problem)
    count = len(problems)
    if count:
        print(f"{path}: {count} problem{'s' if count != 1 else ''}", file=sys.stderr)
        return 1
    if not args.quiet:
        pubs = len(result.profile.publications)
        # No person: valid (a publications-only file), but headers would have no name.
        who = "" if result.profile.person is not None else "; no person, so no name shown"
        print(f"{path}: OK ({pubs} publication{'s' if pubs != 1 else ''}{who})", file=sys.stderr)
        unshown = unshown_fields(result.profile)
        if unshown:  # kept and valid, but no page shows them: said once, not per entry
            print(
                f"{path}: note: not shown on any page (by design): {', '.join(unshown)}",
                file=sys.stderr,
            )
    return 0
