"""The live preview's server: sphinx-autobuild's pieces, with the build in this process.

sphinx-autobuild runs ``python -m sphinx`` for every change: a new Python, Sphinx and
sphinx-cv each time, which made a refreshed page take most of a second. Here Python,
Sphinx and the extension stay loaded and each change runs a new
:class:`sphinx.application.Sphinx` in this process (so ``conf.py``, which is code, is run
again every time, and nothing of one build's extension state leaks into the next). The
environment is read back from its pickle as in any incremental build: on a small site
that costs a few milliseconds, not worth the risk of a stale in-memory copy.

What outlives a build is only Jinja's compiled templates (keyed by the template's file
and a checksum of its source, so an edited template is compiled again); compiling the
theme's templates was half of a rebuild's time.

The HTTP server, the script that reloads the browser and the file filter are
sphinx-autobuild's own (starlette, uvicorn, watchfiles); only its ``watch`` step is
replaced, to build in a thread of this process rather than in a new one.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .build import PDF_NAME, Paths, run_sphinx

# Editors' swap and backup files, and Python's caches: saving them is not an edit.
IGNORED_PATTERNS = [r"/__pycache__/", r"\.sw[a-p]$", r"~$", r"/\.#[^/]*$", r"/4913$"]
IGNORED_FOLDERS = [
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    "node_modules",
    ".tox",
    ".nox",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".idea",
    ".vscode",
]


def forget_site_modules(srcdir: str) -> list[str]:
    """Drop from ``sys.modules`` the modules whose file lies in the site folder (a
    ``helper.py`` that conf.py imports, a local extension under ``_ext/``), so the next
    build imports them as saved, as a new process would. Virtual environments and tool
    folders inside the site are left alone, and so is sphinx-cv itself."""
    import sys

    root = os.path.realpath(srcdir) + os.sep
    own = os.path.dirname(os.path.realpath(__file__ or "")).rsplit(os.sep, 1)[0] + os.sep
    skipped = tuple(root + name + os.sep for name in IGNORED_FOLDERS)
    gone = []
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None)
        if not path:
            continue
        path = os.path.realpath(path)
        if (
            path.startswith(root)
            and not path.startswith(skipped)
            and not path.startswith(own)
            and "site-packages" not in path
        ):
            del sys.modules[name]
            gone.append(name)
    return gone


class TemplateCache:
    """Jinja's bytecode cache in memory, shared by the builds of one server."""

    def __init__(self) -> None:
        from jinja2 import BytecodeCache

        store: dict[str, bytes] = {}

        class MemoryCache(BytecodeCache):
            def load_bytecode(self, bucket: Any) -> None:
                code = store.get(bucket.key)
                if code is not None:
                    bucket.bytecode_from_string(code)

            def dump_bytecode(self, bucket: Any) -> None:
                store[bucket.key] = bucket.bytecode_to_string()

        self.cache = MemoryCache()

    def install(self, app: Any) -> None:
        environment = getattr(getattr(app.builder, "templates", None), "environment", None)
        if environment is not None:
            environment.bytecode_cache = self.cache


class LiveBuilder:
    """Builds the site's HTML in this process; called with the changed paths, as
    sphinx-autobuild's Builder is. A failed build is told and the server goes on."""

    def __init__(self, paths: Paths, say: Callable[[str], None]) -> None:
        self.paths = paths
        self.say = say
        self.templates = TemplateCache()
        self.options = argparse.Namespace(verbose=False, fail_on_warning=False)
        self.last_ok = False

    def overrides(self) -> dict[str, Any]:
        # The PDF of the last `sphinx-cv build` stays linked from the homepage.
        if os.path.isfile(os.path.join(self.paths.html, PDF_NAME)):
            return {"cv_pdf_url": PDF_NAME}
        return {}

    def __call__(self, *, changed_paths: Sequence[Path] = ()) -> bool:
        if changed_paths:
            names = ", ".join(sorted({os.path.basename(p) for p in changed_paths}))
            self.say(f"Changed: {names}; rebuilding...")
        start = time.perf_counter()
        forget_site_modules(self.paths.srcdir)
        app, problem = run_sphinx(
            self.paths, "html", self.overrides(), self.options, before_build=self.templates.install
        )
        took = time.perf_counter() - start
        if app is None:
            self.say(
                f"Build failed ({problem}); still serving the last pages. "
                "Fix it and save again, or stop with Ctrl+C."
            )
        else:
            self.say(f"Built in {took:.2f} s")
        self.last_ok = app is not None
        return self.last_ok


