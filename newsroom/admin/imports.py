"""导入稿件 in the admin: upload a .docx, a saved page or pasted text; check every field read from
it (with the line it came from) on a confirm screen; confirming makes a draft."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from communities.models import Community

from ..importer import ImportRefused, extract_file
from ..importer.drafts import create_draft, keep_original, match_communities
from ..importer.sources import MAX_BYTES
from ..models import Column, ImportedFile, Person
from ..portals import reachable


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("稿件文件"),
        required=False,
        help_text=_("Word/WPS 文档（.docx）、另存的网页（.html/.htm）或文本（.txt）；最大 20 MB。"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.doc,.wps,.html,.htm,.txt"}),
    )
    text = forms.CharField(
        label=_("或粘贴正文"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 80}),
        help_text=_("从网页或文档中复制的文字（含标题、时间、来源等）。"),
    )

    def clean(self):
        cleaned = super().clean()
        upload, text = cleaned.get("file"), (cleaned.get("text") or "").strip()
        if not upload and not text:
            raise forms.ValidationError(_("请选择文件，或粘贴正文。"))
        if upload and upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("文件太大（%(size)s MB）：最多 %(max)s MB。")
                % {"size": round(upload.size / 1024 / 1024, 1), "max": MAX_BYTES // 1024 // 1024}
            )
        name, data = (upload.name, upload.read()) if upload else ("粘贴的正文.txt", text.encode("utf-8"))
        try:
            cleaned["extraction"] = extract_file(name, data)
        except ImportRefused as refusal:
            raise forms.ValidationError(str(refusal)) from None
        cleaned["name"], cleaned["data"] = name, data
        return cleaned


class ConfirmForm(forms.Form):
    kicker = forms.CharField(label=_("引题"), max_length=200, required=False)
    title = forms.CharField(label=_("标题"), max_length=200)
    subtitle = forms.CharField(label=_("副题"), max_length=200, required=False)
    column = forms.ModelChoiceField(label=_("栏目"), queryset=Column.objects.none())
    publish_time = forms.RegexField(
        label=_("原文发布时间"),
        regex=r"^(\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?)?$",
        required=False,
        help_text=_("格式：2024-03-15 09:30，或只有日期 2024-03-15。"),
        error_messages={"invalid": _("时间格式应为 2024-03-15 09:30 或 2024-03-15。")},
    )
    source_name = forms.CharField(label=_("来源"), max_length=100, required=False)
    via_name = forms.CharField(label=_("转自"), max_length=100, required=False)
    original_url = forms.URLField(label=_("原文链接"), max_length=200, required=False, assume_scheme="https")
    original_title = forms.CharField(label=_("原标题"), max_length=200, required=False)
    dateline = forms.CharField(label=_("电头"), max_length=100, required=False)
    editors_note = forms.CharField(label=_("编者按"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    communities = forms.ModelMultipleChoiceField(
        label=_("相关社区"), queryset=Community.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    FROM_EXTRACTION = {
        "kicker": "kicker",
        "title": "title",
        "subtitle": "subtitle",
        "publish_time": "publish_time",
        "source_name": "source",
        "via_name": "reprint_from",
        "original_url": "original_url",
        "original_title": "original_title",
        "dateline": "dateline",
        "editors_note": "editors_note",
    }

    def __init__(self, *args, extraction, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.extraction = extraction
        columns = Column.objects.for_portals(reachable(user)).select_related("portal", "parent")
        columns = columns.order_by("portal", "order", "id")
        self.fields["column"].queryset = columns
        self.matched, self.missing = match_communities(extraction.communities)
        self.fields["communities"].queryset = Community.objects.filter(pk__in=[c.pk for c in self.matched])
        if not self.is_bound:
            self.initial = {name: getattr(extraction, source) or "" for name, source in self.FROM_EXTRACTION.items()}
            self.initial["communities"] = [c.pk for c in self.matched]
            guess = extraction.column and columns.filter(name=extraction.column).first()
            if guess:
                self.initial["column"] = guess.pk
        for field in self.fields.values():
            if isinstance(field.widget, (forms.TextInput, forms.URLInput)):
                field.widget.attrs["class"] = "vTextField"
        lines = extraction.lines
        for name, source in self.FROM_EXTRACTION.items():
            number = lines.get(source)
            if number:
                line = extraction.texts[number - 1]
                self.fields[name].help_text = gettext("读自第 %(n)s 行：%(line)s") % {
                    "n": number,
                    "line": line if len(line) <= 60 else line[:60] + "…",
                }
        if extraction.column:
            self.fields["column"].help_text = gettext("原网页栏目：%(column)s") % {"column": extraction.column}


def _extraction(record):
    with record.file.open("rb") as handle:
        return extract_file(record.name, handle.read())


def upload_view(model_admin, request):
    if not request.user.has_perm("newsroom.add_article"):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        record = keep_original(request.user, form.cleaned_data["name"], form.cleaned_data["data"])
        return redirect("admin:newsroom_article_import_confirm", record.pk)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": gettext("导入稿件"),
        "form": form,
    }
    return TemplateResponse(request, "admin/newsroom/article/import.html", context)


def confirm_view(model_admin, request, pk):
    if not request.user.has_perm("newsroom.add_article"):
        raise PermissionDenied
    record = get_object_or_404(ImportedFile, pk=pk, created_by=request.user)
    if record.article_id:
        messages.info(request, gettext("这个文件已导入为草稿。"))
        return redirect("admin:newsroom_article_change", record.article_id)
    try:
        extraction = _extraction(record)
    except ImportRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("admin:newsroom_article_import")
    form = ConfirmForm(request.POST or None, extraction=extraction, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        column, communities = data.pop("column"), data.pop("communities")
        article = create_draft(record, extraction, request.user, column, data, communities)
        messages.success(
            request, gettext("已导入为草稿：请检查正文、图片和署名后保存，再提交审核。草稿不会自动发布或送审。")
        )
        return redirect("admin:newsroom_article_change", article.pk)
    photographers = {p.who.split()[0] for p in extraction.photos if p.kind == "摄" and p.who}
    people = Person.objects.reachable_from(reachable(request.user))
    known = set(people.filter(name__in=photographers).values_list("name", flat=True))
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": gettext("确认导入：%(name)s") % {"name": record.name},
        "form": form,
        "record": record,
        "extraction": extraction,
        "missing_communities": form.missing,
        "new_people": sorted(photographers - known),
        "photos_without_image": sum(1 for p in extraction.photos if not p.image),
    }
    return TemplateResponse(request, "admin/newsroom/article/import_confirm.html", context)
