"""What a Chinese news page or a Word manuscript says, field by field, from its blocks.

Patterns are those of Chinese portals and newsroom manuscripts, not of any one site: the
breadcrumb (当前位置/您当前的位置, ``>``/``>>``), the meta line under the title (date, 来源,
栏目, 点击), the 电头 (X讯(记者 Y 通讯员 Z)), bylines at the end (云南网记者张成), editor lines
([责任编辑：…], (责编：…)), 转自/原文链接/原标题, captions with their credits (Y 摄, 记者 Y 摄,
受访者供图, 某单位供图, 资料图片, 图片来源：…), sub-headings, and where the article ends (上一篇,
相关新闻, 免责声明…). Traditional text is matched through its Simplified form; what is kept is
the text as written. Each field remembers the block (line) it came from. Who and where (credit
lines, person names, communities and villages) are ``names.py``'s; this module finds where
things stand. Measured on a tuned and a set-aside corpus: ``python -m tests.importer.score``.
"""

import html
import re
from dataclasses import dataclass, field

from newsroom.core.chinese import to_simplified

from .names import aligned, communities, credit_line, merge
from .sources import Block, Document

NAME = r"[\u4e00-\u9fff][\u4e00-\u9fff·]{1,4}"

CRUMB_WORDS = r"(?:您|你)?(?:当前|现在|目前)?(?:的|所在)?位置"
CRUMB_PREFIX = re.compile(r"^.*?" + CRUMB_WORDS + r"\s*[:：]?\s*")
CRUMB_SPLIT = re.compile(r"\s*(?:>>|>|›|»|→|＞|/)\s*")
DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[年\-/.]\s*(?P<m>\d{1,2})\s*[月\-/.]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{2}))?"
)
SHORT_DATE = re.compile(r"(?<![\d-])(?P<y>\d{2})-(?P<m>\d{2})-(?P<d>\d{2})\s+(?P<H>\d{1,2}):(?P<M>\d{2})")
META_WORDS = re.compile(r"(来源|时间|发布|作者|编辑|点击|栏目|字号|打印|浏览|阅读|分享|记者)")
CHROME = re.compile(r"^(微博|qzone|微信|分享到?|打印本页|打印|关闭窗口|收藏|字号|[大中小]|qq空间|朋友圈|正文)$", re.I)
# Share and print widgets between the meta line and the body, or below it: skipped, not an end.
WIDGET = re.compile(r"^(分享到|分享让更多人看到|打印本页|【?打印】?|【?关闭】?|【?收藏】?|【?字体|字号)", re.I)
END = re.compile(
    r"^(上一篇|下一篇|相关新闻|相关文章|相关阅读|推荐阅读|延伸阅读|您可能感兴趣|你可能感兴趣|猜你喜欢|\[?免责声明|【免责声明】"
    r"|.{0,16}版权与免责声明|版权声明|凡本网注明|相关专题|头条新闻|图片新闻|热点新闻|最新新闻|热门文章|部门新闻|专题报道"
    r"|copyright|©|[(（]?如果您有新闻线索|扫一扫|网友评论|最新评论|热门评论|查看全部留言|返回顶部|返回顶端"
    r"|特别声明|往期推荐|往期回顾|往期精彩|点击.{0,3}阅读原文|关注我们)",
    re.I,
)
DATELINE = re.compile(
    r"^[\-—－\s]*(?P<dl>[^\s(（，。,]{2,24}?(?:讯|\d{1,2}月\d{1,2}日电))(?:\s*[(（](?P<people>[^)）]{2,80})[)）]\s*|\s+|(?=[\u4e00-\u9fff]{2}))"
)
EDITION = re.compile(r"第\s*[A-Za-z]?\d{1,3}\s*版")
# Page chrome inside the article's container: skipped wherever it stands.
CHROME_LINE = re.compile(r"^(栏目导航|公众号\s*[:：]|关注.{0,12}公众号|长按.{0,6}二维码|来源\s*[:：]?\s*$)")
# A line saying the article was carried from elsewhere; disclaimers about what the site carries
# in general are not about this article.
PROVENANCE = re.compile(
    r"(原载于|原载|刊发于|刊载于|首发于|发表于|转载自|转自|摘自|选自|经.{0,16}授权转载|授权转载|本文来源于|本文来自)"
)
DISCLAIMER = re.compile(r"^[【\[(（]?\s*(特别声明|免责声明|版权声明|声明|凡本网|本网原创)")
FIELD_LINES = {
    "reprint_from": re.compile(r"^(?:本文)?(?:转自|转载自|转载于)\s*[:：]?\s*(?P<v>[^，,；;\s]+?)\s*(?:[，,；;]|$)"),
    # The address may follow the 转自 on the same line (本文转自X，原文链接：…).
    "original_url": re.compile(r"(?:^|[，,；;\s])原文(?:链接|地址|网址)\s*[:：]\s*(?P<v>https?://[^\s，,；;]+)"),
    "original_title": re.compile(r"^原标题\s*[:：]\s*(?P<v>.+?)\s*$"),
    "source": re.compile(r"^(?:稿件)?来源\s*[:：]\s*(?P<v>\S.*?)\s*$"),
}
# Where a credit may start: the caption's start, or after a space, a full stop or a dash.
B = r"(?:^|(?<=[\s。，,：:\-—－）)!！?？]))"
# Who took a photo, as a caption names them (记者 王芳 摄): the role stays with the credit.
PHOTO_ROLES = r"(?:摄影记者|见习记者|实习记者|特约记者|首席记者|记者|通讯员|特约摄影|实习生)"
CREDITS = [
    # (kind, pattern on the end of a caption); "who" and "org" groups where they apply.
    ("受访者供图", re.compile(B + r"(?P<credit>受访者供图)$")),
    ("资料图片", re.compile(B + r"(?P<credit>资料图片?|资料照片)$")),
    ("网络图片", re.compile(B + r"(?P<credit>网络图片|图片来自网络)$")),
    ("图片来源", re.compile(B + r"(?P<credit>图片来源\s*[:：]\s*(?P<org>[^\s。]{2,30}))$")),
    ("供图", re.compile(r"(?P<credit>图片由\s*(?P<org>[^\s。，,]{2,30}?)\s*提供)$")),
    (
        "摄",
        re.compile(
            B + r"(?P<credit>(?:图|图片|摄影)\s*[/／:：]\s*(?P<role>" + PHOTO_ROLES + r")?\s*"
            r"(?P<who>" + NAME + r"(?:[\s、]+" + NAME + r")*))$"
        ),
    ),
    (
        "摄",
        re.compile(
            B + r"(?P<credit>\s*(?:(?P<org>[^\s。，,：:\-—－]{0,16}?)(?P<role>" + PHOTO_ROLES + r"))?\s*"
            r"(?P<who>" + NAME + r"(?:[\s、]+" + NAME + r")*)\s*(?:摄影报道|摄影|摄))$"
        ),
    ),
    ("供图", re.compile(B + r"(?P<credit>(?P<org>[^\s。，,：:\-—－]{0,20}?)\s*供图)$")),
]


