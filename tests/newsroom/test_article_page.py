"""The article page shows a reader what the source portals show."""

import re

import pytest
from django.utils import timezone

from newsroom.models import Article
from tests.helpers import new_draft
from tests.helpers import page_html as page

pytestmark = pytest.mark.django_db

YUQUAN = "/article/hohhot-yuquan-grassroots-party-building/"
CHONGQING = "/article/chongqing-minan-huafu-doorstep-party-building/"
WUHOU = "/article/chengdu-wuhou-gongheli-community/"


def test_it_shows_breadcrumb_title_and_meta_line(client, demo):
    html = page(client, YUQUAN)
    assert (
        '您当前的位置：<a href="/">首页</a> &gt; <a href="/column/party/">党建工作</a> &gt; <a href="/column/party-news/">党建新闻</a>'
        in html
    )
    assert "<h1" in html and "呼和浩特市玉泉区：让基层党建在服务群众中更加接地气、有温度</h1>" in html
    assert "发布时间：<time" in html and "2020-09-02 14:52</time>" in html
    assert "来源：人民网</span>" in html
    assert '栏目：<a href="/column/party-news/">党建新闻</a>' in html
    assert "点击：" in html


def test_it_shows_every_photo_with_its_credit_in_the_body(client, demo):
    html = page(client, YUQUAN)
    assert html.count('<figure class="photo"') == 8
    assert html.count('<span class="credit">张聿修 摄</span>') == 8
    assert 'alt="示意图：几个孩子和大人围着桌上的大幅棋盘"' in html  # a drawn stand-in says so
    # The first photo sits after the fifth block of the body, before the sixth.
    assert html.index("几乎每一步都藏着") < html.index('<figure class="photo"') < html.index("吕子木说")


def test_it_shows_series_editors_note_dateline_and_mixed_credits(client, demo):
    html = page(client, CHONGQING, host="jiulongpo")
    assert "系列报道 · 基层堡垒" in html
    assert "编者按：" in html and "一个支部就是一座堡垒" in html
    assert "新重庆客户端讯（记者 伊永军）" in html
    assert '<span class="credit">受访者供图</span>' in html
    assert '<span class="credit">新重庆客户端记者 伊永军 摄</span>' in html
    assert "记者：伊永军" in html


def test_it_shows_the_reprint_block_and_editors_in_charge(client, demo):
    html = page(client, YUQUAN)
    assert "<dt>来源</dt><dd>人民网</dd>" in html and "<dt>转自</dt><dd>人民网内蒙古频道</dd>" in html
    assert "<dt>原标题</dt>" in html and "<dt>原作者</dt>" in html
    assert "<dt>原文链接</dt>" not in html  # not known for this reprint: nothing invented
    assert "<dt>原文发布时间</dt>" not in html  # 不详, with a reason the desk keeps
    assert "[责任编辑：王晋南]" in html
    chongqing = page(client, CHONGQING, host="jiulongpo")
    assert "<dt>原文发布时间</dt><dd>2022-05-16 11:23</dd>" in chongqing
    assert "<dt>原文链接</dt>" not in chongqing  # the capture gives none: no home page in its place
    zhongnan = page(client, "/article/changsha-zhongnan-six-neighbours/", host="wangcheng")
    assert (
        '<dt>原文链接</dt><dd><a class="url" href="https://www.hxw.gov.cn/content/2022/08/09/13887099.html"' in zhongnan
    )
    assert '<dt>来源</dt><dd><a href="https://www.hxw.gov.cn/" rel="noopener">红星网</a></dd>' in zhongnan  # a name


def test_a_traditional_article_prints_its_labels_in_its_own_script(client, demo):
    html = page(client, WUHOU, host="wuhou")  # 原文, the default: as 人民网 published it
    assert "（責編：高巍、秦華）" in html
    assert "發佈時間：" in html and "來源：" in html and "欄目：" in html
    client.cookies["linli_script"] = "hans"
    assert "（责编：高巍、秦华）" in page(client, WUHOU, host="wuhou")


