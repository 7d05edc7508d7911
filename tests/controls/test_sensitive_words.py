"""错敏词 are found however they are written, in every text a reader sees."""

import pytest

from newsroom import checks
from newsroom.models import Article, Portal, SensitiveWord
from tests.helpers import new_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def blocked(demo):
    return SensitiveWord.objects.create(
        portal=Portal.objects.default(), word="错误用语", severity="block", suggestion="规范用语"
    )


@pytest.mark.parametrize(
    "field, value",
    [
        ("title", "中南社区不用錯誤用語"),  # Traditional script
        ("title", "中南社区错\u200b误用语"),  # zero-width space
        ("title", "中南社区错\u00ad误\ufeff用语"),  # soft hyphen and BOM
        ("summary", "居民纠正错 误 用 语。"),  # spaced out
        ("dateline", "本网讯(错误用语特别报道)"),  # 电头
        ("source_name", "错误用语组委会"),  # 来源
        ("original_title", "错误用语"),
        ("body", "<p>居民糾正錯誤用語。</p>"),
    ],
)
def test_a_blocked_word_is_found_however_it_is_written(roles, blocked, field, value):
    article = new_draft(roles["editor"], title="中南社区活动", summary="居民活动。", body="<p>居民活动。</p>")
    Article.objects.filter(pk=article.pk).update(**{field: value})
    report = checks.prepublish(Article.objects.get(pk=article.pk))
    assert any("错误用语" in problem for problem in report.blocking), report.blocking


def test_a_blocked_word_in_a_photo_caption_or_credit_is_found(roles, blocked):
    article = new_draft(roles["editor"], title="中南社区活动", summary="居民活动。", body="<p>居民活动。</p>")
    article.photos.update(caption="糾正錯誤用語", credit_organisation="中南社区")
    assert not checks.prepublish(Article.objects.get(pk=article.pk)).ok
    article.photos.update(caption="欢度", credit_organisation="错误用语筹备组")
    assert not checks.prepublish(Article.objects.get(pk=article.pk)).ok


def test_clean_text_passes(roles, blocked):
    article = new_draft(roles["editor"], title="中南社区活动", summary="居民活动。", body="<p>用语规范。</p>")
    assert checks.prepublish(article).ok, checks.prepublish(article).blocking
