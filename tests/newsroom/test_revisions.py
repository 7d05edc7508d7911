"""Revisions: stored on every save, diffed for Chinese text, restored as a new draft; the live
version stays public and unchanged while its new draft is in review."""

import pytest

from newsroom import revisions, workflow
from newsroom.models import Article, Revision
from tests.helpers import admin_form_data

pytestmark = pytest.mark.django_db
LIVE = "hohhot-yuquan-grassroots-party-building"


def test_every_admin_save_stores_a_revision_with_photos(editor_client, editor, demo):
    draft = workflow.new_version(Article.objects.get(slug=LIVE), editor)
    url = f"/admin/newsroom/article/{draft.pk}/change/"
    for title in ("第一次修改的标题", "第二次修改的标题"):
        data = admin_form_data(editor_client.get(url))
        data["title"] = title
        assert editor_client.post(url, data).status_code == 302
    history = Revision.objects.filter(source=draft).order_by("version")
    assert [r.data["title"] for r in history][-2:] == ["第一次修改的标题", "第二次修改的标题"]
    assert [r.version for r in history] == [1, 2, 3]
    assert "photos" in history.last().data


def test_the_diff_marks_changed_characters_within_a_paragraph():
    old = {"body": "<p>社区老年大学现有学员273人。</p><p>不变的段落。</p>"}
    new = {"body": "<p>社区老年大学现有学员300人。</p><p>不变的段落。</p>"}
    [(label, rows)] = revisions.diff(old, new)
    assert str(label) == "正文" and len(rows) == 1
    before, after = rows[0]
    # Only the characters that changed are marked: 273 → 300 keeps its "3".
    assert before == "社区老年大学现有学员<del>27</del>3人。"
    assert after == "社区老年大学现有学员3<ins>00</ins>人。"


def test_times_are_compared_as_moments_and_shown_as_people_write_them():
    """One instant in two offsets is no change; a changed time reads 2022-10-28 09:30, not ISO."""
    same = revisions.diff(
        {"original_published_at": "2022-10-28T01:30:00+00:00"}, {"original_published_at": "2022-10-28T09:30:00+08:00"}
    )
    assert same == []
    [(label, [(before, after)])] = revisions.diff(
        {"original_published_at": "2022-10-28T01:30:00+00:00"}, {"original_published_at": "2022-10-28T10:00:00+08:00"}
    )
    assert str(label) == "原文发布时间"
    assert "T" not in before + after and "+" not in before + after
    assert before.replace("<del>", "").replace("</del>", "") == "2022-10-28 09:30"
    assert after.replace("<ins>", "").replace("</ins>", "") == "2022-10-28 10:00"


def test_the_revision_page_shows_a_side_by_side_diff(editor_client, editor, demo):
    live = Article.objects.get(slug=LIVE)
    draft = workflow.new_version(live, editor)
    Article.objects.filter(pk=draft.pk).update(title="改过的标题")
    revision = revisions.record(Article.objects.get(pk=draft.pk), editor)
    html = editor_client.get(f"/admin/newsroom/article/{live.pk}/revisions/{revision.pk}/").content.decode()
    assert "<ins>改过的标题</ins>" in html or "<ins>改过的</ins>" in html
    assert editor_client.get(f"/admin/newsroom/article/{live.pk}/revisions/").status_code == 200


def test_restoring_a_revision_of_a_live_article_makes_a_new_draft(editor_client, editor, demo):
    live = Article.objects.get(slug=LIVE)
    original = Revision.objects.filter(article=live).earliest("created_at")
    response = editor_client.post(f"/admin/newsroom/article/{live.pk}/revisions/{original.pk}/")
    draft = live.draft_versions.get()
    assert response["Location"] == f"/admin/newsroom/article/{draft.pk}/change/"
    assert draft.status == Article.Status.DRAFT and draft.title == original.data["title"]
    assert Article.objects.get(pk=live.pk).is_live


def test_restoring_into_a_draft_brings_back_fields_and_photos(demo, roles):
    from tests.helpers import new_draft

    article = new_draft(roles["editor"])
    first = revisions.record(article, roles["editor"])
    article.title = "改坏的标题"
    article.save()
    article.photos.all().delete()
    workflow.restore(first, roles["editor"])
    article.refresh_from_db()
    assert article.title == "中南社区开展邻里节活动" and article.photos.count() == 1
    assert article.photos.get().caption == "邻里节现场"


