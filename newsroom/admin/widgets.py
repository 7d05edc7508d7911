"""Admin widgets that hold up against hand-made input.

Django's autocomplete widget (``AutocompleteMixin.optgroups``) looks the submitted value up to
show it again on a form with errors. A value that is not a key at all (a name typed into a
hand-made POST: ``street=大观街道``) makes that look-up raise ``ValueError`` while the page is
rendered, so the editor gets a 500 instead of the form's own "请选择有效的选项" and loses what
was typed. ``keys_only`` drops such values before the look-up; the form still reports them.
"""

import functools

from django.contrib.admin.widgets import AutocompleteMixin, AutocompleteSelect
from django.core.exceptions import ValidationError

from ..templatetags.pictures import thumb


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


def thumbnail(photo):
    """A 160 px crop (a few KB), never the original: a list page of 100 articles stays small."""
    if not photo or not photo.image:
        return "—"
    return thumb(photo, 80, css_class="linli-thumb")


class KnownChoicesAutocomplete(AutocompleteSelect):
    """The admin's autocomplete, which shows the chosen person's name without a query when the
    inline has already loaded the people on its photos (``known``: {pk: label})."""

    known = None

    def optgroups(self, name, value, attr=None):
        chosen = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if self.known is None or not set(chosen) <= self.known.keys():
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        options += [self.create_option(name, pk, self.known[pk], True, i + 1) for i, pk in enumerate(chosen)]
        return [(None, options, 0)]
