"""sphinx-cv against Jekyll and Hugo on the same content: builds and live preview.

For each size (the example site's 13 publications, synthetic profiles of 1,000 and
5,000), the sphinx-cv site and its Jekyll and Hugo twins (``sites.py``) are built in
turns, each build a fresh process with the tool's default settings: a cold build (fresh
copy, no output), a no-op rebuild (the same command again) and a rebuild after one
publication's title is changed in the YAML file each reads. Then each tool's live
preview (``sphinx-cv serve``, ``jekyll serve --livereload``, ``hugo server``) is started
on a free port of 127.0.0.1 and one title is edited again and again; the latency is the
time from saving the file until the served publications page (fetched every 10 ms)
shows the new title.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import generate, measure
from ..measure import Run
from . import sites
from .sites import Engine

SIDES = ("sphinx-cv", "Jekyll", "Hugo")
PHASES = ("cold", "noop", "edit")
SIZES: tuple[int | str, ...] = ("example", 1000, 5000)
REPS = {"example": 7, 1000: 3, 5000: 3}
EDITS = 10
POLL = 0.01
SETTLE = 1.0
"""Seconds left between edits, so that each starts from an idle server."""


@dataclass
class Side:
    """One tool's copy of one site: a pristine source, how to build it, what to edit."""

    name: str
    template: Path
    edit_file: str
    """The YAML file holding the publications, relative to the source."""
    build: Callable[[Path, Path], list[str]]
    publications: Callable[[Path], Path]
    """The publications page a build writes, from the output folder."""
    serve: Callable[[Path, int, int], list[str]]
    url: str
    """Where its server shows the publications page."""


@dataclass
class PeerResult:
    label: str
    count: int
    """Publications."""
    runs: dict[str, dict[str, list[Run]]] = field(default_factory=dict)
    latency: dict[str, list[float] | str] = field(default_factory=dict)
    """Side -> seconds per edit, or why it was not measured."""

    def median(self, side: str, phase: str, what: str = "wall") -> float | None:
        runs = self.runs.get(side, {}).get(phase)
        return statistics.median(getattr(r, what) for r in runs) if runs else None


def available() -> dict[str, str | None]:
    """Each peer's version, or None when it is not on PATH."""
    out: dict[str, str | None] = {}
    for engine in sites.ENGINES:
        if shutil.which(engine.command) is None:
            out[engine.name] = None
            continue
        args = ["--version"] if engine is sites.JEKYLL else ["version"]
        text = subprocess.run(
            [engine.command, *args], capture_output=True, text=True, stdin=subprocess.DEVNULL
        ).stdout
        found = re.search(r"v?(\d+\.\d+\.\d+)", text)
        out[engine.name] = found.group(1) if found else "?"
    return out


def sphinx_cv_side(template: Path) -> Side:
    def serve(src: Path, port: int, _reload: int) -> list[str]:
        return [sys.executable, "-m", "sphinx_cv", "serve", str(src), "--port", str(port)]

    return Side(
        "sphinx-cv",
        template,
        "profile.yaml",
        lambda src, out: measure.sphinx_cmd("html", src, out),
        lambda out: out / "publications.html",
        serve,
        "/publications.html",
    )


def peer_side(engine: Engine, template: Path) -> Side:
    return Side(
        engine.name,
        template,
        engine.profile_file,
        engine.build_cmd,
        lambda out: engine.output(out, "publications"),
        engine.serve_cmd,
        engine.url("publications"),
    )


def make_sites(
    size: int | str, base: Path, versions: dict[str, str | None]
) -> tuple[list[Side], dict[str, Any], str]:
    """The sphinx-cv site and its peers for one size; the profile data; the title the
    edits change."""
    cv_src = base / "sphinx-cv-template"
    if cv_src.exists():
        shutil.rmtree(cv_src)
    if size == "example":
        repo = Path(__file__).parent.parent.parent
        shutil.copytree(repo / "example_site", cv_src, ignore=shutil.ignore_patterns("_build"))
        data = yaml.safe_load((cv_src / "profile.yaml").read_text(encoding="utf-8"))
        pages = ["index", "publications", "cv"]
    else:
        data = generate.write_site(cv_src, int(size))
        pages = list(sites.TITLES)
    sides = [sphinx_cv_side(cv_src)]
    for engine in sites.ENGINES:
        if versions.get(engine.name):
            template = base / f"{engine.command}-template"
            sites.write_site(engine, template, data, pages)
            sides.append(peer_side(engine, template))
    texts = [(side.template / side.edit_file).read_text(encoding="utf-8") for side in sides]
    return sides, data, sites.pick_title(data, texts)


def fresh(base: Path, side: Side) -> tuple[Path, Path]:
    src, out = base / f"{side.name}-src", base / f"{side.name}-out"
    for path in (src, out):
        if path.exists():
            shutil.rmtree(path)
    shutil.copytree(side.template, src)
    return src, out