@dataclass
class Photo:
    caption: str = ""
    kind: str = ""  # 摄, 供图, 受访者供图, 资料图片, 网络图片, 图片来源 or ""
    who: str = ""
    org: str = ""
    role: str = ""  # 记者, 通讯员… as the credit names them
    image: bytes | None = None
    image_type: str = ""
    line: int = 0
    after_paragraph: int = 0

    def json(self):
        return {"kind": self.kind, "who": self.who or self.org, "role": self.role}


@dataclass
class Extraction:
    title: str | None = None
    kicker: str | None = None  # 引题, the heading just above the title
    subtitle: str | None = None  # 副题, a heading between the title and the meta line
    publish_time: str | None = None
    column: str | None = None
    breadcrumb: list = field(default_factory=list)
    source: str | None = None
    reprint_from: str | None = None
    original_url: str | None = None
    original_title: str | None = None
    original_issue: str | None = None  # 第1187期, from a newspaper's edition line
    original_page: str | None = None  # 第A02版
    reprint: bool = False  # the page says it was carried from elsewhere (转自, 原文链接, 授权转载…)
    dateline: str | None = None
    bylines: list = field(default_factory=list)
    photos: list = field(default_factory=list)
    communities: list = field(default_factory=list)
    editors_note: str = ""
    body: list = field(default_factory=list)  # ("p" | "h", text)
    lines: dict = field(default_factory=dict)  # field → 1-based block number it came from
    texts: list = field(default_factory=list)  # every block's text, for the confirm screen

    def json(self):
        return {
            "title": self.title,
            "subtitle": self.subtitle,
            "publish_time": self.publish_time,
            "column": self.column,
            "breadcrumb": self.breadcrumb,
            "source": self.source,
            "reprint_from": self.reprint_from,
            "original_url": self.original_url,
            "dateline": self.dateline,
            "reprint": self.reprint,
            "bylines": self.bylines,
            "photo_credits": [p.json() for p in self.photos if p.kind],
            "communities": self.communities,
        }

    def body_html(self):
        parts = []
        for kind, text in self.body:
            tag = "h3" if kind == "h" else "p"
            parts.append(f"<{tag}>{html.escape(text, quote=False)}</{tag}>")
        return "\n".join(parts)

    @property
    def paragraphs(self):
        return sum(1 for kind, _text in self.body if kind == "p")


