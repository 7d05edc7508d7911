"""站群 as a platform: portals in a tree, a city's lists applying to its districts, each portal's
identity in its footer and on the platform's page of portals, the public directory of portals,
a city's search over its districts, and the demo's districts with their own staff."""

import socket
import threading

import pytest
from django.test import Client

from newsroom import checks, portals
from newsroom.inspection.models import InspectionSettings, Leader
from newsroom.models import Article, BylineRole, Column, Portal, SensitiveWord
from tests.helpers import new_draft, user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(demo):
    """呼和浩特市 above the demo's 玉泉区, with a street portal below 玉泉区."""
    city = Portal.objects.create(name="呼和浩特新闻网", short_name="呼和浩特", hosts="city.example", slug="hohhot")
    yuquan = Portal.objects.default()
    yuquan.parent = city
    yuquan.save()
    street = Portal.objects.create(name="小召前街道", short_name="小召前", hosts="street.example", parent=yuquan)
    Column.objects.create(portal=street, name="街道动态", slug="street-news")
    return {"city": city, "district": Portal.objects.default(), "street": street}


def test_a_citys_sensitive_words_apply_to_every_portal_below_it(city, roles):
    SensitiveWord.objects.create(portal=city["city"], word="全市禁用语", severity="block", suggestion="规范说法")
    article = new_draft(roles["editor"], title="玉泉区稿件里出现了全市禁用语")
    report = checks.prepublish(Article.objects.get(pk=article.pk))
    assert any("全市禁用语" in problem for problem in report.blocking), report.blocking
    # the district's own list still counts, and a word of the district does not reach the city
    SensitiveWord.objects.create(portal=city["district"], word="区里禁用语", severity="block")
    assert {w.word for w in SensitiveWord.objects.inherited(city["street"])} >= {"全市禁用语", "区里禁用语"}
    assert "区里禁用语" not in {w.word for w in SensitiveWord.objects.inherited(city["city"])}


def test_a_citys_leaders_and_byline_roles_apply_below_it_the_nearest_wins(city):
    settings = InspectionSettings.objects.create(portal=city["city"])
    Leader.objects.create(settings=settings, name="王市长", title="市长")
    street_settings = InspectionSettings.for_portal(city["street"])
    assert "王市长" in [leader.name for leader in street_settings.leaders()]
    BylineRole.objects.create(portal=city["city"], name="特约评论员")
    names = list(BylineRole.objects.inherited(city["street"]).values_list("name", flat=True))
    assert "特约评论员" in names and names.count("记者") == 1  # each portal has 记者: the nearest one


def test_a_portal_cannot_be_put_below_itself_and_a_district_cannot_move_its_portal(city):
    from django.core.exceptions import ValidationError

    city["city"].parent = city["street"]
    with pytest.raises(ValidationError, match="上级网站"):
        city["city"].full_clean()
    site_admin = user_in("站点管理员", "district-admin")
    client = Client()
    client.force_login(site_admin)
    page = client.get(f"/admin/newsroom/portal/{city['district'].pk}/change/").content.decode()
    assert 'name="parent"' not in page and 'name="is_default"' not in page  # shown, not editable
    assert client.get("/admin/newsroom/portal/add/").status_code == 403


def test_the_footer_links_the_records_and_shows_the_government_site_mark(demo):
    portal = Portal.objects.default()
    portal.public_security_number = "蒙公网安备 15010402000123号"
    portal.government_mark_url = "https://bszs.conac.cn/sitename?method=show&id=0123456789ABCDEF"
    portal.organiser = "玉泉区融媒体中心"
    portal.save()
    html = Client().get("/").content.decode()
    assert 'href="https://beian.miit.gov.cn/"' in html
    assert "https://beian.mps.gov.cn/#/query/webSearch?code=15010402000123" in html
    assert 'alt="党政机关网站标识"' in html and "bszs.conac.cn/sitename?method=show&amp;id=0123456789ABCDEF" in html
    assert "承办单位：玉泉区融媒体中心" in html


def test_the_platforms_page_of_portals_shows_the_tree_identity_ipv6_and_inspection(city, roles, monkeypatch):
    """The IPv6 probe connects for real (to a listening socket on ::1); only the name lookup is
    answered here, since this machine's resolver has no AAAA record to give for a test name."""
    from newsroom import identity

    real_lookup = socket.getaddrinfo

    def lookup(name, port, *args, **kwargs):
        if name == "v6.example":
            return real_lookup("::1", port, *args, **kwargs)
        return real_lookup(name, port, *args, **kwargs)

    monkeypatch.setattr(identity.socket, "getaddrinfo", lookup)
    server = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    try:
        server.bind(("::1", 0))
    except OSError:
        pytest.skip("this machine has no IPv6 loopback")
    server.listen(5)
    threading.Thread(target=lambda: [server.accept() for _ in range(3)], daemon=True).start()
    city["street"].hosts = f"v6.example:{server.getsockname()[1]}"
    city["street"].save()
    from django.contrib.auth.models import User

    from newsroom.models import Membership

    platform_admin = User.objects.create_user("platform-admin", password="pw", is_staff=True)
    Membership.objects.give(platform_admin, None, "站点管理员")
    root = Client()
    root.force_login(platform_admin)
    html = root.get("/admin/newsroom/portal/overview/").content.decode()
    server.close()
    assert html.index("呼和浩特新闻网") < html.index("玉泉区新闻网") < html.index("小召前街道")
    assert "linli-depth-2" in html  # the street, two levels below the city
    assert "可通过 IPv6 访问" in html and "没有 IPv6 地址" in html
    assert "不齐全" in html and "公安备案号" in html  # the demo's portal has no 公安备案号
    assert "网站检查" in html and "尚未检查" in html
    # a district's site admin sees its own portal only
    district = Client()
    district.force_login(roles["siteadmin"])
    mine = district.get("/admin/newsroom/portal/overview/").content.decode()
    assert ">玉泉区新闻网</a>" in mine and ">呼和浩特新闻网</a>" not in mine and "小召前街道" not in mine
    assert "上级：呼和浩特新闻网" in mine  # its own place in the tree


