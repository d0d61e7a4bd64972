"""The peers' section of the benchmark report, and issue 19's targets."""

from __future__ import annotations

import statistics
from typing import TYPE_CHECKING

from .timing import PHASES, SIDES, PeerResult

if TYPE_CHECKING:
    from ..run import Result

NAMES = {"cold": "cold build", "noop": "no-op rebuild", "edit": "edit one title, rebuild"}


def fmt(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.2f} s" if value >= 0.1 else f"{value * 1000:.0f} ms"


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}×" if a is not None and b else "-"


def size_label(res: PeerResult) -> str:
    return f"{res.count:,}" + (" (example site)" if res.label == "example" else "")


def section(results: list[PeerResult], versions: dict[str, str | None]) -> list[str]:
    heads = {
        "sphinx-cv": "sphinx-cv",
        **{name: f"{name} {v}" if v else f"{name} (not on PATH)" for name, v in versions.items()},
    }
    lines = [
        "## Against Jekyll and Hugo (`--peers`)",
        "",
        "The same content (homepage, publications grouped by type with reverse numbering "
        "and abstracts, a CV listing them, and on the synthetic sites the teaching and "
        "contact pages) as a minimal Jekyll site (academicpages' engine) and a minimal "
        "Hugo site (HugoBlox's engine): the profile's data in a YAML data file, laid out by "
        "hand-written templates (`benchmarks/peers/`), no theme. Every publications page "
        "is checked to show every title. Each build is a fresh process with the tool's "
        "default settings (Jekyll and Hugo rebuild everything); the three take turns; "
        "medians of wall time, CPU time in brackets. Repetitions: "
        + ", ".join(f"{size_label(r)}: {len(r.runs['sphinx-cv']['cold'])}" for r in results)
        + ".",
        "",
        f"| publications | measure | {heads['sphinx-cv']} | {heads['Jekyll']} | "
        f"{heads['Hugo']} | sphinx-cv / Jekyll | sphinx-cv / Hugo |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for res in results:
        for phase in PHASES:
            walls = {s: res.median(s, phase) for s in SIDES}
            cpus = {s: res.median(s, phase, "cpu") for s in SIDES}
            cells = " | ".join(
                f"{fmt(walls[s])} ({fmt(cpus[s])})" if walls[s] is not None else "-" for s in SIDES
            )
            lines.append(
                f"| {size_label(res)} | {NAMES[phase]} | {cells} | "
                f"{ratio(walls['sphinx-cv'], walls['Jekyll'])} | "
                f"{ratio(walls['sphinx-cv'], walls['Hugo'])} |"
            )
        if res.latency:
            med = {s: latency_median(res, s) for s in SIDES}
            cells = " | ".join(latency_cell(res, s) for s in SIDES)
            count = max((len(v) for v in res.latency.values() if isinstance(v, list)), default=0)
            lines.append(
                f"| {size_label(res)} | live preview: save → served page shows "
                f"it (median of {count}; min–max) | {cells} | "
                f"{ratio(med['sphinx-cv'], med['Jekyll'])} | "
                f"{ratio(med['sphinx-cv'], med['Hugo'])} |"
            )
    failures = [f"{s}: {v}" for r in results for s, v in r.latency.items() if isinstance(v, str)]
    if failures:
        lines += ["", "Live preview not measured: " + "; ".join(failures)]
    skipped = [name for name, v in versions.items() if not v]
    if skipped:
        lines += ["", f"Not on PATH, skipped: {', '.join(skipped)}."]
    return lines


def latency_median(res: PeerResult, side: str) -> float | None:
    times = res.latency.get(side)
    return statistics.median(times) if isinstance(times, list) and times else None


def latency_cell(res: PeerResult, side: str) -> str:
    times = res.latency.get(side)
    if not isinstance(times, list) or not times:
        return "-"
    return f"{fmt(statistics.median(times))} ({fmt(min(times))}–{fmt(max(times))})"


def targets(peers: list[PeerResult], results: list[Result]) -> list[str]:
    """Issue 19's targets, each met, missed, or not measured in this run."""
    by_count = {r.count: r for r in peers}
    example = next((r for r in peers if r.label == "example"), None)
    rows: list[tuple[str, str, bool | None]] = []

    def against(count: int, phase: str, limit: float) -> tuple[str, bool | None]:
        res = by_count.get(count)
        a = res.median("sphinx-cv", phase) if res else None
        b = res.median("Jekyll", phase) if res else None
        if res is None or a is None or not b:
            return "not measured", None
        cpu = ratio(res.median("sphinx-cv", phase, "cpu"), res.median("Jekyll", phase, "cpu"))
        return f"{a / b:.2f}× ({fmt(a)} / {fmt(b)}; CPU {cpu})", a / b <= limit

    rows.append(("1,000 publications: cold build ≤ 1.4× Jekyll", *against(1000, "cold", 1.4)))
    rows.append(
        ("1,000 publications: edit one title, rebuild ≤ 1.4× Jekyll", *against(1000, "edit", 1.4))
    )
    big = by_count.get(5000)
    edit = big.median("sphinx-cv", "edit") if big else None
    rows.append(
        (
            "5,000 publications: edit one title, rebuild ≤ 4 s",
            fmt(edit) if edit is not None else "not measured",
            edit <= 4 if edit is not None else None,
        )
    )
    live = latency_median(example, "sphinx-cv") if example else None
    rows.append(
        (
            "example site: live preview ≤ 0.3 s median",
            fmt(live) if live is not None else "not measured",
            live <= 0.3 if live is not None else None,
        )
    )
    plain = next((r for r in results if r.label == "example site"), None)
    if plain is not None:
        a, b = plain.median("sphinx-cv", "cold", "wall"), plain.median("plain", "cold", "wall")
        rows.append(
            (
                "example site: cold HTML ≤ 1.0× plain Sphinx",
                f"{a / b:.2f}× ({fmt(a)} / {fmt(b)})",
                a / b <= 1.0,
            )
        )
    else:
        rows.append(
            (
                "example site: cold HTML ≤ 1.0× plain Sphinx",
                "not measured (run without --no-example/--peers-only)",
                None,
            )
        )
    noops = {f"{r.count:,}": r.median("sphinx-cv", "noop") for r in peers}
    noops.update(
        {
            f"{int(r.label):,}": r.median("sphinx-cv", "noop", "wall")
            for r in results
            if r.label.isdigit()
        }
    )
    measured = {k: v for k, v in noops.items() if v is not None}
    if measured:
        worst = max(measured, key=lambda k: measured[k] or 0)
        rows.append(
            (
                "no-op rebuild ≤ 1 s at every size",
                f"worst {fmt(measured[worst])} at {worst}",
                max(v for v in measured.values() if v is not None) <= 1,
            )
        )
    lines = [
        "",
        "## Issue 19 targets",
        "",
        "Judged on wall-time medians; the CPU-time ratio beside each is steadier when "
        "other work shares the machine.",
        "",
        "| target | measured | |",
        "| --- | --- | --- |",
    ]
    for text, value, ok in rows:
        verdict = "not measured" if ok is None else "met" if ok else "**not met**"
        lines.append(f"| {text} | {value} | {verdict} |")
    return lines
