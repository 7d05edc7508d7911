"""The WeChat version of an article: what the 公众号 editor accepts (inline styles only, no
``<style>``, no classes, no scripts, images WeChat hosts), with the credits a portal page shows —
bylines, photo captions with their structured credit under each photo, 编者按, 责任编辑, and for a
reprint 来源 and 原文链接 — and the checks of WeChat's limits, in the same Chinese as the publish
checks. ``images(url_for)`` decides where each picture comes from: the portal's public address in
the paste-ready package, the URL ``media/uploadimg`` returned when pushing through the API."""

import io
import re
from dataclasses import dataclass, field

import nh3
from django.utils.html import escape
from django.utils.translation import gettext as _
from PIL import Image

from newsroom import bylines, checks
from newsroom.models import SensitiveWord
from newsroom.rendering import compose

# WeChat's documented limits (draft/add, media/uploadimg, as of 2025)
TITLE_MAX, AUTHOR_MAX, DIGEST_MAX = 32, 16, 128
CONTENT_MAX_CHARS, CONTENT_MAX_BYTES = 20_000, 1_000_000
IMAGE_MAX_BYTES = 1_000_000
IMAGE_WIDTH = 1080  # what the 公众号 shows at full width on a phone, at 3× for 360 pt
COVER_SIZE = (900, 383)  # 2.35:1, the 公众号 cover

STYLE = {
    "article": "font-size:16px;line-height:1.75;color:#333333;letter-spacing:0.5px;text-align:justify;",
    "p": "margin:0 0 16px 0;text-indent:2em;",
    "heading": "margin:24px 0 12px 0;font-size:17px;font-weight:bold;color:#1a1a1a;",
    "meta": "margin:0 0 16px 0;font-size:14px;color:#888888;",
    "note": "margin:0 0 20px 0;padding:12px 14px;background-color:#f6f6f6;border-left:3px solid #b22222;font-size:15px;color:#555555;",
    "figure": "margin:16px 0 20px 0;text-align:center;",
    "img": "display:block;max-width:100%;height:auto;margin:0 auto;",
    "caption": "margin:8px 0 0 0;font-size:13px;line-height:1.6;color:#888888;text-align:center;",
    "end": "margin:24px 0 0 0;font-size:14px;color:#888888;text-align:right;",
    "source": "margin:8px 0 0 0;font-size:13px;color:#888888;word-break:break-all;",
}
# What the body may keep of the editor's HTML: text-level tags; block structure is ours.
INLINE = {"strong", "em", "b", "i", "br", "span", "sub", "sup"}
BLOCKS = {"p", "h2", "h3", "h4", "blockquote", "ul", "ol", "li"}


def _clean(html):
    """The editor's block with only the tags WeChat keeps, no attribute at all (no class, no id,
    no style of ours to fight), then our inline styles on each block."""
    html = nh3.clean(html, tags=INLINE | BLOCKS, attributes={}, link_rel=None, strip_comments=True)
    html = re.sub(r"<h[234]>", f'<p style="{STYLE["heading"]}">', html)
    html = re.sub(r"</h[234]>", "</p>", html)
    html = html.replace("<p>", f'<p style="{STYLE["p"]}">')
    html = html.replace("<blockquote>", f'<blockquote style="{STYLE["note"]}">')
    return html


@dataclass
class Version:
    """The WeChat version: its fields for ``draft/add`` and the photos it shows, in order."""

    title: str
    author: str
    digest: str
    content: str
    source_url: str
    photos: list = field(default_factory=list)
    plain: str = ""