def test_the_public_directory_and_a_citys_search_cover_the_portals_below(city, roles, settings):
    from newsroom.search import index

    settings.ALLOWED_HOSTS = [".example", "testserver"]
    street_column = Column.objects.get(slug="street-news")
    story = new_draft(roles["editor"], title="小召前街道开展邻里节", column=street_column)
    Article.objects.filter(pk=story.pk).update(
        status="published", is_live=True, first_published_at="2026-12-01T10:00+08:00"
    )
    index.sync("article", [story.pk])
    on_city = Client(HTTP_HOST="city.example")
    directory = on_city.get("/sites/").content.decode()
    assert "呼和浩特所辖网站" in directory and "玉泉区新闻网" in directory and "小召前街道" in directory
    assert 'href="http://street.example/"' in directory
    found = on_city.get("/search/", {"q": "邻里节"}).content.decode()
    assert "小召前街道开展" in found and 'name="site"' in found
    only_city = on_city.get("/search/", {"q": "邻里节", "site": city["city"].pk}).content.decode()
    assert "小召前街道开展" not in only_city
    # the street's own search does not reach up to the district or the city
    on_street = Client(HTTP_HOST="street.example").get("/search/", {"q": "垃圾分类"}).content.decode()
    assert "hohhot-yuquan-grassroots-party-building" not in on_street and 'name="site"' not in on_street
    assert portals.below(city["city"]) == [city["district"].pk, city["street"].pk]


def test_the_demo_is_a_platform_of_five_districts_with_their_own_staff(demo):
    from django.contrib.auth.models import User

    assert Portal.objects.count() == 6  # and 昆明市, above 五华区
    editor = User.objects.get(username="wuhua-editor")
    client = Client()
    client.force_login(editor)
    listed = client.get("/admin/newsroom/article/").content.decode()
    assert "hohhot" not in listed and "玉泉区" not in listed.split("<title>")[0]
    assert client.get("/admin/newsroom/column/").content.decode().count("五华区") >= 1
    platform = User.objects.get(username="platform")
    assert portals.reachable(platform) is None
    directory = Client().get("/sites/").content.decode()
    for name in ("玉泉区新闻网", "五华区新闻网", "望城区新闻网", "武侯区新闻网", "九龙坡区新闻网"):
        assert name in directory


def test_a_communitys_street_in_a_districts_territory_is_edited_by_that_district_only(demo, roles):
    """Geography is read by every portal; 中南社区 lies in 高塘岭街道, which the platform puts in
    望城区's 辖区: from then on 望城区 edits and reviews it, 玉泉区 does not. A community outside
    every 辖区 stays with whoever holds the role, as before."""
    from communities.models import Community, Street
    from newsroom import content_review
    from newsroom.models import ContentChange
    from tests.helpers import admin_form_data

    wangcheng = Portal.objects.get(slug="wangcheng")
    wangcheng.streets.add(Street.objects.get(name="高塘岭街道"))
    zhongnan = Community.objects.get(slug="zhongnan")
    url = f"/admin/communities/community/{zhongnan.pk}/change/"

    wc_chief = user_in("终审签发", "wc-chief", portal=wangcheng)
    ours = Client()
    ours.force_login(user_in("编辑", "wc-editor", portal=wangcheng))
    data = admin_form_data(ours.get(url))
    data["work_method"] = "六邻工作法，望城区编辑补充。"
    assert ours.post(url, data).status_code == 302
    change = ContentChange.objects.get(object_id=zhongnan.pk, status="pending", content_type__model="community")
    from newsroom.models import Notification

    told = set(
        Notification.objects.filter(link__contains=f"/{change.pk}/").values_list("recipient__username", flat=True)
    )
    assert "wc-chief" in told and "test-chief" not in told, told

    theirs = Client()
    theirs.force_login(roles["editor"])  # 玉泉区
    assert 'name="_save"' not in theirs.get(url).content.decode()  # read, not changed
    assert theirs.post(url, {**data, "work_method": "玉泉区越权修改"}).status_code == 403
    allowed, why = content_review.may_decide(roles["chief"], change)
    assert not allowed and "权限" in why
    assert content_review.may_decide(wc_chief, change)[0]

    outside = Community.objects.get(slug="hengchang")  # no street: every portal's editors, as before
    page = theirs.get(f"/admin/communities/community/{outside.pk}/change/").content.decode()
    assert 'name="_save"' in page
