"""Home, column, topic, series, standalone pages and search, as a reader sees them."""

import re

import pytest

from newsroom.models import Article, Portal
from tests.helpers import page_html as page

pytestmark = pytest.mark.django_db


def test_home_has_header_blocks_and_footer(client, demo):
    html = page(client, "/")
    assert "玉泉区新闻网" in html
    assert "新闻热线：0471-5103964" in html
    assert "投稿邮箱" not in html and "example.com" not in html  # the demo has no real address: none shown
    assert 'role="search"' in html
    for block in ("头条", "焦点图", "要闻", "图片新闻", "专题报道", "社区风采"):
        assert f">{block}" in html, block
    assert 'id="h-col-party"' in html
    assert "城市基层党建在社区" in html  # its own topic, not another district's
    assert "走进成都市武侯区" not in html


def test_every_list_item_on_the_home_page_shows_its_date(client, demo):
    html = page(client, "/")
    items = re.findall(r'<li class="item.*?</li>', html, re.S)
    assert items
    assert all(re.search(r"<time datetime=[^>]+>\d{4}-\d{2}-\d{2}</time>", item) for item in items)


def test_footer_shows_every_portal_fact(client, demo):
    Portal.objects.update(public_security_number="蒙公网安备 15010402000001号", site_code="1501040001")
    html = page(client, "/")
    assert '<a href="https://beian.miit.gov.cn/" rel="noopener" target="_blank">蒙ICP证09003619号</a>' in html
    assert "蒙公网安备 15010402000001号" in html
    assert "网站标识码：1501040001" in html
    assert "互联网新闻信息服务许可证：15120180001" in html
    assert "主办单位：内蒙古互联网新闻中心" in html
    assert "Copyright ©" in html
    assert "违法和不良信息举报" in html
    assert "电话 0471-5103964" in html and "hualongbaoliao" not in html
    for title in ("关于我们", "联系我们", "版权声明", "隐私政策", "网站地图"):
        assert f">{title}</a>" in html


def test_column_lists_dated_items_of_its_subcolumns(client, demo):
    html = page(client, "/column/party/")
    assert "您当前的位置：" in html and ">党建工作</a>" in html
    assert 'href="/column/party-news/">党建新闻</a>' in html
    assert html.count('<li class="item') == 1
    assert "2020-09-02" in html


def test_column_filters_by_community_topic_and_dates(client, demo):
    from communities.models import Community
    from newsroom.models import Topic

    community = Community.objects.get(slug="gongheli")
    html = page(client, "/column/wuhou-community/", host="wuhou", community=community.pk)
    assert html.count('<li class="item') == 1 and "日间照料中心" in html
    topic = Topic.objects.get(slug="wuhou-chengdu")
    assert page(client, "/column/wuhou-party/", host="wuhou", topic=topic.pk).count('<li class="item') == 1
    html = page(client, "/column/wuhou-party/", host="wuhou", since="2017-04-01", until="2017-04-30")
    assert html.count('<li class="item') == 1
    html = page(client, "/column/wuhou-party/", host="wuhou", since="2020-01-01", until="2022-08-31")
    assert html.count('<li class="item') == 0


def test_a_bad_filter_value_is_explained_not_a_500(client, demo):
    html = page(client, "/column/party/", since="不是日期")
    assert "筛选条件有误" in html


def test_column_paginates(client, demo):
    from tests.factories import add_articles

    add_articles(45)
    html = page(client, "/column/party-news/")
    assert html.count('<li class="item') == 20
    assert "第 1 / 3 页，共 46 条" in html
    assert page(client, "/column/party-news/", page=3).count('<li class="item') == 6


def test_picture_columns_show_thumbnails(client, demo):
    from newsroom.models import Column

    Column.objects.filter(slug="party").update(is_picture_column=True)
    assert 'class="thumb"' in page(client, "/column/party/")


def test_topic_and_series_pages(client, demo):
    html = page(client, "/topic/wuhou-chengdu/", host="wuhou")
    assert "专题：走进成都市武侯区" in html and "共和路社" in html
    html = page(client, "/series/jiceng-baolei/", host="jiulongpo")
    assert "编者按：" in html and "党员先锋" in html and "民安华福" in html


def test_standalone_pages_and_readable_site_map(client, demo):
    assert "请在30日内与本网联系" in page(client, "/pages/contact/")
    html = page(client, "/sitemap/")
    for text in ("党建新闻", "城市基层党建在社区", "观音庙社区", "荣誉榜", "隐私政策"):
        assert text in html
    assert "共和路社区" not in html and "基层堡垒" not in html  # other districts'
    html = page(client, "/sitemap/", host="jiulongpo")
    assert "基层堡垒" in html and "民安华福社区" in html
    assert client.get("/pages/no-such-page/").status_code == 404


def test_search_finds_a_word_inside_a_sentence(client, demo):
    html = page(client, "/search/", host="jiulongpo", q="巧手梦工坊")
    assert "<mark>巧手梦工坊</mark>" in html and "民安华福" in html
    assert "没有找到" in page(client, "/search/", q="不存在的词语")


def test_unpublished_articles_stay_out_of_every_list(client, demo, chief):
    from newsroom import workflow

    workflow.unpublish(Article.objects.get(slug="hohhot-yuquan-grassroots-party-building"), chief, "内容需核实")
    for url in ("/", "/column/party/", "/topic/urban-party-building/", "/communities/wanjin/", "/rss/"):
        assert "让基层党建在服务群众中更加接地气" not in client.get(url).content.decode(), url
    assert "hohhot-yuquan" not in client.get("/sitemap.xml").content.decode()


def test_mourning_days_turn_the_whole_site_grey(client, demo):
    from datetime import timedelta

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    today = timezone.localdate()
    portal = Portal.objects.default()
    portal.mourning_from, portal.mourning_until = today, today + timedelta(days=2)
    portal.save()
    assert 'class="mourning"' in page(client, "/").split("<head>")[0]
    portal.mourning_from = portal.mourning_until = today - timedelta(days=1)
    portal.save()
    assert "mourning" not in page(client, "/").split("<head>")[0]
    portal.mourning_until = today - timedelta(days=3)
    with pytest.raises(ValidationError, match="结束日期不能早于开始日期"):
        portal.full_clean()