def build(article, credits, photos, portal, image_url):
    """The WeChat version of ``article`` (``credits`` and ``photos`` as the article page has them),
    each photo's address given by ``image_url(photo)``."""
    meta = bylines.meta_groups(credits)
    byline = "　".join(" ".join([g.label, g.joined]) if g.label else g.joined for g in meta)
    segments, gallery = compose(article.body, [p for p in photos if not p.hidden_by_takedown])
    shown, parts, plain = [], [], []
    if byline:
        parts.append(f'<p style="{STYLE["meta"]}">{escape(byline)}</p>')
        plain.append(byline)
    if article.editors_note:
        note = nh3.clean(article.editors_note, tags=INLINE, attributes={})
        parts.append(f'<section style="{STYLE["note"]}"><strong>{_("编者按：")}</strong>{note}</section>')
        plain.append(_("编者按：") + re.sub(r"<[^>]+>", "", note))
    for segment in [*segments, *(type(segments[0])(photo=p) for p in gallery)] if segments else []:
        photo = getattr(segment, "photo", None)
        if photo is None:
            parts.append(_clean(segment.html))
            text = re.sub(r"<[^>]+>", "", segment.html).strip()
            if text:
                plain.append(text)
            continue
        shown.append(photo)
        caption = "　".join(x for x in (photo.caption, photo.credit_line) if x)
        parts.append(
            f'<section style="{STYLE["figure"]}"><img src="{escape(image_url(photo))}" style="{STYLE["img"]}"'
            f' alt="{escape(photo.alt_text or photo.caption)}">'
            f'<p style="{STYLE["caption"]}">{escape(caption)}</p></section>'
        )
        plain.append(f"【图】{caption}")
    end = bylines.end_line(credits, portal.byline_end_style)
    signature = bylines.signature(credits)
    for line in (signature, end):
        if line:
            parts.append(f'<p style="{STYLE["end"]}">{escape(line)}</p>')
            plain.append(line)
    source_url = ""
    if article.is_reprint or article.source_name:
        lines = []
        if article.source_name:
            lines.append(_("来源：%(source)s") % {"source": article.source_name})
        if article.original_url:
            lines.append(_("原文链接：%(url)s") % {"url": article.original_url})
            source_url = article.original_url
        for line in lines:
            parts.append(f'<p style="{STYLE["source"]}">{escape(line)}</p>')
            plain.append(line)
    content = f'<section style="{STYLE["article"]}">' + "".join(parts) + "</section>"
    names = [name for g in meta for name in g.names]
    return Version(
        title=article.title,
        author="、".join(names) or portal.short_name or portal.name,
        digest=(article.summary or re.sub(r"<[^>]+>", "", article.body))[:DIGEST_MAX].strip(),
        content=content,
        source_url=source_url,
        photos=shown,
        plain="\n\n".join([article.title, *plain]),
    )


def problems(version, portal):
    """What WeChat would refuse, or the office must fix first, as sentences; and the 错敏词 found
    again in the converted text (the conversion must not let one through)."""
    found = []
    if len(version.title) > TITLE_MAX:
        found.append(
            _("标题超过公众号上限：%(n)s 字，最多 %(max)s 字，请在下面的“公众号标题”中写短一些。")
            % {"n": len(version.title), "max": TITLE_MAX}
        )
    if len(version.author) > AUTHOR_MAX:
        found.append(
            _("作者超过公众号上限：%(n)s 字，最多 %(max)s 字。") % {"n": len(version.author), "max": AUTHOR_MAX}
        )
    if len(version.digest) > DIGEST_MAX:
        found.append(
            _("摘要超过公众号上限：%(n)s 字，最多 %(max)s 字。") % {"n": len(version.digest), "max": DIGEST_MAX}
        )
    if len(version.content) >= CONTENT_MAX_CHARS:
        found.append(
            _("正文超过公众号上限：%(n)s 字符，须少于 %(max)s 字符。")
            % {"n": len(version.content), "max": CONTENT_MAX_CHARS}
        )
    if len(version.content.encode()) >= CONTENT_MAX_BYTES:
        found.append(_("正文超过公众号上限：须小于 1 MB。"))
    if re.search(r"<(script|style|iframe)\b|\sclass=|\sid=", version.content, re.I):
        found.append(_("正文含有公众号不接受的代码（脚本、样式表或 class）。"))
    if not version.photos:
        found.append(_("公众号文章需要封面图：请先给文章加一张图片。"))
    for hit in checks.scan([(_("公众号版本"), version.plain)], list(SensitiveWord.objects.inherited(portal))):
        found.append(_("公众号版本含错敏词“%(word)s”：%(context)s") % {"word": hit.word, "context": hit.context})
    return found


def jpeg_for_wechat(data: bytes, width=IMAGE_WIDTH) -> bytes:
    """A JPEG under WeChat's 1 MB, at most ``width`` px wide (quality lowered until it fits)."""
    with Image.open(io.BytesIO(data)) as original:
        image = original.convert("RGB")
    if image.width > width:
        image = image.resize((width, round(image.height * width / image.width)), Image.LANCZOS)
    for quality in (88, 80, 70, 60, 50):
        out = io.BytesIO()
        image.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
        if out.tell() < IMAGE_MAX_BYTES:
            return out.getvalue()
    image.thumbnail((width // 2, width))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=60)
    return out.getvalue()


def cover(data: bytes, focal_x=0.5, focal_y=0.5) -> bytes:
    """The cover at 2.35:1 (900×383), cropped around the lead photo's focal point."""
    with Image.open(io.BytesIO(data)) as original:
        image = original.convert("RGB")
    target = COVER_SIZE[0] / COVER_SIZE[1]
    w, h = image.size
    if w / h > target:
        cw, ch = round(h * target), h
    else:
        cw, ch = w, round(w / target)
    left = min(max(round(focal_x * w - cw / 2), 0), w - cw)
    top = min(max(round(focal_y * h - ch / 2), 0), h - ch)
    image = image.crop((left, top, left + cw, top + ch)).resize(COVER_SIZE, Image.LANCZOS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88, optimize=True)
    return out.getvalue()


def focal_point(photo):
    asset = getattr(photo, "asset", None) if photo.asset_id else None
    return (asset.focal_x, asset.focal_y) if asset is not None else (0.5, 0.5)
