"""The built example site in headless Chromium at desktop and phone widths: no
horizontal overflow, no console errors, no request to another host; then the sphinx_cv
theme's behaviour: author card, menu, dark mode, focus, print, accessibility (axe-core),
page weight. Screenshots go to $SPHINX_CV_SCREENSHOTS if set.
"""

from __future__ import annotations

import contextlib
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


@contextlib.contextmanager
def built_and_served(source: Path, out: Path) -> Iterator[str]:
    """``source`` built as HTML in ``out``, served on a free 127.0.0.1 port: its address."""
    from sphinx.cmd.build import build_main

    args = ["-q", "-b", "html", str(source), str(out / "html"), "-d", str(out / "doctrees")]
    assert build_main(args) == 0
    handler = functools.partial(QuietHandler, directory=str(out / "html"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with built_and_served(REPO / "example_site", tmp_path_factory.mktemp("site")) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("page_name", PAGES)
def test_page_fits_and_has_no_errors(
    site: str, browser: object, viewport: str, page_name: str
) -> None:
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    # The browser's own favicon probe is not the page's doing.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("requestfailed", lambda req: errors.append(f"failed: {req.url}"))
    requested: list[str] = []
    page.on("request", lambda req: requested.append(req.url))
    page.goto(f"{site}/{page_name}.html", wait_until="networkidle")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    shots = os.environ.get("SPHINX_CV_SCREENSHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(shots) / f"{page_name}-{viewport}.png"), full_page=True)
    # The directives' output is on the page.
    assert page.locator(".cv-timeline, .cv-publications, .cv-profile-card").count() > 0
    context.close()
    assert errors == []
    assert overflow <= 0, f"{page_name} overflows by {overflow}px at {width}px"
    # Nothing is fetched from another host (no fonts, icons or scripts from a CDN).
    assert [url for url in requested if not url.startswith((site, "data:"))] == []


# -- the sphinx_cv theme (the example site's theme) ----------------------------------------


def open_page(browser: object, viewport: str, scheme: str = "light") -> tuple[object, object]:
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(
        viewport={"width": width, "height": height},  # type: ignore[attr-defined]
        color_scheme=scheme,
    )
    return context, context.new_page()


def style(page: object, selector: str, prop: str) -> str:
    return page.eval_on_selector(  # type: ignore[attr-defined]
        selector, f"e => getComputedStyle(e).getPropertyValue('{prop}')"
    )


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_author_card_and_navigation(site: str, browser: object, viewport: str) -> None:
    context, page = open_page(browser, viewport)
    page.goto(f"{site}/publications.html")  # type: ignore[attr-defined]
    card = page.locator(".cv-author")  # type: ignore[attr-defined]
    main = page.locator("main")  # type: ignore[attr-defined]
    assert card.is_visible()
    assert page.locator(".cv-author-name").inner_text() == "Qingyu Song"  # type: ignore[attr-defined]
    assert page.locator(".cv-author-scholar").is_visible()  # type: ignore[attr-defined]
    box, content = card.bounding_box(), main.bounding_box()
    nav = page.locator("#cv-nav-list")  # type: ignore[attr-defined]
    menu = page.locator(".cv-nav-toggle")  # type: ignore[attr-defined]
    current = page.locator('#cv-nav-list a[aria-current="page"]')  # type: ignore[attr-defined]
    if viewport == "desktop":
        # A column beside the content; the navigation in the bar.
        assert box["x"] + box["width"] <= content["x"]
        assert nav.is_visible() and not menu.is_visible()
        assert current.inner_text() == "Publications"
    else:
        # A compact card above the content; the navigation behind a menu button.
        assert box["y"] + box["height"] <= content["y"]
        assert box["height"] < 0.45 * VIEWPORTS["phone"][1]
        assert menu.is_visible() and not nav.is_visible()
        menu.click()
        assert nav.is_visible() and menu.get_attribute("aria-expanded") == "true"
        page.keyboard.press("Escape")  # type: ignore[attr-defined]
        assert not nav.is_visible() and menu.get_attribute("aria-expanded") == "false"
        menu.click()
        page.locator("#cv-nav-list a", has_text="Curriculum Vitae").click()  # type: ignore[attr-defined]
        page.wait_for_url("**/cv.html")  # type: ignore[attr-defined]
    context.close()


DARK_BG = "rgb(17, 20, 24)"
LIGHT_BG = "rgb(255, 255, 255)"


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_dark_mode_toggle_is_remembered(site: str, browser: object, viewport: str) -> None:
    context, page = open_page(browser, viewport, "light")
    page.goto(f"{site}/index.html")  # type: ignore[attr-defined]
    toggle = page.locator(".cv-mode-toggle")  # type: ignore[attr-defined]
    assert style(page, "body", "background-color") == LIGHT_BG
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"  # type: ignore[attr-defined]
    assert style(page, "body", "background-color") == DARK_BG
    assert toggle.get_attribute("aria-pressed") == "true"
    # Remembered across a reload and on other pages...
    page.reload()  # type: ignore[attr-defined]
    assert style(page, "body", "background-color") == DARK_BG
    assert toggle.get_attribute("aria-pressed") == "true"
    # ... and applied by the inline script in <head>, before the theme's script runs
    # (so a dark page never flashes white): here the theme's script never loads.
    page.route("**/sphinx-cv-theme.js", lambda route: route.abort())  # type: ignore[attr-defined]
    page.goto(f"{site}/cv.html")  # type: ignore[attr-defined]
    assert style(page, "body", "background-color") == DARK_BG
    context.close()
    # The system's dark preference is followed until the visitor chooses light.
    context, page = open_page(browser, viewport, "dark")
    page.goto(f"{site}/index.html")  # type: ignore[attr-defined]
    toggle = page.locator(".cv-mode-toggle")  # type: ignore[attr-defined]
    assert style(page, "body", "background-color") == DARK_BG
    assert toggle.get_attribute("aria-pressed") == "true"
    toggle.click()
    page.reload()  # type: ignore[attr-defined]
    assert style(page, "body", "background-color") == LIGHT_BG
    context.close()


def test_focus_is_visible(site: str, browser: object) -> None:
    context, page = open_page(browser, "desktop")
    page.goto(f"{site}/index.html")  # type: ignore[attr-defined]
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    # The first stop is the skip link, shown when focused.
    assert page.evaluate("document.activeElement.className") == "cv-skip"  # type: ignore[attr-defined]
    assert page.locator(".cv-skip").bounding_box()["y"] >= 0  # type: ignore[attr-defined]
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    assert style(page, ":focus", "outline-style") == "solid"
    context.close()


def test_print_shows_the_content_only(site: str, browser: object) -> None:
    context, page = open_page(browser, "desktop", "dark")
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    page.goto(f"{site}/cv.html")  # type: ignore[attr-defined]
    for hidden in (".cv-masthead", ".cv-author", ".cv-footer"):
        assert style(page, hidden, "display") == "none", hidden
    assert page.locator(".cv-header .cv-name").is_visible()  # type: ignore[attr-defined]
    assert style(page, "body", "background-color") == LIGHT_BG
    assert style(page, "body", "color") == "rgb(0, 0, 0)"
    pdf = page.pdf(format="A4")  # type: ignore[attr-defined]
    assert pdf.startswith(b"%PDF")
    shots = os.environ.get("SPHINX_CV_SCREENSHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        (Path(shots) / "cv-print.pdf").write_bytes(pdf)
    context.close()


def axe_runner() -> object:
    if os.environ.get("CI"):
        from axe_playwright_python.sync_playwright import Axe
    else:
        Axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe
    return Axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_accessibility(site: str, browser: object, viewport: str, scheme: str) -> None:
    """axe-core (bundled by the axe-playwright-python package): no serious or critical
    violation on any page, in either colour mode."""
    axe = axe_runner()
    context, page = open_page(browser, viewport, scheme)
    problems = []
    for name in PAGES:
        page.goto(f"{site}/{name}.html")  # type: ignore[attr-defined]
        results = axe.run(page).response  # type: ignore[attr-defined]
        assert results["testEngine"]["name"] == "axe-core"
        for violation in results["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"]][:5]
                problems.append(f"{name}: {violation['id']} ({violation['impact']}) {targets}")
    # The check sees a violation when there is one.
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")  # type: ignore[attr-defined]
    found = {v["id"] for v in axe.run(page).response["violations"]}  # type: ignore[attr-defined]
    assert "image-alt" in found
    context.close()
    assert problems == []


def test_homepage_weight(site: str, browser: object, record_property: object) -> None:
    """The homepage and everything it loads, as a first-time visitor fetches it."""
    context, page = open_page(browser, "desktop")
    loads: list[tuple[str, int]] = []
    page.on(
        "response",
        lambda response: loads.append(  # type: ignore[attr-defined]
            (response.url, len(response.body()))
        ),
    )
    page.goto(f"{site}/index.html", wait_until="networkidle")  # type: ignore[attr-defined]
    context.close()
    total = sum(size for _, size in loads)
    record_property("homepage_bytes", total)  # type: ignore[operator]
    print(f"\nhomepage weight: {total} bytes in {len(loads)} files")
    assert {url.split("?")[0].rsplit("/", 1)[-1] for url, _ in loads} >= {
        "index.html",
        "sphinx-cv-theme.css",
        "sphinx-cv-theme.js",
        "sphinx-cv.css",
    }
    assert all(url.startswith(site) for url, _ in loads)
    assert total < 100_000, loads
