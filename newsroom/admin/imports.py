"""导入稿件 in the admin: upload a .docx, a saved page or pasted text; check every field read from
it (with the line it came from) on a confirm screen; confirming makes a draft."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from communities.models import Community
from newsroom.core.chinese import looks_like_organisation, to_simplified

from ..importer import ImportRefused, extract_file
from ..importer.drafts import (
    create_draft,
    is_carried,
    keep_original,
    match_communities,
    new_roles,
    original_author,
)
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
    is_reprint = forms.BooleanField(
        label=_("转载"),
        required=False,
        help_text=_("原文注明转自、原文链接，或来源是其他媒体时为转载；本单位自己的稿件不是转载。"),
    )
    original_author = forms.CharField(
        label=_("原作者"), max_length=100, required=False, help_text=_("转载时必填；原文未署名时填原发媒体。")
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
        first = columns.first()
        self.portal = first.portal if first else None  # the editor's own portal, for the defaults
        self.matched, self.missing = match_communities(extraction.communities)
        self.fields["communities"].queryset = Community.objects.filter(pk__in=[c.pk for c in self.matched])
        if not self.is_bound:
            self.initial = {name: getattr(extraction, source) or "" for name, source in self.FROM_EXTRACTION.items()}
            self.initial["communities"] = [c.pk for c in self.matched]
            self.initial["is_reprint"] = bool(self.portal) and is_carried(extraction, self.portal)
            self.initial["original_author"] = original_author(extraction.bylines, extraction.source or "")
            guess = extraction.column and columns.filter(name=extraction.column).first()
            if guess:
                self.initial["column"] = guess.pk
        for name, field in self.fields.items():
            if isinstance(field.widget, (forms.TextInput, forms.URLInput)):
                wide = name in ("kicker", "title", "subtitle", "original_title", "original_url")
                field.widget.attrs["class"] = "vTextField linli-wide" if wide else "vTextField"
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

    def clean(self):
        """A 转载 names its source and original author (the model's rule, said on this form)."""
        cleaned = super().clean()
        if cleaned.get("is_reprint"):
            if not (cleaned.get("source_name") or cleaned.get("via_name")):
                self.add_error("source_name", gettext("转载文章必须填写来源。"))
            if not cleaned.get("original_author"):
                self.add_error("original_author", gettext("转载文章必须填写原作者；原文未署名时填原发媒体。"))
        return cleaned


# Offered as the role box's suggestions (any role may be typed: 二审, 采访人员…).
ROLE_SUGGESTIONS = ("记者", "通讯员", "作者", "摄影", "摄影记者", "实习生", "编辑", "责任编辑", "审核", "签发")


class BylineForm(forms.Form):
    """One person the file credits, as the editor corrects it before the draft exists."""

    role = forms.CharField(label=_("职务"), max_length=20, required=False)
    org = forms.CharField(label=_("单位"), max_length=100, required=False)
    name = forms.CharField(label=_("姓名"), max_length=50, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].widget.attrs.update({"list": "linli-import-roles", "size": 8})
        self.fields["org"].widget.attrs["size"] = 14
        self.fields["name"].widget.attrs["size"] = 8

    def clean(self):
        cleaned = super().clean()
        name, role = (cleaned.get("name") or "").strip(), (cleaned.get("role") or "").strip()
        if role and not name and not cleaned.get("DELETE"):
            self.add_error("name", gettext("请填写姓名，或勾选删除这一行。"))
        if name and role in ("编辑", "责任编辑") and looks_like_organisation(name):
            self.add_error("name", gettext("%(role)s须填写真实姓名，不能是单位或部门名称。") % {"role": role})
        return cleaned


class PhotoCreditForm(forms.Form):
    """One photo's caption and credit (张聿修 摄, 记者 王芳 摄, 某社区供图, 受访者供图…)."""

    KINDS = [("", _("（未署名）")), ("摄", _("摄")), ("供图", _("供图")), ("受访者供图", _("受访者供图")),
             ("资料图片", _("资料图片")), ("网络图片", _("网络图片")), ("图片来源", _("图片来源"))]  # fmt: skip
    caption = forms.CharField(label=_("图片说明"), max_length=500, required=False)
    role = forms.CharField(label=_("拍摄者职务"), max_length=50, required=False)
    who = forms.CharField(label=_("拍摄者或供图单位"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("署名方式"), choices=KINDS, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["caption"].widget.attrs["size"] = 40
        self.fields["role"].widget.attrs.update({"size": 6, "list": "linli-import-roles"})
        self.fields["who"].widget.attrs["size"] = 12

    def clean(self):
        cleaned = super().clean()
        kind, who = cleaned.get("kind"), (cleaned.get("who") or "").strip()
        if kind == "摄" and not who:
            self.add_error("who", gettext("署名为“摄”时请填写拍摄者姓名。"))
        elif kind == "摄" and any(len(name) > 20 for name in who.split()):
            self.add_error("who", gettext("拍摄者姓名过长：请只填姓名，多人用空格分开。"))
        if kind in ("供图", "图片来源") and not who:
            self.add_error("who", gettext("请填写供图单位或图片来源。"))
        return cleaned


BylineFormSet = forms.formset_factory(BylineForm, extra=2, can_delete=True)
PhotoCreditFormSet = forms.formset_factory(PhotoCreditForm, extra=0)


def credit_formsets(data, extraction):
    """The confirm screen's署名 and 图片 tables, filled from the file; ``data`` when posted."""
    bylines = BylineFormSet(data, prefix="byline", initial=extraction.bylines)
    photos = PhotoCreditFormSet(
        data,
        prefix="photo",
        initial=[
            {"caption": p.caption, "role": p.role, "who": p.who or p.org, "kind": p.kind} for p in extraction.photos
        ],
    )
    return bylines, photos


def _extraction(record):
    """What the kept file says; communities the library already holds are looked up in it first."""
    known = Community.objects.values_list("name", flat=True)
    with record.file.open("rb") as handle:
        return extract_file(record.name, handle.read(), known_communities=list(known))


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
    posted = request.POST if request.method == "POST" else None
    form = ConfirmForm(posted, extraction=extraction, user=request.user)
    # A post without the tables (a script, an old page) keeps the credits as read.
    with_tables = posted is not None and "byline-TOTAL_FORMS" in posted
    byline_forms, photo_forms = credit_formsets(posted if with_tables else None, extraction)
    if (
        posted is not None
        and form.is_valid()
        and (not with_tables or (byline_forms.is_valid() and photo_forms.is_valid()))
    ):
        data = dict(form.cleaned_data)
        column, communities = data.pop("column"), data.pop("communities")
        bylines = photos = None
        if with_tables:
            bylines = [
                {"role": f["role"].strip(), "name": f["name"].strip(), "org": f["org"].strip()}
                for f in byline_forms.cleaned_data
                if f and f.get("name", "").strip() and not f.get("DELETE")
            ]
            photos = [
                {k: (f.get(k) or "").strip() for k in ("caption", "role", "who", "kind")}
                for f in photo_forms.cleaned_data
            ]
        try:
            article = create_draft(record, extraction, request.user, column, data, communities, bylines, photos)
        except ValidationError as refusal:
            for field, problems in refusal.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
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
        "missing_communities": [
            (name, "village" if to_simplified(name).endswith("村") else "community") for name in form.missing
        ],
        "can_add_community": request.user.has_perm("communities.add_community"),
        "byline_forms": byline_forms,
        "photo_forms": photo_forms,
        "photo_rows": list(zip(extraction.photos, photo_forms, strict=False)),
        "role_words": sorted(ROLE_SUGGESTIONS),
        "new_roles": new_roles(extraction.bylines, form.portal) if form.portal else [],
        "new_people": sorted(photographers - known),
        "photos_without_image": sum(1 for p in extraction.photos if not p.image),
    }
    return TemplateResponse(request, "admin/newsroom/article/import_confirm.html", context)
