"""A reader in real Chromium: browsing, 简繁, font size, print view, keyboard, accessibility, small screens."""

import pytest

from tests.browser.conftest import axe_violations, on, screenshot

# path, or (portal, path) for a page of another district's portal.
PAGE_TYPES = {
    "home": "/",
    "column": "/column/party/",
    "article": ("jiulongpo", "/article/chongqing-minan-huafu-doorstep-party-building/"),
    "article-traditional": ("wuhua", "/article/kunming-xinwenli-community/"),
    "topic": ("wuhou", "/topic/wuhou-chengdu/"),
    "series": ("jiulongpo", "/series/jiceng-baolei/"),
    "community-directory": "/communities/",
    "community": ("wuhou", "/communities/gongheli/"),
    "honours": "/communities/honours/",
    "facility": "/communities/facilities/leifeng-station/",
    "page": "/pages/contact/",
    "site-map": "/sitemap/",
    "search": "/search/?q=社区",
}


def test_a_reader_goes_from_home_to_a_community_profile(site, page):
    page.goto(site + "/")
    page.get_by_role("navigation", name="栏目导航").get_by_role("link", name="党建工作", exact=True).click()
    assert page.locator("h1").inner_text() == "党建工作"
    page.get_by_role("link", name="呼和浩特市玉泉区：让基层党建在服务群众中更加接地气、有温度").first.click()
    assert "玉泉区" in page.locator("h1").inner_text()
    assert page.locator("figure.photo figcaption .credit").first.inner_text() == "张聿修 摄"
    # A sized WebP rendition fit for the 720 px column, not the 1200 px original.
    lead = page.locator("figure.photo img").first
    loaded = "img => img.complete ? img.naturalWidth : new Promise(done => { img.onload = () => done(img.naturalWidth); img.onerror = () => done(-1); })"
    assert lead.evaluate(loaded) > 0  # loaded (Chromium reports it at the 720 px slot's density)
    assert "/media/renditions/" in lead.evaluate("img => img.currentSrc")
    assert lead.evaluate("img => img.currentSrc").endswith("/w960.webp")
    page.get_by_role("complementary", name="推荐阅读").get_by_role("link", name="观音庙社区").click()
    assert page.locator("h1").inner_text() == "观音庙社区"
    page.go_back()
    page.get_by_role("link", name="万锦社区", exact=True).click()
    assert page.locator("h1").inner_text() == "万锦社区"
    assert page.get_by_role("heading", name="阵地与设施").is_visible()


def test_a_reader_switches_to_traditional_and_back(site, page):
    article = on(site, "wangcheng", "/article/changsha-zhongnan-six-neighbours/")
    page.goto(article)
    page.get_by_role("link", name="繁", exact=True).click()
    assert page.url == article
    assert "望城區" in page.locator("h1").inner_text()
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    page.goto(on(site, "wangcheng"))  # remembered on the next page
    assert "頭條" in page.locator("#h-headline").inner_text()
    page.get_by_role("link", name="簡", exact=True).click()
    assert page.locator("#h-headline").inner_text() == "头条"
    page.goto(on(site, "wuhou", "/article/chengdu-wuhou-gongheli-community/"))  # another portal: its own cookie
    assert "共和路社區成立於2002年1月1日" in page.locator("#article-body").inner_text()  # 原文, as published
    page.get_by_role("link", name="簡", exact=True).click()
    assert "共和路社区成立于2002年1月1日" in page.locator("#article-body").inner_text()
    page.get_by_role("link", name="原文", exact=True).click()
    assert "共和路社區成立於2002年1月1日" in page.locator("#article-body").inner_text()


