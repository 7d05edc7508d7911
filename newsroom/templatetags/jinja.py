"""``{% jinja "name" %}``: renders a Jinja2 template of ``templates/jinja2/`` with the current
context (the article page's photo and byline inlines: config/formrender.py says why)."""

from django import template
from django.utils.safestring import mark_safe

from config import formrender

register = template.Library()


@register.simple_tag(takes_context=True)
def jinja(context, template_name):
    values = context.flatten()
    values["outer_loop"] = values.get("forloop") or {}
    return mark_safe(formrender.render(template_name, values))  # Jinja2 escaped it already
