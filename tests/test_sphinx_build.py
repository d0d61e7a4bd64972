"""Sphinx builds of the test roots: output, warnings, rebuilds, other builders."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from conftest import build_serial_and_parallel, warnings_of
from sphinx.testing.util import SphinxTestApp

REPO = Path(__file__).parent.parent.resolve()


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_basic_html(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf8")
    # Hostile title and venue come out verbatim (escaped once, never executed).
    assert "&amp; % $ # _ { } ~ ^ \\ &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "Conf &amp; Co. 100% #1" in html
    assert 'href="https://example.org/a_b%20c#frag~x"' in html
    # Own name (and its variant) in bold; "Last, First" normalized; "others" -> et al.
    assert '<strong class="cv-me">Ada\u00a0Lovelace</strong>' in html
    assert '<strong class="cv-me">A.\u00a0Lovelace</strong>' in html
    assert "Charles\u00a0Babbage et\u00a0al." in html
    # Labels: per type, reverse; preprint prefix overridden to A.
    for label in ("[J1]", "[C1]", "[W1]", "[A1]"):
        assert f'<span class="cv-label">{label}</span>' in html
    # Interest tags resolve to the labels on this page and link to the entries.
    assert re.search(r'href="#pub-lovelace1843notes"[^>]*><span class="cv-ref">J1</span>', html)
    assert re.search(r'href="#pub-hostile2024"[^>]*><span class="cv-ref">C1</span>', html)
    # Timeline dates as configured.
    assert "Sep. 2025 – present" in html
    assert "2021 – 2025" in html
    assert "Fall 2025" in html
    assert "Updated September 2025" in html
    # Shorthand links expanded.
    assert 'href="https://doi.org/10.1000/xyz123"' in html
    assert 'href="https://github.com/ada"' in html
    assert "cv-details" in html and "The first <em>program</em>." in html
    # The CSS is shipped to HTML builds.
    assert (Path(app.outdir) / "_static" / "sphinx-cv.css").exists()


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_labels_are_per_document(app: SphinxTestApp) -> None:
    app.build()
    myst = (Path(app.outdir) / "myst.html").read_text(encoding="utf8")
    # On the MyST page the workshop paper is listed as [1]. and its label is W1.
    assert '<span class="cv-label">[1].</span>' in myst
    assert re.search(r'href="#pub-byron2020"[^>]*><span class="cv-ref">X1</span>', myst)
    # The paper not listed on this page resolves to the page that lists it.
    assert re.search(r'href="index.html#pub-lovelace1843notes"[^>]*><span class="cv-ref">J1', myst)
    refs = (Path(app.outdir) / "refs.html").read_text(encoding="utf8")
    assert re.search(r'href="index.html#pub-babbage2025"[^>]*><span class="cv-ref">A1', refs)


@pytest.mark.sphinx("html", testroot="bad", freshenv=True)
def test_bad_profile_warns_with_locations(app: SphinxTestApp) -> None:
    app.build()
    warnings = warnings_of(app)
    profile = os.path.join(str(app.srcdir), "profile.yaml")
    expected = [
        (f"{profile}:3:3", "person.emial", "did you mean 'email'"),
        (f"{profile}:11:11", "publications[1].year", "'20x4'"),
        (f"{profile}:13:9", "publications[2].id", "duplicate"),
        (f"{profile}:17:27", "interests[0].publications[1]", "'nope'"),
        (f"{profile}:21:10", "education[0].end", "'2019'"),
    ]
    for location, path, detail in expected:
        line = next((w for w in warnings.splitlines() if w.startswith(location)), None)
        assert line is not None, (location, warnings)
        assert path in line and detail in line and "WARNING" in line
    assert "no section 'nosuchsection'" in warnings
    # The good entries still build.
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf8")
    assert "Good paper" in html and "Bad year" in html


@pytest.mark.sphinx(
    "html",
    testroot="bad",
    freshenv=True,
    confoverrides={
        "suppress_warnings": [
            "cv.unknown_key",
            "cv.date",
            "cv.duplicate_id",
            "cv.unknown_ref",
            "cv.date_order",
            "cv.directive",
        ]
    },
)
def test_suppress_warnings(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app).strip() == ""


def test_warning_is_error(tmp_path: Path) -> None:
    from sphinx.cmd.build import build_main

    src = REPO / "tests" / "roots" / "test-bad"
    code = build_main(
        [
            "-W",
            "-q",
            "-b",
            "html",
            str(src),
            str(tmp_path / "out"),
            "-d",
            str(tmp_path / "doctrees"),
        ]
    )
    assert code != 0


def read_docs(app: SphinxTestApp) -> list[str]:
    seen: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: seen.extend(docnames))
    return seen


def test_edit_profile_rereads_exactly_its_pages(tmp_path: Path, rootdir: Path) -> None:
    import shutil

    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-basic", src)

    def build() -> list[str]:
        app = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "build")
        seen = read_docs(app)
        try:
            app.build()
        finally:
            app.cleanup()
        return sorted(seen)

    def edit(old: str, new: str) -> None:
        profile = src / "profile.yaml"
        text = profile.read_text(encoding="utf8")
        assert old in text
        profile.write_text(text.replace(old, new), encoding="utf8")
        later = time.time() + 5
        os.utime(profile, (later, later))

    build()
    # No-op rebuild reads nothing; nor does saving the profile unchanged.
    assert build() == []
    later = time.time() + 5
    os.utime(src / "profile.yaml", (later, later))
    assert build() == []
    # Editing a publication re-reads the pages that show publications, and only those.
    edit("She Walks in Beauty", "She Walks in Beauty, Like the Night")
    assert build() == ["index", "myst"]
    # Editing a timeline section re-reads the page with that timeline.
    edit("thesis: Notes on the Engine", "thesis: Notes on the Engine, Revised")
    assert build() == ["index"]


def test_parallel_build_equals_serial(tmp_path: Path) -> None:
    serial, parallel = build_serial_and_parallel(REPO / "example_site", tmp_path, jobs=4)
    for page in ("index.html", "publications.html", "cv.html"):
        assert (serial / page).read_text("utf8") == (parallel / page).read_text("utf8"), page


def test_example_site_builds_without_warnings(tmp_path: Path) -> None:
    from sphinx.cmd.build import build_main

    code = build_main(
        [
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "html",
            str(REPO / "example_site"),
            str(tmp_path / "html"),
            "-d",
            str(tmp_path / "doctrees"),
        ]
    )
    assert code == 0


@pytest.mark.parametrize("builder", ["latex", "text", "man", "texinfo", "singlehtml"])
def test_other_builders(tmp_path: Path, rootdir: Path, builder: str) -> None:
    app = SphinxTestApp(builder, srcdir=rootdir / "test-basic", builddir=tmp_path)
    try:
        app.build()
        assert warnings_of(app) == ""
        out = Path(app.outdir)
        if builder == "latex":
            # HTML assets never reach a LaTeX build.
            assert not list(out.rglob("*.css"))
            tex = next(out.glob("*.tex")).read_text(encoding="utf8")
            # All pages are inlined into one .tex; each keeps its own labels.
            assert r"{index:pub-byron2020}]{\sphinxcrossref{\DUrole{cv-ref}{W1}}}" in tex
            assert r"{myst:pub-byron2020}]{\sphinxcrossref{\DUrole{cv-ref}{X1}}}" in tex
            hostile = r"\& \% \$ \# \_ \{ \} \textasciitilde{} \textasciicircum{} \textbackslash{}"
            assert hostile in tex
        if builder == "text":
            text = " ".join((out / "index.txt").read_text(encoding="utf8").split())
            assert "& % $ # _ { } ~ ^ \\ <script>alert(1)</script>" in text
    finally:
        app.cleanup()


def test_option_mistakes_are_reported_not_dropped(tmp_path: Path, rootdir: Path) -> None:
    import shutil

    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(rootdir / "test-basic" / "profile.yaml", src / "profile.yaml")
    (src / "conf.py").write_text('extensions = ["sphinx_cv", "myst_parser"]\n', encoding="utf8")
    (src / "index.rst").write_text(
        "Index\n=====\n\n.. publication-list::\n   :group-order: preprint bogus\n\n"
        ".. publication-list::\n   :status:\n\n.. toctree::\n\n   page\n",
        encoding="utf8",
    )
    (src / "page.md").write_text(
        "# Page\n\nA [link](nowhere) and {pub}`byron2020`.\n", encoding="utf8"
    )
    app = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "build")
    try:
        app.build()
        warnings = warnings_of(app)
    finally:
        app.cleanup()
    assert "unknown publication type 'bogus' in :group-order:" in warnings
    assert 'option: "status"' in warnings  # an option without its value, not "None"
    # A MyST link that is no publication is MyST's business, not a cv warning; a :pub:
    # role naming a paper that is on no list is.
    assert "'nowhere' is not shown" not in warnings
    assert "publication 'byron2020' is not shown" not in warnings