def test_a_reader_enlarges_the_text_and_opens_the_print_view(site, page):
    page.goto(site + "/article/hohhot-yuquan-grassroots-party-building/")
    body = page.locator("#article-body p").nth(1)
    normal = body.evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
    page.get_by_role("button", name="大", exact=True).click()
    assert body.evaluate("p => parseFloat(getComputedStyle(p).fontSize)") > normal
    page.reload()  # remembered
    assert body.evaluate("p => parseFloat(getComputedStyle(p).fontSize)") > normal
    page.get_by_role("button", name="小", exact=True).click()
    assert body.evaluate("p => parseFloat(getComputedStyle(p).fontSize)") < normal

    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".site-footer").is_visible()
    assert page.locator("#article-body").is_visible()
    assert page.locator(".reprint").is_visible()
    screenshot(page, "article-print")
    page.emulate_media(media="screen")


def test_care_mode_gives_large_text_and_spacing(site, page):
    page.goto(site + "/")
    page.get_by_role("link", name="长者模式（大字・高对比）").click()
    size, spacing = page.locator("body").evaluate(
        "b => [parseFloat(getComputedStyle(b).fontSize), parseFloat(getComputedStyle(b).lineHeight)]"
    )
    assert size >= 20 and spacing / size >= 1.5
    assert axe_violations(page) == []
    screenshot(page, "home-care-mode")
    # Everything scales, not only the body: the footer, the switch back, captions and the meta line.
    page.goto(site + "/article/hohhot-yuquan-grassroots-party-building/")
    for selector in (".site-footer p", ".care-switch", "figcaption", ".meta", ".disclaimer p", ".breadcrumb"):
        smallest = page.locator(selector).first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        assert smallest >= 17, (selector, smallest)
    screenshot(page, "article-care-mode")


def test_keyboard_reaches_the_content_first(site, page):
    page.goto(site + "/article/hohhot-yuquan-grassroots-party-building/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # Sub-columns open for keyboard users too.
    page.goto(site + "/")
    page.get_by_role("navigation", name="栏目导航").get_by_role("link", name="新闻中心", exact=True).focus()
    assert page.get_by_role("link", name="部门新闻", exact=True).is_visible()


@pytest.mark.parametrize("name, path", PAGE_TYPES.items())
def test_every_page_type_passes_axe_and_fits_small_screens(site, page, name, path):
    path = on(site, *path) if isinstance(path, tuple) else site + path
    page.goto(path)
    assert axe_violations(page) == [], name
    screenshot(page, f"{name}-1280")
    for width in (375, 360):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= width, f"{name} is {overflow}px wide at {width}px"
    screenshot(page, f"{name}-360")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, f"{name}-375")
    page.set_viewport_size({"width": 768, "height": 1000})
    page.goto(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 768, name
    screenshot(page, f"{name}-768")


def test_on_a_phone_the_article_starts_on_the_first_screen(site, page):
    """At 375 × 667 (the smallest common phone screen) the navigation is one button, and the title
    and the first paragraph are on the first screen; the button unfolds the columns."""
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto(site + "/article/hohhot-yuquan-grassroots-party-building/")
    toggle = page.get_by_role("button", name="栏目导航")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    nav = page.locator("#site-nav-list")
    assert not nav.get_by_role("link", name="党建工作", exact=True).is_visible()
    first = page.locator(".article-body p").first
    assert page.locator("h1").bounding_box()["y"] < 667
    box = first.bounding_box()
    assert box["y"] < 667, f"the first paragraph starts at {box['y']:.0f}px"
    screenshot(page, "article-first-screen-375")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert nav.get_by_role("link", name="党建工作", exact=True).is_visible()


def test_the_focus_photos_turn_with_buttons_and_keys(site, page):
    page.emulate_media(reduced_motion="reduce")  # no automatic turn while the test reads it
    page.goto(site + "/")
    dots = page.locator(".slide-controls .dot")
    assert dots.count() == page.locator("#slides > li").count() >= 2
    assert dots.nth(0).get_attribute("aria-current") == "true"
    page.get_by_role("button", name="下一张").click()
    assert dots.nth(1).get_attribute("aria-current") == "true"
    page.locator("#slides").focus()
    page.keyboard.press("ArrowLeft")
    assert dots.nth(0).get_attribute("aria-current") == "true"
    assert axe_violations(page) == []
    screenshot(page, "home-focus-photos")
