"""Community directory, profile, honours and facility pages."""

import pytest

from communities.models import Community, HonourLevel
from tests.helpers import page_html as page

pytestmark = pytest.mark.django_db


def test_profile_shows_facts_reflections_honours_facilities_and_articles(client, demo):
    html = page(client, "/communities/gongheli/", host="wuhou")  # its articles are 武侯区's
    assert "<caption>社区简介</caption>" in html
    for fact in ("2002年1月1日", "0.27 平方公里", "5002 户", "14929 人", "7562 人", "3681 名", "540 家", "666 家"):
        assert fact in html, fact
    assert "书记感怀" in html and "林晓俊" in html
    assert "<h3>市级</h3>" in html and "<h3>县（区）级</h3>" in html
    assert html.index("<h3>市级</h3>") < html.index("<h3>县（区）级</h3>")
    assert '<p class="place">四川省成都市武侯区<a href="/communities/streets/wangjianglu/">望江路街道</a></p>' in html
    assert "学雷锋志愿服务三级示范站" in html
    assert "阵地与设施" in html and "日间照料中心" in html
    assert "党建亮点" in html
    assert "社区报道" in html and "/article/chengdu-wuhou-gongheli-community/" in html


def test_facility_cards_show_their_numbers(client, demo):
    html = page(client, "/communities/zhongnan/")
    assert "1700 平方米" in html and "可容纳" in html and "368 人" in html
    assert "25元/月" in html and "31 亩" in html
    html = page(client, "/communities/xinwenli/")
    assert "约 300 米" in html and "2021年8月" in html


def test_people_and_families_are_named_with_their_honours(client, demo):
    html = page(client, "/communities/xinwenli/")
    assert "<strong>李艳芳家庭</strong> 五华区第六届“最美家庭”" in html
    assert "<strong>王群群</strong>" in html


def test_directory_filters_by_district_street_and_honour_level(client, demo, home_geography):
    html = page(client, "/communities/")
    assert html.count('<h2><a href="/communities/') == 7
    assert page(client, "/communities/", district="玉泉区").count("<h2><a href") == 3
    assert page(client, "/communities/", street="huayan").count("<h2><a href") == 1
    html = page(client, "/communities/", honour_level=HonourLevel.NATIONAL)
    assert html.count("<h2><a href") == 2 and "民安华福社区" in html and "新闻里社区" in html


def test_a_portal_lists_the_communities_of_its_own_district(client, demo):
    """玉泉区 lists 玉泉区's three (two of them with no street, in its district), 武侯区 its one."""
    html = page(client, "/communities/")
    assert html.count('<h2><a href="/communities/') == 3 and "共和路社区" not in html
    html = page(client, "/communities/", host="wuhou")
    assert html.count('<h2><a href="/communities/') == 1 and "共和路社区" in html
    assert "学雷锋志愿服务三级示范站" in page(client, "/communities/honours/", host="wuhou")
    assert "学雷锋志愿服务三级示范站" not in page(client, "/communities/honours/")


def test_honours_page_filters_by_level_and_year(client, demo, home_geography):
    html = page(client, "/communities/honours/")
    assert "共 15 项荣誉" in html
    assert "共 5 项荣誉" in page(client, "/communities/honours/", level=HonourLevel.CITY)
    html = page(client, "/communities/honours/", level=HonourLevel.NATIONAL)
    assert "共 4 项荣誉" in html and "全国先进基层党组织" in html


def test_facility_page(client, demo):
    html = page(client, "/communities/facilities/leifeng-station/")
    assert "雷锋驿站" in html and "日间照料中心" in html and "同心公园旁" in html
    html = page(client, "/communities/facilities/changhelang-warm-space/")
    assert "长和廊街道" in html and "暖心坊" in html


def test_facility_and_community_photos_show_credits(client, demo):
    from communities.models import Facility
    from newsroom.models import Person, Photo

    facility = Facility.objects.get(slug="tongxin-park")
    Photo.objects.create(
        facility=facility,
        community=facility.community,
        image="demo/x.jpg",
        width=10,
        height=10,
        is_live=True,
        caption="同心公园大舞台",
        alt_text="公园",
        credit_kind="photo",
        credit_person=Person.objects.get(name="张聿修"),
    )
    assert "张聿修 摄" in page(client, "/communities/facilities/tongxin-park/")
    assert "张聿修 摄" in page(client, "/communities/zhongnan/")


def test_unknown_community_is_404(client, demo):
    assert client.get("/communities/nowhere/").status_code == 404


def test_figures_print_as_the_sources_give_them(client, demo):
    """约, 余 and 多 as the source says them; 户籍 beside 常住; an exact figure stays exact."""
    Community.objects.filter(slug="zhongnan").update(
        volunteers=320,
        volunteers_qualifier="about",
        shops=10,
        shops_qualifier="over",
        companies=70,
        companies_qualifier="more",
        registered_residents=3200,
        residents=5000,
    )
    html = page(client, "/communities/zhongnan/")
    assert "<td>约 320 名</td>" in html and "<td>10 余家</td>" in html and "<td>70 多家</td>" in html
    assert '<th scope="row">户籍人口</th><td>3200 人</td>' in html and "<td>5000 人</td>" in html
    assert "约 19000 户" in page(client, "/communities/minan-huafu/")  # 1.9万户
    assert "368 人" in html and "约 368" not in html


def test_an_unknown_place_is_left_out(client, demo):
    Community.objects.filter(slug="zhongnan").update(province="", city="")
    html = page(client, "/communities/zhongnan/")
    assert '<p class="place">望城区<a href="/communities/streets/gaotangling/">高塘岭街道</a></p>' in html
    assert "不详" not in html
