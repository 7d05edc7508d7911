from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Report


class ReportForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["kind", "quote", "text", "name", "contact"]
        widgets = {
            "kind": forms.RadioSelect,
            "quote": forms.TextInput(attrs={"maxlength": 300}),
            "text": forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        }
        error_messages = {
            "text": {
                "required": _("请说明哪里有误、应当是什么。"),
                "max_length": _("说明最多 %(limit_value)d 个字（现在 %(show_value)d 个）。"),
            },
            "quote": {"max_length": _("有误的文字最多 %(limit_value)d 个字（现在 %(show_value)d 个）。")},
            "name": {"max_length": _("称呼最多 %(limit_value)d 个字。")},
            "contact": {"max_length": _("联系方式最多 %(limit_value)d 个字。")},
        }

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) < 4:
            raise forms.ValidationError(_("请多写几个字，说明哪里有误、应当是什么。"))
        return text
