"""``sphinx-cv import``: BibTeX or JSON Resume to profile YAML.

The YAML goes to stdout (or ``-o FILE``); stderr says what could not be read and what
was kept under an ``x-`` key because the profile has no field for it. Nothing is left
out quietly. Exit status 1 when the input had problems (the output is still written).
"""

from __future__ import annotations

import argparse
import json
import os
from collections import Counter
from typing import Any

from . import CommandError, add_command, error, existing_file, note, read_text, write_output

FORMATS = ("bibtex", "jsonresume")


def register(sub: Any) -> None:
    parser = add_command(
        sub, "import", help="BibTeX or JSON Resume to profile YAML",
        description="Convert BibTeX (publications) or a JSON Resume (a whole profile) into "
                    "the profile's YAML. Fields the profile has no place for are kept under "
                    "'x-bibtex' or 'x-jsonresume' (and listed on stderr), so an export "
                    "writes them back.",
        examples="""
            sphinx-cv import bibtex papers.bib > publications.yaml
            sphinx-cv import bibtex papers.bib -o publications.yaml
            sphinx-cv import jsonresume resume.json -o profile.yaml
        """)
    parser.add_argument("format", choices=FORMATS, metavar="FORMAT",
                        help="bibtex (publications) or jsonresume (a profile)")
    parser.add_argument("file", metavar="FILE", help="the .bib or resume.json file")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    existing_file(args.file)
    if args.format == "bibtex":
        data, problems = _from_bibtex(args.file)
    else:
        data, problems = _from_jsonresume(args.file)
    from ..data.loader import load_profile
    from ..data.yamldump import profile_yaml

    text = profile_yaml(data, header=f"Imported from {os.path.basename(args.file)} with "
                                     f"'sphinx-cv import {args.format}'.")
    write_output(text, args.output)
    # The output must read back cleanly; say so if some value did not fit the format.
    name = args.output if args.output and args.output != "-" else "<output>"
    problems += [str(p) for p in load_profile(name, text=text).problems]
    for problem in problems:
        error(problem)
    return 1 if problems else 0


def _from_bibtex(path: str) -> tuple[dict[str, Any], list[str]]:
    from ..data.bibexport import ENTRY_TYPE_KEY
    from ..data.bibtex import load_bibtex
    from ..data.problems import Subtype
    from ..data.yamldump import record_data

    pubs, problems = load_bibtex(path, keep_duplicates=True)
    if not pubs and any(p.subtype == Subtype.FILE for p in problems):
        raise CommandError(f"{path}: " + "; ".join(p.describe() for p in problems))
    kept: Counter[str] = Counter()
    for pub in pubs:
        fields = pub.extras.get("x-bibtex", {})
        kept.update(k for k in fields if k != ENTRY_TYPE_KEY)
    if kept:
        note(f"{path}: kept under x-bibtex (the profile has no field for them): "
             + ", ".join(f"{k} ({n})" if n > 1 else k for k, n in sorted(kept.items())))
    if not pubs:
        note(f"{path}: no BibTeX entries found")
    return {"publications": [record_data(p) for p in pubs]}, [str(p) for p in problems]


def _from_jsonresume(path: str) -> tuple[dict[str, Any], list[str]]:
    from ..data.jsonresume import X, from_jsonresume

    text = read_text(path)
    try:
        resume = json.loads(text)
    except json.JSONDecodeError as err:
        raise CommandError(f"{path}:{err.lineno}:{err.colno}: not valid JSON: {err.msg}"
                           ) from None
    converted = from_jsonresume(resume)
    if not isinstance(resume, dict):
        raise CommandError(f"{path}: {converted.problems[0]}")
    if converted.kept:
        note(f"{path}: kept under {X} (the profile has no field for them): "
             + converted.summary())
    return converted.data, [f"{path}: {p}" for p in converted.problems]
