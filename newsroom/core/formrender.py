"""Form widgets rendered through Jinja2.

A change page with 40 photos renders some 1,500 widgets, labels and error lists; through Django
templates each costs 0.2–0.5 ms (an ``{% include %}`` per ``<option>``), through Jinja2 (compiled
to Python) a fraction of that. Django ships every form template in both languages and tests its
widgets with both; the admin's own widget templates that a change page uses are ported beside it
(``templates/jinja2/``). A template found in neither falls back to Django templates, as before.

The few templates that make up most of a change page's widgets (``<input>`` of every type,
``<textarea>``, ``<label>``, an empty error list: some 400 renders for 40 photos) are written by
``WRITERS`` below instead, the same markup as Django's own templates of those names
(``tests/test_form_renderer.py`` compares them) without a template render each.
"""

import functools
from pathlib import Path

from django.conf import settings
from django.contrib.admin.templatetags.admin_modify import cell_count
from django.contrib.admin.utils import quote
from django.forms import renderers
from django.template import TemplateDoesNotExist
from django.template.backends.jinja2 import Jinja2
from django.templatetags.static import static
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from markupsafe import Markup, escape


def attrs(values):
    """A widget's HTML attributes, as ``django/forms/widgets/attrs.html`` writes them: ``False``
    left out, ``True`` as a bare name, anything else escaped in quotes."""
    return Markup(
        "".join(
            f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
            for name, value in values.items()
            if value is not False
        )
    )


def _input(context):
    """``django/forms/widgets/input.html`` and the templates that only include it."""
    widget = context["widget"]
    value = widget["value"]
    value = "" if value is None else f' value="{escape(value)}"'
    return f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{value}{attrs(widget["attrs"])}>'


def _textarea(context):
    widget = context["widget"]
    value = escape(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{escape(widget["name"])}"{attrs(widget["attrs"])}>\n{value}</textarea>'


def _label(context):
    label = escape(context["label"])
    if not context["use_tag"]:
        return label
    tag = escape(context["tag"])
    return f"<{tag}{attrs(context['attrs']) if context['attrs'] else ''}>{label}</{tag}>"


def _error_list(context):
    """An empty list writes nothing; one with errors goes to its template (``None``)."""
    return None if context["errors"] else ""


#: Template name → a function writing its markup from the render context (``None``: render the
#: template after all).
WRITERS = {
    **{
        f"django/forms/widgets/{name}.html": _input
        for name in (
            "input",
            "text",
            "number",
            "email",
            "url",
            "password",
            "hidden",
            "checkbox",
            "date",
            "datetime",
            "time",
            "search",
            "tel",
            "color",
        )
    },
    "django/forms/widgets/textarea.html": _textarea,
    "django/forms/label.html": _label,
    "django/forms/errors/list/ul.html": _error_list,
}


def field_texts(form):
    """{field name: (label, required, help text)} of ``form``, translated: what every form of a
    formset shares, for a layout that writes them once rather than once per form."""
    return {bound.name: (str(bound.label), bound.field.required, str(bound.help_text)) for bound in form}


@functools.lru_cache(maxsize=512)
def cached_static(path):
    """``static()`` once per path and process (the manifest does not change while it runs)."""
    return static(path)


def environment(**options):
    from jinja2 import Environment

    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.globals.update(static=cached_static, url=reverse, attrs=attrs, field_texts=field_texts)
    env.filters.update(capfirst=capfirst, cell_count=cell_count, admin_urlquote=quote)
    return env


@functools.cache
def jinja2_engine():
    """One engine per process, so its compiled templates outlive the renderer: Django makes a
    new renderer whenever ``FORM_RENDERER`` changes (tests; ``bench_admin`` switching to its
    baseline and back between two requests)."""
    return Jinja2(
        {
            "APP_DIRS": False,
            "DIRS": [settings.BASE_DIR / "templates" / "jinja2", Path(renderers.__file__).parent / "jinja2"],
            "NAME": "linli-forms",
            "OPTIONS": {"environment": "newsroom.core.formrender.environment"},
        }
    )


@functools.cache
def django_templates():
    """Django's form renderer for templates not ported to Jinja2, kept as ``jinja2_engine``."""
    return renderers.DjangoTemplates()


class Renderer(renderers.BaseRenderer):
    """Jinja2 first (Django's form templates and the ports in ``templates/jinja2/``), Django
    templates for anything else (a third-party widget's own template)."""

    @property
    def jinja2(self):
        return jinja2_engine()

    @property
    def django(self):
        return django_templates()

    def render(self, template_name, context, request=None):
        write = WRITERS.get(template_name)
        html = write(context) if write is not None else None
        return super().render(template_name, context, request) if html is None else html

    def get_template(self, template_name):
        try:
            return self.jinja2.get_template(template_name)
        except TemplateDoesNotExist:
            return self.django.get_template(template_name)


def render(template_name, context):
    """A Jinja2 template of ``templates/jinja2/`` (the admin's inline layouts) with a Django
    template's context, as ``{% jinja %}`` does."""
    return renderers.get_default_renderer().jinja2.get_template(template_name).render(context)
