"""``sphinx-cv schema``: the JSON Schema of the profile format, for editors."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from . import add_command, add_output_options, check_output, write_output

if TYPE_CHECKING:
    from . import SubParsers


def register(sub: SubParsers) -> None:
    parser = add_command(
        sub,
        "schema",
        help="print the JSON Schema of the profile format",
        description="Print the JSON Schema of the profile format, for editors "
        "(yaml-language-server: add '# yaml-language-server: $schema=FILE' "
        "at the top of profile.yaml).",
        examples="""
            sphinx-cv schema > profile.schema.json
            sphinx-cv schema -o profile.schema.json --force   (refresh it after an upgrade)
        """,
    )
    add_output_options(parser)
    parser.set_defaults(func=run)


def schema_text() -> str:
    from ..data.schema import profile_schema

    return json.dumps(profile_schema(), indent=2, ensure_ascii=False) + "\n"


def run(args: argparse.Namespace) -> int:
    check_output(args.output, [], args.force)
    write_output(schema_text(), args.output)
    return 0
