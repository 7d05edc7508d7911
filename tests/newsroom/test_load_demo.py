"""``load_demo`` builds the demo portal from the five source articles, the same way each time."""

from io import StringIO

import pytest
from django.core.management import call_command

from communities.models import Community, Facility, Honour
from newsroom.models import Article, Column, Person, Photo, Portal, Series, Topic
from newsroom.takedowns.models import TakedownRequest
from tests.helpers import admin_login

pytestmark = pytest.mark.django_db

MODELS = (Portal, Column, Topic, Series, Person, Article, Photo, Community, Honour, Facility, TakedownRequest)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_it_loads_the_same_content_twice(settings):
    settings.DEBUG = True  # as `make run` has it
    out = StringIO()
    call_command("load_demo", stdout=out)
    first = counts()
    call_command("load_demo", stdout=StringIO())
    assert counts() == first
    assert first == {
        "Portal": 6,  # the five source districts and 昆明市 above 五华区 (newsroom/demo/districts.py)
        "Column": 23,  # each portal's own, as its source shows them
        "Topic": 3,
        "Series": 2,
        "Person": 11,  # …and the 通讯员 of the story across portals
        "Article": 16,  # the five seeds, each district's short news, the story across portals
        "Photo": 18,
        "Community": 7,
        "Honour": 15,
        "Facility": 23,
        "TakedownRequest": 1,
    }
    printed = out.getvalue()
    assert "用户名 admin" in printed and "用户名 editor" in printed
    assert "[五华区] 杨晓云：用户名 wuhua-editor" in printed and "[所有网站] 周平：用户名 platform" in printed
    assert "五华区新闻网：http://wuhua.localhost:8000/" in printed
    assert "网站群首页：http://localhost:8000/" in printed


def test_every_article_has_the_photos_its_source_shows_with_credits(demo):
    photos = {a.slug: list(a.photos.all()) for a in Article.objects.prefetch_related("photos")}
    assert {slug: len(p) for slug, p in photos.items()} == {
        "kunming-xinwenli-community": 4,
        "changsha-zhongnan-six-neighbours": 0,
        "chengdu-wuhou-gongheli-community": 0,
        "chongqing-minan-huafu-doorstep-party-building": 3,
        "hohhot-yuquan-grassroots-party-building": 8,
        # The offices' own short news: 玉泉区's 部门新闻 (one with its 张聿修 photo for 图片新闻)
        # and each district's, text only.
        "xicaiyuan-joint-party-committee": 1,
        "changhelang-button-brooch-training": 0,
        "quanmin-gongyi-projects": 0,
        "wuhua-workers-culture-corridor": 0,
        "wuhua-chunshang-huajie-phase-two": 0,
        "wangcheng-zhongnan-volunteer-teams": 0,
        "wuhou-gongheli-day-care": 0,
        "jiulongpo-series-launch": 0,
        "jiulongpo-minan-employment-market": 0,
        "jiulongpo-minan-craft-workshop": 0,
        # a 通讯员's 投稿 with two photos, taken to 昆明市 (newsroom/exchange/demo.py)
        "wuhua-chunshang-volunteer-guides": 2,
    }
    for photo in Photo.objects.all():
        assert photo.credit_line and photo.caption and photo.alt_text
        assert photo.image.storage.exists(photo.image.name)
        assert (photo.width, photo.height) == (1200, 800)


def test_articles_keep_the_script_they_were_published_in(demo):
    traditional = Article.objects.get(slug="chengdu-wuhou-gongheli-community")
    assert traditional.script == "zh-hant"
    assert "共和路社區成立於2002年1月1日" in traditional.body
    assert traditional.title == "最佳黨建工作示範社區：武侯區望江路街道共和路社區"
    simplified = Article.objects.get(slug="changsha-zhongnan-six-neighbours")
    assert "社区老年大学现有学员273人" in simplified.body


def test_communities_carry_their_honours_and_facilities(demo):
    xinwenli = Community.objects.get(slug="xinwenli")
    assert xinwenli.honours.count() == 8
    family = xinwenli.honours.get(recipient_name="李艳芳家庭")
    assert (family.edition, family.get_level_display(), family.recipient) == ("第六届", "县（区）级", "李艳芳家庭")
    street = xinwenli.facilities.get(slug="chunshang-huajie-2")
    assert (street.length_m, street.units) == (300, 12)

    gongheli = Community.objects.get(slug="gongheli")
    assert (gongheli.households, gongheli.residents, gongheli.floating_population) == (5002, 14929, 7562)
    assert gongheli.founded_display == "2002年1月1日"
    assert gongheli.facilities.count() == 2

    zhongnan = Community.objects.get(slug="zhongnan")
    assert zhongnan.facilities.get(slug="chuxin-lecture-hall").capacity == 368
    assert zhongnan.facilities.get(slug="zhongnan-smart-gym").fee == "25元/月"

    minan = Community.objects.get(slug="minan-huafu")
    assert minan.founded_display == "2012年8月"
    assert (minan.party_members, minan.party_branches, minan.party_groups) == (176, 5, 16)
    assert minan.honours.filter(level=1).count() == 3


def test_articles_name_their_people_series_and_topics(demo):
    cq = Article.objects.get(slug="chongqing-minan-huafu-doorstep-party-building")
    assert cq.series.short_title == "基层堡垒"
    assert cq.series.sister_series.get().short_title == "党员先锋"
    assert cq.dateline == "新重庆客户端讯"
    assert [(str(c.role), c.display_name, c.in_dateline) for c in cq.credits.all()] == [
        ("记者", "伊永军", True),
        ("责任编辑", "陈静", False),  # 九龙坡区新闻网's editor
    ]

    wuhou = Article.objects.get(slug="chengdu-wuhou-gongheli-community")
    assert [c.display_name for c in wuhou.credits.filter(role__name="责任编辑")] == ["高巍", "秦华"]
    assert wuhou.original_time_display == "2017-04-28 10:17"
    assert wuhou.topics.filter(title="走进成都市武侯区").exists()

    yuquan = Article.objects.get(slug="hohhot-yuquan-grassroots-party-building")
    assert (yuquan.source_name, yuquan.via_name, yuquan.is_reprint) == ("人民网", "人民网内蒙古频道", True)
    assert (yuquan.original_time_precision, yuquan.original_time_display) == ("unknown", "")
    assert [str(c) for c in yuquan.credits.all()] == ["责任编辑 王晋南"]
    assert yuquan.cover.article_id == yuquan.pk
    assert yuquan.first_published_at.isoformat() == "2020-09-02T06:52:00+00:00"


def test_the_demo_accounts_can_log_in(client, demo):
    assert admin_login(client, "admin", "linli-admin-2026")
    assert admin_login(client, "editor", "linli-editor-2026")
    assert client.get("/admin/newsroom/article/").status_code == 200
