import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Community, Honour, HonourLevel, RecipientKind, Street


def _distinct_values(field):
    def choices():
        values = (
            Community.objects.public().exclude(**{field: ""}).order_by(field).values_list(field, flat=True).distinct()
        )
        return [(v, v) for v in values]

    return choices


class CommunityFilter(django_filters.FilterSet):
    district = django_filters.ChoiceFilter(
        choices=_distinct_values("district"), label=_("区（县）"), empty_label=_("全部区县")
    )
    street = django_filters.ModelChoiceFilter(
        queryset=lambda request: Street.objects.public(),
        to_field_name="slug",
        label=_("街道（乡镇）"),
        empty_label=_("全部街道"),
    )
    honour_level = django_filters.ChoiceFilter(
        field_name="honours__level",
        choices=HonourLevel.choices,
        label=_("荣誉级别"),
        empty_label=_("全部级别"),
        distinct=True,
    )

    class Meta:
        model = Community
        fields = ["district", "street", "honour_level"]


def _years():
    years = Honour.objects.public().exclude(year=None).order_by("-year").values_list("year", flat=True).distinct()
    return [(y, f"{y}年") for y in years]


class HonourFilter(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(choices=HonourLevel.choices, label=_("级别"), empty_label=_("全部级别"))
    year = django_filters.ChoiceFilter(choices=_years, label=_("年份"), empty_label=_("全部年份"))
    recipient_kind = django_filters.ChoiceFilter(
        choices=RecipientKind.choices, label=_("获得者"), empty_label=_("全部获得者")
    )

    class Meta:
        model = Honour
        fields = ["level", "year", "recipient_kind"]
