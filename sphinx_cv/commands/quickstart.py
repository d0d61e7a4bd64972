"""``sphinx-cv quickstart``: a new site, ready to build and to publish.

Writes conf.py, a starter profile.yaml (with its JSON Schema, for editors), the
homepage, publications and CV pages in reStructuredText or MyST Markdown, a .gitignore
and a GitHub Pages workflow. Existing files are never overwritten without ``--force``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from importlib import resources
from typing import Any

from .. import __version__
from . import CommandError, add_command

DEFAULT_NAME = "Your Name"


def register(sub: Any) -> None:
    parser = add_command(
        sub, "quickstart", help="start a new site: pages, profile.yaml, publishing workflow",
        description="Create a new homepage-and-CV site in DIR (created if needed): "
                    "conf.py, profile.yaml with example entries, the homepage, "
                    "publications and CV pages, a .gitignore and a GitHub Pages workflow "
                    "(.github/workflows/pages.yml). Refuses to overwrite files unless "
                    "--force is given.",
        examples="""
            sphinx-cv quickstart mysite
            sphinx-cv quickstart mysite --markdown          (MyST Markdown pages)
            sphinx-cv quickstart . --name "Ada Lovelace"
        """)
    parser.add_argument("dir", metavar="DIR", help="folder of the new site")
    parser.add_argument("--markdown", action="store_true",
                        help="write the pages in MyST Markdown (.md), not reStructuredText")
    parser.add_argument("--name", default=DEFAULT_NAME,
                        help=f"your name, put in the profile (default: '{DEFAULT_NAME}')")
    parser.add_argument("--force", action="store_true", help="overwrite existing files")
    parser.set_defaults(func=run)


def site_files(markdown: bool, name: str) -> dict[str, str]:
    """Relative path -> text of every file of a new site."""
    from .schema import schema_text

    base = resources.files("sphinx_cv") / "templates" / "quickstart"
    pages = "md" if markdown else "rst"
    extensions = ["sphinx_cv", "myst_parser"] if markdown else ["sphinx_cv"]
    files = {
        "conf.py": (base / "common" / "conf.py_t").read_text("utf-8")
        .replace("__EXTENSIONS__", json.dumps(extensions)),
        "profile.yaml": (base / "common" / "profile.yaml").read_text("utf-8")
        .replace("__NAME__", yaml_scalar(name)),
        "profile.schema.json": schema_text(),
    }
    for page in ("index", "publications", "cv"):
        files[f"{page}.{pages}"] = (base / pages / f"{page}.{pages}").read_text("utf-8")
    files[".gitignore"] = (base / "common" / "gitignore").read_text("utf-8")
    # The workflow installs the version that wrote the site, which the site was tried with.
    files[".github/workflows/pages.yml"] = (base / "common" / "pages.yml").read_text("utf-8") \
        .replace("__VERSION__", __version__)
    return files


def yaml_scalar(text: str) -> str:
    """``text`` as it can stand in YAML, in a mapping or a [flow, list]: plain when
    that reads back as the same text, double-quoted otherwise."""
    import yaml

    if re.fullmatch(r"[^\W\d_][\w .'-]*", text) and yaml.safe_load(text) == text:
        return text
    return json.dumps(text, ensure_ascii=False)


def run(args: argparse.Namespace) -> int:
    name = " ".join(args.name.split())
    if not name:
        from . import UsageError

        raise UsageError("--name is empty")
    if os.path.exists(args.dir) and not os.path.isdir(args.dir):
        raise CommandError(f"{args.dir} exists and is not a folder")
    files = site_files(args.markdown, name)
    targets = {rel: os.path.join(args.dir, *rel.split("/")) for rel in files}
    existing = [path for path in targets.values() if os.path.exists(path)]
    if existing and not args.force:
        shown = ", ".join(existing[:4]) + (f" and {len(existing) - 4} more"
                                           if len(existing) > 4 else "")
        raise CommandError(f"{shown} already exist{'s' if len(existing) == 1 else ''}; "
                           "nothing written (use --force to overwrite)")
    try:
        for rel, path in targets.items():
            os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(files[rel])
    except OSError as err:
        raise CommandError(f"cannot write {err.filename or args.dir}: "
                           f"{err.strerror or err}") from None
    print(f"Created a new site in {args.dir}: {', '.join(files)}")
    print("Next: put your details in profile.yaml, then")
    print(f"  sphinx-cv build {args.dir}    (site and CV PDF in "
          f"{os.path.join(args.dir, '_build', 'html')})")
    print(f"  sphinx-cv serve {args.dir}    (live preview while you edit)")
    return 0
