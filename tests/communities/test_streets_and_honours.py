"""Streets (街道/乡镇) as pages of their own, and honours as they are really given: holders other
than the community, the community that awarded them, the whole level ladder, months and runs."""

import pytest
from django.core.exceptions import ValidationError

from communities.models import Community, Facility, Honour, HonourLevel, Street
from tests.helpers import page_html as page

pytestmark = pytest.mark.django_db


def test_the_level_ladder_runs_from_national_to_community():
    assert [label for _, label in HonourLevel.choices] == [
        "国家级",
        "省级",
        "市级",
        "县（区）级",
        "街道（乡镇）级",
        "社区级",
    ]


def test_an_honour_date_is_a_year_a_month_or_a_run():
    assert Honour(year=2021).date_display == "2021年"
    assert Honour(year=2023, month=3).date_display == "2023年3月"
    assert Honour(year=2023, first_year=2019).date_display == "2019—2023年（连续5年）"
    assert Honour().date_display == ""


def test_a_community_page_shows_what_it_holds_apart_from_what_it_awarded(client, demo):
    zhongnan = Community.objects.get(slug="zhongnan")
    Honour.objects.create(
        title="最美楼栋长",
        level=HonourLevel.COMMUNITY,
        community=zhongnan,
        awarded_by_community=zhongnan,
        recipient_kind="person",
        recipient_name="刘桂英",
        year=2023,
        month=3,
        is_live=True,
    )
    Honour.objects.create(
        title="星级党组织",
        level=HonourLevel.STREET,
        awarding_body="高塘岭街道党工委",
        community=zhongnan,
        recipient_kind="party_org",
        recipient_name="中南社区党总支",
        year=2023,
        first_year=2021,
        is_live=True,
    )
    html = page(client, "/communities/zhongnan/")
    held = html[html.index('id="h-honours"') : html.index('id="h-awarded"')]
    awarded = html[html.index('id="h-awarded"') :]
    assert "<h3>街道（乡镇）级</h3>" in held
    assert "<strong>中南社区党总支</strong> 高塘岭街道党工委“星级党组织”（2021—2023年（连续3年））" in held
    assert "最美楼栋长" not in held
    assert "<strong>刘桂英</strong> 中南社区“最美楼栋长”（2023年3月）" in awarded


def test_a_holder_other_than_the_community_needs_a_name_and_a_place():
    honour = Honour(title="文明小区", level=HonourLevel.DISTRICT, recipient_kind="compound")
    with pytest.raises(ValidationError) as caught:
        honour.full_clean()
    assert "recipient_name" in caught.value.message_dict and "community" in caught.value.message_dict


def test_a_street_page_lists_its_committee_communities_facilities_honours_and_articles(client, demo):
    street = Street.objects.get(slug="changhelang")
    Honour.objects.create(
        title="全区党建工作先进集体",
        level=HonourLevel.DISTRICT,
        street=street,
        recipient_kind="party_org",
        recipient_name="长和廊街道党工委",
        awarding_body="中共玉泉区委",
        year=2020,
        is_live=True,
    )
    html = page(client, street.get_absolute_url())
    assert "<h1" in html and "长和廊街道</h1>" in html
    assert "内蒙古自治区呼和浩特市玉泉区长和廊街道" in html and "长和廊街道党工委" in html
    assert "/communities/guanyinmiao/" in html  # its community
    assert "/communities/facilities/changhelang-warm-space/" in html  # its own 党群服务中心
    assert "<strong>长和廊街道党工委</strong> 中共玉泉区委“全区党建工作先进集体”（2020年）" in html
    assert "/article/hohhot-yuquan-grassroots-party-building/" in html
    facility = page(client, "/communities/facilities/changhelang-warm-space/")
    assert '<a href="/communities/streets/changhelang/">长和廊街道</a>' in facility


def test_a_street_in_review_is_not_shown(client, demo):
    street = Street.objects.create(name="新建街道", slug="new-street", is_live=False)
    assert client.get(street.get_absolute_url()).status_code == 404
    Facility.objects.filter(slug="changhelang-warm-space").update(street=street)
    assert client.get("/communities/facilities/changhelang-warm-space/").status_code == 404
    assert "/communities/streets/new-street/" not in client.get("/sitemap.xml").content.decode()
