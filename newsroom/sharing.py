"""Sharing an article: a QR code drawn on the server, and plain share links (no third-party script)."""

import hashlib
import logging
from functools import lru_cache
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.core.cache import cache
from django.utils.safestring import mark_safe

logger = logging.getLogger(__name__)

# A URL's code never changes, so a drawn code is kept for a month in the shared cache. Bump the
# version when the drawing changes.
QR_CACHE_SECONDS = 30 * 24 * 3600
QR_VERSION = 1


@lru_cache(maxsize=4096)
def qr_svg(url: str) -> str:
    """An inline SVG QR code for ``url`` (扫一扫), made here: no external image or script.
    Drawing one takes 4–15 ms, a good part of an article page, so it is drawn once for all
    workers (the shared cache) and each worker also keeps the last few thousand in memory."""
    key = f"qr:{QR_VERSION}:{hashlib.sha256(url.encode()).hexdigest()}"
    try:
        return mark_safe(cache.get_or_set(key, lambda: _draw(url), QR_CACHE_SECONDS))
    except Exception:  # the cache is down: the page is still served, as every cached block is
        logger.warning("cache unavailable for a QR code", exc_info=True)
        return mark_safe(_draw(url))


def _draw(url):
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = image.to_string(encoding="unicode")
    return svg.replace("<svg ", '<svg role="img" aria-label="本文二维码，手机扫一扫阅读" ', 1)


def share_links(url: str, title: str) -> list[tuple[str, str]]:
    """Links to share on 微博 and QQ空间; nothing loads until the reader clicks."""
    return [
        ("微博", "https://service.weibo.com/share/share.php?" + urlencode({"url": url, "title": title})),
        (
            "QQ空间",
            "https://sns.qzone.qq.com/cgi-bin/qzshare/cgi_qzshare_onekey?" + urlencode({"url": url, "title": title}),
        ),
    ]


def structured_data(request, article, parts, photo, url):
    """schema.org NewsArticle for search engines: headline, dates, authors, publisher, image."""
    from . import bylines
    from .templatetags.pictures import share_image

    portal = request.portal
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "mainEntityOfPage": url,
        "inLanguage": "zh-Hant" if article.script == "zh-hant" else "zh-Hans",
        "publisher": {"@type": "Organization", "name": portal.name},
        "author": [{"@type": "Person", "name": name} for name in bylines.reporters(parts.credits)]
        or [{"@type": "Organization", "name": article.source_name or portal.name}],
    }
    if article.first_published_at:
        data["datePublished"] = article.first_published_at.isoformat()
    if getattr(article, "updated_at", None):
        data["dateModified"] = article.updated_at.isoformat()
    logo = request.build_absolute_uri(portal.logo.url) if portal.logo else ""
    if logo:
        data["publisher"]["logo"] = {"@type": "ImageObject", "url": logo}
    # An article without a photo is shown with the portal's emblem, as a reader's share would.
    image = share_image(request, photo) or logo
    if image:
        data["image"] = [image]
    if article.summary:
        data["description"] = article.summary[:200]
    return data
