"""The website features (tests/roots/test-web) in headless Chromium: the new pages fit
phones and desktops with no console error and nothing from another host, axe-core finds
no serious issue, the filter filters with JavaScript and hides nothing without it, the
long author list expands, and the pages stay light."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_browser import VIEWPORTS, axe_runner, browser, built_and_served

REPO = Path(__file__).parent.parent.resolve()
PAGES = ["index", "publications", "talks", "publications/lovelace1843notes", "publications/big2024"]

__all__ = ["browser"]  # the fixture, shared with tests/test_browser.py


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    source = REPO / "tests" / "roots" / "test-web"
    with built_and_served(source, tmp_path_factory.mktemp("web")) as url:
        yield url


def new_page(
    browser: object, viewport: str = "desktop", scheme: str = "light", js: bool = True
) -> tuple[object, object]:
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": width, "height": height}, color_scheme=scheme, java_script_enabled=js
    )
    page = context.new_page()
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    return context, page


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_pages_fit_without_errors_or_other_hosts(site: str, browser: object, viewport: str) -> None:
    context, page = new_page(browser, viewport)
    errors: list[str] = []
    requested: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)  # type: ignore[attr-defined]
    page.on("pageerror", lambda exc: errors.append(str(exc)))  # type: ignore[attr-defined]
    page.on("requestfailed", lambda req: errors.append(f"failed: {req.url}"))  # type: ignore[attr-defined]
    page.on("request", lambda req: requested.append(req.url))  # type: ignore[attr-defined]
    overflows = {}
    for name in PAGES:
        page.goto(f"{site}/{name}.html", wait_until="networkidle")  # type: ignore[attr-defined]
        overflows[name] = page.evaluate(  # type: ignore[attr-defined]
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    context.close()
    assert errors == []
    assert {k: v for k, v in overflows.items() if v > 0} == {}
    assert [url for url in requested if not url.startswith((site, "data:"))] == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_accessibility_of_the_new_pages(
    site: str, browser: object, viewport: str, scheme: str
) -> None:
    axe = axe_runner()
    context, page = new_page(browser, viewport, scheme)
    problems = []
    for name in PAGES:
        page.goto(f"{site}/{name}.html")  # type: ignore[attr-defined]
        if name == "publications":  # the collapsed list open too
            page.click("#pub-big2024 summary")  # type: ignore[attr-defined]
        results = axe.run(page).response  # type: ignore[attr-defined]
        for violation in results["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"]][:5]
                problems.append(f"{name}: {violation['id']} ({violation['impact']}) {targets}")
    context.close()
    assert problems == []


def visible_entries(page: object) -> list[str]:
    return page.eval_on_selector_all(  # type: ignore[attr-defined,no-any-return]
        "li.cv-pub", "els => els.filter(e => e.offsetParent !== null).map(e => e.id)"
    )


def test_filter_with_javascript(site: str, browser: object) -> None:
    context, page = new_page(browser)
    page.goto(f"{site}/publications.html")  # type: ignore[attr-defined]
    assert page.is_visible("form.cv-filter")  # type: ignore[attr-defined]
    assert len(visible_entries(page)) == 3
    page.select_option("form.cv-filter select[name=year]", "2020")  # type: ignore[attr-defined]
    assert visible_entries(page) == ["pub-byron2020"]
    assert page.text_content(".cv-filter-count") == "1 of 3 shown"  # type: ignore[attr-defined]
    # A group with nothing left loses its heading.
    assert not page.is_visible("text=Preprints")  # type: ignore[attr-defined]
    page.select_option("form.cv-filter select[name=year]", "")  # type: ignore[attr-defined]
    page.fill("form.cv-filter input[name=q]", "goedel collaboration")  # type: ignore[attr-defined]
    assert visible_entries(page) == ["pub-big2024"]
    page.fill("form.cv-filter input[name=q]", "")  # type: ignore[attr-defined]
    page.select_option("form.cv-filter select[name=tag]", "engines")  # type: ignore[attr-defined]
    assert visible_entries(page) == ["pub-lovelace1843notes"]
    page.select_option("form.cv-filter select[name=tag]", "")  # type: ignore[attr-defined]
    page.select_option("form.cv-filter select[name=type]", "conference")  # type: ignore[attr-defined]
    assert visible_entries(page) == ["pub-byron2020"]
    context.close()


def test_everything_shows_without_javascript(site: str, browser: object) -> None:
    context, page = new_page(browser, js=False)
    page.goto(f"{site}/publications.html")  # type: ignore[attr-defined]
    assert not page.is_visible("form.cv-filter")  # type: ignore[attr-defined]
    assert len(visible_entries(page)) == 3
    # The long list opens without JavaScript too (<details>).
    assert not page.is_visible("#pub-big2024 .cv-authors-all")  # type: ignore[attr-defined]
    assert page.is_visible("#pub-big2024 summary .cv-me")  # type: ignore[attr-defined]
    page.click("#pub-big2024 summary")  # type: ignore[attr-defined]
    assert page.is_visible("#pub-big2024 .cv-authors-all")  # type: ignore[attr-defined]
    context.close()


@pytest.mark.parametrize("name", ["index", "publications"])
def test_pages_stay_light(site: str, browser: object, name: str) -> None:
    context, page = new_page(browser)
    loads: list[tuple[str, int]] = []
    page.on("response", lambda r: loads.append((r.url, len(r.body()))))  # type: ignore[attr-defined]
    page.goto(f"{site}/{name}.html", wait_until="networkidle")  # type: ignore[attr-defined]
    context.close()
    total = sum(size for _, size in loads)
    print(f"\n{name}: {total} bytes in {len(loads)} files")
    assert total < 100_000, loads
