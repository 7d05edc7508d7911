"""The demo as five district portals, each dressed as its source: its own host, stories, theme,
communities; the platform's front page lists them; nothing empty is offered."""

import json
import re

import pytest

from newsroom.models import Article, Portal
from tests.helpers import page_html as page

pytestmark = pytest.mark.django_db


def test_the_platforms_front_page_lists_every_portal_with_its_newest_story(client, demo, settings):
    settings.PLATFORM_HOSTS = ["localhost"]
    html = client.get("/", HTTP_HOST="localhost:8000").content.decode()
    assert "区县新闻网站群" in html and 'class="site-nav"' not in html  # no portal's chrome
    for portal in Portal.objects.all():
        assert f'href="http://{portal.host_list[0]}:8000/"' in html, portal
        # a city's newest may be a district's story it carries (站群)
        newest = Article.objects.in_columns(portal, portal.columns.values("pk")).first()
        assert newest.title in html
    # Elsewhere the front page is a portal's own.
    assert "区县新闻网站群" not in page(client, "/")


def test_each_district_leads_with_its_own_story(client, demo):
    for host, slug in [
        ("wuhua", "kunming-xinwenli-community"),
        ("wangcheng", "changsha-zhongnan-six-neighbours"),
        ("wuhou", "chengdu-wuhou-gongheli-community"),
        ("jiulongpo", "chongqing-minan-huafu-doorstep-party-building"),
        (None, "hohhot-yuquan-grassroots-party-building"),
    ]:
        html = page(client, "/", host=host)
        assert f"/article/{slug}/" in html, host
        others = {"kunming-xinwenli-community", "changsha-zhongnan-six-neighbours"} - {slug}
        assert not any(f"/article/{other}/" in html for other in others), host
        # …and another portal's story is not found on its host.
        assert client.get(
            f"/article/{slug}/", HTTP_HOST="elsewhere.example" if host else "wuhua.localhost"
        ).status_code in (404, 451, 400)


def test_each_portal_takes_its_themes_look(client, demo):
    assert "css/themes/" not in page(client, "/")
    for host, theme in [("wuhua", "county"), ("wangcheng", "government"), ("wuhou", "people"), ("jiulongpo", "client")]:
        html = page(client, "/", host=host)
        assert re.search(rf'href="/static/css/themes/{theme}(\.[0-9a-f]+)?\.css"', html), host


def test_a_theme_replaces_a_template_for_its_portals_only(client, demo):
    wangcheng = page(client, "/article/changsha-zhongnan-six-neighbours/", host="wangcheng")
    assert 'class="list short-dates"' in wangcheng  # templates/themes/government/newsroom/_side_lists.html
    wuhua = page(client, "/article/kunming-xinwenli-community/", host="wuhua")
    assert 'class="list latest-excerpts"' in wuhua and "short-dates" not in wuhua
    yuquan = page(client, "/article/hohhot-yuquan-grassroots-party-building/")
    assert "short-dates" not in yuquan and "latest-excerpts" not in yuquan and 'id="h-headlines"' in yuquan


def test_an_empty_series_is_named_not_linked_and_an_empty_sub_column_not_offered(client, demo):
    html = page(client, "/article/chongqing-minan-huafu-doorstep-party-building/", host="jiulongpo")
    related = html.split('class="related-news"')[1].split("</p>")[0]
    assert "“党员先锋”" in related and "/series/dangyuan-xianfeng/" not in related
    assert 'href="/series/jiceng-baolei/"' in related
    news = page(client, "/column/news/")
    assert 'href="/column/department/"' in news  # 部门新闻 has articles
    assert 'href="/column/headlines/"' not in news and 'href="/column/photos/"' not in news  # empty
    assert client.get("/column/headlines/rss/").status_code == 404


def test_structured_data_has_an_image_a_publisher_logo_and_its_real_dates(client, demo):
    for slug, host in [
        ("changsha-zhongnan-six-neighbours", "wangcheng"),
        ("hohhot-yuquan-grassroots-party-building", None),
    ]:
        html = page(client, f"/article/{slug}/", host=host)
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
        assert data["image"] and data["publisher"]["logo"]["url"].startswith("http")
        assert data["dateModified"][:10] == data["datePublished"][:10]  # not the demo's load time
        assert not re.search(r'datetime="[^"]*\.\d+', html)  # no microseconds in a <time>


def test_typography_is_full_width_and_chinese(client, demo):
    from django.contrib.staticfiles import finders

    css = open(finders.find("css/site.css"), encoding="utf-8").read()
    assert '.reprint dt::after { content: "："; }' in css
    generated = re.findall(r'content:\s*"([^"]*)"', css + open(finders.find("css/print.css"), encoding="utf-8").read())
    assert not [text for text in generated if re.search(r"[:(),]", text)], generated
    html = page(client, "/article/kunming-xinwenli-community/", host="wuhua")
    assert "..." not in html.split("<main")[1] and "…</" not in html.replace("……</", "")


def test_the_footer_names_12377_and_the_correction_form(client, demo):
    html = page(client, "/")
    assert "https://www.12377.cn/" in html and "举报电话：12377" in html
    assert 'href="/feedback/">纠错留言</a>' in html
