from django import template

from newsroom.core.chinese import as_stored, to_traditional

register = template.Library()


@register.filter(is_safe=True)
def in_script(text, script):
    """Show generated text (credit lines, labels) in the script the article was published in;
    markup stays safe when it came in safe (``{% filter in_script:… %}`` around a block)."""
    return to_traditional(text) if script == "zh-hant" else text


@register.filter(is_safe=True)
def stored(text, script):
    """Stored text of an article in Traditional script, printed exactly as stored in 原文 mode
    (newsroom/core/chinese.py): the page's Traditional conversion passes it by."""
    return as_stored(text) if script == "zh-hant" else text


@register.simple_tag
def self_review_portals():
    """Portals where authors may review their own work (the admin says so on every page)."""
    from ..models import Portal

    return list(Portal.objects.filter(allow_self_review=True).values_list("name", flat=True))


@register.filter
def staff_name(user):
    """A staff member as the admin names them: full name, else user name, else —."""
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()


@register.simple_tag(takes_context=True)
def desk_for_user(context):
    """What waits for the signed-in user (the admin's home page)."""
    from ..desk import desk_for

    request = context.get("request")
    return desk_for(request.user) if request and request.user.is_authenticated else {}


@register.simple_tag(takes_context=True)
def unread_notifications(context):
    """How many notifications the signed-in user has not read (the admin header's badge)."""
    from ..models import Notification

    request = context.get("request")
    if not request or not request.user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=request.user).unread().count()


LD_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def ld_json(data):
    """``data`` as a JSON-LD block: a data block, not a script, so the CSP does not apply; the
    characters that could close the element are escaped as json_script does."""
    import json

    from django.utils.html import format_html
    from django.utils.safestring import mark_safe

    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(LD_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
