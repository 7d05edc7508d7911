import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from communities.models import Community
from newsroom.core import pagecache

from .freshness import topics
from .models import Article, Topic


def date_range(field_name):
    """起始日期 and 截止日期: two date filters on the day of ``field_name`` (a date-time), both
    ends included, with the browser's date picker."""
    return tuple(
        django_filters.DateFilter(
            field_name=field_name, lookup_expr=lookup, label=label, widget=forms.DateInput(attrs={"type": "date"})
        )
        for lookup, label in (("date__gte", _("起始日期")), ("date__lte", _("截止日期")))
    )


class CachedChoices:
    """A FilterSet mixin: the choice lists of the model choice filters named in ``cached_filters``
    come from a block kept until ``choice_tags(portal)`` change, so a list page shows them
    without a query. The rows are the filters' own querysets (set for ``self.portal``); a
    submitted choice is still checked against them."""

    cached_filters = ()

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            for name, choices in self.cached_choices().items():
                form.fields[name].widget.choices = choices
        return self._form

    def cached_choices(self):
        def compute():
            return {
                name: [
                    ("", self.filters[name].extra["empty_label"]),
                    *((str(row.pk), str(row)) for row in self.filters[name].queryset.all()),
                ]
                for name in self.cached_filters
            }

        name = f"filter-choices:{type(self).__name__}:{self.portal.pk}"
        return pagecache.remember(name, compute, tags=self.choice_tags(self.portal))


class ArticleFilter(CachedChoices, django_filters.FilterSet):
    """Column list filters: date range, community, topic."""

    cached_filters = ("community", "topic")

    since, until = date_range("first_published_at")
    community = django_filters.ModelChoiceFilter(
        field_name="communities",
        queryset=Community.objects.public(),
        label=_("社区"),
        empty_label=_("全部社区"),
        distinct=True,
    )
    topic = django_filters.ModelChoiceFilter(
        field_name="topics",
        queryset=Topic.objects.none(),
        label=_("专题"),
        empty_label=_("全部专题"),
        distinct=True,
    )

    def __init__(self, *args, portal, **kwargs):
        super().__init__(*args, **kwargs)
        self.portal = portal
        self.filters["topic"].queryset = Topic.objects.public(portal)

    @staticmethod
    def choice_tags(portal):
        """Communities and the portal's topics: a publish leaves the lists (and the page) alone."""
        return ("communities", topics(portal.pk))

    class Meta:
        model = Article
        fields = ["since", "until", "community", "topic"]
