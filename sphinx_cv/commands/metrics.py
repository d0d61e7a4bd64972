"""``sphinx-cv metrics update``: citation counts for every publication with a DOI or
arXiv id, from OpenAlex (or Semantic Scholar, Crossref), into ``metrics.yaml`` beside
the profile. The build reads that file and never the network."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from typing import TYPE_CHECKING

from . import CommandError, UsageError, add_command, error, note, profile_path

if TYPE_CHECKING:
    from . import SubParsers


def register(sub: SubParsers) -> None:
    from ..data.metrics import BASE_URL_ENV, SOURCES

    examples = """
            sphinx-cv metrics update                     (profile.yaml in this folder)
            sphinx-cv metrics update mysite/ --mailto me@example.org
            sphinx-cv metrics update profile.yaml --source crossref
        """
    parser = add_command(
        sub,
        "metrics",
        help="citation counts from OpenAlex into metrics.yaml",
        description="Citation counts for the publications, kept in metrics.yaml beside "
        "the profile, which the build reads (never the network). "
        "'sphinx-cv metrics update --help' tells more.",
        examples=examples,
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    update = add_command(
        actions,
        "update",
        help="fetch the counts and update metrics.yaml",
        description="Fetch citation counts for every publication with a DOI or arXiv id "
        "and write them to metrics.yaml beside the profile "
        "(<id>: {citations: N, source: OpenAlex, date: YYYY-MM-DD}). Requests "
        "are spaced out, carry your e-mail (the profile's, or --mailto) as "
        "the services ask, wait when asked to (HTTP 429 with Retry-After) and "
        "time out. Entries you edited (a source other than the one fetched, "
        "e.g. 'source: manual') are kept unless --force. The file is replaced "
        "at once, never left half written.",
        examples=examples,
    )
    update.add_argument(
        "profile",
        metavar="PROFILE",
        nargs="?",
        default=".",
        help="the profile YAML, or a site folder holding profile.yaml (default: this folder)",
    )
    update.add_argument(
        "--bib",
        action="append",
        default=[],
        metavar="FILE",
        help="a further BibTeX file with publications (may be repeated)",
    )
    update.add_argument(
        "--source",
        choices=SOURCES,
        default="openalex",
        help="where the counts come from (default: openalex)",
    )
    update.add_argument(
        "--mailto",
        metavar="EMAIL",
        help="contact address sent with each request (default: the profile's first e-mail)",
    )
    update.add_argument(
        "--base-url",
        metavar="URL",
        help=f"the service's API address (default: the public one, or ${BASE_URL_ENV})",
    )
    update.add_argument(
        "--timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="give up on a request after this long (default: 10)",
    )
    update.add_argument(
        "--delay",
        type=float,
        default=0.2,
        metavar="SECONDS",
        help="pause between requests (default: 0.2)",
    )
    update.add_argument(
        "--max-age",
        type=int,
        default=1,
        metavar="DAYS",
        help="do not ask again for counts fetched less than DAYS days ago "
        "(default: 1; 0 asks for all)",
    )
    update.add_argument(
        "--force",
        action="store_true",
        help="replace entries you edited by hand, and a metrics.yaml that cannot be read",
    )
    update.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..data.files import write_atomically
    from ..data.loader import load_profile
    from ..data.metrics import (
        Client,
        dump_metrics,
        metrics_path,
        read_metrics,
        update_metrics,
    )

    if args.timeout <= 0 or args.delay < 0 or args.max_age < 0:
        raise UsageError("--timeout must be positive, --delay and --max-age not negative")
    path = profile_path(args.profile)
    for bib in args.bib:
        if not os.path.isfile(bib):
            raise UsageError(f"no such file: {bib}")
    result = load_profile(path, args.bib)
    target = metrics_path(path)
    old, problems = read_metrics(target)
    if problems and not args.force:
        for problem in problems:
            error(str(problem))
        raise CommandError(
            f"{target} has problems; fix them or use --force to replace "
            "the entries that cannot be read"
        )
    person = result.profile.person
    mailto = args.mailto or (person.email[0] if person is not None and person.email else "")
    if not mailto:
        note(
            "no e-mail in the profile and no --mailto: the services ask for one and "
            "answer slower without it"
        )
    client = Client(
        source=args.source,
        base_url=args.base_url or "",
        mailto=mailto,
        timeout=args.timeout,
        delay=args.delay,
    )
    metrics, report = update_metrics(
        result.profile.publications,
        old,
        client,
        dt.date.today(),
        force=args.force,
        max_age=args.max_age,
    )
    if report.updated:
        try:
            write_atomically(target, dump_metrics(metrics))
        except OSError as err:
            raise CommandError(f"cannot write {target}: {err.strerror or err}") from None
    for pub_id in report.unknown:
        note(f"{pub_id}: not found at {client.base_url}")
    summary = (
        f"{target}: {len(report.updated)} updated, {len(report.fresh)} recent, "
        f"{len(report.kept)} kept as edited, {len(report.unknown)} not found, "
        f"{len(report.skipped)} without DOI or arXiv id"
    )
    print(summary, file=sys.stderr)
    if report.error:
        raise CommandError(
            report.error + (" (the counts fetched before were saved)" if report.updated else "")
        )
    return 0
