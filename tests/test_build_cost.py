"""What keeps builds cheap, checked without timing anything (timings: benchmarks/)."""

from __future__ import annotations

import gc
import pickle
import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_cv.config import CvConfig
from sphinx_cv.data.loader import ProfileCache, load_profile
from sphinx_cv.gcpause import paused_gc

ROOTS = Path(__file__).parent / "roots"


def test_environment_pickle_holds_no_profile(tmp_path: Path) -> None:
    """Sphinx pickles its config with the environment; the parsed profile stays out."""
    shutil.copytree(ROOTS / "test-basic", tmp_path / "src")
    app = SphinxTestApp("html", srcdir=tmp_path / "src", builddir=tmp_path / "build")
    try:
        app.build()
        assert app.config.cv.cache is not None  # used during the build...
    finally:
        app.cleanup()
    with open(Path(app.doctreedir) / "environment.pickle", "rb") as fh:
        env = pickle.load(fh)
    assert env.config.cv.cache is None  # ...but not saved with it
    assert b"Analytical Engine" not in pickle.dumps(env.config)


def test_config_pickles_without_cache() -> None:
    cv = CvConfig(profile="p.yaml", cache=ProfileCache())
    copy = pickle.loads(pickle.dumps(cv))
    assert copy.cache is None and copy.profile == "p.yaml"
    assert cv.cache is not None  # the live object keeps its cache


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