def measure_builds(
    size: int | str,
    base: Path,
    reps: int,
    versions: dict[str, str | None],
    log: Callable[[str], None],
) -> tuple[PeerResult, list[Side], str]:
    sides, data, title = make_sites(size, base, versions)
    result = PeerResult(str(size), len(data["publications"]))
    for rep in range(reps):
        order = sides[rep % len(sides) :] + sides[: rep % len(sides)]
        trees = {side.name: fresh(base, side) for side in order}
        for phase in PHASES:
            for side in order:
                src, out = trees[side.name]
                if phase == "edit":
                    sites.retitle(src / side.edit_file, title, title + " Revisited")
                run = measure.run(side.build(src, out), cwd=src)
                result.runs.setdefault(side.name, {}).setdefault(phase, []).append(run)
                if rep == 0 and phase in ("cold", "edit"):
                    check(side, out, data, title + " Revisited" if phase == "edit" else None)
        log(
            f"  peers, {size}: repetition {rep + 1}/{reps}: "
            + ", ".join(
                f"{s.name} cold {result.runs[s.name]['cold'][-1].wall:.2f} s, edit "
                f"{result.runs[s.name]['edit'][-1].wall:.2f} s"
                for s in sides
            )
        )
    return result, sides, title


def check(side: Side, out: Path, data: dict[str, Any], edited: str | None) -> None:
    """The publications page shows every title (and the edited one when edited)."""
    page = side.publications(out)
    missing = sites.missing_titles(page, data)
    if edited is not None and sites.normal(edited) not in sites.page_text(page):
        missing.append(edited)
    if missing:
        raise RuntimeError(f"{side.name}: {page} lacks {len(missing)} titles, e.g. {missing[0]!r}")


# -- live preview ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    """The page, or "" while the server cannot give it whole (starting, or writing the
    file as it is read)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8", "replace"))
    except (urllib.error.URLError, http.client.HTTPException, OSError):
        return ""


def wait_for(
    url: str, text: str, timeout: float, proc: subprocess.Popen[bytes], every: float = POLL
) -> float:
    """Seconds until the page at ``url`` contains ``text``."""
    start = time.perf_counter()
    while True:
        if text in fetch(url):
            return time.perf_counter() - start
        if proc.poll() is not None:
            raise RuntimeError(f"the server stopped (exit status {proc.returncode})")
        if time.perf_counter() - start > timeout:
            raise RuntimeError(f"{url} did not show {text!r} within {timeout:.0f} s")
        time.sleep(every)


def latency(side: Side, base: Path, title: str, edits: int) -> list[float]:
    """Seconds from saving one edited title to the served page showing it, per edit."""
    src, _ = fresh(base, side)
    port = free_port()
    url = f"http://127.0.0.1:{port}{side.url}"
    log = base / f"{side.name}-serve.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            side.serve(src, port, free_port()),
            cwd=src,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=measure.child_env(),
            start_new_session=True,
        )
    times: list[float] = []
    try:
        wait_for(url, title, 300, proc, every=0.05)
        current = title
        for k in range(1, edits + 1):
            time.sleep(SETTLE)
            new = f"{title} Edit {k:03d}"
            start = time.perf_counter()
            sites.retitle(src / side.edit_file, current, new)
            wait_for(url, new, 60, proc)
            times.append(time.perf_counter() - start)
            current = new
    except RuntimeError as err:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-3:]
        raise RuntimeError(f"{err}; its log ends: {' / '.join(tail)}") from None
    finally:
        stop(proc)
    return times


def stop(proc: subprocess.Popen[bytes]) -> None:
    """End the server and whatever it started (its own process group)."""
    for sig, wait in ((signal.SIGINT, 10), (signal.SIGKILL, 5)):
        if proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(wait)
        except subprocess.TimeoutExpired:
            continue


# -- the whole part ------------------------------------------------------------------------


def run_peers(
    work: Path, sizes: list[int | str], reps: int | None, edits: int, log: Callable[[str], None]
) -> tuple[list[PeerResult], dict[str, str | None]]:
    versions = available()
    for name, version in versions.items():
        if version is None:
            log(f"peers: {name} is not on PATH, skipped")
    results = []
    for size in sizes:
        log(f"peers: {size} publications" if size != "example" else "peers: example site")
        base = work / f"peers-{size}"
        base.mkdir(parents=True, exist_ok=True)
        result, sides, title = measure_builds(size, base, reps or REPS.get(size, 3), versions, log)
        if edits and size == sizes[0]:
            for side in sides:
                log(f"  peers, {size}: live preview, {side.name}")
                try:
                    result.latency[side.name] = latency(side, base, title, edits)
                except RuntimeError as err:
                    result.latency[side.name] = f"failed: {err}"
        results.append(result)
    return results, versions


def parse_sizes(text: str) -> list[int | str]:
    return [x if x == "example" else int(x) for x in text.split(",") if x]
