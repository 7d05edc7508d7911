"""What share cards and search engines read: the canonical URL, a description on every page,
OpenGraph with the article's first photo, NewsArticle JSON-LD, icons, 标题_栏目_站名, and the QR
code as a cached file rather than a third of the page."""

import json
import re

import pytest

from newsroom.models import Article

pytestmark = pytest.mark.usefixtures("demo")
YUQUAN = "hohhot-yuquan-grassroots-party-building"


def test_an_article_tells_share_cards_and_search_engines_what_it_is(client):
    article = Article.objects.get(slug=YUQUAN)
    html = client.get(article.get_absolute_url()).content.decode()
    url = f"http://testserver/article/{YUQUAN}/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f"<title>{article.title}_{article.column.name}_玉泉区新闻网</title>" in html
    assert '<meta property="og:type" content="article">' in html and f'content="{article.title}"' in html
    image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert image.startswith("http://testserver/media/") and image.endswith(".jpg")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "NewsArticle" and data["headline"] == article.title
    assert data["datePublished"].startswith(article.first_published_at.isoformat()[:10])
    assert data["publisher"]["name"] == "玉泉区新闻网" and data["image"] == [image]
    assert re.search(r'<meta name="description" content="[^"]{10,}">', html)


def test_the_qr_code_is_a_cached_file_not_inline(client):
    html = client.get(f"/article/{YUQUAN}/").content.decode()
    assert "<svg" not in html.split('class="qr"')[1][:400]
    assert f'src="/article/{YUQUAN}/qr.svg"' in html
    qr = client.get(f"/article/{YUQUAN}/qr.svg")
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content
    assert "max-age=86400" in qr["Cache-Control"]
    assert client.get("/article/no-such-article/qr.svg").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/column/party/",
        "/communities/",
        "/communities/zhongnan/",
        "/pages/contact/",
        "/sitemap/",
        "/search/?q=社区",
    ],
)
def test_every_page_has_a_description_and_icons(client, url):
    html = client.get(url).content.decode()
    assert re.search(r'<meta name="description" content="[^"]{8,}">', html), url
    assert 'rel="icon"' in html and 'rel="apple-touch-icon"' in html


def test_favicon_ico_answers(client):
    answer = client.get("/favicon.ico")
    assert answer.status_code == 301 and answer["Location"].endswith("favicon.ico")
