"""The ``cv`` domain: the loaded profile, the parts of it each document shows, and, per
document, the label each publication carries there.

Labels are assigned by the lists that show a paper, so the same paper is ``[P3]`` on the
homepage and ``A3`` in the CV. References (``:pub:``, interest tags) resolve at write time
against the labels of the document they appear in, falling back to another document that
lists the paper. The data is keyed by docname and merged after parallel reads.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar, TypedDict

from docutils import nodes
from sphinx.domains import Domain
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from .config import CvConfig, get_config
from .data.digests import digest_of
from .data.loader import LoadResult
from .data.problems import Problem, Subtype
from .data.stamps import Stamp
from .logging_ import report, warn

if TYPE_CHECKING:
    from docutils.parsers.rst.states import Inliner
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import RoleFunction

# docname -> publication id -> (label, anchor id)
Labels = dict[str, dict[str, tuple[str, str]]]


class Use(TypedDict):
    """What a document showed of the profile, as it was when the document was read."""

    stamp: Stamp
    """The profile files' stamp."""
    parts: dict[str, str]
    """part -> its digest."""


class PubRole(XRefRole):
    """``:pub:`id``` shows the label the paper has on this page (``[C8]``), linked to it;
    ``:pub:`text <id>``` shows the text instead."""

    def __call__(
        self,
        name: str,
        rawtext: str,
        text: str,
        lineno: int,
        inliner: Inliner,
        options: dict[str, object] | None = None,
        content: Sequence[str] = (),
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        # Registered globally as ``:pub:``; always resolve in the cv domain.
        return super().__call__("cv:pub", rawtext, text, lineno, inliner, options, content)

    def process_link(
        self,
        env: BuildEnvironment,
        refnode: nodes.Element,
        has_explicit_title: bool,
        title: str,
        target: str,
    ) -> tuple[str, str]:
        refnode["cv_explicit"] = has_explicit_title
        domain: CvDomain = env.get_domain("cv")  # type: ignore[assignment]
        domain.note_ref(env.docname, target.strip())
        return title, target.strip()


class CvDomain(Domain):
    name = "cv"
    label = "CV"
    roles: ClassVar[dict[str, RoleFunction | XRefRole]] = {
        "pub": PubRole(innernodeclass=nodes.inline)
    }
    initial_data: ClassVar[dict[str, dict[str, object]]] = {"labels": {}, "refs": {}, "uses": {}}
    data_version = 2

    @property
    def labels(self) -> Labels:
        labels: Labels = self.data["labels"]
        return labels

    @property
    def refs(self) -> dict[str, set[str]]:
        """docname -> ids its ``:pub:`` roles name (they may resolve to other pages)."""
        refs: dict[str, set[str]] = self.data["refs"]
        return refs

    def note_ref(self, docname: str, pub_id: str) -> None:
        self.refs.setdefault(docname, set()).add(pub_id)

    @property
    def uses(self) -> dict[str, Use]:
        """docname -> ``{"stamp": the profile files' stamp, "parts": {part: digest}}``
        for the parts of the profile the document shows, as they were when it was read."""
        uses: dict[str, Use] = self.data["uses"]
        return uses

    def note_use(self, docname: str, result: LoadResult, parts: Iterable[str]) -> None:
        """``docname`` shows these parts of the profile: read it again when one changes.

        This stands for ``env.note_dependency(profile)``, which would re-read every page
        that shows anything from the profile whenever the file is saved."""
        entry = self.uses.setdefault(docname, {"stamp": result.stamp, "parts": {}})
        for part in parts:
            entry["parts"][part] = digest_of(result.digests, part)

    # -- the profile ---------------------------------------------------------------------

    def profile_path(self) -> str:
        return get_config(self.env.config).profile_path

    def load(self) -> LoadResult:
        """The profile, parsed once per build; problems are reported when it is read."""
        return load_profile_once(get_config(self.env.config))

    # -- labels --------------------------------------------------------------------------

    def note_label(self, docname: str, pub_id: str, label: str, anchor: str) -> None:
        # The first list on a page that shows a paper gives its label there.
        self.labels.setdefault(docname, {}).setdefault(pub_id, (label, anchor))

    def find_label(self, fromdocname: str, pub_id: str) -> tuple[str, str, str] | None:
        """(docname, label, anchor): this document first, else the first that lists it."""
        here = self.labels.get(fromdocname, {}).get(pub_id)
        if here is not None:
            return (fromdocname, *here)
        for docname in sorted(self.labels):
            found = self.labels[docname].get(pub_id)
            if found is not None:
                return (docname, *found)
        return None

    def clear_doc(self, docname: str) -> None:
        self.labels.pop(docname, None)
        self.refs.pop(docname, None)
        self.uses.pop(docname, None)
        self.reread.add(docname)

    @property
    def reread(self) -> set[str]:
        """Documents read in this process during this build (not pickled)."""
        reread: set[str] = self.__dict__.setdefault("_reread", set())
        return reread

    def merge_domaindata(
        self, docnames: Iterable[str], otherdata: Mapping[str, dict[str, object]]
    ) -> None:
        for docname in docnames:
            for key in ("labels", "refs", "uses"):
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        if typ != "pub":
            return None
        ref = self.pub_reference(fromdocname, builder, target, node, contnode)
        if ref is None:
            warn(
                f"publication '{target}' is not shown by any publication-list, so it has "
                "no label to refer to",
                Subtype.UNKNOWN_REF,
                node,
            )
        return ref

    def pub_reference(
        self,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        # The page the reference was written on gives the label: in a LaTeX build all
        # pages are inlined into one document, but each keeps its own labels.
        found = self.find_label(node.get("refdoc") or fromdocname, target)
        if found is None:
            return None
        docname, label, anchor = found
        if node.get("cv_explicit"):
            inner = contnode
        else:
            inner = nodes.inline(label, label, classes=["cv-ref"])
        title = None if node.get("cv_explicit") else target
        return make_refnode(builder, fromdocname, docname, anchor, inner, title)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        # An `any` reference (or a MyST link) tries every domain: not finding a paper
        # here is no error of ours.
        ref = self.pub_reference(fromdocname, builder, target, node, contnode)
        return [("cv:pub", ref)] if ref is not None else []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        return []


def load_profile_once(cv: CvConfig) -> LoadResult:
    """Parse (or reuse) the profile; report its problems when it is read afresh.

    The store lives on the config object of this build, not at module level.
    """
    result, fresh = cv.store.get(cv.profile_path, cv.bibtex_paths, cv.srcdir or None)
    if fresh:
        report_problems(cv, result.problems)
    if not result.translated:
        return result
    # Parsed once with every translation; each language's profile is made (and cached
    # on the parsed result, so a changed file drops it) when first asked for.
    profile, missing = result.localized(cv.language, cv.main_language)
    report_problems(cv, missing)
    return dataclasses.replace(result, profile=profile)


def report_problems(cv: CvConfig, problems: Iterable[Problem]) -> None:
    """Each problem of the profile as a warning, once per build."""
    for problem in problems:
        text = str(problem)
        if text not in cv.store.reported:
            cv.store.reported.add(text)
            report(problem)


def load_before_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Parse the profile in the main process before documents are read, so parallel
    readers inherit it and its problems are reported once."""
    domain: CvDomain = env.get_domain("cv")  # type: ignore[assignment]
    if docnames and os.path.exists(domain.profile_path()):
        domain.load()


def rewrite_referring_docs(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """When a page with publication lists was re-read, labels may have changed: pages
    whose ``:pub:`` roles point at other pages must be written again too."""
    domain: CvDomain = env.get_domain("cv")  # type: ignore[assignment]
    if not domain.reread & domain.labels.keys():
        return []
    return sorted(d for d in domain.refs if d not in domain.reread)


def setup_domain(app: Sphinx) -> None:
    app.add_domain(CvDomain)
    app.connect("env-get-updated", rewrite_referring_docs)
    app.add_role("pub", PubRole(innernodeclass=nodes.inline))
    app.connect("env-before-read-docs", load_before_reading)
