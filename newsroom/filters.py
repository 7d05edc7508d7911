import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from communities.models import Community

from .models import Article, Topic


class ArticleFilter(django_filters.FilterSet):
    """Column list filters: date range, community, topic."""

    since = django_filters.DateFilter(
        field_name="first_published_at", lookup_expr="date__gte", label=_("起始日期"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        field_name="first_published_at", lookup_expr="date__lte", label=_("截止日期"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    community = django_filters.ModelChoiceFilter(
        field_name="communities", queryset=Community.objects.all(), label=_("社区"), empty_label=_("全部社区"),
        distinct=True,
    )
    topic = django_filters.ModelChoiceFilter(
        field_name="topics", queryset=Topic.objects.all(), label=_("专题"), empty_label=_("全部专题"),
        distinct=True,
    )

    class Meta:
        model = Article
        fields = ["since", "until", "community", "topic"]
