"""``sphinx-cv export``: the profile in another format (from
:data:`sphinx_cv.formats.EXPORTERS`).

What the target format has no place for is listed on stderr in one line; fields kept
under ``x-jsonresume`` or ``x-bibtex`` (from an import) are written back.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..formats import EXPORTERS
from . import (
    CommandError,
    add_command,
    add_output_options,
    check_output,
    error,
    existing_file,
    note,
    profile_path,
    write_output,
)

if TYPE_CHECKING:
    from . import SubParsers


def register(sub: SubParsers) -> None:
    listing = "\n".join(f"  {e.name:<14} {e.help}" for e in EXPORTERS.values())
    parser = add_command(
        sub,
        "export",
        help="the profile as JSON Resume, BibTeX or CSL-JSON",
        description="Write the profile as a JSON Resume, its publications as BibTeX or as "
        "CSL-JSON (for Zotero, pandoc and other citation tools). What the "
        "format cannot hold is listed on stderr.\n\nformats:\n" + listing,
        examples="""
            sphinx-cv export jsonresume profile.yaml -o resume.json
            sphinx-cv export bibtex mysite/ > publications.bib
            sphinx-cv export csl profile.yaml -o publications.json
        """,
    )
    parser.add_argument(
        "format", choices=list(EXPORTERS), metavar="FORMAT", help="one of: " + ", ".join(EXPORTERS)
    )
    parser.add_argument(
        "profile", metavar="PROFILE", help="the profile YAML, or a site folder holding profile.yaml"
    )
    parser.add_argument(
        "--bib",
        action="append",
        default=[],
        metavar="FILE",
        help="a further BibTeX file (may be repeated)",
    )
    add_output_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..data.loader import load_profile
    from ..data.problems import Subtype

    exporter = EXPORTERS[args.format]
    path = profile_path(args.profile)
    for bib in args.bib:
        existing_file(bib)
    check_output(args.output, [path, *args.bib], args.force)
    result = load_profile(path, args.bib)
    check_output(args.output, result.files, args.force)  # and the .bib files it names
    for problem in result.problems:
        error(str(problem))
    # A profile that is missing, not UTF-8 or not YAML at all: nothing to export.
    unreadable = [
        p
        for p in result.problems
        if p.location.file == path
        and (
            p.subtype == Subtype.FILE
            or (p.subtype == Subtype.YAML and "recursive" not in p.message)
        )
    ]
    if unreadable:
        raise CommandError(f"{path}: the profile could not be read; nothing exported")
    exported = exporter.dump(result.profile)
    write_output(exported.text, args.output)
    if exported.missing:
        note(f"{exporter.title} has no place for: {exported.missing}")
    return 1 if result.problems else 0
