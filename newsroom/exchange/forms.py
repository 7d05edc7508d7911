"""The forms of 稿件流转: the desks' decisions and the correspondent's manuscript."""

from django import forms
from django.utils.translation import gettext_lazy as _

from newsroom.images import ImageUploadField
from newsroom.models import ArticlePlacement, Column


class ColumnChoice(forms.ModelChoiceField):
    def label_from_instance(self, column):
        return str(column)


def portal_columns(portal):
    return Column.objects.filter(portal=portal).select_related("parent").order_by("order", "id")


class SubmissionDecisionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("采用方式"),
        choices=[
            (ArticlePlacement.Kind.MIRROR, _("镜像引用：在本网栏目显示原稿，随原稿更正、撤稿同步")),
            (ArticlePlacement.Kind.COPY, _("本网稿件：复制为本网草稿，经本网三审后发布")),
        ],
        widget=forms.RadioSelect,
        initial=ArticlePlacement.Kind.MIRROR,
        required=False,
    )
    column = ColumnChoice(label=_("采用到栏目"), queryset=Column.objects.none(), required=False)
    reason = forms.CharField(
        label=_("退回理由"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=1000
    )

    def __init__(self, *args, portal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["column"].queryset = portal_columns(portal)


class ManuscriptDecisionForm(forms.Form):
    column = ColumnChoice(label=_("采用到栏目"), queryset=Column.objects.none(), required=False)
    reason = forms.CharField(
        label=_("退稿理由"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=1000
    )

    def __init__(self, *args, portal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["column"].queryset = portal_columns(portal)


PHOTO_SLOTS = 6


class ManuscriptForm(forms.Form):
    """在线投稿: title, text, and up to six photos, each with its caption and photographer."""

    title = forms.CharField(label=_("标题"), max_length=200)
    body = forms.CharField(
        label=_("正文"), widget=forms.Textarea(attrs={"rows": 14}), max_length=20000, help_text=_("每段之间空一行。")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, PHOTO_SLOTS + 1):
            self.fields[f"photo_{i}"] = ImageUploadField(label=_("图片%(n)s") % {"n": i}, required=False)
            self.fields[f"caption_{i}"] = forms.CharField(
                label=_("图片%(n)s说明") % {"n": i}, required=False, max_length=300
            )
            self.fields[f"photographer_{i}"] = forms.CharField(
                label=_("图片%(n)s拍摄者") % {"n": i}, required=False, max_length=50
            )

    def photo_rows(self):
        return [
            (self[f"photo_{i}"], self[f"caption_{i}"], self[f"photographer_{i}"]) for i in range(1, PHOTO_SLOTS + 1)
        ]

    def clean(self):
        data = super().clean()
        for i in range(1, PHOTO_SLOTS + 1):
            if data.get(f"photo_{i}"):
                if not (data.get(f"caption_{i}") or "").strip():
                    self.add_error(f"caption_{i}", _("请填写这张图片的说明。"))
                if not (data.get(f"photographer_{i}") or "").strip():
                    self.add_error(f"photographer_{i}", _("请填写这张图片的拍摄者。"))
        return data

    def photos(self):
        d = self.cleaned_data
        return [
            (d[f"photo_{i}"], d[f"caption_{i}"], d[f"photographer_{i}"])
            for i in range(1, PHOTO_SLOTS + 1)
            if d.get(f"photo_{i}")
        ]
