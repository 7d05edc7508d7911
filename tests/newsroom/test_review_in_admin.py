"""The demo's editor, three reviewers and 签发 account take a new article from draft to published in the admin."""

import re

import pytest
from django.test import Client

from newsroom.models import Article, AuditEntry, BylineRole, Person
from tests.helpers import admin_form_data, admin_login

pytestmark = pytest.mark.django_db


def login(username, password):
    client = Client()
    assert admin_login(client, username, password)
    return client


def press(client, article, action, **extra):
    """Press a workflow button on the article's change page, as the page sends it (with the
    version the page shows)."""
    page = client.get(f"/admin/newsroom/article/{article.pk}/change/").content.decode()
    shown = re.search(r'name="version" value="(\d+)"', page)
    data = {"action": action, **({"version": shown.group(1)} if shown else {}), **extra}
    return client.post(f"/admin/newsroom/article/{article.pk}/workflow/", data, follow=True)


def test_draft_to_published_with_the_demo_accounts(demo):
    editor = login("editor", "linli-editor-2026")
    page = editor.get("/admin/newsroom/article/add/")
    data = admin_form_data(page)
    data.update(
        {
            "title": "望城区中南社区举办邻里节",
            "column": Article.objects.get(slug="hohhot-yuquan-grassroots-party-building").column_id,
            "body": "<p>同心广场上，居民们摆起百家宴。</p>",
            "risk_tier": "A",
            "credits-0-role": str(BylineRole.objects.get(name="责任编辑", portal__is_default=True).pk),
            "credits-0-person": str(Person.objects.get(name="刘思远").pk),
        }
    )
    response = editor.post("/admin/newsroom/article/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(title="望城区中南社区举办邻里节")
    submitted = press(editor, article, "submit")
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW and article.review_step == 1
    assert "已送初审。" in submitted.content.decode()

    first = login("reviewer1", "linli-first-2026")
    queue = first.get("/admin/newsroom/article/", {"queue": "mine"}).content.decode()
    assert "望城区中南社区举办邻里节" in queue
    page = first.get(f"/admin/newsroom/article/{article.pk}/change/").content.decode()
    assert "初审通过" in page and "退回" in page
    press(first, article, "approve", opinion="事实清楚")

    assert "望城区中南社区举办邻里节" not in first.get("/admin/newsroom/article/", {"queue": "mine"}).content.decode()
    press(login("reviewer2", "linli-second-2026"), article, "approve", opinion="同意")
    chief = login("chief", "linli-chief-2026")
    press(chief, article, "approve", opinion="同意签发")
    page = press(chief, article, "publish").content.decode()
    assert "已发布，读者现在可以看到。" in page

    article.refresh_from_db()
    assert article.is_public and article.status == Article.Status.PUBLISHED
    assert Client().get(article.get_absolute_url()).status_code == 200
    history = chief.get(f"/admin/newsroom/article/{article.pk}/change/").content.decode()
    assert "事实清楚" in history and "同意签发" in history
    assert AuditEntry.objects.filter(article=article).count() == 5


def test_a_reviewer_who_is_not_on_the_step_sees_no_buttons_and_cannot_act(demo, roles):
    from newsroom import workflow
    from tests.helpers import new_draft

    article = new_draft(roles["editor"])
    workflow.submit(article, roles["editor"])
    second = login("reviewer2", "linli-second-2026")
    page = second.get(f"/admin/newsroom/article/{article.pk}/change/").content.decode()
    assert "复审通过" not in page
    assert "您没有“初审”权限，不能执行此操作" in press(second, article, "approve").content.decode()
    assert Article.objects.get(pk=article.pk).review_step == 1


def test_publishing_with_a_backdated_time_is_refused(demo, roles):
    from newsroom import workflow
    from tests.helpers import new_draft

    article = new_draft(roles["editor"])
    workflow.submit(article, roles["editor"])
    for role in ("first", "second", "chief"):
        workflow.approve(article, roles[role])
    chief = login("chief", "linli-chief-2026")
    page = press(chief, article, "publish", publish_at="2020-01-01T08:00").content.decode()
    assert "不得倒填发稿日期" in page
    assert not Article.objects.get(pk=article.pk).is_live


def test_a_moderator_cannot_edit_articles(demo):
    moderator = login("moderator", "linli-moderator-2026")
    article = Article.objects.filter(portal__is_default=True).first()  # the moderator's own portal
    assert moderator.get(f"/admin/newsroom/article/{article.pk}/change/").status_code == 200
    assert 'value="new_version"' not in moderator.get(f"/admin/newsroom/article/{article.pk}/change/").content.decode()
    assert moderator.get("/admin/newsroom/article/add/").status_code == 403


def test_reviewers_read_the_rendered_page_beside_the_checks(demo, roles):
    from newsroom import revisions, workflow
    from tests.helpers import draft_of

    draft = draft_of("hohhot-yuquan-grassroots-party-building", roles["editor"])
    Article.objects.filter(pk=draft.pk).update(title="改了标题的新版本")
    revisions.record(Article.objects.get(pk=draft.pk), roles["editor"])
    workflow.submit(Article.objects.get(pk=draft.pk), roles["editor"])
    first = Client()
    first.force_login(roles["first"])
    page = first.get(f"/admin/newsroom/article/{draft.pk}/change/").content.decode()
    preview = f"/admin/newsroom/article/{draft.pk}/preview/"
    assert f'<iframe src="{preview}"' in page and "按前台版式审读" in page
    assert "与线上版本对比修改" in page
    framed = first.get(preview)
    assert framed["X-Frame-Options"] == "SAMEORIGIN" and "改了标题的新版本" in framed.content.decode()
    compare = page.split("与线上版本对比修改")[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")
    assert "<ins>" in first.get(compare).content.decode()
    # The editor's own draft page (not in review) has no reading pane.
    from tests.helpers import new_draft

    own = new_draft(roles["editor"])
    editor = Client()
    editor.force_login(roles["editor"])
    assert "按前台版式审读" not in editor.get(f"/admin/newsroom/article/{own.pk}/change/").content.decode()


def test_a_sign_off_is_on_the_version_the_reviewer_read(demo, roles):
    """The chief opens v1; the article goes back, is changed and comes round again as v2; the
    chief's 签发 from the page of v1 does not sign v2."""
    from newsroom import revisions, workflow
    from tests.helpers import new_draft

    article = new_draft(roles["editor"])
    workflow.submit(article, roles["editor"])
    for step in ("first", "second"):
        workflow.approve(Article.objects.get(pk=article.pk), roles[step])
    chief = Client()
    chief.force_login(roles["chief"])
    page = chief.get(f"/admin/newsroom/article/{article.pk}/change/").content.decode()
    seen = re.search(r'name="version" value="(\d+)"', page).group(1)
    revisions.bump_version(article)  # a new version arrived meanwhile
    response = chief.post(
        f"/admin/newsroom/article/{article.pk}/workflow/", {"action": "approve", "version": seen}, follow=True
    )
    assert "又有了新的版本" in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW


def test_a_reviewer_reads_the_body_rendered_not_as_html_source(client, demo, roles):
    from newsroom import workflow
    from tests.helpers import new_draft

    article = new_draft(roles["editor"], body="<p>第一段：<strong>邻里节</strong>开幕。</p><p>第二段。</p>")
    workflow.submit(article, roles["editor"])
    client.force_login(roles["first"])
    page = client.get(f"/admin/newsroom/article/{article.pk}/change/").content.decode()
    assert '<div class="linli-body-as-read"><p>第一段：<strong>邻里节</strong>开幕。</p>' in page
    assert "&lt;p&gt;" not in page and "&lt;strong&gt;" not in page
    client.force_login(roles["editor"])  # the author, with the draft back: the editor, not a rendering
    workflow.reject(article, roles["first"], "请补充")
    page = client.get(f"/admin/newsroom/article/{article.pk}/change/").content.decode()
    assert "linli-body-as-read" not in page and 'name="body"' in page


def test_save_and_submit_is_one_click_and_the_last_step_signs_and_publishes_in_one(demo, roles):
    from datetime import timedelta

    from django.utils import timezone

    from newsroom.models import Portal
    from tests.helpers import new_draft

    Portal.objects.update(review_steps=1)
    article = new_draft(roles["editor"])
    editor = Client()
    editor.force_login(roles["editor"])
    url = f"/admin/newsroom/article/{article.pk}/change/"
    data = admin_form_data(editor.get(url))
    assert 'name="_save_submit"' in editor.get(url).content.decode()
    data.update({"title": "中南社区邻里节百家宴", "_save_submit": "保存并提交审核"})
    page = editor.post(url, data, follow=True).content.decode()
    assert "已保存并提交审核" in page
    article = Article.objects.get(pk=article.pk)
    assert (article.title, article.status) == ("中南社区邻里节百家宴", Article.Status.IN_REVIEW)
    assert 'name="_save_submit"' not in editor.get(url).content.decode()  # nothing left to submit

    chief = Client()
    chief.force_login(roles["chief"])
    past = timezone.localtime(timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    page = press(chief, article, "sign_and_publish", publish_at=past).content.decode()
    assert "不得倒填发稿日期" in page
    assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW  # not signed off either
    soon = timezone.localtime(timezone.now() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    page = press(chief, article, "sign_and_publish", publish_at=soon, opinion="同意").content.decode()
    assert "已设定时发布" in page
    article = Article.objects.get(pk=article.pk)
    assert article.is_live and not article.is_public
    assert list(AuditEntry.objects.filter(article=article).values_list("action", flat=True))[-2:] == [
        "approve",
        "publish",
    ]
