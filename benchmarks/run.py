"""Build cost of sphinx-cv against the same pages in plain reStructuredText.

``python -m benchmarks`` (``--quick`` for a smoke run; ``--help`` for options). For the
example site and synthetic profiles of 10 to 10,000 publications it builds the sphinx-cv
site (A) and the plain site (B) in turns, each build in a fresh child process, and
reports medians and the ratio A/B of: cold HTML build, no-op rebuild, rebuild after
editing one publication, and peak memory; which pages each rebuild read again; the CV
PDF (``-M latexpdf``) against ``latexmk`` alone; and the extension's own steps at each
size. ``--peers`` adds the same content built by Jekyll and Hugo and each tool's
live-preview latency (``peers/``). The table goes to stdout and to
``benchmarks/results/<date>-<host>.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time
import timeit
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import generate, measure
from .measure import Run
from .plain import body_text, escape, write_plain_site

HERE = Path(__file__).parent
REPO = HERE.parent
SIZES = (10, 100, 1000, 10000)
# Repetitions per size: enough for a stable median, few enough that the whole run stays
# under ten minutes on two cores (a 10,000-publication build takes about a minute).
REPS = {10: 5, 100: 5, 1000: 3, 10000: 1}
PHASES = ("cold", "noop", "edit")
SUFFIX = " Revisited"


@dataclass
class Site:
    """One variant of one site: a pristine source tree and how to edit it."""

    name: str
    template: Path
    edit: Callable[[Path], list[str]]
    """Change one publication in a copy of the source; returns the files changed."""


@dataclass
class Result:
    label: str
    runs: dict[str, dict[str, list[Run]]] = field(default_factory=dict)
    """variant -> phase -> runs."""
    edited: dict[str, list[str]] = field(default_factory=dict)
    extension: dict[str, float] = field(default_factory=dict)

    def add(self, variant: str, phase: str, run: Run) -> None:
        self.runs.setdefault(variant, {}).setdefault(phase, []).append(run)

    def median(self, variant: str, phase: str, what: str) -> float:
        return statistics.median(getattr(r, what) for r in self.runs[variant][phase])

    def reread(self, variant: str, phase: str) -> list[str]:
        """Pages read again, the union over repetitions (they should all agree)."""
        return sorted({d for r in self.runs[variant][phase] for d in r.reread})


# -- editing one publication ---------------------------------------------------------------


def pick_edit(profile_text: str, titles: list[str], pages: dict[str, str]) -> str:
    """A publication title written once in the profile, on one line, and at most once on
    each plain page, so the edit is the same change on both sides."""
    middle = len(titles) // 2
    for title in titles[middle:] + titles[:middle]:
        if not re.fullmatch(r"[\w :-]+", title):
            continue
        if profile_text.count(title) != 1 or f"title: {title}\n" not in profile_text:
            continue
        counts = [text.count(escape(title)) for text in pages.values()]
        if max(counts) == 1:
            return title
    raise RuntimeError("no publication title can be edited unambiguously")


def yaml_edit(title: str) -> Callable[[Path], list[str]]:
    def edit(src: Path) -> list[str]:
        path = src / "profile.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace(f"title: {title}\n", f"title: {title}{SUFFIX}\n"), encoding="utf-8"
        )
        return [path.name]

    return edit


def rst_edit(title: str) -> Callable[[Path], list[str]]:
    def edit(src: Path) -> list[str]:
        changed = []
        for path in sorted(src.glob("*.rst")):
            text = path.read_text(encoding="utf-8")
            if escape(title) in text:
                path.write_text(
                    text.replace(escape(title), escape(title + SUFFIX)), encoding="utf-8"
                )
                changed.append(path.name)
        return changed

    return edit


# -- one site, both variants -------------------------------------------------------------


def tree(work: Path, site: Site, fresh: bool) -> tuple[Path, Path]:
    """The source and output folders of ``site``; ``fresh`` copies the pristine source
    and removes the output."""
    key = re.sub(r"\W+", "-", site.name)
    src, out = work / f"{key}-src", work / f"{key}-out"
    if fresh:
        for path in (src, out):
            if path.exists():
                shutil.rmtree(path)
        shutil.copytree(site.template, src)
    return src, out


LEAN = "plain, anchors only where linked"


def prepare(
    label: str, cv_src: Path, work: Path, person: str, lean: bool
) -> tuple[list[Site], Run]:
    """Build the sphinx-cv site once (that build is its first cold run), write the plain
    sites from its doctrees, and check that they all show the same text."""
    cv = Site("sphinx-cv", cv_src, lambda src: [])
    src, out = tree(work, cv, fresh=True)
    first = measure.html_build(src, out)
    plain_src, lean_src = work / "plain-template", work / "lean-template"
    for path in (plain_src, lean_src):
        if path.exists():
            shutil.rmtree(path)
    write_plain_site(out / ".doctrees", plain_src, person, lean_src if lean else None)
    from sphinx_cv.data.loader import load_profile

    profile_path = cv_src / "profile.yaml"
    titles = [p.title or "" for p in load_profile(str(profile_path)).profile.publications]
    pages = {p.name: p.read_text(encoding="utf-8") for p in plain_src.glob("*.rst")}
    title = pick_edit(profile_path.read_text(encoding="utf-8"), titles, pages)
    cv.edit = yaml_edit(title)
    sites = [cv, Site("plain", plain_src, rst_edit(title))]
    if lean:
        sites.append(Site(LEAN, lean_src, rst_edit(title)))
    return sites, first


def measure_site(
    label: str,
    cv_src: Path,
    work: Path,
    person: str,
    reps: int,
    log: Callable[[str], None],
    lean: bool = True,
) -> Result:
    """Cold, no-op and edit builds of the sphinx-cv and plain sites, in turns; the lean
    plain site (anchors only where linked) is timed for cold builds."""
    result = Result(label)
    sites, first = prepare(label, cv_src, work, person, lean)
    cv = sites[0]
    cv_out = tree(work, cv, fresh=False)[1]
    texts = {
        page.stem: body_text(page)
        for page in cv_out.glob("*.html")
        if page.stem not in ("genindex", "search")
    }
    for rep in range(reps):
        order = sites[rep % len(sites) :] + sites[: rep % len(sites)]
        # The first sphinx-cv cold build is the one prepare() made, in place.
        trees = {site.name: tree(work, site, fresh=rep > 0 or site is not cv) for site in order}
        for phase in PHASES:
            for site in order:
                if phase != "cold" and site.name == LEAN:
                    continue
                src, out = trees[site.name]
                if phase == "cold" and rep == 0 and site is cv:
                    result.add(site.name, phase, first)
                    continue
                if phase == "edit":
                    result.edited[site.name] = site.edit(src)
                run = measure.html_build(src, out)
                result.add(site.name, phase, run)
                if phase == "cold" and rep == 0:  # the plain sites show the same text
                    for doc, text in texts.items():
                        if body_text(out / f"{doc}.html") != text:
                            raise RuntimeError(
                                f"{label}: page {doc} differs between sphinx-cv and {site.name}"
                            )
        log(
            f"  {label}: repetition {rep + 1}/{reps}: cold "
            + ", ".join(
                f"{name} {runs['cold'][-1].wall:.2f} s" for name, runs in result.runs.items()
            )
        )
    return result


# -- the extension's own steps, in process -------------------------------------------------


def best(step: Callable[[], object], least: float = 0.02, repeat: int = 3) -> float:
    """Seconds per call of ``step``: the best of ``repeat`` runs of enough calls to take
    ``least`` seconds (timeit's method: the collector is off while timing, as it is in
    sphinx-cv's own large steps)."""
    timer = timeit.Timer(step)
    number = 1
    while timer.timeit(number) < least:
        number *= 4
    return min(timer.repeat(repeat=repeat, number=number)) / number


def step_functions(pubs: list[Any], own: set[str]) -> dict[str, Callable[[], object]]:
    """sphinx-cv's per-publication steps on ``pubs``, each a function to time."""
    from sphinx_cv.data.converter import Context
    from sphinx_cv.data.loader import merge_publications
    from sphinx_cv.data.publist import ListSpec, arrange
    from sphinx_cv.domain import CvDomain
    from sphinx_cv.render.citation import citation_nodes

    spec = ListSpec(prefixes={"preprint": "A"})
    groups = arrange(pubs, spec)

    def labels() -> CvDomain:
        domain = object.__new__(CvDomain)  # only the label table, no environment
        domain.data = {"labels": {}, "refs": {}, "uses": {}}
        for docname in ("cv", "publications"):
            for group in groups:
                for item in group.items:
                    domain.note_label(docname, item.pub.id, item.label, f"pub-{item.pub.id}")
        return domain

    domain = labels()

    def lookups() -> None:
        for pub in pubs:
            domain.find_label("cv", pub.id)
            domain.find_label("index", pub.id)  # not on that page: the fallback lookup

    return {
        "dedup (every id twice)": lambda: merge_publications(pubs + pubs, [], Context("p.yaml")),
        "select, sort, number": lambda: arrange(pubs, spec),
        "label assignment": labels,
        "cross-reference lookups": lookups,
        "citation nodes": lambda: [citation_nodes(pub, own) for pub in pubs],
    }


def extension_steps(profile_path: Path) -> dict[str, float]:
    """Seconds for each of sphinx-cv's per-publication steps on one profile."""
    from sphinx_cv.data.loader import load_profile
    from sphinx_cv.render.citation import own_names

    profile = load_profile(str(profile_path)).profile
    own = own_names([profile.person.name] if profile.person else [])
    steps = {"load + validate": best(lambda: load_profile(str(profile_path)))}
    steps.update(
        {name: best(step) for name, step in step_functions(profile.publications, own).items()}
    )
    return steps


def growth(profile_path: Path, small: int, large: int) -> dict[str, float]:
    """For each step, ``k`` in time ∝ n^k from ``small`` to ``large`` publications (the
    profile's records repeated under new ids): 1 is linear, 2 quadratic. Both sizes are
    past the CPU caches, where the time per publication stops growing for that reason
    alone (it does grow from 1,000 to 10,000). Citation nodes, one publication at a
    time, are left to the table above."""
    import dataclasses

    from sphinx_cv.data.loader import load_profile

    base = load_profile(str(profile_path)).profile.publications

    def copies(n: int) -> list[Any]:
        return [
            dataclasses.replace(base[i % len(base)], id=f"{base[i % len(base)].id}-{i}")
            for i in range(n)
        ]

    times = {}
    for n in (small, large):
        steps = step_functions(copies(n), set())
        del steps["citation nodes"]
        times[n] = {name: best(step, repeat=5) for name, step in steps.items()}
    return {
        name: math.log(times[large][name] / times[small][name]) / math.log(large / small)
        for name in times[small]
    }


# -- the CV as PDF -------------------------------------------------------------------------


def pdf_times(cv_src: Path, work: Path, reps: int) -> dict[str, list[float]] | str:
    """Full ``sphinx-build -M latexpdf`` against latexmk alone on the same .tex files;
    or why it could not be timed."""
    if shutil.which("latexmk") is None:
        return "latexmk not found (install TeX Live)"
    try:
        return _pdf_times(cv_src, work, reps)
    except (measure.BuildError, RuntimeError) as err:
        return f"failed: {str(err).splitlines()[0]}"


def _pdf_times(cv_src: Path, work: Path, reps: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"latexpdf": [], "latexmk": []}
    for _ in range(reps):
        out = work / "pdf-out"
        if out.exists():
            shutil.rmtree(out)
        run = measure.run(measure.sphinx_cmd("latexpdf", cv_src, out, make_mode=True))
        times["latexpdf"].append(run.wall)
        tex = work / "tex-out"
        if tex.exists():
            shutil.rmtree(tex)
        measure.run(measure.sphinx_cmd("latex", cv_src, tex))
        makefile = (tex / "Makefile").read_text(encoding="utf-8")
        command = re.search(r"^PDFLATEX = (.*)$", makefile, re.M)
        cmd = shlex.split(command.group(1) if command else "latexmk -pdf -dvi- -ps-")
        docs = sorted(p.name for p in tex.glob("*.tex"))
        env = measure.child_env(LATEXOPTS="-halt-on-error")
        run = measure.run([*cmd, *docs], cwd=tex, env=env)
        times["latexmk"].append(run.wall)
        if not list(tex.glob("*.pdf")):
            raise RuntimeError(f"latexmk made no PDF in {tex}")
    return times


# -- the report --------------------------------------------------------------------------


def fmt(value: float, unit: str = "s") -> str:
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.2f} s" if value >= 0.1 else f"{value * 1000:.0f} ms"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "-"