def test_it_shows_the_disclaimer_with_the_portals_contact_window(client, demo):
    from newsroom.models import Portal

    Portal.objects.update(contact_window_days=15)
    html = page(client, YUQUAN)
    assert "请在15日内进行" in html
    assert "请在15日内与本网联系" in html
    assert "/takedown/new/?article=hohhot-yuquan-grassroots-party-building" in html


def test_it_shows_previous_next_related_and_recommended(client, demo):
    html = page(client, YUQUAN)
    assert "上一篇：没有了" in html
    assert "下一篇：没有了" in html  # the only article of its column
    assert 'id="h-related"' not in html  # 内蒙古新闻网's channels show none: its theme neither
    html = page(client, CHONGQING, host="jiulongpo")  # a news client's: 相关文章 and 您可能感兴趣的文章
    related = html.split('id="h-related">相关文章')[1].split("</section>")[0]
    recommended = html.split('id="h-recommended">您可能感兴趣的文章')[1].split("</section>")[0]
    assert "/article/jiulongpo-minan-employment-market/" in related
    assert "/article/jiulongpo-series-launch/" in recommended
    assert not set(re.findall(r'href="(/article/[^"]+)"', related)) & set(
        re.findall(r'href="(/article/[^"]+)"', recommended)
    )
    html = page(client, WUHOU, host="wuhou")  # 人民网's: 推荐阅读 with 【详细】
    assert 'id="h-recommended">推薦閱讀' in html and "【詳細】" in html


def test_it_offers_font_sizes_print_and_a_server_made_qr_code(client, demo):
    html = page(client, YUQUAN)
    assert 'data-font="large"' in html and 'data-font="small"' in html and "data-print" in html
    assert 'alt="本文二维码，手机扫一扫阅读"' in html and f"{YUQUAN}qr.svg" in html
    assert 'media="print"' in html
    assert "https://service.weibo.com/share/share.php?" in html


def test_a_qr_code_is_drawn_once_for_every_worker(client, demo, monkeypatch, settings):
    from newsroom import sharing

    settings.PAGE_CACHE_SECONDS = 0  # each request renders the page
    sharing.qr_svg.cache_clear()  # earlier tests drew it in this process
    first = client.get(f"{YUQUAN}qr.svg").content.decode()
    sharing.qr_svg.cache_clear()  # what another worker, or this one after a restart, starts with
    monkeypatch.setattr(sharing, "_draw", lambda url: pytest.fail("drawn again"))
    again = client.get(f"{YUQUAN}qr.svg").content.decode()
    assert "<svg" in first and first == again


def test_a_traditional_article_shows_credits_in_its_script(client, demo):
    html = page(client, "/article/kunming-xinwenli-community/", host="wuhua")
    assert '<html lang="zh-Hant">' in html
    assert html.count('<span class="credit">供圖</span>') == 4
    # Its reporter signs at the end, as the original (云南网记者张成), not in the meta line.
    signature = re.search(r'<p class="signature">(.*?)</p>', html).group(1)
    assert signature.endswith("記者張成") and "張成" not in html.split('class="meta"')[1].split("</p>")[0]
    # 原文: the page's own labels follow the article's script, not only its text.
    assert "當前位置" in html and "当前位置" not in html and "欄目" in html


def test_each_view_counts_once(client, demo):
    article = Article.objects.get(slug="hohhot-yuquan-grassroots-party-building")
    html = page(client, YUQUAN)
    assert f'点击：<span class="views" data-count-url="/views/{article.pk}/">0</span>' in html
    assert client.post(f"/views/{article.pk}/").json() == {"views": 1}
    assert client.post(f"/views/{article.pk}/").json() == {"views": 2}
    assert Article.objects.get(pk=article.pk).view_count == 2
    assert client.get(f"/views/{article.pk}/").status_code == 405


