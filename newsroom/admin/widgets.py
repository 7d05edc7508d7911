"""Admin widgets that hold up against hand-made input.

Django's autocomplete widget (``AutocompleteMixin.optgroups``) looks the submitted value up to
show it again on a form with errors. A value that is not a key at all (a name typed into a
hand-made POST: ``street=大观街道``) makes that look-up raise ``ValueError`` while the page is
rendered, so the editor gets a 500 instead of the form's own "请选择有效的选项" and loses what
was typed. ``keys_only`` drops such values before the look-up; the form still reports them.
"""

import functools

from django.contrib.admin.widgets import AutocompleteMixin
from django.core.exceptions import ValidationError


def _is_key(field, value):
    try:
        field.to_python(value)
    except ValidationError:
        return False
    return True


def keys_only(optgroups):
    @functools.wraps(optgroups)
    def wrapper(self, name, value, attr=None):
        target = self.field.remote_field.model._meta
        key = target.get_field(getattr(self.field.remote_field, "field_name", None) or target.pk.attname)
        return optgroups(self, name, [v for v in value if _is_key(key, v)], attr)

    wrapper.keys_only = True
    return wrapper


def install():
    if not getattr(AutocompleteMixin.optgroups, "keys_only", False):
        AutocompleteMixin.optgroups = keys_only(AutocompleteMixin.optgroups)
