"""A reader sees a community's 小区 with its own 党支部 and a street's 班子成员 at every width the
portals are read at (1280, 768, 375 and 360 px), with full-width punctuation and no overflow."""

from communities.models import Street
from tests.browser.conftest import screenshot

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_a_neighbourhood_party_branch_and_a_street_officer(site, page):
    street = Street.objects.get(name="长和廊街道")
    for width in (1280, 768, 375, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(site + "/communities/hengchang/")
        places = page.get_by_role("region", name="小区")
        assert places.locator("li").first.inner_text().startswith("恒昌小区：设恒昌小区党支部。")
        assert "始建于1993年" in places.inner_text()
        assert page.evaluate(OVERFLOW) <= 0, f"the community page overflows at {width} px"
        screenshot(page, f"community-neighbourhoods-{width}")
        page.goto(site + street.get_absolute_url())
        assert page.locator("p.officers").inner_text() == "班子成员：党群服务中心副主任 杨俊爱"
        assert page.evaluate(OVERFLOW) <= 0, f"the street page overflows at {width} px"
        screenshot(page, f"street-officers-{width}")