def pages(docs: list[str]) -> str:
    return ", ".join(docs) if docs else "none"


def report(
    results: list[Result],
    reps: dict[str, int],
    pdf: dict[str, dict[str, list[float]] | str],
    scaling: tuple[int, int, dict[str, float]] | None,
    seconds: float,
    quick: bool,
) -> str:
    import docutils
    import sphinx

    import sphinx_cv

    commit = (
        subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
        or "?"
    )
    lines = [
        f"# sphinx-cv benchmarks, {dt.date.today().isoformat()}"
        + (" (quick run)" if quick else ""),
        "",
        f"Host `{platform.node()}`, {os.cpu_count()} CPUs, {platform.platform()}; "
        f"Python {platform.python_version()}, Sphinx {sphinx.__version__}, "
        f"docutils {docutils.__version__}, sphinx-cv {sphinx_cv.__version__} "
        f"(commit {commit}). Whole run: {seconds:.0f} s.",
        "",
    ]
    if not results:  # --peers-only: the peers' section follows
        return "\n".join(lines)
    lines += [
        "A = the sphinx-cv site (profile.yaml + directives); B = the same pages written "
        "as plain reStructuredText, built with no extension: their HTML has the same "
        "text, links and anchors (a target on every publication, as sphinx-cv gives each "
        "an id). B' = B with targets only on the entries that interest tags link to: the "
        "least a person would type for the same text and links (docutils parses a target "
        "inside a list item slowly, so B' is cheaper). Each build runs in a fresh "
        "process; the variants take turns; figures are medians (repetitions: "
        + ", ".join(f"{k}: {v}" for k, v in reps.items())
        + "). Wall time is what counts "
        "for a user; CPU time is steadier when other work shares the machine.",
        "",
        "## HTML builds",
        "",
        "| site | measure | sphinx-cv | plain | ratio | CPU ratio |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    names = {"cold": "cold build", "noop": "no-op rebuild", "edit": "edit one publication"}
    for res in results:
        for phase in PHASES:
            a, b = res.median("sphinx-cv", phase, "wall"), res.median("plain", phase, "wall")
            ca, cb = res.median("sphinx-cv", phase, "cpu"), res.median("plain", phase, "cpu")
            lines.append(
                f"| {res.label} | {names[phase]} | {fmt(a)} | {fmt(b)} | "
                f"{ratio(a, b)} | {ratio(ca, cb)} |"
            )
        if LEAN in res.runs:
            a, b = res.median("sphinx-cv", "cold", "wall"), res.median(LEAN, "cold", "wall")
            ca, cb = res.median("sphinx-cv", "cold", "cpu"), res.median(LEAN, "cold", "cpu")
            lines.append(
                f"| {res.label} | cold build against B' | {fmt(a)} | {fmt(b)} "
                f"| {ratio(a, b)} | {ratio(ca, cb)} |"
            )
        a = res.median("sphinx-cv", "cold", "rss_mb")
        b = res.median("plain", "cold", "rss_mb")
        lines.append(
            f"| {res.label} | peak memory (cold) | {fmt(a, 'MB')} | {fmt(b, 'MB')} | "
            f"{ratio(a, b)} | |"
        )
    lines += [
        "",
        "## Pages read again",
        "",
        "| site | rebuild | sphinx-cv | plain |",
        "| --- | --- | --- | --- |",
    ]
    for res in results:
        for phase in ("noop", "edit"):
            what = names[phase]
            if phase == "edit":
                what += (
                    f" (A: {pages(res.edited.get('sphinx-cv', []))}; "
                    f"B: {pages(res.edited.get('plain', []))})"
                )
            lines.append(
                f"| {res.label} | {what} | {pages(res.reread('sphinx-cv', phase))} | "
                f"{pages(res.reread('plain', phase))} |"
            )
    scaled = [r for r in results if r.extension]
    if scaled:
        steps = list(scaled[0].extension)
        lines += [
            "",
            "## The extension's own steps (in process, best of three)",
            "",
            "| publications | " + " | ".join(steps) + " |",
            "| ---: | " + " | ".join("---:" for _ in steps) + " |",
        ]
        for res in scaled:
            lines.append(
                f"| {res.label} | " + " | ".join(fmt(res.extension[s]) for s in steps) + " |"
            )
    if scaling:
        small, large, exponents = scaling
        lines += [
            "",
            f"Growth from {small:,} to {large:,} publications (records repeated "
            "under new ids), as k in time ∝ n^k (1 linear, 2 quadratic): "
            + ", ".join(f"{name} {k:.2f}" for name, k in exponents.items())
            + ".",
        ]
    if pdf:
        lines += [
            "",
            "## CV as PDF",
            "",
            "| site | sphinx-build -M latexpdf | latexmk alone | ratio |",
            "| --- | ---: | ---: | ---: |",
        ]
        for label, times in pdf.items():
            if isinstance(times, str):
                lines.append(f"| {label} | {times} | | |")
                continue
            a, b = statistics.median(times["latexpdf"]), statistics.median(times["latexmk"])
            lines.append(f"| {label} | {fmt(a)} | {fmt(b)} | {ratio(a, b)} |")
    lines += ["", "## Targets", "", "| target | measured | |", "| --- | --- | --- |"]
    for text, value, ok in targets(results, scaling):
        lines.append(f"| {text} | {value} | {'met' if ok else '**missed**'} |")
    return "\n".join(lines) + "\n"


def targets(
    results: list[Result], scaling: tuple[int, int, dict[str, float]] | None
) -> list[tuple[str, str, bool]]:
    by_label = {r.label: r for r in results}
    out: list[tuple[str, str, bool]] = []

    def cold(label: str, variant: str = "sphinx-cv") -> float:
        return by_label[label].median(variant, "cold", "wall")

    if "example site" in by_label:
        r = cold("example site") / cold("example site", "plain")
        out.append(("example site: cold HTML ≤ 1.25× plain", f"{r:.2f}×", r <= 1.25))
    if "1000" in by_label:
        r = cold("1000") / cold("1000", "plain")
        out.append(("1,000 publications: cold HTML ≤ 1.15× plain", f"{r:.2f}×", r <= 1.15))
        if LEAN in by_label["1000"].runs:
            r = cold("1000") / cold("1000", LEAN)
            out.append(
                (
                    "(for reference) the same against B', anchors only where linked",
                    f"{r:.2f}×",
                    r <= 1.15,
                )
            )
    if "1000" in by_label and "10000" in by_label:
        r = cold("10000") / cold("1000")
        p = cold("10000", "plain") / cold("1000", "plain")
        out.append(
            ("10,000 publications cost ≤ 11× 1,000", f"{r:.1f}× (plain Sphinx: {p:.1f}×)", r <= 11)
        )

    if scaling:
        small, large, exponents = scaling
        worst = max(exponents, key=exponents.__getitem__)
        # A quadratic step shows k ≈ 2; linear ones measure 1.0-1.3 here (memory effects).
        out.append(
            (
                f"no quadratic step: time ∝ n^k with k ≤ 1.5 from {small:,} to "
                f"{large:,} publications",
                f"worst: {worst}, k = {exponents[worst]:.2f}",
                exponents[worst] <= 1.5,
            )
        )
    for res in results:
        uses = (
            {"cv", "publications", "index"}
            if res.label == "example site"
            else {"cv", "publications"}
        )
        edit = set(res.reread("sphinx-cv", "edit"))
        out.append(
            (
                f"{res.label}: editing one publication re-reads only the pages that "
                "show publications",
                pages(sorted(edit)),
                edit == uses,
            )
        )
        noop = res.reread("sphinx-cv", "noop")
        out.append((f"{res.label}: no-op rebuild re-reads nothing", pages(noop), not noop))
    return out


# -- main --------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: sizes 10 and 100, one repetition, example CV PDF",
    )
    parser.add_argument(
        "--sizes",
        type=lambda s: [int(x) for x in s.split(",")],
        help="publication counts (default 10,100,1000,10000)",
    )
    parser.add_argument("--reps", type=int, help="repetitions for every size")
    parser.add_argument(
        "--growth",
        type=lambda s: tuple(int(x) for x in s.split(",")),
        help="the two sizes of the growth test (default 40000,160000)",
    )
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF timing")
    parser.add_argument("--no-example", action="store_true", help="skip the example site")
    parser.add_argument(
        "--peers",
        action="store_true",
        help="also build the same content with Jekyll and Hugo (when on "
        "PATH) and time their live previews (issue 19)",
    )
    parser.add_argument("--peers-only", action="store_true", help="only the part --peers adds")
    parser.add_argument(
        "--peer-sizes",
        help="sizes of the peer comparison: publication "
        "counts and 'example' (default example,1000,5000; quick: "
        "example,100)",
    )
    parser.add_argument(
        "--peer-reps",
        type=int,
        help="repetitions of each peer size (default 7 for the example site, 3 for the others)",
    )
    parser.add_argument(
        "--edits",
        type=int,
        help="live-preview edits per tool (default 10, quick 3; 0 skips the live preview)",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=HERE / "results" / "work",
        help="where the sites are built (default benchmarks/results/work)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        help="Markdown file to write (default benchmarks/results/<date>-<host>.md)",
    )
    args = parser.parse_args(argv)
    sizes = args.sizes or ([10, 100] if args.quick else list(SIZES))
    if args.peers_only:
        args.peers, args.no_example, sizes = True, True, []
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {message}", file=sys.stderr, flush=True)

    def reps_for(key: int | str) -> int:
        if args.reps:
            return args.reps
        return 1 if args.quick else REPS.get(key, 3) if isinstance(key, int) else 9

    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    results: list[Result] = []
    reps: dict[str, int] = {}
    pdf: dict[str, dict[str, list[float]] | str] = {}
    if not args.no_example:
        log("example site")
        src = work / "example" / "template"
        if src.exists():
            shutil.rmtree(src)
        shutil.copytree(REPO / "example_site", src, ignore=shutil.ignore_patterns("_build"))
        from sphinx_cv.data.loader import load_profile

        person = load_profile(str(src / "profile.yaml")).profile.person
        reps["example site"] = reps_for("example")
        results.append(
            measure_site(
                "example site",
                src,
                work / "example",
                person.name if person else "",
                reps["example site"],
                log,
            )
        )
        if not args.no_pdf:
            log("example site: PDF")
            pdf["example site"] = pdf_times(src, work / "example", 1 if args.quick else 3)
    for n in sizes:
        log(f"{n} publications: generating")
        base = work / f"pubs-{n}"
        src = base / "template"
        if src.exists():
            shutil.rmtree(src)
        data = generate.write_site(src, n)
        reps[str(n)] = reps_for(n)
        # The lean plain site is left out at 10,000 (time): the 1,000 one shows the gap.
        res = measure_site(
            str(n), src, base, data["person"]["name"], reps[str(n)], log, lean=n < 10_000
        )
        res.extension = extension_steps(src / "profile.yaml")
        results.append(res)
        if not args.no_pdf and not args.quick and n in (100, 1000):
            log(f"{n} publications: PDF")
            pdf[f"CV, {n} publications"] = pdf_times(src, base, 3 if n < 1000 else 1)
    scaling = None
    if sizes:
        small, large = args.growth or (40_000, 160_000)
        log(f"growth of each step from {small:,} to {large:,} publications")
        biggest = work / f"pubs-{max(sizes)}" / "template" / "profile.yaml"
        scaling = small, large, growth(biggest, small, large)
    peer_lines: list[str] = []
    if args.peers:
        from .peers import report as peer_report
        from .peers.timing import parse_sizes, run_peers

        peer_sizes = parse_sizes(
            args.peer_sizes or ("example,100" if args.quick else "example,1000,5000")
        )
        edits = args.edits if args.edits is not None else 3 if args.quick else 10
        peer_results, versions = run_peers(
            work, peer_sizes, args.peer_reps or (1 if args.quick else None), edits, log
        )
        peer_lines = [
            "",
            *peer_report.section(peer_results, versions),
            *peer_report.targets(peer_results, results),
        ]
    text = report(results, reps, pdf, scaling, time.perf_counter() - started, args.quick)
    text += "\n".join(peer_lines) + ("\n" if peer_lines else "")
    output = args.output or HERE / "results" / (
        f"{dt.date.today().isoformat()}-{platform.node() or 'host'}"
        + ("-quick" if args.quick else "")
        + ("-peers" if args.peers_only else "")
        + ".md"
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    print(text, end="")
    log(f"written to {output}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
