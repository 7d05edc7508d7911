"""What each source portal shows its readers, checked on the served demo: each seed's article on
the district portal dressed as its source.

    python -m tests.elements.audit                          (the demo database, in-process)
    python -m tests.elements.audit --url http://127.0.0.1:8000   (a running server: make run)

``../shared/seeds/README.md`` lists the five portals and what a reader sees on each. Every element
below is one of those, with the check that finds it in the HTML a reader of that portal gets:
the page as served from the portal's host (``<slug>.localhost``), with the settings and theme
the demo gives that portal (newsroom/demo/districts.py) and, where the page fetches its comment
block, that block as the page's script fetches it. Nothing is changed for the audit.

A status is ``present``, ``missing``, ``obsolete`` (left out on purpose, see README) or
``omitted`` (the demo has no real data for it and shows none rather than made-up data; a portal
fills it in 网站设置). ``tests/elements/test_source_elements.py`` keeps every element present.
"""

import os
import re
import sys
import urllib.request
from dataclasses import dataclass, field

import lxml.html

# The seed's demo article: (the portal dressed as its source, the article's slug).
ARTICLES = {
    "000": ("wuhua", "kunming-xinwenli-community"),
    "001": ("wangcheng", "changsha-zhongnan-six-neighbours"),
    "002": ("wuhou", "chengdu-wuhou-gongheli-community"),
    "003": ("jiulongpo", "chongqing-minan-huafu-doorstep-party-building"),
    "004": ("yuquan", "hohhot-yuquan-grassroots-party-building"),
}


@dataclass
class Page:
    html: str
    doc: lxml.html.HtmlElement = field(init=False)
    text: str = field(init=False)

    def __post_init__(self):
        from newsroom.core.chinese import to_simplified

        self.doc = lxml.html.fromstring(self.html)
        # Checks read Simplified text: a Traditional article is shown in its own script (原文).
        self.text = to_simplified(" ".join(self.doc.text_content().split()))

    def select(self, css):
        return self.doc.cssselect(css)

    def text_of(self, css):
        from newsroom.core.chinese import to_simplified

        return [to_simplified(" ".join(e.text_content().split())) for e in self.select(css)]


def says(*patterns):
    """The page's text (in Simplified) matches every pattern."""
    return lambda page: all(re.search(p, page.text) for p in patterns)


def inside(css, *patterns, every=False):
    """Some (or every) element matching ``css`` says all the patterns."""

    def check(page):
        texts = page.text_of(css)
        hits = [all(re.search(p, t) for p in patterns) for t in texts]
        return bool(texts) and (all(hits) if every else any(hits))

    return check


def count(css, at_least):
    return lambda page: len(page.select(css)) >= at_least


def heading(name):
    return inside("h2, h3", f"^{name}$")


OBSOLETE, OMITTED = "obsolete", "omitted"