def test_the_live_version_is_unchanged_while_its_new_draft_is_in_review(client, demo, roles):
    live = Article.objects.get(slug=LIVE)
    draft = workflow.new_version(live, roles["editor"])
    Article.objects.filter(pk=draft.pk).update(title="新版本标题", body="<p>新版本正文。</p>")
    workflow.submit(draft, roles["editor"])
    workflow.approve(draft, roles["first"])
    page = client.get(f"/article/{LIVE}/").content.decode()
    assert "新版本标题" not in page and "泉民共益坊" in page
    assert client.get(f"/article/{draft.slug}/").status_code == 404

    workflow.approve(draft, roles["second"])
    workflow.approve(draft, roles["chief"])
    workflow.publish(Article.objects.get(pk=draft.pk), roles["chief"])
    page = client.get(f"/article/{LIVE}/").content.decode()
    assert "新版本标题" in page and "新版本正文" in page
    assert not Article.objects.filter(pk=draft.pk).exists()
    live.refresh_from_db()
    assert live.first_published_at.year == 2020 and live.is_live


def test_a_live_article_cannot_be_edited_in_place(editor_client, demo):
    live = Article.objects.get(slug=LIVE)
    url = f"/admin/newsroom/article/{live.pk}/change/"
    page = editor_client.get(url).content.decode()
    assert "编辑新版本" in page and "线上文章不能直接修改" in page
    assert editor_client.post(url, {"title": "直接改"}).status_code == 403


def test_the_diff_names_columns_topics_communities_and_shows_photo_changes(demo, roles):
    """Reviewers read names, captions and credits, never ids or file names."""
    from newsroom import revisions
    from newsroom.models import Column, Topic
    from tests.helpers import new_draft

    article = new_draft(roles["editor"])
    before = revisions.snapshot(article)
    article.column = Column.objects.get(slug="department")
    article.save()
    article.topics.set([Topic.objects.get(slug="urban-party-building")])
    article.photos.update(caption="改过的图片说明", credit_kind="photo", credit_person=None)
    changes = dict(revisions.diff(before, revisions.snapshot(article)))
    column_old, column_new = changes["栏目"][0]
    assert "党建" in column_old and "部门" in column_new and "#" not in column_new
    assert "城市基层党建在社区" in changes["专题"][0][1]
    from django.utils.html import strip_tags

    photo_old, photo_new = (strip_tags(side) for side in changes["图片"][0])
    assert "中南社区供图" in photo_old and "第1段后" in photo_old and "改过的图片说明" in photo_new
    assert "festival" not in photo_old + photo_new


def test_any_two_revisions_can_be_compared_in_either_order(editor_client, editor, demo):
    live = Article.objects.get(slug=LIVE)
    draft = workflow.new_version(live, editor)
    first = revisions.record(Article.objects.get(pk=draft.pk), editor)
    for title in ("第二版标题", "第三版标题"):
        Article.objects.filter(pk=draft.pk).update(title=title)
        last = revisions.record(Article.objects.get(pk=draft.pk), editor)
    listing = editor_client.get(f"/admin/newsroom/article/{live.pk}/revisions/").content.decode()
    assert "对比所选版本" in listing and f'name="a" value="{first.pk}"' in listing
    url = f"/admin/newsroom/article/{live.pk}/revisions/compare/"
    for a, b in ((first.pk, last.pk), (last.pk, first.pk)):  # the older is always on the left
        html = editor_client.get(url, {"a": a, "b": b}).content.decode()
        assert "第三版标题" in html and "第二版" not in html
        assert html.index("旧版本") < html.index("<ins>")
    same = editor_client.get(url, {"a": first.pk, "b": first.pk}, follow=True)
    assert "请选择两个不同的版本" in same.content.decode()
    other = Revision.objects.exclude(article=live).first()
    assert (
        "请选择两个不同的版本" in editor_client.get(url, {"a": first.pk, "b": other.pk}, follow=True).content.decode()
    )


def test_a_revision_holds_every_editable_field_and_an_older_one_restores_what_it_has(demo, roles):
    """What a snapshot holds follows from the model: a field added to Article is in the next
    revision without a list to update; a revision made before it restores its own fields and
    leaves the new one as it is (not emptied)."""
    from tests.helpers import new_draft

    article = new_draft(roles["editor"], risk_tier="B")
    data = revisions.snapshot(article)
    editable = {f.attname for f in Article._meta.concrete_fields if f.editable and not f.primary_key}
    assert editable - {"slug", "cover_id"} <= data.keys()
    assert {"credits", "photos", "topics", "cover_index"} <= data.keys()
    assert data["photos"][0]["image"] and data["credits"][0]["person_id"]
    older = {k: v for k, v in data.items() if k != "risk_tier"}
    older["title"] = "旧标题"
    revisions.set_fields(article, older)
    assert (article.title, article.risk_tier) == ("旧标题", "B")
