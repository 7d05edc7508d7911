import django_filters
from django.utils.translation import gettext_lazy as _

from communities.models import Community
from newsroom.filters import CachedChoices, date_range
from newsroom.models import Column, Portal

from .models import SearchDocument


class SearchFilter(CachedChoices, django_filters.FilterSet):
    """Narrowing search results: type, column (with its sub-columns), community, date range.
    Values that don't validate are reported on the form and ignored, never a 500."""

    cached_filters = ("column", "community")
    site = django_filters.ModelChoiceFilter(
        field_name="portal", queryset=Portal.objects.none(), label=_("网站"), empty_label=_("全部网站")
    )
    kind = django_filters.ChoiceFilter(choices=SearchDocument.Kind.choices, label=_("类型"), empty_label=_("全部类型"))
    column = django_filters.ModelChoiceFilter(
        queryset=Column.objects.none(), label=_("栏目"), empty_label=_("全部栏目"), method="filter_column"
    )
    community = django_filters.ModelChoiceFilter(
        field_name="communities",
        queryset=Community.objects.public().order_by("name"),
        label=_("社区"),
        empty_label=_("全部社区"),
    )
    since, until = date_range("date")
    sort = django_filters.ChoiceFilter(
        choices=[("relevance", _("按相关度")), ("date", _("按时间"))],
        label=_("排序"),
        empty_label=None,
        method="keep",
    )

    class Meta:
        model = SearchDocument
        fields = ["kind", "site", "column", "community", "since", "until", "sort"]

    def __init__(self, *args, portal, below=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.portal = portal
        if below:  # a city's search: its own site or one of those below it
            self.filters["site"].queryset = Portal.objects.filter(pk__in=[portal.pk, *below]).order_by("id")
        else:
            del self.filters["site"]
        self.filters["column"].queryset = (
            Column.objects.for_portal(portal).select_related("parent").order_by("order", "id")
        )

    @staticmethod
    def choice_tags(portal):
        """Communities; a column's change makes every page and block stale anyway."""
        return ("communities",)

    def filter_column(self, queryset, name, column):
        return queryset.filter(column__in=column.descendants()) if column else queryset

    def keep(self, queryset, name, value):
        """Sorting is applied by the view after the facets are counted."""
        return queryset
