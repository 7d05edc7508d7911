"""Filters for Chinese text, registered as builtins (settings ``TEMPLATES``): every template has them."""

from django import template
from django.utils.html import strip_tags

register = template.Library()

ELLIPSIS = "……"  # GB/T 15834: the ellipsis is two characters wide


@register.filter(is_safe=True)
def clip(value, length):
    """``value`` cut to at most ``length`` characters, the cut marked with ……, as truncatechars
    but with the Chinese ellipsis (truncatechars ends in a single …)."""
    text = str(value)
    length = int(length)
    if len(text) <= length:
        return text
    return text[: max(length - len(ELLIPSIS), 0)].rstrip("，、；：。,;: ") + ELLIPSIS


@register.filter
def clip_text(value, length):
    """``clip`` of the text of an HTML fragment."""
    return clip(strip_tags(str(value)), length)
