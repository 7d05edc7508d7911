"""The public notice, counter-notice and supplement forms: every problem is a form error."""

import os
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _

from newsroom.core.forms import https_urls

from ..models import Article
from .models import CounterNotice, TakedownRequest, Target

SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}
MAX_FILES = 5
# The name's extension must say what the content is: "授权.bat" starting with %PDF- is refused.
EXTENSION_TYPES = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}


def detect_type(upload):
    """The file's real type from its first bytes (not its name or the browser's claim)."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, content_type in SIGNATURES.items():
        if head.startswith(signature):
            return content_type
    return None


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Up to five PDF, JPEG or PNG files, each checked by content and size."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = [d for d in (data if isinstance(data, (list, tuple)) else [data]) if d]
        if self.required and not uploads:
            raise forms.ValidationError(_("请上传证明材料。"), code="required")
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(_("最多上传 %(n)s 个文件。") % {"n": MAX_FILES}, code="too_many")
        limit = settings.MAX_EVIDENCE_BYTES
        for upload in uploads:
            if upload.size > limit:
                raise forms.ValidationError(
                    _("文件“%(name)s”过大（%(size)s MB），每个文件不超过 %(limit)s MB。")
                    % {"name": upload.name, "size": round(upload.size / 1048576, 1), "limit": limit // 1048576},
                    code="too_large",
                )
            detected = detect_type(upload)
            extension = os.path.splitext(upload.name or "")[1].lower()
            if detected is None or EXTENSION_TYPES.get(extension) != detected:
                raise forms.ValidationError(
                    _("文件“%(name)s”不是 PDF、JPEG 或 PNG 文件：文件内容和扩展名（.pdf、.jpg、.png）都须相符。")
                    % {"name": upload.name},
                    code="bad_type",
                )
            upload.detected_type = detected
        return uploads


class NoticeForm(forms.ModelForm):
    website = forms.CharField(
        required=False,
        label=_("网站（请留空）"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    evidence = EvidenceField(
        label=_("侵权初步证据"), required=True, help_text=_("PDF、JPEG 或 PNG，最多 5 个，每个不超过 10 MB。")
    )
    authorisation = EvidenceField(label=_("授权委托书"), help_text=_("代理人提交时必须上传权利人的授权委托书。"))

    class Meta:
        model = TakedownRequest
        fields = [
            "notifier_kind",
            "notifier_name",
            "phone",
            "email",
            "address",
            "id_type",
            "id_number",
            "is_agent",
            "principal_name",
            "right_claimed",
            "description",
            "declared_true",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 6, "maxlength": 5000})}

    def clean_declared_true(self):
        if not self.cleaned_data.get("declared_true"):
            raise forms.ValidationError(_("请确认通知内容真实，并承担相应法律责任。"), code="declaration")
        return True

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):  # filled only by bots: the field is hidden from people
            self.add_error(None, forms.ValidationError(_("提交失败，请重试。"), code="honeypot"))
        if cleaned.get("is_agent"):
            if not cleaned.get("principal_name"):
                self.add_error("principal_name", _("代理人提交时请填写权利人姓名或名称。"))
            if not cleaned.get("authorisation"):
                self.add_error("authorisation", _("代理人提交时必须上传权利人的授权委托书。"))
        return cleaned


def resolve_article(url, portal):
    """The article of ``portal`` that ``url`` points to, or a form error."""
    parts = urlsplit(url)
    if parts.hostname and parts.hostname.lower() not in portal.host_list:
        raise forms.ValidationError(
            _("该网址不属于本网（%(host)s），本网只能处理本网发布的内容。") % {"host": parts.hostname}, code="foreign"
        )
    try:
        match = resolve(parts.path or "/")
    except Resolver404:
        match = None
    if not match or match.view_name != "newsroom:article":
        raise forms.ValidationError(_("该网址不是本网的文章页面，请复制文章页地址栏中的网址。"), code="not_article")
    article = Article.objects.for_portal(portal).filter(slug=match.kwargs["slug"]).first()
    if article is None or not (article.is_public or article.legal_hold):
        raise forms.ValidationError(_("本网没有找到该网址对应的文章。"), code="missing")
    return article


class TargetForm(forms.ModelForm):
    photo_number = forms.IntegerField(label=_("第几张图片"), required=False, min_value=1)

    class Meta:
        model = Target
        fields = ["url", "work_title", "part", "passage"]
        widgets = {"passage": forms.Textarea(attrs={"rows": 2})}
        formfield_callback = https_urls

    def __init__(self, *args, portal=None, **kwargs):
        self.portal = portal
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        url = cleaned.get("url")
        if url:
            try:
                self.instance.article = resolve_article(url, self.portal)
            except forms.ValidationError as error:
                self.add_error("url", error)
                return cleaned
        part = cleaned.get("part")
        if part == Target.Part.PHOTO and self.instance.article:
            number = cleaned.get("photo_number")
            photos = list(self.instance.article.photos.order_by("order", "id"))
            if not number or number > len(photos):
                self.add_error("photo_number", _("请填写图片序号（本文共 %(n)s 张图片）。") % {"n": len(photos)})
            else:
                self.instance.photo = photos[number - 1]
        if part == Target.Part.PASSAGE and not cleaned.get("passage"):
            self.add_error("passage", _("请摘录涉及的文字。"))
        return cleaned


class BaseTargetFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if not any(form.has_changed() for form in self.forms):
            raise forms.ValidationError(_("请至少填写一个涉及的作品网址。"))


# One target row filled in, two more offered: a notice may name several works.
TargetFormSet = forms.formset_factory(
    TargetForm, formset=BaseTargetFormSet, extra=2, min_num=1, max_num=5, validate_max=True
)


class SupplementForm(forms.Form):
    note = forms.CharField(
        label=_("补充说明"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000, required=False
    )
    files = EvidenceField(label=_("补充材料"), required=True)


class CounterNoticeForm(forms.ModelForm):
    evidence = EvidenceField(label=_("不侵权初步证据"), required=True)

    class Meta:
        model = CounterNotice
        fields = ["name", "phone", "email", "address", "id_type", "id_number", "statement", "declared_true"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 6})}

    def clean_declared_true(self):
        if not self.cleaned_data.get("declared_true"):
            raise forms.ValidationError(_("请确认反通知内容真实。"), code="declaration")
        return True
