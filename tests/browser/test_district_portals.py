"""The five district portals of the demo as their readers see them, in Chromium: each on its own
host, dressed as its source, at 1280, 768, 375 and 360 px (screenshots in artifacts/); no page
wider than the window, no serious or critical axe finding; the comment block in the reader's
script; 语音朗读 offered only with a Chinese voice."""

from urllib.parse import urlsplit

import pytest

from newsroom.core.chinese import to_simplified
from tests.browser.conftest import axe_violations, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PORTALS = [
    ("yuquan", "hohhot-yuquan-grassroots-party-building"),
    ("wuhua", "kunming-xinwenli-community"),
    ("wangcheng", "changsha-zhongnan-six-neighbours"),
    ("wuhou", "chengdu-wuhou-gongheli-community"),
    ("jiulongpo", "chongqing-minan-huafu-doorstep-party-building"),
]


NAMES = {"yuquan": "玉泉区新闻网", "wuhua": "五华区新闻网", "wangcheng": "望城区新闻网", "wuhou": "武侯区新闻网"}
NAMES["jiulongpo"] = "九龙坡区新闻网"


@pytest.fixture
def reader(browser):
    """A reader's browser that may load pages of every demo portal (*.localhost), nothing else."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", bypass_csp=True)
    page = context.new_page()
    elsewhere = []
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith("data:") or (urlsplit(r.url).hostname or "").endswith("localhost")
            else elsewhere.append(r.url)
        ),
    )
    yield page
    context.close()
    assert elsewhere == [], f"the page asked other hosts: {elsewhere}"


def address(site, portal):
    port = urlsplit(site).port
    return f"http://{portal}.localhost:{port}"


@pytest.mark.parametrize("portal, slug", PORTALS, ids=[p for p, _ in PORTALS])
def test_each_district_portal_at_every_width(site, reader, settings, portal, slug):
    settings.DEBUG = True  # as `make run`: 武侯区's comments come with the development verifier
    base = address(site, portal)
    for path, name in (("/", "home"), (f"/article/{slug}/", "article")):
        reader.goto(base + path)
        # (a Traditional article prints its portal's name in its script, as its source did)
        assert to_simplified(reader.locator(".brand-name").inner_text()) == NAMES[portal]
        for width in (1280, 768, 375, 360):
            reader.set_viewport_size({"width": width, "height": 900})
            assert reader.evaluate("document.documentElement.scrollWidth") <= width, (portal, path, width)
            if width in (1280, 375):
                screenshot(reader, f"district-{portal}-{name}-{width}")
        reader.set_viewport_size({"width": 1280, "height": 900})
        assert axe_violations(reader) == [], (portal, path)


def test_comments_come_in_the_readers_script(site, reader, settings):
    settings.DEBUG = True
    base = address(site, "wuhou")
    reader.goto(base + "/reader/script/?to=hans&next=/article/chengdu-wuhou-gongheli-community/")
    reader.locator("#comments h3").first.wait_for()
    block = reader.locator("#comments").inner_text()
    assert "最新评论" in block and "热门评论" in block and "最新評論" not in block
    reader.goto(base + "/reader/script/?to=hant&next=/article/chengdu-wuhou-gongheli-community/")
    reader.locator("#comments h3").first.wait_for()
    assert "最新評論" in reader.locator("#comments").inner_text()


def test_reading_aloud_is_offered_only_with_a_chinese_voice(site, reader):
    reader.goto(site + "/article/hohhot-yuquan-grassroots-party-building/")
    voices = reader.evaluate("speechSynthesis.getVoices().filter(v => /^(zh|cmn|yue)/i.test(v.lang)).length")
    assert reader.locator(".speak").is_hidden() == (voices == 0)
