"""The admin's form renderer (newsroom/core/formrender.py) writes the commonest widget templates in
Python; what it writes must be what Django's own templates of those names write, for every value
an editor can type."""

from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates, Jinja2

from newsroom.core.formrender import WRITERS, Renderer

VALUES = [None, "", "0", 0, 3, "第3张图片的说明", '引号"和<尖括号>&amp;', "  前后空格  ", "多行\n文字"]
ATTRS = [
    {},
    {"id": "id_photos-0-caption", "class": "vTextField", "maxlength": "200"},
    {"id": "id_x", "required": True, "disabled": False, "placeholder": "例如：张聿修 摄", "data-x": '"<>'},
]
WIDGETS = [
    forms.TextInput,
    forms.NumberInput,
    forms.EmailInput,
    forms.URLInput,
    forms.PasswordInput,
    forms.HiddenInput,
    forms.DateInput,
    forms.DateTimeInput,
    forms.TimeInput,
    forms.CheckboxInput,
    forms.Textarea,
    forms.SearchInput,
    forms.TelInput,
    forms.ColorInput,
]


def _same_entities(html):
    """Jinja2 writes a quote as ``&#34;``, Django templates as ``&quot;``: the same character."""
    return html.replace("&quot;", "&#34;").replace("&#x27;", "&#39;")


@pytest.fixture(scope="module")
def renderers():
    return Renderer(), Jinja2(), DjangoTemplates()


@pytest.mark.parametrize("widget_class", WIDGETS, ids=lambda w: w.__name__)
def test_each_written_widget_is_what_djangos_templates_write(renderers, widget_class):
    ours, jinja2, django = renderers
    assert widget_class.template_name in WRITERS
    for value in [*VALUES, True, False] if widget_class is forms.CheckboxInput else VALUES:
        for attrs in ATTRS:
            widget = widget_class(attrs=attrs)
            if widget_class is forms.PasswordInput:
                widget.render_value = True
            written = widget.render("photos-0-caption", value, renderer=ours)
            assert written == widget.render("photos-0-caption", value, renderer=jinja2), (value, attrs)
            assert written == _same_entities(widget.render("photos-0-caption", value, renderer=django)), (value, attrs)


def test_labels_and_error_lists_are_what_djangos_templates_write(renderers):
    class PhotoForm(forms.Form):
        caption = forms.CharField(label="图片说明", max_length=5)
        order = forms.IntegerField(label="顺序<排序>")
        hidden = forms.CharField(widget=forms.HiddenInput, required=False)

    for data in (None, {"caption": "太长的图片说明文字", "order": "不是数字"}, {"caption": "好", "order": "1"}):
        for auto_id in ("id_%s", False):
            pages = []
            for renderer in renderers:
                form = PhotoForm(data, auto_id=auto_id, renderer=renderer)
                pages.append(
                    [
                        (str(bound.label_tag()), str(bound.label_tag(attrs={"class": "required"})), str(bound.errors))
                        for bound in form
                    ]
                    + [str(form.non_field_errors())]
                )
            assert pages[0] == pages[1], (data, auto_id)
            assert pages[0] == [
                tuple(map(_same_entities, row)) if isinstance(row, tuple) else _same_entities(row) for row in pages[2]
            ]


def test_no_project_template_overrides_a_written_one():
    """A template of these names put in the project would be silently ignored: the writer wins."""
    folders = [Path(folder) for engine in settings.TEMPLATES for folder in engine.get("DIRS", [])]
    folders.append(Path(settings.BASE_DIR) / "templates" / "jinja2")
    overridden = [name for name in WRITERS for folder in folders if (folder / name).exists()]
    assert overridden == []