def _original(line, simplified, start, end):
    """The span of ``simplified`` in the text as written (OpenCC keeps most lengths)."""
    return (line if len(line) == len(simplified) else simplified)[start:end].strip()


def _date(text):
    match = DATE.search(text)
    year = None
    if match:
        year = int(match["y"])
    else:
        match = SHORT_DATE.search(text)
        if match:
            year = 2000 + int(match["y"])
    if not match:
        return None
    try:
        month, day = int(match["m"]), int(match["d"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        value = f"{year:04d}-{month:02d}-{day:02d}"
        if match["H"] is not None:
            value += f" {int(match['H']):02d}:{match['M']}"
        return value
    except (TypeError, ValueError):
        return None


def caption_credit(text):
    """(caption, kind, who, org) when ``text`` ends with a photo credit, else None."""
    simplified = to_simplified(text).rstrip()
    written = text.rstrip() if len(text.rstrip()) == len(simplified) else simplified
    tries = []
    paren = re.search(r"[(（]([^()（）]{2,40})[)）]$", simplified)
    if paren:  # (张聿修 摄), （中南社区供图）
        tries.append((paren.start(1), paren.end(1), paren.start()))
    tries.append((0, len(simplified), None))
    for low, high, cut in tries:
        segment = simplified[low:high]
        for kind, pattern in CREDITS:
            match = pattern.search(segment)
            if not match:
                continue
            groups = match.groupdict()
            if kind == "供图" and (groups.get("org") or "").endswith("受访者"):
                continue

            def span(name, match=match, groups=groups, low=low):
                return written[low + match.start(name) : low + match.end(name)].strip() if groups.get(name) else ""

            caption_end = cut if cut is not None else low + match.start("credit")
            caption = re.sub(r"[\s\-—－]+$", "", written[:caption_end])
            who, role = re.sub(r"\s+", " ", span("who")), span("role")
            lead = re.match(PHOTO_ROLES + r"\s*", who)
            if lead and who[lead.end() :]:  # "记者 王芳": the role word is never a name
                role, who = role or lead.group(0).strip(), who[lead.end() :]
            return Credit(caption, kind, who, span("org"), role)
    return None


class Credit(tuple):
    """(caption, kind, who, org) as callers unpack it, with the role the credit names."""

    def __new__(cls, caption, kind, who, org, role=""):
        credit = super().__new__(cls, (caption, kind, who, org))
        credit.role = role
        return credit


def _crumb(text):
    """Whether a line is a breadcrumb: 当前位置…, or short items joined by >, ›, » or → from 首页."""
    if re.search(CRUMB_WORDS + r"\s*[:：]", text) or "当前位置" in text or ">>" in text:
        return True
    items = [i.strip() for i in CRUMB_SPLIT.split(text) if i.strip()]
    return (
        len(text) <= 60
        and len(items) >= 2
        and re.match(r"^(首页|网站首页|主页|home)$", items[0], re.I) is not None
        and all(len(i) <= 10 and not re.search(r"[，。！？：:]", i) for i in items)
    )


def _provenance(text):
    """Whether a line says the article was carried from elsewhere (原载于…，经授权转载)."""
    return bool(PROVENANCE.search(text)) and not DISCLAIMER.match(text)


def extract(document: Document, known_communities=()) -> Extraction:
    blocks = document.blocks
    texts = [aligned(b.text) for b in blocks]
    result = Extraction(texts=[b.text for b in blocks])
    consumed = set()
    credits = {}  # block index → the people its credit line names
    credited = []  # (block index, people) wherever they were read

    def credit_at(index):
        if index not in credits:
            text = texts[index]
            credits[index] = (
                credit_line(blocks[index].text) if blocks[index].kind != "img" and len(text) <= 90 else None
            )
        return credits[index]

    # The breadcrumb, the meta line and the title, near the top. Navigation bars, provenance
    # lines and credit lines above the title are passed over; two paragraphs of prose end it.
    head = min(len(blocks), 40)
    crumb_at = meta_at = title_at = None
    prose = 0
    for index in range(head):
        block, text = blocks[index], texts[index]
        if block.kind == "img" or credit_at(index) is not None:
            continue
        if len(text) > 40 and re.search(r"[。！？]$", text) and not _provenance(text):
            prose += 1
            if prose >= 2:
                break  # the body has begun: a date below it is not the article's
            continue
        if len(text) > 100:
            continue
        if crumb_at is None and meta_at is None and _crumb(text):
            crumb_at = index
            continue
        if meta_at is None and (
            _date(text) and (META_WORDS.search(text) or re.search(r"\d:\d\d", text) or EDITION.search(text))
        ):
            if not text.endswith(("。", "！", "？")) and (len(text) <= 80):
                meta_at = index
                break
    if crumb_at is not None:
        written = (
            CRUMB_PREFIX.sub("", blocks[crumb_at].text)
            if CRUMB_PREFIX.search(texts[crumb_at])
            else blocks[crumb_at].text
        )
        if len(written) != len(blocks[crumb_at].text) and not CRUMB_PREFIX.search(blocks[crumb_at].text):
            written = CRUMB_PREFIX.sub("", texts[crumb_at])
        items = [i.strip() for i in CRUMB_SPLIT.split(written) if i.strip()]
        result.breadcrumb = [i for i in items if to_simplified(i) not in ("正文", "正文内容", "详情")]
        result.lines["breadcrumb"] = crumb_at + 1
        consumed.add(crumb_at)

    def can_be_title(index):
        text = texts[index]
        return (
            blocks[index].kind != "img"
            and not CHROME.match(text)
            and credit_at(index) is None
            and not _provenance(text)
            and 4 <= len(text) <= 80
        )

    if meta_at is not None:
        consumed.add(meta_at)
        meta, written = texts[meta_at], blocks[meta_at].text
        result.publish_time = _date(meta)
        result.lines["publish_time"] = meta_at + 1
        source = re.search(r"来源\s*[:：]\s*([^\s|｜【】\[\]()（）]+)", meta)
        if source:
            result.source = _original(written, meta, *source.span(1))
            result.lines["source"] = meta_at + 1
        for match in re.finditer(
            r"(作者|记者|编辑|责任编辑|通讯员)\s*[:：]\s*(" + NAME + r"(?:、" + NAME + r")*)(?!\s*[:：])", meta
        ):
            credited.append((meta_at, credit_line(_original(written, meta, *match.span())) or []))
            result.lines.setdefault("bylines", meta_at + 1)
        edition = EDITION.search(meta)
        if edition:  # 春城晚报 2024年05月06日 第A02版: a newspaper's page, named by the paper
            result.original_page = re.sub(r"\s+", "", edition.group(0))
            paper = re.search(r"《?([^\s《》\d]{2,12}(?:报|刊))》?", meta)
            if paper and result.source is None:
                result.source = _original(written, meta, *paper.span(1))
                result.lines["source"] = meta_at + 1
        issue = re.search(r"第\s*\d{1,6}\s*期", meta)
        if issue:
            result.original_issue = re.sub(r"\s+", "", issue.group(0))
        column = re.search(r"栏目\s*[:：]\s*([^\s|｜]+)", meta)
        if column:
            result.column = _original(written, meta, *column.span(1))
            result.lines["column"] = meta_at + 1
        for candidate in range(meta_at - 1, (crumb_at if crumb_at is not None else -1), -1):
            if can_be_title(candidate):
                title_at = candidate
                break
        else:  # the meta line heads the page (a newspaper's edition line): the title is below it
            for candidate in range(meta_at + 1, min(len(blocks), meta_at + 4)):
                if can_be_title(candidate) and not re.search(r"[。！？]$", texts[candidate]):
                    title_at = candidate
                    break
    else:
        # No meta line (a manuscript): the title is the first line that can be one; among
        # leading headings, the highest level (Word's 标题 1) is the title, the one above it the
        # 引题 and the one below it (or one starting with a dash) the 副题.
        first = None
        for index in range((crumb_at if crumb_at is not None else -1) + 1, min(len(blocks), 12)):
            if can_be_title(index):
                first = index
                break
            if len(texts[index]) > 40 and re.search(r"[。！？]$", texts[index]) and not _provenance(texts[index]):
                break  # prose before any title: the manuscript has none
        if first is not None:
            text = texts[first]
            if not (len(text) <= 60 and not re.search(r"[。！？]", text) and not caption_credit(blocks[first].text)):
                first = None
        if first is not None:
            leading = [first]
            while leading[-1] + 1 < len(blocks) and blocks[leading[-1] + 1].kind == "h" and len(leading) < 3:
                leading.append(leading[-1] + 1)
            leading = [i for i in leading if blocks[i].kind == "h" or i == first]
            levels = [blocks[i].level or 9 for i in leading]
            title_at = leading[levels.index(min(levels))] if len(set(levels)) > 1 else first
    if title_at is not None:
        result.title = blocks[title_at].text
        result.lines["title"] = title_at + 1
        consumed.add(title_at)
        above, below = title_at - 1, title_at + 1
        if above > (crumb_at if crumb_at is not None else -1) and blocks[above].kind == "h" and len(texts[above]) <= 30:
            if credit_at(above) is None:
                result.kicker, result.lines["kicker"] = blocks[above].text, above + 1
                consumed.add(above)
        limit = meta_at if meta_at is not None else len(blocks)
        if (
            below < limit
            and blocks[below].kind != "img"
            and len(texts[below]) <= 60
            and (blocks[below].kind == "h" and meta_at is not None or re.match(r"^\s*(——|--|—|－－)", texts[below]))
        ):
            result.subtitle, result.lines["subtitle"] = blocks[below].text, below + 1
            consumed.add(below)
    if result.column is None and result.breadcrumb:
        result.column = result.breadcrumb[-1]
        result.lines["column"] = result.lines["breadcrumb"]

    start = max(i for i in (crumb_at, meta_at, title_at, result.lines.get("subtitle", 0) - 1, -1) if i is not None) + 1

    # Where the article ends: nothing below it (相关新闻, 免责声明…) is the article's.
    end = len(blocks)
    for index in range(start, len(blocks)):
        if blocks[index].kind != "img" and END.match(texts[index]) and index not in consumed:
            end = index
            break

    # Lines that are fields wherever they are: 转自, 原文链接, 来源, provenance, credit lines.
    for index, (block, text) in enumerate(zip(blocks[:end], texts[:end])):
        if block.kind == "img" or index in consumed or len(text) > 200:
            continue
        if _provenance(text):
            result.reprint = True
            result.lines.setdefault("reprint", index + 1)
            original = re.search(r"原标题\s*[:：]?\s*《([^》]+)》", text)
            if original and result.original_title is None:
                result.original_title = _original(block.text, text, *original.span(1))
        if len(text) > 200 or (index < start and credit_at(index) is None and not _provenance(text)):
            continue
        for name, pattern in FIELD_LINES.items():
            match = pattern.search(text)
            if match and getattr(result, name) is None:
                value = _original(block.text, text, *match.span("v"))
                value = re.sub(r"[。.]$", "", value)
                if name == "source" and len(value) > 40:
                    continue
                setattr(result, name, value)
                result.lines[name] = index + 1
                consumed.add(index)
                if name != "source":
                    result.reprint = True
                if name != "reprint_from":
                    break
        if index not in consumed and _provenance(text) and (index < start or len(text) > 60):
            consumed.add(index)  # a provenance line is not a paragraph of the article
        if index in consumed:
            continue
        named = credit_at(index)
        if named is not None:
            credited.append((index, named))
            result.lines.setdefault("bylines", index + 1)
            consumed.add(index)

    # The body: 编者按, the 电头, captions, sub-headings and paragraphs.
    note, in_note = [], False
    waiting = []  # photos not yet captioned (a WPS photo table puts the captions in the next row)
    paragraphs = 0
    for index in range(start, end):
        block, text = blocks[index], texts[index]
        if (
            index in consumed
            or not block.in_body
            or (block.kind != "img" and (WIDGET.match(text) or CHROME_LINE.match(text)))
        ):
            continue
        if block.kind == "img":
            photo = Photo(image=block.image, image_type=block.image_type, line=index + 1, after_paragraph=paragraphs)
            result.photos.append(photo)
            waiting.append(photo)
            continue
        if result.title and block.text == result.title:
            continue  # an image's alt text repeating the title, as copied from a page
        if text.startswith("编者按"):
            rest = re.sub(r"^编者按\s*[:：]?\s*", "", block.text)
            note, in_note = ([rest] if rest else []), True
            result.lines["editors_note"] = index + 1
            continue
        credit = (
            caption_credit(block.text)
            if len(text) <= 150 or waiting or re.search(r"(摄|供图|提供)[)）]?$", text)
            else None
        )
        dateline = DATELINE.match(text)
        # 图为…: a caption even with no credit and no image beside it (a copy of the text alone).
        captioned = len(text) <= 120 and re.match(r"^[(（]?(图为|上图|下图|左图|右图|组图)", text) is not None
        if credit or captioned or (waiting and len(text) <= 80 and not dateline and not re.search(r"[：:]$", text)):
            caption, kind, who, org = credit or (block.text, "", "", "")
            role = getattr(credit, "role", "")
            if waiting:
                photo = waiting.pop(0)
            else:
                photo = Photo(line=index + 1, after_paragraph=paragraphs)
                result.photos.append(photo)
            photo.caption, photo.kind, photo.who, photo.org, photo.role = caption, kind, who, org, role
            photo.line = index + 1
            in_note = False
            continue
        waiting = []
        if in_note and not dateline:
            note.append(block.text)
            continue
        in_note = False
        written = block.text
        if dateline and result.dateline is None:
            result.dateline = _original(written, text, *dateline.span("dl"))
            if dateline["people"]:
                named = credit_line(_original(written, text, *dateline.span("people")))
                credited.append((index, named or []))
            result.lines["dateline"] = index + 1
            written = _original(written, text, dateline.end(), len(text))
            if not written:
                continue
        tail = re.search(r"[(（]([^()（）]{2,60})[)）]\s*$", written)
        named = credit_line(tail.group(1)) if tail and re.search(r"[。！？”]\s*[(（]", written) else None
        if named:  # "…实现就业。（记者 孙洁 通讯员 李娟）"
            credited.append((index, named))
            written = written[: tail.start()].rstrip()
        heading = block.kind == "h" or (
            len(text) <= 30 and not re.search(r"[。！？；，,:：…]$", text) and not _date(text) and not credit
        )
        result.body.append(("h" if heading else "p", written))
        paragraphs += 1  # headings too: the page counts every block it shows (rendering.compose)
    result.editors_note = "\n".join(note)
    # In the order the page gives them (stable within a line).
    result.bylines = merge([b for _index, named in sorted(credited, key=lambda c: c[0]) for b in named])
    result.communities = communities(
        ([result.title] if result.title else [])
        + ([result.editors_note] if result.editors_note else [])
        + [text for _kind, text in result.body]
        + [photo.caption for photo in result.photos if photo.caption],
        known_communities,
    )
    if result.photos and "photos" not in result.lines:
        result.lines["photos"] = result.photos[0].line
    return result


__all__ = ["Block", "Document", "Extraction", "Photo", "caption_credit", "communities", "extract"]
