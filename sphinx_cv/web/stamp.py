"""Skip the website outputs on a rebuild that changed nothing they show.

The feed, the sitemap, the thumbnails and the page per publication come from the
profile (and metrics.yaml), not from a document, so Sphinx would make them again on
every build: parse the profile, render every paper's page. A rebuild that read no
document, with the same profile, BibTeX, metrics and image files (mtime and size), the
same HTML configuration and every output still there, leaves them as they are. The
stamp of the last outputs is kept beside the doctrees.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..config import get_config
from ..data.metrics import metrics_path
from ..data.stamps import stamp

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

STAMP_FILE = "sphinx-cv-web.json"


def _state(app: Sphinx) -> dict[str, Any]:
    """This build's state in the profile store: {"read": docs were read, "unchanged":
    the verdict, "outputs": files written, "images": image files read}."""
    state = get_config(app).store.web
    if not state:
        state.update(read=False, unchanged=None, outputs=[], images=[])
    return state


def note_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    if docnames:
        _state(app)["read"] = True


def _key(app: Sphinx, images: list[str]) -> list[Any]:
    from ..profile_facts import profile_facts

    cv = get_config(app)
    facts = profile_facts(app.doctreedir, cv)
    files = list(facts.files) if facts is not None else [cv.profile_path]
    info = getattr(app.builder, "build_info", None)
    return [
        __version__,
        app.builder.name,
        getattr(info, "config_hash", ""),
        repr(
            sorted(
                (k, repr(v)) for k, v in vars(cv).items() if k != "store" and not k.startswith("_")
            )
        ),
        [list(s) for s in stamp([*files, metrics_path(cv.profile_path), *images])],
    ]


def _path(app: Sphinx) -> str:
    return os.path.join(app.doctreedir, STAMP_FILE)


def unchanged(app: Sphinx) -> bool:
    """Whether this build may leave the website outputs of the last one as they are."""
    state = _state(app)
    if state["unchanged"] is None:
        state["unchanged"] = False
        if not state["read"]:
            try:
                with open(_path(app), encoding="utf-8") as fh:
                    saved = json.load(fh)
                state["unchanged"] = saved["key"] == json.loads(
                    json.dumps(_key(app, saved["images"]))
                ) and all(
                    os.path.exists(os.path.join(app.outdir, *name.split("/")))
                    for name in saved["outputs"]
                )
            except (OSError, ValueError, KeyError, TypeError):
                pass
    return bool(state["unchanged"])


def note_output(app: Sphinx, name: str) -> None:
    """``name`` (relative to the output folder, with /) was written by this build."""
    _state(app)["outputs"].append(name)


def note_image(app: Sphinx, path: str) -> None:
    _state(app)["images"].append(path)


def save_stamp(app: Sphinx, exception: BaseException | None) -> None:
    """After the outputs were written: what they were made from."""
    from .feed import HTML_BUILDERS

    if exception is not None or app.builder.name not in HTML_BUILDERS or unchanged(app):
        return
    state = _state(app)
    images = sorted(set(state["images"]))
    data = {"key": _key(app, images), "images": images, "outputs": sorted(set(state["outputs"]))}
    os.makedirs(app.doctreedir, exist_ok=True)
    with open(_path(app), "w", encoding="utf-8") as fh:
        json.dump(data, fh)


def setup_stamp(app: Sphinx) -> None:
    app.connect("env-before-read-docs", note_reading)
    app.connect("build-finished", save_stamp, priority=900)
