"""网址标识 from Chinese names: 高塘岭街道 → gaotanglingjiedao (pypinyin), unique where it must be.

Editors may still type their own; a blank one is made on save. Django's admin slug helper
(URLify) drops Han characters, so this happens on the server.
"""

from django.utils.text import slugify
from pypinyin import lazy_pinyin


def romanised(text, max_length=50):
    """Pinyin without tones, Latin letters and digits kept: '中南社区 2号楼' → 'zhongnanshequ-2haolou'."""
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
