"""How communities, honours and facilities are edited in the admin.

The classes are registered by the newsroom (newsroom/admin/communities.py), which puts every
save through content review: this app knows nothing of the newsroom. Honours and facilities
are edited on their own pages, each reviewed on its own; the community page lists them.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _


class CommunityForm(forms.ModelForm):
    """A new community with the name of one already in the same district is stopped with a
    question rather than kept as a silent duplicate (two 中南社区 rows split honours, facilities
    and articles between them); ticking 确认 saves it, for two real communities of one name."""

    confirm_same_name = forms.BooleanField(
        label=_("确认是另一个同名社区"),
        required=False,
        help_text=_("同一区（县）已有同名社区时，保存前需勾选此项；否则请改为编辑已有的社区。"),
    )

    def clean(self):
        data = super().clean()
        name, district = data.get("name"), data.get("district") or ""
        if name and not self.instance.pk and not data.get("confirm_same_name"):
            same = type(self.instance)._default_manager.filter(name=name, district=district).first()
            if same is not None:
                url = reverse("admin:communities_community_change", args=[same.pk])
                raise ValidationError(
                    format_html(
                        _(
                            '{district}已有名为“{name}”的社区（<a href="{url}">打开已有的社区</a>）。'
                            "如确是另一个同名社区，请勾选页面底部的“确认是另一个同名社区”后再保存。"
                        ),
                        district=district or _("同一区（县）"),
                        name=name,
                        url=url,
                    ),
                    code="same_name",
                )
        return data


class CommunityAdmin(admin.ModelAdmin):
    form = CommunityForm
    list_display = (
        "name",
        "district",
        "street",
        "party_org_kind",
        "residents",
        "party_members",
        "honour_count",
        "facility_count",
    )
    list_filter = ("kind", "province", "city", "district", "party_org_kind")
    search_fields = ("name", "street__name", "district", "city", "secretary_name", "work_method")
    autocomplete_fields = ("street",)
    list_select_related = ("street",)
    readonly_fields = ("honour_list", "awarded_list", "facility_list")
    fieldsets = (
        (_("基本信息"), {"fields": (("name", "kind", "slug"), ("province", "city"), ("district", "street"))}),
        (
            _("规模与人口"),
            {
                "fields": (
                    ("founded_on", "founded_precision", "area_km2"),
                    ("households", "households_qualifier", "residents", "residents_qualifier"),
                    (
                        "registered_households",
                        "registered_households_qualifier",
                        "registered_residents",
                        "registered_residents_qualifier",
                    ),
                    ("floating_population", "floating_population_qualifier"),
                    "streets_covered",
                    ("residential_compounds", "managed_estates", "office_buildings"),
                    ("shops", "shops_qualifier", "companies", "companies_qualifier"),
                )
            },
        ),
        (
            _("党组织"),
            {
                "fields": (
                    ("party_org_kind", "party_org_founded_on"),
                    ("party_branches", "party_groups"),
                    ("party_members", "party_members_qualifier", "volunteers", "volunteers_qualifier"),
                    ("secretary_name", "secretary_title"),
                    ("work_method", "work_method_summary"),
                )
            },
        ),
        (_("简介与感怀"), {"fields": ("profile", "secretary_reflections", "highlights")}),
        (_("荣誉与阵地"), {"fields": ("honour_list", "awarded_list", "facility_list")}),
    )

    @admin.display(description=_("荣誉称号"))
    def honour_list(self, obj):
        return _linked(obj, "honours", "honour")

    @admin.display(description=_("本社区授予的荣誉"))
    def awarded_list(self, obj):
        return _linked(obj, "honours_awarded", "honour", "awarded_by_community")

    @admin.display(description=_("阵地/设施"))
    def facility_list(self, obj):
        return _linked(obj, "facilities", "facility")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_honours=Count("honours", distinct=True), _facilities=Count("facilities", distinct=True))
            .order_by(*self.model._meta.ordering, "pk")  # a grouped query drops Meta.ordering
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:  # a new community: the duplicate check's confirmation
            return [*fieldsets, (_("同名检查"), {"fields": ("confirm_same_name",)})]
        return fieldsets

    @admin.display(description=_("荣誉"), ordering="_honours")
    def honour_count(self, obj):
        return obj._honours

    @admin.display(description=_("阵地"), ordering="_facilities")
    def facility_count(self, obj):
        return obj._facilities


def _linked(community, relation, model, field="community"):
    """The community's honours or facilities as links to their own pages, and an "add" link."""
    if not community.pk:
        return _("保存社区后，可在此添加。")
    items = getattr(community, relation).all()
    links = format_html_join(
        "、",
        '<a href="{}">{}</a>',
        ((reverse(f"admin:communities_{model}_change", args=[item.pk]), str(item)) for item in items),
    )
    add = reverse(f"admin:communities_{model}_add") + f"?{field}={community.pk}"
    return format_html('{}{}<a class="addlink" href="{}">{}</a>', links or "", " · " if items else "", add, _("添加"))


