"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright against a live server.

A missing Chromium fails these tests: CI must install it (see .ci/run).
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM is still used synchronously.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.getenv("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
AXE = Path(__file__).resolve().parent / "assets" / "axe.min.js"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}: install Debian's chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--headless",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db, django_db_setup):
    """The demo portal on a live server: the session's demo put back (tests/snapshot.py), as a
    flush between transactional tests empties the database."""
    django_db_setup.restore()
    return live_server.url


def _ours(url):
    """A request to one of the demo's portals (localhost, <portal>.localhost) or inline data."""
    return url.startswith("data:") or (urlsplit(url).hostname or "").endswith("localhost")


def on(site, portal, path="/"):
    """``path`` on the demo portal ``portal`` (its host ``<portal>.localhost``) of the live server."""
    return f"http://{portal}.localhost:{urlsplit(site).port}{path}"


@pytest.fixture
def page(browser):
    # bypass_csp lets axe-core be injected; test_csp.py checks the policy with it on.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", bypass_csp=True)
    page = context.new_page()
    external = []
    page.on("request", lambda r: None if _ours(r.url) else external.append(r.url))
    yield page
    context.close()
    assert external == [], f"the page asked other hosts: {external}"


# Every image loaded (lazy ones made eager) and the fonts ready: what a screenshot needs. Waiting
# for these rather than for "networkidle" (half a second of silence) saves that half second on
# each of the suite's screenshots.
LOADED = """async () => {
  document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; });
  await Promise.all(Array.from(document.images, i => i.complete ? null
    : new Promise(done => { i.addEventListener('load', done); i.addEventListener('error', done); })));
  await document.fonts.ready;
}"""


def screenshot(page, name, full_page=True):
    """Save a screenshot as a CI artifact (the full page, or the window: a dialog stays where
    the editor sees it), with lazy images loaded."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.evaluate(LOADED)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def axe_violations(page):
    """Serious and critical axe-core violations on the current page."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def login(browser, site, username, password):
    """A new browser context logged in to the admin as a demo account."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
    page.goto(site + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    return page
