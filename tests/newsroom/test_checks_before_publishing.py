"""Each failing pre-publish condition blocks with its message; a warn-level 错敏词 only warns."""

import pytest

from newsroom import workflow
from newsroom.models import Article, Portal, SensitiveWord
from tests.conftest import new_draft

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
    assert "转载文章必须填写原作者" in message and "原标题" in message and "原文链接" in message


def test_no_editor_in_charge_blocks(demo, roles):
    article = approved(roles)
    article.editors_in_charge.clear()
    assert "至少需要一位责任编辑" in refused(article, roles)


def test_a_blocking_sensitive_word_blocks_with_context_and_suggestion(demo, roles):
    article = approved(roles, body="<p>会议传达了国务院办公室下发的通知精神。</p>")
    message = refused(article, roles)
    assert "正文中出现“国务院办公室”，建议改为“国务院办公厅”" in message
    assert "传达了国务院办公室下发的通知" in message


def test_sensitive_words_are_found_in_captions_and_titles(demo, roles):
    article = approved(roles, title="内蒙古自治州社区见闻")
    article.photos.update(caption="国务院办公室调研组到访")
    message = refused(article, roles)
    assert "标题中出现“内蒙古自治州”" in message and "第1张图片说明中出现“国务院办公室”" in message


def test_a_warning_word_publishes_with_a_warning(demo, roles):
    article = approved(roles, summary="这是全区最高级的社区食堂。")
    warnings = workflow.publish(article, roles["chief"])
    assert Article.objects.get(pk=article.pk).is_live
    assert len(warnings) == 1 and "摘要中出现“最高级”" in warnings[0]


def test_the_list_is_per_portal(demo, roles):
    other = Portal.objects.create(name="另一个网站")
    SensitiveWord.objects.create(portal=other, word="邻里节", severity="block")
    workflow.publish(approved(roles), roles["chief"])