ELEMENTS = {
    "000": [
        ("正文保持繁体（原文）", lambda page: page.select("html")[0].get("lang") == "zh-Hant"),
        ("标题", inside("h1", "新闻里社区")),
        ("导语里的六项荣誉称号", inside(".article-body p", "全国暖侨敬老示范社区", "五华区优秀党支部")),
        ("四个小标题", count(".article-body h2, .article-body h3", 4)),
        ("图片说明以“供图”署名", inside(".article-body figcaption", "供图$")),
        ("文末署名“云南网记者张成”", inside(".signature", "云南网记者张成")),
        ("上一篇", says("上一篇：")),
        ("下一篇", says("下一篇：")),
        ("转载免责声明（凡本网注明……）", inside(".disclaimer", "凡本网注明")),
        ("最新新闻：摘要和时间", inside("#h-latest + ul li", r"\d{4}-\d\d-\d\d \d\d:\d\d")),
        ("相关社区链接（新闻里社区）", inside(".sidebar a", "新闻里社区")),
    ],
    "001": [
        ("标题带地名前缀", inside("h1", "^长沙市望城区高塘岭街道：")),
        ("【】小标题", inside(".article-body", "【党建引领惠邻】")),
        ("设施块的面积、容量、收费", inside(".article-body", "1700", "可容纳368人", "25元")),
        ("原文链接", inside(".reprint", "原文链接", "hxw.gov.cn")),
        ("[免责声明]与30日联系期限", inside(".disclaimer", r"^\[免责声明\]", "30日内")),
        ("侧栏标题列表带短日期（YY-MM-DD）", inside(".sidebar time", r"^\d\d-\d\d-\d\d$")),
    ],
    "002": [
        ("专题频道面包屑（>>走进成都市武侯区>>新闻列表）", inside(".breadcrumb", ">>走进成都市武侯区>>新闻列表")),
        ("标题前缀荣誉", inside("h1", "^最佳党建工作示范社区：")),
        ("荣誉只出现一次", lambda page: " ".join(page.text_of(".article-header")).count("最佳党建工作示范社区") == 1),
        ("元信息：时间与来源", inside(".meta", "2017-04-28 10:17", "来源：人民网-中国共产党新闻网")),
        ("社区简介", inside(".article-body", "社区简介", "14929")),
        ("书记感怀", inside(".article-body", "书记感怀", "林晓俊")),
        ("小标题", count(".article-body h2, .article-body h3", 2)),
        ("党建亮点", inside(".article-body", "党建亮点")),
        ("（责编：高巍、秦华）", inside(".editors", "^（责编：高巍、秦华）$")),
        ("推荐阅读与【详细】", lambda page: heading("推荐阅读")(page) and "【详细】" in page.text),
        ("相关专题", heading("相关专题")),
        ("手机扫一扫二维码", lambda page: bool(page.select(".qr img, .qr svg")) and "扫一扫" in page.text),
        # 武侯区's comments are on, as 人民网's: the article page's block, fetched apart.
        ("最新评论", heading("最新评论")),
        ("热门评论", heading("热门评论")),
        ("查看全部留言", inside("#comments a, .comment-links a", "^查看全部留言$")),
    ],
    "003": [
        ("面包屑“当前位置：首页 > … > 热门”", inside(".breadcrumb", "^当前位置：首页 > .*热门$")),
        ("系列名作标题前缀（基层堡垒 | ）", inside("h1", r"^基层堡垒 \| ")),
        ("元信息：时间、栏目、点击", inside(".meta", "2022-05-16 11:23", "栏目：热门", "点击：")),
        ("编者按", inside(".editors-note", "^编者按：")),
        ("电头（新重庆客户端讯（记者 伊永军））", inside(".dateline", "新重庆客户端讯（记者 伊永军）")),
        ("图片说明“受访者供图”", inside(".article-body figcaption", "受访者供图")),
        ("图片说明“记者 伊永军 摄”", inside(".article-body figcaption", "伊永军 摄")),
        ("相关新闻：系列报道", inside(".related-news", "^相关新闻：“基层堡垒”“党员先锋”系列报道$")),
        ("报料", inside(".tip-line", "报料")),
        ("您可能感兴趣的文章", heading("您可能感兴趣的文章")),
        ("相关文章", heading("相关文章")),
    ],
    "004": [
        ("网站名称", lambda page: bool(page.select(".brand")) and "玉泉区新闻网" in page.html),
        ("新闻热线", inside(".top-bar, header", "新闻热线：0471-5103964")),
        ("投稿邮箱", OMITTED),  # the capture hid the address: the demo shows none rather than a made-up one
        ("设为首页", OBSOLETE),
        ("加入收藏", OBSOLETE),
        ("栏目导航", inside("nav", "首页", "新闻中心", "党建工作")),
        ("面包屑“您当前的位置：… > 党建新闻”", inside(".breadcrumb", "^您当前的位置：首页 > 党建工作 > 党建新闻$")),
        ("分享到微博", inside(".share", "微博")),
        ("分享到QQ空间", inside(".share", "QQ空间")),
        ("打印本页", says("打印本页")),
        ("元信息：时间与来源", inside(".meta", "2020-09-02 14:52", "来源：人民网")),
        ("每张图片“张聿修 摄”", inside(".article-body figcaption", "张聿修 摄$", every=True)),
        ("转自：人民网内蒙古频道", inside(".reprint", "转自", "人民网内蒙古频道")),
        ("[责任编辑：王晋南]", inside(".editors", r"^\[责任编辑：王晋南\]$")),
        ("免责声明与联系电话", inside(".disclaimer", "30日内", "联系方式：0471-6659743")),
        ("头条新闻", heading("头条新闻")),
        ("图片新闻", lambda page: heading("图片新闻")(page) and bool(page.select(".sidebar .picture-grid img"))),
        (
            "部门新闻",
            lambda page: bool(page.select("#h-side-column-%s" % _department_pk())) and heading("部门新闻")(page),
        ),
        ("专题报道", heading("专题报道")),
        ("版权声明", inside("footer", "版权所有")),
        ("互联网新闻信息服务许可证", inside("footer", "互联网新闻信息服务许可证：15120180001")),
        ("信息网络传播视听节目许可证", inside("footer", "信息网络传播视听节目许可证：0507213")),
        ("ICP备案号", inside("footer", "蒙ICP证09003619号")),
        ("相关社区（万锦、恒昌、观音庙）", inside(".sidebar", "万锦社区", "恒昌社区", "观音庙社区")),
    ],
}


