"""``sphinx-cv import``: another format to profile YAML, or merged into a profile.

The formats come from :data:`sphinx_cv.formats.IMPORTERS`. The YAML goes to stdout (or
``-o FILE``); with ``--merge PROFILE`` the imported entries are added to that profile
instead (see :mod:`sphinx_cv.formats.merge`). stderr says what could not be read and what
was kept under an ``x-`` key because the profile has no field for it, one line each.
Nothing is left out quietly. Exit status 1 when the input had problems (the output is
still written).
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from ..formats import IMPORTERS
from . import (
    CommandError,
    UsageError,
    add_command,
    add_output_options,
    check_output,
    error,
    existing_file,
    note,
    write_output,
)

if TYPE_CHECKING:
    from ..data.problems import Problem
    from ..formats import Imported
    from . import SubParsers


def register(sub: SubParsers) -> None:
    listing = "\n".join(f"  {i.name:<14} {i.help}" for i in IMPORTERS.values())
    parser = add_command(
        sub,
        "import",
        help="another format (BibTeX, RIS, ORCID, a Jekyll or Hugo site, "
        "RenderCV...) to profile YAML",
        description="Convert another format into the profile's YAML, or add it to an "
        "existing profile with --merge. Fields the profile has no place for "
        "are kept under 'x-FORMAT' (and listed on stderr), so nothing is "
        "lost.\n\nformats:\n" + listing,
        examples="""
            sphinx-cv import bibtex papers.bib > publications.yaml
            sphinx-cv import bibtex abbrev.bib papers.bib -o publications.yaml
            sphinx-cv import jsonresume resume.json -o profile.yaml
            sphinx-cv import academicpages ./mysite.github.io -o profile.yaml
            sphinx-cv import alfolio ./my-al-folio-site -o profile.yaml
            sphinx-cv import hugoblox ./my-hugoblox-site -o profile.yaml
            sphinx-cv import rendercv John_Doe_CV.yaml -o profile.yaml
            sphinx-cv import csl zotero.json --merge profile.yaml
            sphinx-cv import ris scholar.ris --merge profile.yaml
            sphinx-cv import orcid 0000-0002-1825-0097 --merge profile.yaml
        """,
    )
    parser.add_argument(
        "format", choices=list(IMPORTERS), metavar="FORMAT", help="one of: " + ", ".join(IMPORTERS)
    )
    parser.add_argument(
        "source",
        metavar="SOURCE",
        nargs="+",
        help="the file or site folder to read (for orcid, also an ORCID iD "
        "to fetch); BibTeX takes several files, read together "
        "(@string macros and crossref span them)",
    )
    add_output_options(parser)
    parser.add_argument(
        "--merge",
        metavar="PROFILE",
        help="add the imported entries to PROFILE (a profile YAML or a "
        "site folder holding profile.yaml): entries it has already "
        "are left as they are",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..formats.common import SourceError

    importer = IMPORTERS[args.format]
    sources: list[str] = args.source
    if len(sources) > 1 and not importer.several:
        raise UsageError(f"{args.format} reads one source; got {len(sources)}")
    for source in sources:
        if importer.source == "dir":
            if not os.path.isdir(source):
                raise UsageError(f"{source} is not a folder; expected the site's folder")
        elif importer.source == "file":
            existing_file(source)
    check_output(args.output, sources, args.force, allowed=_merge_target(args))
    args.source = ", ".join(sources)
    try:
        imported = importer.load(sources if importer.several else sources[0])
    except SourceError as err:
        raise CommandError(str(err)) from None
    for line in imported.notes:
        note(line)
    if imported.kept:
        note(
            f"{args.source}: kept under {importer.x_key} (the profile has no field for "
            f"them): {imported.kept_summary()}"
        )
    problems = [str(p) for p in imported.problems]
    if args.merge:
        problems += _merge(args, imported)
    else:
        problems += _write(args, imported.data)
    for problem in problems:
        error(problem)
    return 1 if problems else 0


def _merge_target(args: argparse.Namespace) -> str | None:
    """--merge's profile: -o may name it, as writing it is what --merge does."""
    from . import profile_path

    return profile_path(args.merge) if args.merge else None


def _write(args: argparse.Namespace, data: dict[str, object]) -> list[str]:
    from ..data.loader import load_profile
    from ..data.yamldump import profile_yaml

    names = ", ".join(os.path.basename(s.rstrip("/")) for s in args.source.split(", "))
    text = profile_yaml(
        data, header=f"Imported from {names} with 'sphinx-cv import {args.format}'."
    )
    write_output(text, args.output)
    # The output must read back cleanly; say so if some value did not fit the format.
    name = args.output if args.output and args.output != "-" else "<output>"
    return _read_back(name, load_profile(name, text=text).problems)


def _read_back(name: str, problems: list[Problem]) -> list[str]:
    """The problems of the written profile, but papers without authors: those are the
    source's (JSON Resume and ORCID's work lists have no field for them; the BibTeX
    reader reports an entry without one at the entry), said in one note."""
    from ..data.problems import Subtype

    authorless = [
        p for p in problems if p.subtype is Subtype.REQUIRED and p.path.endswith(".authors")
    ]
    if authorless:
        note(
            f"{name}: {len(authorless)} publication(s) with no author "
            f"(first: {authorless[0].path.rsplit('.', 1)[0]}); add them, or validate "
            "and the build warn"
        )
    return [str(p) for p in problems if p not in authorless]


def _merge(args: argparse.Namespace, imported: Imported) -> list[str]:
    from ..formats.common import SourceError
    from ..formats.merge import merge_into_file
    from . import profile_path

    target = profile_path(args.merge)
    try:
        result = merge_into_file(target, imported.data, output=args.output)
    except SourceError as err:
        raise CommandError(str(err)) from None
    except OSError as err:
        raise CommandError(f"cannot write {args.output or target}: {err.strerror or err}") from None
    note(result.summary())
    return _read_back(result.path, result.problems)
