import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from communities.models import Community
from config import pagecache

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
    """A FilterSet mixin: the choice lists of its model choice filters come from a block kept
    until ``choice_tags(portal)`` change, so a list page shows them without a query. A submitted
    choice is still checked against the filter's queryset. Subclasses set ``self.portal`` and
    give ``choice_rows(portal)``: {filter name: the rows it offers}."""

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            for name, choices in self.cached_choices(self.portal).items():
                form.fields[name].widget.choices = choices
        return self._form

    @classmethod
    def cached_choices(cls, portal):
        def compute():
            return {
                name: [("", cls.base_filters[name].extra["empty_label"]), *((str(r.pk), str(r)) for r in rows)]
                for name, rows in cls.choice_rows(portal).items()
            }

        return pagecache.remember(f"filter-choices:{cls.__name__}:{portal.pk}", compute, tags=cls.choice_tags(portal))


class ArticleFilter(CachedChoices, django_filters.FilterSet):
    """Column list filters: date range, community, topic."""

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
    def choice_rows(portal):
        return {"community": Community.objects.public(), "topic": Topic.objects.public(portal)}

    @staticmethod
    def choice_tags(portal):
        """Communities and the portal's topics: a publish leaves the lists (and the page) alone."""
        return ("communities", topics(portal.pk))

    class Meta:
        model = Article
        fields = ["since", "until", "community", "topic"]
