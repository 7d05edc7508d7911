"""简 | 繁 switch and 长者模式, remembered for the reader; stored text stays as published."""

import pytest

from newsroom.models import Article

pytestmark = pytest.mark.django_db

ARTICLE = "/article/changsha-zhongnan-six-neighbours/"  # 望城区's
TRADITIONAL = "/article/chengdu-wuhou-gongheli-community/"  # 武侯区's
WANGCHENG, WUHOU = {"HTTP_HOST": "wangcheng.localhost"}, {"HTTP_HOST": "wuhou.localhost"}


def test_switching_to_traditional_converts_chrome_and_content(client, demo):
    response = client.get("/reader/script/", {"to": "hant", "next": ARTICLE})
    assert response.status_code == 302 and response["Location"] == ARTICLE
    html = client.get(ARTICLE, **WANGCHENG).content.decode()
    assert '<html lang="zh-Hant">' in html
    assert "當前位置" in html and "發佈時間" in html or "發布時間" in html
    assert "社區老年大學現有學員273人" in html
    article = Article.objects.get(slug="changsha-zhongnan-six-neighbours")
    assert "社区老年大学现有学员273人" in article.body


def test_switching_to_simplified_converts_traditional_articles(client, demo):
    client.get("/reader/script/", {"to": "hans", "next": "/"})
    html = client.get(TRADITIONAL, **WUHOU).content.decode()
    assert "共和路社区成立于2002年1月1日" in html
    assert '<html lang="zh-Hans">' in html


def test_original_shows_each_article_as_published(client, demo):
    client.get("/reader/script/", {"to": "hant"})
    client.get("/reader/script/", {"to": ""})
    assert "社区老年大学现有学员273人" in client.get(ARTICLE, **WANGCHENG).content.decode()
    assert "共和路社區成立於2002年1月1日" in client.get(TRADITIONAL, **WUHOU).content.decode()


def test_the_switch_refuses_to_redirect_elsewhere(client, demo):
    response = client.get("/reader/script/", {"to": "hant", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_the_admin_is_never_converted(editor_client, demo):
    editor_client.get("/reader/script/", {"to": "hant"})
    assert "文章" in editor_client.get("/admin/newsroom/article/").content.decode()


def test_care_mode_is_remembered(client, demo):
    assert 'class="care"' not in client.get("/").content.decode()
    client.get("/reader/care/", {"on": "1", "next": "/"})
    html = client.get(ARTICLE).content.decode()
    assert '<body class="care">' in html and "退出长者模式" in html
    client.get("/reader/care/", {"on": "0"})
    assert '<body class="">' in client.get("/").content.decode()
