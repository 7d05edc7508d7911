"""Per-portal looks: a theme is a template directory searched before the default one.

``templates/themes/<theme>/newsroom/article.html`` replaces ``templates/newsroom/article.html``
for the portals that chose ``<theme>`` (``Portal.theme``); a theme's template may extend the
default of the same name (``{% extends "newsroom/article.html" %}``: Django's loaders skip the
theme's own copy). Which theme a render uses is set per request (``use``) by whoever knows the
request's portal; nothing here knows what a portal is.
"""

from contextvars import ContextVar

from django.core.exceptions import SuspiciousFileOperation
from django.template import Origin
from django.template.loaders import cached, filesystem
from django.utils._os import safe_join

_theme = ContextVar("linli_theme", default=None)


def use(theme):
    """Render with ``theme`` (a name, or a callable giving one when first asked) until ``reset``."""
    return _theme.set(theme)


def reset(token):
    _theme.reset(token)


def current():
    theme = _theme.get()
    if callable(theme):
        theme = theme() or ""
        _theme.set(theme)
    return theme or ""


class ThemeLoader(filesystem.Loader):
    """The current theme's copy of a template, from ``<dir>/themes/<theme>/`` of each template dir."""

    def get_template_sources(self, template_name):
        theme = current()
        if not theme:
            return
        for template_dir in self.get_dirs():
            try:
                name = safe_join(template_dir, "themes", theme, template_name)
            except SuspiciousFileOperation:
                continue
            yield Origin(name=name, template_name=template_name, loader=self)


class Loader(cached.Loader):
    """Django's cached loader, keeping each theme's templates apart."""

    def cache_key(self, template_name, skip=None):
        return f"{current()}|{super().cache_key(template_name, skip)}"
