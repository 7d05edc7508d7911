"""``{% jinja "name" key=value… %}``: renders a Jinja2 template of ``templates/jinja2/`` with
the current context and those values (the article page's fieldsets, photo and byline inlines:
newsroom/core/formrender.py says why). With another form renderer configured (Django's own, say, as
``bench_admin``'s baseline does), Django's template of that name is included instead."""

from django import template
from django.forms.renderers import get_default_renderer
from django.utils.safestring import mark_safe

from newsroom.core import formrender

register = template.Library()


@register.simple_tag(takes_context=True)
def jinja(context, template_name, **extra):
    if not isinstance(get_default_renderer(), formrender.Renderer):
        with context.push(**extra):
            return context.template.engine.get_template(template_name).render(context)
    values = context.flatten()
    values["outer_loop"] = values.get("forloop") or {}
    values.update(extra)
    return mark_safe(formrender.render(template_name, values))  # Jinja2 escaped it already
