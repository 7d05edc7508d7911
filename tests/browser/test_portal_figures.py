"""What a reader's browser measures on the portal: accessibility in 长者模式 and 哀悼日 grey mode
on every page type, and the article page's weight, largest paint and layout shift at desktop and
phone widths. The figures go to ``artifacts/portal-figures.json`` beside the screenshots."""

import json

from django.utils import timezone

from newsroom.models import Portal
from tests.browser.conftest import ARTIFACTS, axe_violations, on, screenshot
from tests.browser.test_reader_journey import PAGE_TYPES

ARTICLE = "/article/hohhot-yuquan-grassroots-party-building/"

# The largest paint and the layout shift so far, as Lighthouse reads them (buffered entries).
PAINT_AND_SHIFT = """() => new Promise(done => {
  let last = null, shift = 0;
  new PerformanceObserver(list => { const e = list.getEntries(); last = e[e.length - 1]; })
    .observe({type: "largest-contentful-paint", buffered: true});
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) shift += e.value; })
    .observe({type: "layout-shift", buffered: true});
  setTimeout(() => done({
    lcp_ms: last ? Math.round(last.startTime) : null,
    lcp_element: last && last.element ? last.element.tagName.toLowerCase() + (last.element.id ? "#" + last.element.id : "")
      + (last.element.closest("figure") ? " (figure)" : "") : null,
    layout_shift: Math.round(shift * 1000) / 1000,
  }), 800);
})"""


def test_every_page_type_passes_axe_in_care_and_grey_modes(site, page):
    """Each page type in 长者模式 (switched on in each portal, as the cookie is each host's own)
    and on 哀悼日 (set for every portal)."""
    pages = {name: on(site, *path) if isinstance(path, tuple) else site + path for name, path in PAGE_TYPES.items()}
    for host in {path[0] for path in PAGE_TYPES.values() if isinstance(path, tuple)}:
        page.goto(on(site, host, "/reader/care/?on=1&next=/"))
    page.goto(site + "/reader/care/?on=1&next=/")
    for name, url in pages.items():
        page.goto(url)
        assert "care" in page.locator("html").get_attribute("class"), name
        assert axe_violations(page) == [], ("长者模式", name)
    page.context.clear_cookies()
    for portal in Portal.objects.all():  # saved one by one: each save makes the pages stale
        portal.mourning_from = timezone.localdate()
        portal.save()
    for name, url in pages.items():
        page.goto(url)
        assert "mourning" in page.locator("html").get_attribute("class"), name
        assert axe_violations(page) == [], ("哀悼日", name)
    screenshot(page, "search-mourning")


def test_article_weight_paint_and_shift_at_desktop_and_phone(site, browser):
    figures = {}
    for width in (1280, 375):
        context = browser.new_context(viewport={"width": width, "height": 900 if width > 500 else 667}, locale="zh-CN")
        page = context.new_page()
        sizes = []
        page.on("requestfinished", lambda request: sizes.append((request.resource_type, request.sizes())))
        response = page.goto(site + ARTICLE)
        page.wait_for_load_state("networkidle")
        html = len(response.body())
        measured = page.evaluate(PAINT_AND_SHIFT)
        context.close()
        by_type = {}
        for kind, size in sizes:
            by_type[kind] = by_type.get(kind, 0) + size["responseBodySize"] + size["responseHeadersSize"]
        figures[width] = {
            "html_bytes": html,
            "requests": len(sizes),
            "transfer_bytes": sum(by_type.values()),
            "transfer_by_type": by_type,
            **measured,
        }
        # The page does not jump while it loads (Lighthouse's "good": ≤ 0.1), and its largest
        # paint is the article's own: the title or the lead photo, not a sidebar or banner.
        assert measured["layout_shift"] <= 0.1, (width, measured)
        assert measured["lcp_element"] in ("h1#article-title", "img (figure)", "p"), (width, measured)
        assert html < 40_000, (width, html)
    # A phone loads smaller photo renditions than a desktop.
    assert figures[375]["transfer_by_type"].get("image", 0) <= figures[1280]["transfer_by_type"].get("image", 0)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS.parent / "portal-figures.json").write_text(json.dumps(figures, ensure_ascii=False, indent=2))
    print(json.dumps(figures, ensure_ascii=False))
