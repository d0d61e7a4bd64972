"""What keeps builds cheap, checked without timing anything (timings: benchmarks/)."""

from __future__ import annotations

import gc
import os
import pickle
import shutil
import time
from pathlib import Path

import pytest
from conftest import warnings_of
from hypothesis import given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from sphinx_cv.config import CvConfig
from sphinx_cv.data.loader import load_profile
from sphinx_cv.gcpause import paused_gc

ROOTS = Path(__file__).parent / "roots"


def test_environment_pickle_holds_no_profile(tmp_path: Path) -> None:
    """Sphinx pickles its config with the environment; the parsed profile stays out."""
    shutil.copytree(ROOTS / "test-basic", tmp_path / "src")
    app = SphinxTestApp("html", srcdir=tmp_path / "src", builddir=tmp_path / "build")
    try:
        app.build()
        assert not app.config.cv.store.is_empty()  # used during the build...
    finally:
        app.cleanup()
    with open(Path(app.doctreedir) / "environment.pickle", "rb") as fh:
        env = pickle.load(fh)
    assert env.config.cv.store.is_empty()  # ...but not saved with it
    assert b"Analytical Engine" not in pickle.dumps(env.config)


def test_config_pickles_without_its_store(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("person: {name: Ada Lovelace}\n", encoding="utf-8")
    cv = CvConfig(profile=str(path))
    cv.store.get(str(path))
    cv.store.reported.add("a problem")
    copy = pickle.loads(pickle.dumps(cv))
    assert copy.store.is_empty() and copy.profile == str(path)
    assert b"Ada Lovelace" not in pickle.dumps(cv)
    assert not cv.store.is_empty()  # the live object keeps its store


@pytest.mark.parametrize("enabled", [True, False])
def test_paused_gc_restores_the_collector(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        with pytest.raises(RuntimeError), paused_gc():
            assert not gc.isenabled()
            raise RuntimeError
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_loading_leaves_the_collector_on() -> None:
    assert gc.isenabled()
    load_profile(str(ROOTS / "test-basic" / "profile.yaml"))
    assert gc.isenabled()


# -- rebuilds by part of the profile ----------------------------------------------------

PROFILE = """\
person:
  name: Ada Lovelace
  email: ada@example.org
updated: 2025-09
education:
  - institution: Home School
    start: 2021
talks:
  - title: On Engines
    date: 2024-05
sections:
  students:
    - title: Charles B.
bibtex: [refs.bib]
publications:
  - id: notes
    title: Notes on the Engine
    authors: [Ada Lovelace]
    year: 1843
"""

BIB = "@article{engine, title = {The Engine}, author = {Ada Lovelace}, year = {1842}}\n"

PAGES = {
    "index": "Index\n=====\n\n.. toctree::\n\n   pubs\n   talks\n   students\n   head\n   plain\n",
    "pubs": "Pubs\n====\n\n.. publication-list::\n",
    "talks": "Talks\n=====\n\n.. timeline:: talks\n\n.. cv-updated::\n",
    "students": "Students\n========\n\n.. timeline:: students\n",
    "head": "Head\n====\n\n.. cv-header::\n\nSee :cv-link:`me <email>`.\n",
    "plain": "Plain\n=====\n\nNothing from the profile.\n",
}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    # Names given here: the person's name would otherwise change every page's footer.
    (src / "conf.py").write_text(
        'extensions = ["sphinx_cv"]\nproject = author = copyright = html_title = "t"\n'
    )
    (src / "profile.yaml").write_text(PROFILE, encoding="utf8")
    (src / "refs.bib").write_text(BIB, encoding="utf8")
    for name, text in PAGES.items():
        (src / f"{name}.rst").write_text(text, encoding="utf8")
    return src


def build(src: Path, parallel: int = 0) -> list[str]:
    """Build ``src`` and return the documents read."""
    app = SphinxTestApp("html", srcdir=src, builddir=src.parent / "build", parallel=parallel)
    seen: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: seen.extend(docnames))
    try:
        app.build()
        assert "WARNING" not in warnings_of(app)
    finally:
        app.cleanup()
    return sorted(seen)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf8")
    later = time.time() + 5
    os.utime(path, (later, later))


@pytest.mark.parametrize("jobs", [0, 2])
def test_profile_problems_are_told_once_on_every_build(site: Path, jobs: int) -> None:
    """Whether the profile is parsed, read from the saved facts, or both (a page re-read
    for its own edit), each of its problems is one warning per build."""
    edit(
        site / "profile.yaml",
        "  email: ada@example.org\n",
        "  email: ada@example.org\n  emial: ada@example.com\n",
    )

    def told() -> int:
        app = SphinxTestApp("html", srcdir=site, builddir=site.parent / "build", parallel=jobs)
        try:
            app.build()
            return warnings_of(app).count("person.emial: unknown field")
        finally:
            app.cleanup()

    assert told() == 1  # parsed
    assert told() == 1  # a no-op rebuild: from the saved facts
    edit(site / "pubs.rst", ".. publication-list::", "Mine.\n\n.. publication-list::")
    assert told() == 1  # saved facts, and the profile parsed again for the page


def test_a_bad_link_is_told_once_and_shown_on_no_list(site: Path) -> None:
    """The loader checks a paper's links once; lists on two pages show the good one and
    never the bad one, and the bad one is one located warning."""
    edit(
        site / "profile.yaml",
        "    year: 1843\n",
        '    year: 1843\n    code: "javascript:alert(1)"\n    pdf: https://example.org/n.pdf\n',
    )
    edit(site / "plain.rst", "Nothing from the profile.", ".. publication-list::")
    app = SphinxTestApp("html", srcdir=site, builddir=site.parent / "build")
    try:
        app.build()
        warnings = warnings_of(app)
    finally:
        app.cleanup()
    told = [line for line in warnings.splitlines() if "publications[0].code" in line]
    assert len(told) == 1, warnings
    assert told[0].startswith(f"{site / 'profile.yaml'}:")
    for page in ("pubs", "plain"):
        html = (Path(app.outdir) / f"{page}.html").read_text(encoding="utf8")
        assert 'href="https://example.org/n.pdf"' in html
        assert "javascript" not in html.lower()


@pytest.mark.parametrize("jobs", [0, 2])
def test_each_edit_rereads_the_pages_that_show_that_part(site: Path, jobs: int) -> None:
    profile = site / "profile.yaml"
    assert build(site, jobs) == sorted(PAGES)
    assert build(site, jobs) == []
    edit(profile, "Notes on the Engine", "Notes on the Engine, Revised")
    assert build(site, jobs) == ["pubs"]
    edit(site / "refs.bib", "The Engine", "The Difference Engine")
    assert build(site, jobs) == ["pubs"]
    edit(profile, "On Engines", "On Looms")
    assert build(site, jobs) == ["talks"]
    edit(profile, "updated: 2025-09", "updated: 2025-10")
    assert build(site, jobs) == ["talks"]
    edit(profile, "Charles B.", "Charles Babbage")
    assert build(site, jobs) == ["students"]
    edit(profile, "name: Ada Lovelace", "name: Ada King")
    assert build(site, jobs) == ["head", "pubs"]  # the owner's name is bold in lists
    edit(profile, "Home School", "Home School of London")  # shown on no page
    assert build(site, jobs) == []


def test_anchors_make_every_page_depend_on_the_whole_file(site: Path) -> None:
    profile = site / "profile.yaml"
    edit(profile, "  - title: On Engines", "  - &talk\n    title: On Engines")
    build(site)
    edit(profile, "Home School", "Home School of London")
    assert build(site) == ["head", "pubs", "students", "talks"]


def test_a_part_written_later_rereads_its_pages(site: Path) -> None:
    profile = site / "profile.yaml"
    edit(profile, "talks:\n  - title: On Engines\n    date: 2024-05\n", "")
    build(site)
    edit(profile, "education:", "talks: [{title: Back Again, date: 2025-01}]\neducation:")
    assert build(site) == ["talks"]


def test_part_digests_follow_the_source_of_each_part() -> None:
    from sphinx_cv.data import yamlsource as ys
    from sphinx_cv.data.digests import WHOLE, digest_of, part_digests

    def digests(text: str, stamps: tuple = ()) -> dict[str, str]:
        return part_digests(text, ys.compose(text, "p.yaml")[0], stamps)

    base = digests(PROFILE)
    assert set(base) == {
        WHOLE,
        "person",
        "updated",
        "education",
        "talks",
        "sections",
        "bibtex",
        "publications",
    }
    edited = digests(PROFILE.replace("On Engines", "On Looms"))
    assert {k for k in base if base[k] != edited[k]} == {"talks", WHOLE}
    # Aliases name the same part; BibTeX files' stamps belong to the publications.
    assert digests("papers: []\n").keys() == {"publications", WHOLE}
    stamped = digests(PROFILE, (("refs.bib", 1, 2),))
    assert {k for k in base if base[k] != stamped[k]} == {"publications", WHOLE}
    # A part not written has no digest; unknown keys count for nothing.
    assert digest_of(base, "news") == ""
    assert digests(PROFILE + "colour: blue\n") == base
    # Anchors or a top-level merge: one digest for everything.
    for text in (
        PROFILE.replace("- title: On", "- &t\n    title: On"),
        "<<: {updated: 2025}\nperson: {name: A}\n",
        "[not, a, mapping]\n",
    ):
        whole = digests(text)
        assert set(whole) == {WHOLE}
        assert digest_of(whole, "person") == whole[WHOLE]
    # "R&D" in text is not an anchor.
    assert len(digests("person: {name: R&D Lab}\nupdated: 2025\n")) == 3


@pytest.mark.parametrize("theme", ["alabaster", "sphinx_cv"])
def test_unchanged_profile_is_not_parsed_on_a_noop_rebuild(
    site: Path, monkeypatch: pytest.MonkeyPatch, theme: str
) -> None:
    """conf.py without ``project``: the name comes from the profile, and the LaTeX
    defaults look at its text; both use facts kept beside the doctrees, so a rebuild that
    reads no page showing the profile does not parse it at all."""
    from sphinx_cv.data import loader

    (site / "conf.py").write_text(f'extensions = ["sphinx_cv"]\nhtml_theme = "{theme}"\n')
    parsed: list[object] = []
    real = loader.load_profile

    def counting(*args: object, **kwargs: object) -> object:
        parsed.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "load_profile", counting)

    def project() -> str:
        app = SphinxTestApp("html", srcdir=site, builddir=site.parent / "build")
        try:
            app.build()
            return app.config.project
        finally:
            app.cleanup()

    assert project() == "Ada Lovelace" and len(parsed) == 1
    assert project() == "Ada Lovelace" and len(parsed) == 1  # unchanged: not parsed
    edit(site / "profile.yaml", "Ada Lovelace", "Ada King")
    assert project() == "Ada King" and len(parsed) == 2


