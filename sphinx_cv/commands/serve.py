"""``sphinx-cv serve``: live preview, rebuilt in this process (:mod:`.live`).

The site folder is watched; the profile and the BibTeX files are watched too, wherever
they are, so editing them rebuilds the pages that show them. The output folders are
those of ``sphinx-cv build``; a PDF it made stays linked.
"""

from __future__ import annotations

import argparse
import os
import socket
from pathlib import Path
from typing import TYPE_CHECKING

from . import CommandError, UsageError, add_command
from .build import Paths, site_dir

if TYPE_CHECKING:
    from . import SubParsers


def register(sub: SubParsers) -> None:
    parser = add_command(
        sub,
        "serve",
        help="live preview that rebuilds when the pages or the profile change",
        description="Build the site and serve it at http://HOST:PORT, rebuilding and "
        "reloading the browser when a page, the profile or a BibTeX file "
        "changes. Sphinx stays loaded between builds, so a refreshed page "
        "comes in a fraction of a second. Stop with Ctrl+C.",
        examples="""
            sphinx-cv serve                     (the site in this folder)
            sphinx-cv serve mysite --open       (and open it in the browser)
            sphinx-cv serve mysite --port 8080
        """,
    )
    parser.add_argument(
        "dir",
        nargs="?",
        default=".",
        metavar="DIR",
        help="the site folder, holding conf.py (default: this folder)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="output folder (default: DIR/_build); pages go to OUT/html",
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to serve on (default: 127.0.0.1)"
    )
    parser.add_argument(
        "--port",
        type=int,
        default=8000,
        help="port to serve on (default: 8000; 0 picks a free one)",
    )
    parser.add_argument("--open", action="store_true", help="open the site in the browser")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    paths = Paths(site_dir(args.dir), args.output or os.path.join(args.dir, "_build"))
    if args.port != 0:  # 0: the system picks a free one
        check_port(args.host, args.port)
    watched_files(paths.srcdir)  # a broken conf.py: one line now, not a server
    from .live import serve

    serve(paths, lambda: _watched_quietly(paths.srcdir), args.host, args.port, args.open)
    return 0


def _watched_quietly(srcdir: str) -> list[str]:
    """The files to watch; while conf.py is broken, none beyond the site folder (the
    build says what is wrong)."""
    try:
        return watched_files(srcdir)
    except CommandError:
        return []


def check_port(host: str, port: int) -> None:
    """A one-line error now, rather than a server error after the first build."""
    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port}: a port is a number from 0 to 65535")
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
            sock.bind((host, port))
    except OSError as err:
        raise CommandError(
            f"cannot serve on {host}:{port} ({err.strerror or err}); choose another with --port"
        ) from None


def watched_files(srcdir: str) -> list[str]:
    """The profile and every BibTeX file it uses (those that exist): the site's
    ``cv_profile`` and ``cv_bibtex_files``, and the profile's ``bibtex`` list."""
    from sphinx.config import Config
    from sphinx.errors import SphinxError
    from sphinx.util.tags import Tags

    from ..data.loader import load_profile

    confdir = str(Path(srcdir).resolve())
    try:
        raw = Config.read(confdir, overrides={}, tags=Tags())._raw_config
    except SphinxError as err:
        from .build import one_line

        raise CommandError(f"{err.category}: {one_line(str(err))}") from None
    profile = os.path.join(confdir, str(raw.get("cv_profile", "profile.yaml")))
    bibs = raw.get("cv_bibtex_files", [])
    bibs = [bibs] if isinstance(bibs, str) else list(bibs) if isinstance(bibs, list | tuple) else []
    files = [profile]
    if os.path.isfile(profile):
        files = load_profile(profile, [os.path.join(confdir, str(b)) for b in bibs]).files
    return [f for f in dict.fromkeys(str(Path(f).resolve()) for f in files) if os.path.isfile(f)]
