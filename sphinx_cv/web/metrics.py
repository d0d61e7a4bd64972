"""Citation counts in the build: "Cited by N" in publication lists and on each paper's
page, totals and h-index through the ``citation-metrics`` directive. Read from
``metrics.yaml`` beside the profile, never from the network.

Pages with publication lists are read again when ``metrics.yaml`` appears, changes or
goes away. The CV (LaTeX and other non-HTML builders) shows the counts only with
``cv_citations_in_cv = True``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..config import CvConfig, get_config
from ..data.metrics import Metric, h_index, metrics_path, read_metrics
from ..data.stamps import stale, stamp
from ..directives.common import CvDirective, OptionSpec, words
from ..domain import report_problems
from .feed import app_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

CITED_CLASS = "cv-cited-by"
METRICS_CLASS = "cv-metrics"
STAMP_ATTR = "sphinx_cv_metrics_stamp"


def load_metrics(cv: CvConfig) -> dict[str, Metric]:
    """The counts of this build (read once per process while the file is unchanged);
    problems are reported once per build."""
    path = metrics_path(cv.profile_path)
    cached = cv.store.metrics
    if cached is not None and not stale(cached[0]):
        return cached[1]
    taken = stamp([path])
    metrics, problems = read_metrics(path)
    report_problems(cv, problems)
    cv.store.metrics = (taken, metrics)
    return metrics


def cited_text(count: int) -> str:
    from ..locale import cv_text

    return cv_text("Cited by {count}").format(count=count)


def cited_nodes(metric: Metric | None) -> list[nodes.Node] | None:
    if metric is None:
        return None
    text = cited_text(metric.citations)
    return [nodes.inline(text, text, classes=[CITED_CLASS])]


def outdated_by_metrics(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Documents with publication lists, when metrics.yaml changed since the last build."""
    cv = get_config(app)
    now = stamp([metrics_path(cv.profile_path)])
    previous = getattr(env, STAMP_ATTR, None)
    setattr(env, STAMP_ATTR, now)
    if previous is None or previous == now:
        return []
    domain = env.get_domain("cv")
    # Every page showing publications (lists, citation-metrics) noted that it does.
    docs = [
        doc
        for doc, use in domain.uses.items()  # type: ignore[attr-defined]
        if "publications" in use["parts"]
    ]
    return sorted(d for d in docs if d in env.all_docs and d not in changed | removed)


class CountsForTheWebOnly(SphinxPostTransform):
    """Leave "Cited by N" and the ``citation-metrics`` totals out of the CV unless
    ``cv_citations_in_cv``."""

    default_priority = 400

    def run(self, **kwargs: object) -> None:
        if app_of(self.env).builder.format == "html" or get_config(self.config).citations_in_cv:
            return
        for box in list(self.document.findall(nodes.container)):
            if METRICS_CLASS in box["classes"]:
                box.parent.remove(box)
        for node in list(self.document.findall(nodes.inline)):
            if CITED_CLASS not in node["classes"]:
                continue
            parent = node.parent
            index = parent.index(node)
            # The separator written before it goes too.
            if index and isinstance(parent[index - 1], nodes.Text):
                text = str(parent[index - 1])
                if text.endswith(" "):
                    parent.replace(parent[index - 1], nodes.Text(text.rstrip(" ")))
            parent.remove(node)


class CitationMetrics(CvDirective):
    """Totals of the citation counts in ``metrics.yaml``: papers counted, citations and
    h-index."""

    has_content = False
    profile_parts = ("publications",)
    option_spec: ClassVar[OptionSpec] = {"class": words}

    def run(self) -> list[nodes.Node]:
        profile = self.profile()
        if profile is None:
            return []
        metrics = load_metrics(self.cv)
        counts = [metrics[p.id].citations for p in profile.publications if p.id in metrics]
        if not counts:
            return []
        box = nodes.container(classes=[METRICS_CLASS, *self.options.get("class", [])])
        items = nodes.bullet_list(classes=["cv-metrics-list"])
        for label, value in (
            ("Citations", sum(counts)),
            ("h-index", h_index(counts)),
            ("Papers counted", len(counts)),
        ):
            para = nodes.paragraph()
            para += nodes.strong(str(value), str(value), classes=["cv-metrics-value"])
            para += nodes.Text(" ")
            para += nodes.inline(label, label, classes=["cv-metrics-label"])
            items += nodes.list_item("", para)
        box += items
        sources = sorted(
            {
                metrics[p.id].source
                for p in profile.publications
                if p.id in metrics and metrics[p.id].source
            }
        )
        dates = sorted(
            {
                metrics[p.id].date
                for p in profile.publications
                if p.id in metrics and metrics[p.id].date
            }
        )
        if sources or dates:
            note = "Counts from " + (", ".join(sources) or "metrics.yaml")
            if dates:
                note += f", {dates[-1]}"
            box += nodes.paragraph(note + ".", note + ".", classes=["cv-metrics-note"])
        return self.adopt([box])


def setup_metrics(app: Sphinx) -> None:
    app.connect("env-get-outdated", outdated_by_metrics)
    app.add_post_transform(CountsForTheWebOnly)