def _department_pk():
    from newsroom.models import Column

    return Column.objects.filter(in_sidebar=True).values_list("pk", flat=True).first()


def _comment_block(html, get):
    """The page with its comment block in place, fetched as reader.js fetches it."""
    found = re.search(r'data-comments="([^"]+)"', html)
    if not found:
        return html
    status, block = get(found.group(1).replace("&amp;", "&"))
    assert status == 200, ("comments", status)
    return html.replace("</main>", block + "</main>")


def audit(get):
    """[(seed, element, status)] for every element; ``get(host, path)`` gives (status, html) as a
    reader of that host would get it."""
    rows = []
    for seed, elements in ELEMENTS.items():
        portal, slug = ARTICLES[seed]
        host = f"{portal}.localhost"
        status, html = get(host, f"/article/{slug}/")
        assert status == 200, (seed, status)
        page = Page(_comment_block(html, lambda path: get(host, path)))
        for name, check in elements:
            verdict = check if isinstance(check, str) else ("present" if check(page) else "missing")
            rows.append((seed, name, verdict))
    return rows


def client_getter(client):
    def get(host, path):
        response = client.get(path, HTTP_HOST=host)
        return response.status_code, response.content.decode()

    return get


def http_getter(base):
    """Fetch from a running server at ``base``, naming each portal's host as a browser would."""
    port = base.rsplit(":", 1)[1].strip("/") if base.count(":") > 1 else "80"

    def get(host, path):
        request = urllib.request.Request(base.rstrip("/") + path, headers={"Host": f"{host}:{port}"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - our own server
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    return get


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    if argv[:1] == ["--url"]:
        get = http_getter(argv[1])
    else:
        from django.test import Client

        get = client_getter(Client())
    rows = audit(get)
    for seed, name, status in rows:
        print(f"{seed} {ARTICLES[seed][0]:10}\t{status:9}\t{name}")
    print()
    for seed in ELEMENTS:
        mine = [status for s, _, status in rows if s == seed]
        summary = ", ".join(f"{k} {mine.count(k)}" for k in ("present", "missing", "obsolete", "omitted") if k in mine)
        print(f"{seed} ({ARTICLES[seed][0]}): {len(mine)} elements — {summary}")
    statuses = [status for _, _, status in rows]
    print(f"all: {len(rows)} elements — present {statuses.count('present')}, missing {statuses.count('missing')}")
    return 1 if "missing" in statuses else 0


if __name__ == "__main__":
    sys.exit(main())
