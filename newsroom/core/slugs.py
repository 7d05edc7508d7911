"""网址标识 from Chinese names: 高塘岭街道 → gaotanglingjiedao (pypinyin), unique where it must be.

Editors may still type their own; a blank one is made on save. Django's admin slug helper
(URLify) drops Han characters, so this happens on the server.
"""

import functools
import re

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.text import slugify


def romanised(text, max_length=50):
    """Pinyin without tones, Latin letters and digits kept: '中南社区 2号楼' → 'zhongnanshequ-2haolou'."""
    # Imported here: its dictionaries take ~60 MB, which a worker that only serves readers (and
    # never names anything) does not need to hold.
    from pypinyin import lazy_pinyin

    words = " ".join("".join(lazy_pinyin(part)) for part in (text or "").split())
    return slugify(words)[:max_length].strip("-")


def fill(instance, text, scope=None, fallback="item"):
    """Give ``instance`` a slug from ``text`` when it has none, unique among the rows of its model
    (within ``scope``, a dict of field values, when slugs are unique per portal)."""
    if instance.slug:
        return
    field = instance._meta.get_field("slug")
    base = romanised(text, field.max_length - 4) or fallback
    taken = type(instance)._default_manager.filter(**(scope or {})).exclude(pk=instance.pk)
    slug, n = base, 1
    while taken.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    instance.slug = slug


_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_MARK = "linli-slug-mark"


@functools.lru_cache(maxsize=256)
def _url_template(name, prefix, urlconf):
    return reverse(name, urlconf, args=[_MARK])


def slug_url(name, slug):
    """``reverse(name, args=[slug])`` for a URL whose one argument is a slug, without matching the
    URL patterns again for every link (a list page has dozens): the URL is worked out once per
    name and script prefix. Anything that is not a plain slug goes through ``reverse``."""
    if not _SLUG.fullmatch(slug or ""):
        return reverse(name, args=[slug])
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _url_template(name, get_script_prefix(), urlconf).replace(_MARK, slug)
