"""``sphinx-cv quickstart``: a new site, ready to build and to publish.

Writes conf.py, a starter profile.yaml (with its JSON Schema, for editors), the
homepage, publications and CV pages in reStructuredText or MyST Markdown, a .gitignore
and a GitHub Pages workflow. Existing files are never overwritten without ``--force``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from . import CommandError, add_command

if TYPE_CHECKING:
    from . import SubParsers

DEFAULT_NAME = "Your Name"


def register(sub: SubParsers) -> None:
    parser = add_command(
        sub,
        "quickstart",
        help="start a new site: pages, profile.yaml, publishing workflow",
        description="Create a new homepage-and-CV site in DIR (created if needed): "
        "conf.py, profile.yaml with example entries, the homepage, "
        "publications and CV pages, a .gitignore and a GitHub Pages workflow "
        "(.github/workflows/pages.yml). Refuses to overwrite files unless "
        "--force is given.",
        examples="""
            sphinx-cv quickstart mysite
            sphinx-cv quickstart mysite --markdown          (MyST Markdown pages)
            sphinx-cv quickstart . --name "Ada Lovelace"
        """,
    )
    parser.add_argument("dir", metavar="DIR", help="folder of the new site")
    parser.add_argument(
        "--markdown",
        action="store_true",
        help="write the pages in MyST Markdown (.md), not reStructuredText",
    )
    parser.add_argument(
        "--name",
        default=DEFAULT_NAME,
        help=f"your name, put in the profile (default: '{DEFAULT_NAME}')",
    )
    parser.add_argument("--force", action="store_true", help="overwrite existing files")
    parser.set_defaults(func=run)


TEMPLATES = {
    "conf.py": "common/conf.py_t",
    "profile.yaml": "common/profile.yaml_t",
    "{pages}": "{pages}/{page}.{pages}_t",
    ".gitignore": "common/gitignore",
    ".github/workflows/pages.yml": "common/pages.yml_t",
}
"""Each file of a new site -> its template under ``templates/quickstart`` (``_t``: a
Jinja2 template, as Sphinx's own quickstart names them; else copied as it is)."""


def site_files(markdown: bool, name: str) -> dict[str, str]:
    """Relative path -> text of every file of a new site."""
    import jinja2

    from ..data.sections import SECTIONS
    from .schema import schema_text

    base = resources.files("sphinx_cv") / "templates" / "quickstart"
    pages = "md" if markdown else "rst"
    extensions = ["sphinx_cv", "myst_parser"] if markdown else ["sphinx_cv"]
    # Text files and Python's repr-free values only: nothing here is HTML, and a name
    # is made a YAML scalar before it is put in the profile.
    env = jinja2.Environment(
        autoescape=False, keep_trailing_newline=True, undefined=jinja2.StrictUndefined
    )
    env.filters["underline"] = lambda text, char: char * len(text)
    context = {
        "extensions": json.dumps(extensions),
        "name": yaml_scalar(name),
        # The workflow installs the version that wrote the site, which it was tried with.
        "version": __version__,
        # The section headings are the sections' default titles, which the catalogs
        # translate (locale.QUICKSTART_HEADINGS).
        "titles": {s.key: s.title for s in SECTIONS},
    }

    def render(template: str) -> str:
        text = (base / template).read_text("utf-8")
        return env.from_string(text).render(context) if template.endswith("_t") else text

    files: dict[str, str] = {}
    for target, template in TEMPLATES.items():
        if target == "{pages}":
            for page in ("index", "publications", "cv"):
                files[f"{page}.{pages}"] = render(template.format(pages=pages, page=page))
            continue
        files[target] = render(template)
        if target == "profile.yaml":
            files["profile.schema.json"] = schema_text()
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
        shown = ", ".join(existing[:4]) + (
            f" and {len(existing) - 4} more" if len(existing) > 4 else ""
        )
        raise CommandError(
            f"{shown} already exist{'s' if len(existing) == 1 else ''}; "
            "nothing written (use --force to overwrite)"
        )
    _refuse_links_outside(args.dir, targets)
    try:
        write_all(targets, files)
    except OSError as err:
        raise CommandError(
            f"cannot write {err.filename or args.dir}: {err.strerror or err}; nothing written"
        ) from None
    print(f"Created a new site in {args.dir}: {', '.join(files)}")
    print("Next: put your details in profile.yaml, then")
    print(
        f"  sphinx-cv build {args.dir}    (site and CV PDF in "
        f"{os.path.join(args.dir, '_build', 'html')})"
    )
    print(f"  sphinx-cv serve {args.dir}    (live preview while you edit)")
    return 0


def _refuse_links_outside(folder: str, targets: dict[str, str]) -> None:
    """A file (or a folder on its way) that is a symlink leading outside ``folder``
    would be written there: a site copied from elsewhere must not make quickstart
    replace ``~/.bashrc``."""
    root = os.path.realpath(folder)
    for path in targets.values():
        real = os.path.realpath(path)
        if real != root and not real.startswith(root + os.sep):
            raise CommandError(f"{path} leads outside {folder} (to {real}); nothing written")


def write_all(targets: dict[str, str], files: dict[str, str]) -> None:
    """Every file or none: each is written to a temporary file beside its place, and
    only when all are written are they renamed into place. On a failure the temporary
    files and the folders made for them are removed."""
    import tempfile

    made: list[str] = []
    staged: list[tuple[str, str]] = []
    try:
        for rel, path in targets.items():
            place = str(Path(path).absolute().parent)
            folder = place
            missing = []
            while not os.path.isdir(folder):
                missing.append(folder)
                folder = os.path.dirname(folder)
            for new in reversed(missing):
                os.mkdir(new)
                made.append(new)
            fd, tmp = tempfile.mkstemp(prefix=".sphinx-cv-", suffix=".tmp", dir=place)
            staged.append((tmp, path))
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(files[rel])
        for tmp, path in staged:
            os.chmod(tmp, 0o644 & ~_umask())
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                os.rmdir(folder)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