def make_server(
    paths: Paths, watch: Callable[[], list[str]], builder: Callable[..., Any], url_host: str
) -> Any:
    """The ASGI app: the built pages with the reload script, and the websocket that
    tells the browser to reload after each build."""
    from sphinx_autobuild.filter import IgnoreFilter
    from sphinx_autobuild.middleware import JavascriptInjectorMiddleware
    from sphinx_autobuild.server import RebuildServer
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.routing import Mount, WebSocketRoute
    from starlette.staticfiles import StaticFiles

    class InProcessRebuildServer(RebuildServer):
        """Builds in a thread of this process (sphinx-autobuild uses a new process),
        and watches again when the profile names other BibTeX files."""

        async def watch(self) -> None:
            import watchfiles

            srcdir = Path(paths_.srcdir).resolve()
            conf = srcdir / "conf.py"
            while True:
                watched = watch()
                outside = [Path(f) for f in watched if not Path(f).is_relative_to(srcdir)]
                # step: how long watchfiles waits for more changes before it reports; its
                # default 50 ms is a sixth of an edit-to-page time of 0.3 s. An editor's
                # save (write, rename) lands well within 20 ms.
                async for changes in watchfiles.awatch(
                    srcdir,
                    *outside,
                    watch_filter=lambda _, path: not self.ignore(path),
                    step=20,
                ):
                    changed = [Path(path).resolve() for _, path in changes]
                    await asyncio.to_thread(self.change_callback, changed_paths=changed)
                    self.flag.set()
                    # conf.py or the profile may name other files to watch
                    if any(p == conf or str(p) in watched for p in changed) and watch() != watched:
                        break

    paths_ = paths
    ignore = IgnoreFilter(
        [
            *(os.path.join(paths.srcdir, f) for f in IGNORED_FOLDERS),
            paths.out,
            paths.html,
            paths.doctrees,
        ],
        IGNORED_PATTERNS,
    )
    watcher = InProcessRebuildServer([paths.srcdir], ignore, change_callback=builder)
    return Starlette(
        routes=[
            WebSocketRoute("/websocket-reload", watcher, name="reload"),
            Mount("/", app=StaticFiles(directory=paths.html, html=True), name="static"),
        ],
        middleware=[Middleware(JavascriptInjectorMiddleware, ws_url=url_host)],
        lifespan=watcher.lifespan,
    )


def show_message(text: str) -> None:
    print(f"sphinx-cv serve: {text}", flush=True)


def serve(
    paths: Paths, watch: Callable[[], list[str]], host: str, port: int, open_browser: bool = False
) -> None:
    """Build, then serve and rebuild on each change until Ctrl+C."""
    import uvicorn
    from sphinx_autobuild.utils import find_free_port

    from .build import _quiet_colours

    _quiet_colours()
    port = port or find_free_port()
    url_host = f"{host}:{port}" if ":" not in host else f"[{host}]:{port}"
    builder = LiveBuilder(paths, show_message)
    os.makedirs(paths.html, exist_ok=True)
    show_message("Building...")
    builder()
    app = make_server(paths, watch, builder, url_host)
    show_message(f"Serving on http://{url_host} (Ctrl+C stops)")
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(1.0, webbrowser.open, [f"http://{url_host}"]).start()
    with contextlib.suppress(KeyboardInterrupt):
        uvicorn.run(app, host=host, port=port, log_level="warning")
