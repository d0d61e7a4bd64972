"""The built example site in headless Chromium at desktop and phone widths: no
horizontal overflow, no console errors. Screenshots go to $SPHINX_CV_SCREENSHOTS if set.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).parent.parent.resolve()
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
VIEWPORTS = {"desktop": (1280, 800), "phone": (375, 740)}
PAGES = ["index", "publications", "cv"]

if CHROMIUM is None:
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed (.ci/run installs it)", pytrace=False)
    pytest.skip("chromium is not installed", allow_module_level=True)
playwright = pytest.importorskip("playwright.sync_api")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from sphinx.cmd.build import build_main

    out = tmp_path_factory.mktemp("site")
    assert build_main(["-q", "-b", "html", str(REPO / "example_site"), str(out / "html"),
                       "-d", str(out / "doctrees")]) == 0
    handler = functools.partial(QuietHandler, directory=str(out / "html"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
        ])
        yield b
        b.close()


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("page_name", PAGES)
def test_page_fits_and_has_no_errors(site: str, browser: object, viewport: str,
                                     page_name: str) -> None:
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    # The browser's own favicon probe is not the page's doing.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("requestfailed", lambda req: errors.append(f"failed: {req.url}"))
    page.goto(f"{site}/{page_name}.html", wait_until="networkidle")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    shots = os.environ.get("SPHINX_CV_SCREENSHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(shots) / f"{page_name}-{viewport}.png"), full_page=True)
    # The directives' output is on the page.
    assert page.locator(".cv-timeline, .cv-publications, .cv-profile-card").count() > 0
    context.close()
    assert errors == []
    assert overflow <= 0, f"{page_name} overflows by {overflow}px at {width}px"
