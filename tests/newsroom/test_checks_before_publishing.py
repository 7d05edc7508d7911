"""Each failing pre-publish condition blocks with its message; a warn-level 错敏词 only warns."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from newsroom import workflow
from newsroom.models import Article, BylineRole, Credit, Portal, SensitiveWord
from tests.helpers import new_draft

pytestmark = pytest.mark.django_db


def approved(roles, **fields):
    article = new_draft(roles["editor"], **fields)
    workflow.submit(article, roles["editor"])
    for role in ("first", "second", "chief"):
        workflow.approve(article, roles[role])
    return Article.objects.get(pk=article.pk)


def refused(article, roles):
    with pytest.raises(workflow.TransitionError) as caught:
        workflow.publish(article, roles["chief"])
    assert Article.objects.get(pk=article.pk).status == Article.Status.APPROVED
    return str(caught.value)


def test_a_photo_without_alt_text_blocks(demo, roles):
    article = approved(roles)
    article.photos.update(alt_text="")
    assert "第1张图片没有替代文字" in refused(article, roles)


def test_a_photographer_credit_without_a_photographer_blocks(demo, roles):
    article = approved(roles)
    article.photos.update(credit_kind="photo", credit_person=None)
    assert "第1张图片：署名方式为“摄”时，请选择拍摄者" in refused(article, roles)


def test_a_reprint_without_its_facts_blocks(demo, roles):
    article = approved(roles)
    Article.objects.filter(pk=article.pk).update(is_reprint=True, source_name="人民网")
    message = refused(article, roles)
    assert "转载文章必须填写原作者" in message and "原标题" in message
    assert "请填写原文发布时间" in message
    assert "原文链接" not in message  # good practice, not the law: a warning


def test_a_reprint_without_a_link_publishes_with_a_warning(demo, roles):
    article = approved(roles)
    Article.objects.filter(pk=article.pk).update(
        is_reprint=True,
        source_name="人民网",
        via_name="人民网内蒙古频道",
        original_title="原来的标题",
        original_author="人民网记者 李明",
        original_time_precision="day",
        original_published_at=timezone.now() - timedelta(days=2),
    )
    warnings = workflow.publish(Article.objects.get(pk=article.pk), roles["chief"])
    assert Article.objects.get(pk=article.pk).is_live
    assert warnings == ["转载文章建议填写原文链接。"]


def test_an_unknown_original_time_needs_a_reason(demo, roles):
    article = approved(roles)
    Article.objects.filter(pk=article.pk).update(
        is_reprint=True,
        source_name="人民网",
        original_title="原来的标题",
        original_author="人民网记者 李明",
        original_time_precision="unknown",
    )
    assert "原文发布时间不详时，请说明原因" in refused(article, roles)


def test_no_real_named_editor_blocks(demo, roles):
    article = approved(roles)
    article.credits.all().delete()
    assert "至少需要一位实名的责任编辑或编辑" in refused(article, roles)
    # A 记者 or 审校 is not the editor the law asks for; an 编辑 with a free name is.
    reporter = BylineRole.objects.get(portal=article.column.portal, name="记者")
    proofreader = BylineRole.objects.get(portal=article.column.portal, name="审校")
    Credit.objects.create(article=article, role=reporter, name="李明")
    Credit.objects.create(article=article, role=proofreader, name="王芳")
    assert "至少需要一位实名的责任编辑或编辑" in refused(article, roles)
    # An organisation typed as the 编辑 is not a real name: refused on the form and at publishing.
    editor = BylineRole.objects.get(portal=article.column.portal, name="编辑")
    office = Credit(article=article, role=editor, name="本网编辑部")
    with pytest.raises(ValidationError, match="须署个人实名"):
        office.full_clean()
    office.save()
    assert "至少需要一位实名的责任编辑或编辑" in refused(article, roles)
    office.delete()
    Credit(article=article, role=editor, name="欧阳文台").full_clean()  # a person, whatever the last character
    Credit.objects.create(
        article=article, role=BylineRole.objects.get(portal=article.column.portal, name="编辑"), name="赵敏"
    )
    workflow.publish(article, roles["chief"])
    assert Article.objects.get(pk=article.pk).is_live


def test_an_uncredited_photo_blocks_unless_the_portal_allows_it(demo, roles):
    article = approved(roles)
    article.photos.update(credit_kind="none", credit_organisation="")
    assert "第1张图片未署名：本网站不允许发布未署名的图片" in refused(article, roles)
    Portal.objects.filter(pk=article.column.portal_id).update(allow_uncredited_photos=True)
    warnings = workflow.publish(Article.objects.get(pk=article.pk), roles["chief"])
    assert warnings == ["第1张图片未署名。"]


def refused_at_submit(article, roles):
    """The checks run where people decide: a blocking problem stops submission."""
    with pytest.raises(workflow.TransitionError) as caught:
        workflow.submit(article, roles["editor"])
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT
    return str(caught.value)


def test_a_blocking_sensitive_word_blocks_with_context_and_suggestion(demo, roles):
    article = new_draft(roles["editor"], body="<p>会议传达了国务院办公室下发的通知精神。</p>")
    message = refused_at_submit(article, roles)
    assert "正文中出现“国务院办公室”，建议改为“国务院办公厅”" in message
    assert "传达了国务院办公室下发的通知" in message


def test_sensitive_words_are_found_in_captions_and_titles(demo, roles):
    article = new_draft(roles["editor"], title="内蒙古自治州社区见闻")
    article.photos.update(caption="国务院办公室调研组到访")
    message = refused_at_submit(article, roles)
    assert "标题中出现“内蒙古自治州”" in message and "第1张图片说明中出现“国务院办公室”" in message


def test_a_word_is_quoted_as_the_editor_typed_it(demo, roles):
    """A caption in Traditional script, a title with a zero-width space: the check finds them and
    quotes what the field holds, so the editor can find it there."""
    article = new_draft(roles["editor"], title="内蒙古自治\u200b州社区见闻")
    article.photos.update(caption="國務院辦公室調研組到訪")
    message = refused_at_submit(article, roles)
    assert "第1张图片说明中出现“國務院辦公室”（错敏词“国务院办公室”），建议改为“国务院办公厅”" in message
    assert "…國務院辦公室調研組到訪…" in message
    assert "标题中出现“内蒙古自治\u200b州”（错敏词“内蒙古自治州”）" in message


def test_a_word_listed_after_sign_off_still_stops_publishing_and_the_chief_can_return_it(demo, roles):
    """A problem found after 签发 never leaves the article without a way forward: 退回."""
    article = approved(roles, body="<p>会议传达了上级下发的通知精神。</p>")
    SensitiveWord.objects.create(portal=article.column.portal, word="上级下发", severity="block")
    assert "正文中出现“上级下发”" in refused(article, roles)
    assert ("reject", "退回", True) in workflow.available_transitions(roles["chief"], article)
    workflow.reject(article, roles["chief"], "请改写第一段")
    assert Article.objects.get(pk=article.pk).status == Article.Status.REJECTED


def test_a_warning_word_publishes_with_a_warning(demo, roles):
    article = approved(roles, summary="这是全区最高级的社区食堂。")
    warnings = workflow.publish(article, roles["chief"])
    assert Article.objects.get(pk=article.pk).is_live
    assert len(warnings) == 1 and "摘要中出现“最高级”" in warnings[0]


def test_the_list_is_per_portal(demo, roles):
    other = Portal.objects.create(name="另一个网站")
    SensitiveWord.objects.create(portal=other, word="邻里节", severity="block")
    workflow.publish(approved(roles), roles["chief"])


def test_the_checks_open_no_photo_file(demo, roles, monkeypatch):
    """The photo's image is checked by its field's rules without being assigned back:
    ``full_clean`` sets every field again, and setting an image makes Django reopen the file to
    measure it (a disk read per photo each time the change page shows the checks)."""
    from django.core.files import images

    from newsroom import checks

    article = approved(roles)
    opened = []
    real = images.get_image_dimensions
    monkeypatch.setattr(images, "get_image_dimensions", lambda *args, **kw: opened.append(args) or real(*args, **kw))
    report = checks.prepublish(Article.objects.get(pk=article.pk))
    assert report.ok and opened == []
    article.photos.update(alt_text="")
    assert "第1张图片没有替代文字" in refused(article, roles) and opened == []


def test_a_highlight_left_in_the_body_stops_submission_and_is_quoted(demo, roles):
    """Word's 突出显示 kept as <mark> (static/js/admin-paste.js) is a note to the desk: it never
    goes to review or to readers while it is there."""
    from newsroom import checks

    article = new_draft(
        roles["editor"],
        body="<p>居民共<mark>四百多</mark>人参加。</p><p>活动持续到<mark>（此处待核实）</mark>晚上九点。</p>",
    )
    assert Article.objects.get(pk=article.pk).body.count("<mark>") == 2  # the sanitiser keeps it
    report = checks.prepublish(article)
    assert any("2 处高亮标记" in p and "“四百多”、“（此处待核实）”" in p for p in report.blocking)
    with pytest.raises(workflow.TransitionError, match="高亮标记"):
        workflow.submit(article, roles["editor"])
    article.body = "<p>居民共四百多人参加。</p>"
    article.save()
    assert not [p for p in checks.prepublish(article).blocking if "高亮" in p]
