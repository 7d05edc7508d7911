"""Rich text is sanitised server-side on every save."""

import pytest

from newsroom.core.richtext import sanitize_html
from tests.helpers import draft_of


@pytest.mark.parametrize(
    "dirty, gone",
    [
        ("<p>你好</p><script>alert(1)</script>", "<script"),
        ('<p onclick="steal()">点我</p>', "onclick"),
        ('<img src="x.png" onerror="steal()">', "onerror"),
        ('<a href="javascript:alert(1)">链接</a>', "javascript:"),
        ('<a href="JaVaScRiPt:alert(1)">链接</a>', "alert"),
        ('<iframe src="https://evil.example/"></iframe>', "<iframe"),
        ('<p style="width: expression(alert(1))">文字</p>', "expression"),
        ('<p style="background:url(javascript:alert(1))">文字</p>', "style"),
        ("<svg><script>alert(1)</script></svg>", "<svg"),
        ('<object data="x.swf"></object>', "<object"),
    ],
)
def test_it_removes_dangerous_markup(dirty, gone):
    assert gone.lower() not in sanitize_html(dirty).lower()


@pytest.mark.parametrize(
    "kept",
    [
        "<h2>聚焦爱国教育</h2>",
        "<h3>书记感怀</h3>",
        "<p>社区成立于2002年1月1日。</p>",
        "<ul><li>雷锋超市</li><li>党员活动室</li></ul>",
        "<ol><li>一</li></ol>",
        "<table><tbody><tr><th>常住人口</th><td>14929</td></tr></tbody></table>",
        '<img src="/media/photos/a.jpg" alt="社区">',
        "<blockquote>编者按</blockquote>",
        "<p><strong>粗体</strong><em>斜体</em></p>",
    ],
)
def test_it_keeps_editorial_markup(kept):
    assert sanitize_html(kept) == kept


def test_it_keeps_links_and_makes_them_safe():
    cleaned = sanitize_html('<a href="https://www.hxw.gov.cn/content/2022/08/09/13887099.html">原文链接</a>')
    assert 'href="https://www.hxw.gov.cn/content/2022/08/09/13887099.html"' in cleaned
    assert 'rel="noopener noreferrer"' in cleaned


@pytest.mark.django_db
def test_every_save_sanitises_articles_and_communities(demo):
    from communities.models import Community
    from newsroom.models import Article

    article = Article.objects.first()
    article.body = '<p onmouseover="x()">正文</p><script>alert(1)</script>'
    article.save()
    article.refresh_from_db()
    assert article.body == "<p>正文</p>"

    place = Community.objects.first()
    place.secretary_reflections = '<p>感怀</p><iframe src="//evil.example"></iframe>'
    place.save()
    place.refresh_from_db()
    assert place.secretary_reflections == "<p>感怀</p>"


@pytest.mark.django_db
def test_the_admin_saves_the_sanitised_body(editor_client, editor, demo):
    from tests.helpers import admin_form_data

    article = draft_of("changhelang-button-brooch-training", editor)
    url = f"/admin/newsroom/article/{article.pk}/change/"
    data = admin_form_data(editor_client.get(url))
    data["body"] = '<h3>新小标题</h3><p onclick="x()">新段落</p><script>alert(1)</script>'
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.body == "<h3>新小标题</h3><p>新段落</p>"


@pytest.mark.django_db
def test_an_image_pasted_into_the_body_is_refused_with_a_clear_message(editor_client, editor, demo):
    from tests.helpers import admin_form_data

    article = draft_of("changhelang-button-brooch-training", editor)
    url = f"/admin/newsroom/article/{article.pk}/change/"
    data = admin_form_data(editor_client.get(url))
    data["body"] = '<p>正文</p><img src="https://elsewhere.example/x.jpg">'
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "正文中不能直接插入图片" in response.content.decode()
