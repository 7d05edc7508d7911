"""先审后发 for everything readers see: communities (书记感怀 included), honours, facilities, 专题,
系列 and 单页 change in public only after someone else approves; photos of live articles change
only through a new version."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from communities.models import Community, Honour, Street
from newsroom import content_review
from newsroom.core.publishing import ALL_PORTALS
from newsroom.demo.articles import ARTICLES, SHORT_NEWS
from newsroom.models import Article, ContentChange, Page, Photo, Portal, SensitiveWord, Series, Topic
from tests.helpers import admin_form_data, jpeg_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("home_geography")]
XINWENLI = "/communities/xinwenli/"


def public(url):
    return Client().get(url)


def edit(client, url, **changes):
    data = admin_form_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


def pending(obj):
    return content_review.pending_for(obj)


def test_a_change_to_a_live_community_waits_for_review(client, demo, roles):
    community = Community.objects.get(slug="xinwenli")
    client.force_login(roles["editor"])
    url = f"/admin/communities/community/{community.pk}/change/"
    response = edit(client, url, secretary_reflections="<p>新写的书记感怀。</p>", name="新闻里社区(改)")
    assert response.status_code == 302
    assert "新写的书记感怀" not in public(XINWENLI).content.decode()  # readers see the approved version
    community.refresh_from_db()
    assert community.name == "新闻里社区"
    page = client.get(url)  # the editor goes on with the working copy
    assert "新写的书记感怀" in page.content.decode() and "待审核" in page.content.decode()
    change = pending(community)
    with pytest.raises(PermissionDenied):
        content_review.approve(change, roles["editor"])  # no review permission, and the author
    content_review.approve(change, roles["chief"], "同意")
    assert "新写的书记感怀" in public("/communities/xinwenli/").content.decode()
    assert ContentChange.objects.get(pk=change.pk).decided_by == roles["chief"]


def test_a_new_community_is_hidden_until_approved(client, demo, roles):
    client.force_login(roles["editor"])
    data = admin_form_data(client.get("/admin/communities/community/add/"))
    data.update(
        name="测试社区",
        slug="test-community",
        province="云南省",
        city="昆明市",
        district="五华区",
        street=Street.objects.get(slug="daguan").pk,
    )
    assert client.post("/admin/communities/community/add/", data).status_code == 302
    community = Community.objects.get(slug="test-community")
    assert not community.is_live
    assert public("/communities/test-community/").status_code == 404
    assert "测试社区" not in public("/communities/").content.decode()
    content_review.approve(pending(community), roles["chief"])
    assert public("/communities/test-community/").status_code == 200


def test_an_author_never_approves_their_own_change_not_even_a_superuser(demo, roles, superuser):
    community = Community.objects.get(slug="zhongnan")
    community.profile = "<p>超级管理员改的简介。</p>"
    change = content_review.propose(community, superuser, "update", content_review.snapshot(community))
    with pytest.raises(PermissionDenied, match="作者本人"):
        content_review.approve(change, superuser)
    with pytest.raises(content_review.ReviewError):
        content_review.reject(change, roles["chief"], "")  # a reason is required
    content_review.reject(change, roles["chief"], "简介需核实")
    community.refresh_from_db()
    assert "超级管理员改的简介" not in community.profile


def test_a_blocking_word_stops_the_approval(demo, roles):
    SensitiveWord.objects.create(portal=Portal.objects.default(), word="错误用语", severity="block")
    community = Community.objects.get(slug="zhongnan")
    community.secretary_reflections = "<p>书记感怀里有錯誤用語。</p>"  # Traditional script too
    change = content_review.propose(community, roles["editor"], "update", content_review.snapshot(community))
    with pytest.raises(content_review.ReviewError, match="错误用语"):
        content_review.approve(change, roles["chief"])


def test_deleting_a_live_honour_waits_for_review(client, demo, roles):
    honour = Honour.objects.filter(community__slug="xinwenli").first()
    client.force_login(roles["editor"])
    response = client.post(f"/admin/communities/honour/{honour.pk}/delete/", {"post": "yes"}, follow=True)
    assert "删除申请已提交审核" in response.content.decode()
    assert Honour.objects.filter(pk=honour.pk).exists()
    assert honour.title in public("/communities/honours/").content.decode()
    content_review.approve(pending(honour), roles["chief"])
    assert not Honour.objects.filter(pk=honour.pk).exists()


@pytest.mark.parametrize(
    "model, lookup, url, field",
    [
        (Topic, {"slug": "urban-party-building"}, "/topic/urban-party-building/", "title"),
        (Series, {"slug": "home-series"}, "/series/home-series/", "title"),
        (Page, {"slug": "about", "portal__is_default": True}, "/pages/about/", "title"),
    ],
)
def test_topics_series_and_pages_change_only_through_review(client, demo, roles, model, lookup, url, field):
    if model is Series:  # the demo's series are 九龙坡区's: one of the default portal's own
        Series.objects.create(portal=Portal.objects.default(), title="家门口的故事", slug="home-series", is_live=True)
    obj = model.objects.get(**lookup)
    client.force_login(roles["siteadmin"])  # even the site admin
    admin_url = f"/admin/newsroom/{model._meta.model_name}/{obj.pk}/change/"
    assert edit(client, admin_url, **{field: "未经审核的新标题"}).status_code == 302
    assert "未经审核的新标题" not in public(url).content.decode()
    with pytest.raises(PermissionDenied):
        content_review.approve(pending(obj), roles["siteadmin"])
    content_review.approve(pending(obj), roles["chief"])
    assert "未经审核的新标题" in public(url).content.decode()


def test_the_reviewer_reads_a_diff_in_words_and_decides_in_the_admin(client, demo, roles):
    change = ContentChange.objects.get(status="pending")  # the demo's waiting change
    client.force_login(roles["chief"])
    page = client.get(f"/admin/newsroom/contentchange/{change.pk}/change/").content.decode()
    assert "党建亮点" in page and "<ins>" in page and "南侨机工故事会" in page and "审核通过" in page
    version = re.search(r'name="version" value="([0-9a-f]{16})"', page).group(1)
    response = client.post(
        f"/admin/newsroom/contentchange/{change.pk}/decide/",
        {"action": "approve", "opinion": "同意", "version": version},
        follow=True,
    )
    assert "已审核通过" in response.content.decode()
    assert "南侨机工故事会" in public(XINWENLI).content.decode()
    assert ContentChange.objects.get(pk=change.pk).decided_version == version


def test_a_decision_is_on_the_version_the_reviewer_read(client, demo, roles):
    """The reviewer opens the diff of v1; the editor saves v2; 通过 must not publish v2."""
    change = ContentChange.objects.get(status="pending")
    client.force_login(roles["chief"])
    page = client.get(f"/admin/newsroom/contentchange/{change.pk}/change/").content.decode()
    version = re.search(r'name="version" value="([0-9a-f]{16})"', page).group(1)
    target = change.target
    content_review.propose(target, roles["editor"], change.kind, {**change.data, "name": "读者没见过的名字"})
    response = client.post(
        f"/admin/newsroom/contentchange/{change.pk}/decide/",
        {"action": "approve", "opinion": "同意", "version": version},
        follow=True,
    )
    assert "请重新查看改动" in response.content.decode()
    assert ContentChange.objects.get(pk=change.pk).status == "pending"
    assert "读者没见过的名字" not in public(XINWENLI).content.decode()
    for forged in ("", "0" * 16):  # a decision that names no version, or another one
        response = client.post(
            f"/admin/newsroom/contentchange/{change.pk}/decide/", {"action": "approve", "version": forged}, follow=True
        )
        assert ContentChange.objects.get(pk=change.pk).status == "pending"


def test_photos_of_a_live_article_cannot_be_changed_from_the_photo_page(client, demo, roles):
    client.force_login(roles["editor"])
    photo = Photo.objects.filter(article__is_live=True, article__portal__is_default=True).first()
    url = f"/admin/newsroom/photo/{photo.pk}/"
    data = admin_form_data(client.get(url + "change/"))
    data["caption"] = "未经审核的说明"
    client.post(url + "change/", data)
    assert client.post(url + "delete/", {"post": "yes"}).status_code == 403
    photo.refresh_from_db()
    assert photo.caption != "未经审核的说明"
    add = admin_form_data(client.get("/admin/newsroom/photo/add/"))
    add.update(
        caption="偷偷加的图",
        alt_text="图",
        credit_kind="provided",
        credit_organisation="某单位",
        article=str(photo.article_id),
        image=SimpleUploadedFile("x.jpg", jpeg_bytes(), "image/jpeg"),
    )
    response = client.post("/admin/newsroom/photo/add/", add)
    assert response.status_code == 200 and response.context["adminform"].form.errors["article"]
    assert not Photo.objects.filter(caption="偷偷加的图").exists()


def test_a_new_community_photo_is_public_only_once_approved(client, demo, roles):
    community = Community.objects.get(slug="xinwenli")
    client.force_login(roles["editor"])
    add = admin_form_data(client.get("/admin/newsroom/photo/add/"))
    add.update(
        caption="社区新貌",
        alt_text="社区街景",
        credit_kind="provided",
        credit_organisation="新闻里社区",
        community=str(community.pk),
        image=SimpleUploadedFile("new.jpg", jpeg_bytes(), "image/jpeg"),
    )
    assert client.post("/admin/newsroom/photo/add/", add).status_code == 302
    photo = Photo.objects.get(caption="社区新貌")
    assert public(photo.image.url).status_code == 404
    assert "社区新貌" not in public(XINWENLI).content.decode()
    content_review.approve(pending(photo), roles["chief"])
    assert public(photo.image.url).status_code == 200
    assert "社区新貌" in public(XINWENLI).content.decode()


def test_existing_articles_are_unaffected(demo):
    # …and the story 稿件流转 takes from a 通讯员 to 昆明市 (newsroom/exchange/demo.py)
    assert Article.objects.public(ALL_PORTALS).count() == len(ARTICLES) + len(SHORT_NEWS) + 1


def test_a_portal_can_ask_for_three_steps_each_by_someone_else(demo, roles):
    Portal.objects.update(content_review_steps=3)
    community = Community.objects.get(slug="zhongnan")
    community.profile = "<p>三审后的简介。</p>"
    change = content_review.propose(community, roles["editor"], "update", content_review.snapshot(community))
    with pytest.raises(PermissionDenied, match="初审"):
        content_review.approve(change, roles["chief"])  # the first step is 初审's
    change = content_review.approve(change, roles["siteadmin"])  # holds every step
    with pytest.raises(PermissionDenied, match="不同的人"):
        content_review.approve(change, roles["siteadmin"])
    change = content_review.approve(change, roles["second"])
    assert change.status == "pending" and change.review_step == 3
    assert "三审后的简介" not in public("/communities/zhongnan/").content.decode()
    change = content_review.approve(change, roles["chief"])
    assert change.status == "approved"
    assert "三审后的简介" in public("/communities/zhongnan/").content.decode()


def test_a_communitys_review_history_reads_like_an_articles(client, demo, roles):
    """Every proposal and decision is a labelled row of the content trail: who, which step, why."""
    Portal.objects.update(content_review_steps=2)
    community = Community.objects.get(slug="zhongnan")
    community.profile = "<p>两审后的简介。</p>"
    change = content_review.propose(community, roles["editor"], "update", content_review.snapshot(community))
    change = content_review.reject(change, roles["first"], "简介缺少成立年份")
    change = content_review.propose(community, roles["editor"], "update", content_review.snapshot(community))
    change = content_review.approve(change, roles["first"], "同意")
    content_review.approve(change, roles["chief"], "同意发布")
    trail = [
        (e.action_label, e.step_label, e.actor.username, e.to_label, e.opinion)
        for e in content_review.history_of(community)
    ]
    assert trail == [
        ("提交修改", "", "test-editor", "待审核", ""),
        ("退回", "初审", "test-first", "已退回", "简介缺少成立年份"),
        ("提交修改", "", "test-editor", "待审核", ""),
        ("审核通过", "初审", "test-first", "待审核", "同意"),
        ("终审通过并生效", "终审", "test-chief", "已通过", "同意发布"),
    ]
    client.force_login(roles["editor"])
    page = client.get(f"/admin/communities/community/{community.pk}/change/").content.decode()
    assert "终审通过并生效（终审）" in page and "简介缺少成立年份" in page and "审核通过（初审）" in page
    client.force_login(roles["chief"])
    page = client.get(f"/admin/newsroom/contentchange/{change.pk}/change/").content.decode()
    assert "审核通过（初审）" in page and "同意发布" in page


def test_renaming_a_person_on_a_live_byline_waits_for_review(client, demo, roles):
    from newsroom.models import Credit, Person

    credit = Credit.objects.filter(
        person__isnull=False, article__in=Article.objects.public(ALL_PORTALS), article__portal__is_default=True
    ).first()
    person, article = credit.person, credit.article
    old_name = person.name
    client.force_login(roles["editor"])
    url = f"/admin/newsroom/person/{person.pk}/change/"
    assert edit(client, url, name="改过的名字").status_code == 302
    assert Person.objects.get(pk=person.pk).name == old_name  # readers still see the byline as approved
    assert "改过的名字" not in public(article.get_absolute_url()).content.decode()
    change = pending(person)
    assert change is not None and change.data["name"] == "改过的名字"
    with pytest.raises(PermissionDenied):  # its author does not decide it
        content_review.approve(change, roles["editor"])
    content_review.approve(change, roles["chief"])
    assert Person.objects.get(pk=person.pk).name == "改过的名字"


def test_a_new_person_is_saved_at_once_and_a_person_name_meets_the_word_list(client, demo, roles):
    from newsroom.models import Credit, Person

    client.force_login(roles["editor"])
    data = admin_form_data(client.get("/admin/newsroom/person/add/"))
    data.update(name="新通讯员", organisation="玉泉区融媒体中心", role="通讯员")
    assert client.post("/admin/newsroom/person/add/", data).status_code == 302
    assert Person.objects.filter(name="新通讯员").exists()  # named nowhere yet: nothing to review
    credit = Credit.objects.filter(
        person__isnull=False, article__in=Article.objects.public(ALL_PORTALS), article__portal__is_default=True
    ).first()
    portal = credit.article.column.portal
    SensitiveWord.objects.create(word="禁用名", portal=portal, severity=SensitiveWord.Severity.BLOCK)
    edit(client, f"/admin/newsroom/person/{credit.person.pk}/change/", name="禁用名")
    with pytest.raises(content_review.ReviewError):
        content_review.approve(pending(credit.person), roles["chief"])


def test_the_review_list_names_kinds_and_people_in_chinese(client, demo, roles):
    """内容类别 lists what goes through review (社区, 专题…), not the ~70 content types the
    database knows; people appear by the names colleagues know them by."""
    roles["editor"].first_name = "王编辑"
    roles["editor"].save()
    community = Community.objects.get(slug="zhongnan")
    content_review.propose(community, roles["editor"], "update", content_review.snapshot(community))
    client.force_login(roles["chief"])
    page = client.get("/admin/newsroom/contentchange/").content.decode()
    filters = page[page.index('id="changelist-filter"') :]
    assert "?content_type=" in filters and ">社区</a>" in filters and ">专题</a>" in filters
    for internal in ("access attempt", "Tasks", "session", "content type", "permission"):
        assert internal.lower() not in filters.lower(), internal
    assert "王编辑" in page and "test-editor" not in page
    kind = ContentType.objects.get_for_model(Community).pk
    shown = client.get(f"/admin/newsroom/contentchange/?content_type={kind}")
    assert shown.status_code == 200 and community.name in shown.content.decode()


def test_a_second_community_of_the_same_name_is_questioned_not_kept_silently(client, demo, roles):
    existing = Community.objects.get(slug="zhongnan")
    client.force_login(roles["editor"])
    data = admin_form_data(client.get("/admin/communities/community/add/"))
    data.update({"name": existing.name, "province": existing.province, "city": existing.city})
    data["district"] = existing.district
    refused = client.post("/admin/communities/community/add/", data)
    page = refused.content.decode()
    assert refused.status_code == 200 and f"已有名为“{existing.name}”的社区" in page
    assert f"/admin/communities/community/{existing.pk}/change/" in page
    assert Community.objects.filter(name=existing.name).count() == 1
    data["confirm_same_name"] = "on"  # two real communities of one name
    assert client.post("/admin/communities/community/add/", data).status_code == 302
    assert Community.objects.filter(name=existing.name).count() == 2
    other_district = {**data, "district": "别的区", "confirm_same_name": ""}
    other_district["slug"] = ""
    assert client.post("/admin/communities/community/add/", other_district).status_code == 302
