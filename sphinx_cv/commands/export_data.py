"""``sphinx-cv export``: the profile as JSON Resume, BibTeX or CSL-JSON.

What the target format has no place for is listed on stderr in one line; fields kept
under ``x-jsonresume`` or ``x-bibtex`` (from an import) are written back.
"""

from __future__ import annotations

import argparse
import json
import os
from typing import Any

from . import CommandError, add_command, error, existing_file, note, profile_path, write_output

FORMATS = {"jsonresume": "JSON Resume", "bibtex": "BibTeX", "csl": "CSL-JSON"}


def register(sub: Any) -> None:
    parser = add_command(
        sub, "export", help="the profile as JSON Resume, BibTeX or CSL-JSON",
        description="Write the profile as a JSON Resume, its publications as BibTeX or as "
                    "CSL-JSON (for Zotero, pandoc and other citation tools). What the "
                    "format cannot hold is listed on stderr.",
        examples="""
            sphinx-cv export jsonresume profile.yaml -o resume.json
            sphinx-cv export bibtex mysite/ > publications.bib
            sphinx-cv export csl profile.yaml -o publications.json
        """)
    parser.add_argument("format", choices=list(FORMATS), metavar="FORMAT",
                        help="jsonresume, bibtex or csl")
    parser.add_argument("profile", metavar="PROFILE",
                        help="the profile YAML, or a site folder holding profile.yaml")
    parser.add_argument("--bib", action="append", default=[], metavar="FILE",
                        help="a further BibTeX file (may be repeated)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..data.loader import load_profile
    from ..data.problems import Subtype

    path = profile_path(args.profile)
    for bib in args.bib:
        existing_file(bib)
    result = load_profile(path, args.bib)
    for problem in result.problems:
        error(str(problem))
    # A profile that is missing, not UTF-8 or not YAML at all: nothing to export.
    unreadable = [p for p in result.problems if p.location.file == path
                  and (p.subtype == Subtype.FILE or (p.subtype == Subtype.YAML
                                                     and "recursive" not in p.message))]
    if unreadable:
        raise CommandError(f"{path}: the profile could not be read; nothing exported")
    text, missing = _convert(args.format, result.profile)
    if args.format == "bibtex":
        text = f"% Exported from {os.path.basename(path)} with 'sphinx-cv export bibtex'.\n\n" \
               + text
    write_output(text, args.output)
    if missing:
        note(f"{FORMATS[args.format]} has no place for: {missing}")
    return 1 if result.problems else 0


def _convert(fmt: str, profile: Any) -> tuple[str, str]:
    """The file's text, and a summary of what the format could not hold."""
    if fmt == "bibtex":
        from ..data.bibexport import to_bibtex, unexported_links

        entries = [to_bibtex(p) for p in profile.publications]
        links = sum(len(unexported_links(p)) for p in profile.publications)
        missing = f"links without a BibTeX field ({links})" if links else ""
        return "\n\n".join(entries) + ("\n" if entries else ""), missing
    if fmt == "csl":
        from ..data.csl import to_csl

        converted = to_csl(profile.publications)
    else:
        from ..data.jsonresume import to_jsonresume

        converted = to_jsonresume(profile)
    return json.dumps(converted.data, indent=2, ensure_ascii=False) + "\n", converted.summary()