class HonourAdmin(admin.ModelAdmin):
    list_display = ("title", "recipient_display", "level", "date_display", "edition", "awarding_body", "community")
    list_filter = ("level", "recipient_kind", "year")
    search_fields = ("title", "recipient_name", "awarding_body", "community__name", "street__name")
    autocomplete_fields = ("community", "street", "awarded_by_community")
    list_select_related = ("community",)
    fieldsets = (
        (None, {"fields": ("title", ("level", "edition"))}),
        (_("获得者"), {"fields": (("recipient_kind", "recipient_name"), ("community", "street"))}),
        (_("授予"), {"fields": ("awarding_body", "awarded_by_community")}),
        (_("时间"), {"fields": (("year", "month", "first_year"),)}),
        (None, {"fields": ("note",)}),
    )

    @admin.display(description=_("时间"), ordering="year")
    def date_display(self, obj):
        return obj.date_display

    @admin.display(description=_("获得者"))
    def recipient_display(self, obj):
        return obj.recipient


class FacilityAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "community", "street", "floor_area_m2", "capacity", "fee", "opened_display")
    list_filter = ("kind", "community__district")
    search_fields = ("name", "address", "street__name", "community__name", "rooms")
    autocomplete_fields = ("community", "street")
    list_select_related = ("community", "street")
    fieldsets = (
        (None, {"fields": (("name", "slug", "kind"), ("community", "street"), "address", "description")}),
        (
            _("规模与服务"),
            {
                "fields": (
                    ("floor_area_m2", "land_area_mu"),
                    ("length_m", "length_m_qualifier"),
                    ("capacity", "capacity_qualifier", "units", "units_label"),
                    "rooms",
                    ("opening_hours", "fee"),
                    ("opened_on", "opened_precision"),
                )
            },
        ),
    )

    @admin.display(description=_("启用"), ordering="opened_on")
    def opened_display(self, obj):
        return obj.opened_display


class StreetAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "district", "city", "party_committee", "secretary_name")
    list_filter = ("kind", "district")
    search_fields = ("name", "district", "party_committee", "secretary_name")
    fieldsets = (
        (None, {"fields": (("name", "slug", "kind"), ("province", "city", "district"))}),
        (_("党组织"), {"fields": ("party_committee", ("secretary_name", "secretary_title"))}),
        (None, {"fields": ("profile",)}),
    )


class OfficerAdmin(admin.ModelAdmin):
    list_display = ("name", "display_title", "community", "street", "order")
    list_filter = ("title",)
    search_fields = ("name", "title_text", "community__name", "street__name")
    autocomplete_fields = ("community", "street")
    list_select_related = ("community", "street")
    fields = (("name", "title"), "title_text", ("community", "street"), "order")

    @admin.display(description=_("职务"), ordering="title")
    def display_title(self, obj):
        return obj.display_title


class NeighbourhoodAdmin(admin.ModelAdmin):
    list_display = ("name", "community", "party_org_display", "party_secretary_name", "households")
    list_filter = ("party_org_kind",)
    search_fields = ("name", "community__name", "party_secretary_name")
    autocomplete_fields = ("community",)
    list_select_related = ("community",)
    fieldsets = (
        (None, {"fields": (("name", "community"), ("households", "buildings"), "description", "order")}),
        (_("小区党组织"), {"fields": (("party_org_kind", "party_secretary_name"),)}),
    )

    @admin.display(description=_("小区党组织"), ordering="party_org_kind")
    def party_org_display(self, obj):
        return obj.party_org_name or "—"