def test_after_an_edit_a_noop_rebuild_parses_no_profile(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages whose parts an edit left alone are not read again and keep the older stamp:
    their parts are compared with the digests saved in the facts, so the builds after
    the edit do not parse the profile again (they did, every time, at 2.8 s for 5,000
    publications)."""
    from sphinx_cv.data import loader

    parsed: list[object] = []
    real = loader.load_profile

    def counting(*args: object, **kwargs: object) -> object:
        parsed.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "load_profile", counting)
    assert build(site) == sorted(PAGES) and len(parsed) == 1
    edit(site / "profile.yaml", "Notes on the Engine", "Notes on the Analytical Engine")
    assert build(site) == ["pubs"] and len(parsed) == 2
    assert build(site) == [] and len(parsed) == 2  # no page read, no parse
    assert build(site) == [] and len(parsed) == 2
    # An edit that no page shows: parsed once for the facts, then not again.
    edit(site / "profile.yaml", "person:", "# Ada's profile\nperson:")
    assert build(site) == [] and len(parsed) == 3
    assert build(site) == [] and len(parsed) == 3
    # A page still notices a later change of its part.
    edit(site / "profile.yaml", "On Engines", "On Looms")
    assert build(site) == ["talks"] and len(parsed) == 4


def test_a_missing_bibtex_file_appearing_rereads_the_publications(site: Path) -> None:
    """A BibTeX file the profile names but that is not there yet is stamped too: when it
    is created, the pages showing publications are read again (they kept the warning
    and showed none of its entries until the profile itself was edited)."""
    (site / "refs.bib").unlink()

    def html_build() -> tuple[str, str]:
        app = SphinxTestApp("html", srcdir=site, builddir=site.parent / "build")
        try:
            app.build()
            return warnings_of(app), (app.outdir / "pubs.html").read_text(encoding="utf8")
        finally:
            app.cleanup()

    warnings, page = html_build()
    assert "refs.bib" in warnings and "The Engine" not in page
    (site / "refs.bib").write_text(BIB, encoding="utf8")
    warnings, page = html_build()
    assert "refs.bib" not in warnings and "The Engine" in page


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from(["&", "a", " ", "\n", "[", "]", "{", ",", "\u00a0"])))
def test_anchors_are_found_wherever_the_pattern_finds_them(text: str) -> None:
    """The digests look for anchors only where an ``&`` is: the same answer as a search
    of the whole text."""
    from sphinx_cv.data.digests import _ANCHOR, _has_anchor

    assert _has_anchor(text) == bool(_ANCHOR.search(text))