def test_only_published_articles_are_counted(client, demo, editor):
    draft = new_draft(editor, slug="not-yet")
    assert client.post(f"/views/{draft.pk}/").status_code == 404
    assert client.post("/views/999999/").status_code == 404
    assert Article.objects.get(pk=draft.pk).view_count == 0


def test_unpublished_and_future_articles_answer_404(client, demo, chief):
    from newsroom import workflow

    workflow.unpublish(Article.objects.get(slug="hohhot-yuquan-grassroots-party-building"), chief, "内容需核实")
    assert client.get(YUQUAN).status_code == 404
    Article.objects.filter(slug="chongqing-minan-huafu-doorstep-party-building").update(
        live_from=timezone.now() + timezone.timedelta(hours=1)
    )
    assert client.get(CHONGQING, HTTP_HOST="jiulongpo.localhost").status_code == 404
    assert client.get("/article/no-such-article/").status_code == 404


def test_it_shows_sidebars_and_the_news_tip_line(client, demo):
    html = page(client, YUQUAN)
    for heading in ("头条新闻", "图片新闻", "部门新闻", "专题报道"):  # as 内蒙古新闻网's channel
        assert f">{heading}</h2>" in html or f">{heading}</a></h2>" in html, heading
    assert "报料电话：0471-5103964" in html  # the portal's own hotline
    assert "hualongbaoliao" not in html and "3401582423" not in html  # never another outlet's channels
    assert "一经采纳有费用酬谢" in html


def _texts(html):
    """The title, every paragraph of the body and every caption, as a reader reads them."""
    body = html.split('id="article-body"')[1].split("</div>")[0]
    strip = lambda fragment: re.sub(r"<[^>]+>", "", fragment).strip()  # noqa: E731
    return {
        "title": strip(re.search(r'<h1 id="article-title">(.*?)</h1>', html, re.S).group(1)),
        "paragraphs": [strip(p) for p in re.findall(r"<p(?:\s[^>]*)?>(.*?)</p>", body, re.S) if strip(p)],
        "captions": [
            strip(c.split('<span class="credit">')[0])
            for c in re.findall(r"<figcaption>(.*?)</figcaption>", body, re.S)
        ],
    }


def test_a_traditional_original_prints_its_stored_text_unchanged(client, demo):
    """原文 converts the page's labels to Traditional, never the stored, reviewed text: OpenCC's
    s2tw would print 了解 as 瞭解 and 范 as 範 where the source has them."""
    for slug, host in (("kunming-xinwenli-community", "wuhua"), ("chengdu-wuhou-gongheli-community", "wuhou")):
        article = Article.objects.get(slug=slug)
        if article.script != "zh-hant":
            continue
        article.body += "<p>居民代表表示要深入了解社区规范，愿意参与，后续再议。</p>"
        article.save()
        shown = _texts(page(client, f"/article/{slug}/", host=host))
        stored_paragraphs = [
            re.sub(r"<[^>]+>", "", p).strip() for p in re.findall(r"<p(?:\s[^>]*)?>(.*?)</p>", article.body, re.S)
        ]
        assert shown["title"].endswith(article.title)
        assert [p for p in shown["paragraphs"] if not p.startswith("—")] == [p for p in stored_paragraphs if p]
        assert "深入了解社区规范，愿意参与，后续再议" in shown["paragraphs"][-1]
        assert set(shown["captions"]) == {p.caption for p in article.photos.filter(hidden_by_takedown=False)}
        # The reader's own switch converts everything, stored text too.
        client.cookies["linli_script"] = "hant"
        switched = _texts(page(client, f"/article/{slug}/", host=host))
        assert "深入瞭解社區規範，願意參與，後續再議" in switched["paragraphs"][-1]
        client.cookies["linli_script"] = "hans"
        simplified = _texts(page(client, f"/article/{slug}/", host=host))
        assert "深入了解社区规范，愿意参与，后续再议" in simplified["paragraphs"][-1]
        del client.cookies["linli_script"]
