"""What a reader may see, and of which portal: one definition for every public page.

Two rules, each written once:

- **Public.** Communities, honours, facilities, topics, series and standalone pages carry
  ``is_live``: a new one is hidden until a reviewer approves it, and a change to a live one waits
  in review (newsroom/content_review.py) while readers keep seeing the approved row. Articles
  add the clock and takedowns (``newsroom.models.articles.ArticleQuerySet.public``). Every page,
  list, feed, sitemap, related block and search index goes through ``public()``.
- **Portal.** A queryset knows the path from its rows to their portal (``portal_field``);
  ``for_portal(portal)`` and ``public(portal)`` scope to it. Content of a model that belongs to a
  portal cannot be listed without saying which portal (``public()`` alone is refused), so no page
  can forget it. Rows shared by every portal (communities, their honours and facilities) have
  no ``portal_field``. The request's portal is ``request.portal`` (newsroom/portals.py).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .content import PublicContent


class _AllPortals:
    def __repr__(self):
        return "ALL_PORTALS"


#: Pass as the portal where every portal's rows are meant (the media server, the search index),
#: so that leaving a portal out is never an accident.
ALL_PORTALS = _AllPortals()


class PortalScopedQuerySet(models.QuerySet):
    #: The lookup from a row to its portal ("portal", "column__portal"); None: shared by all portals.
    portal_field = None

    def for_portal(self, portal):
        """Rows of ``portal`` (a Portal, its id, or ``ALL_PORTALS``)."""
        if self.portal_field is None or portal is ALL_PORTALS:
            return self
        if portal is None:
            raise TypeError(f"{self.model.__name__} belongs to a portal: say which (or ALL_PORTALS).")
        return self.filter(**{self.portal_field: portal})

    def inherited(self, portal):
        """Rows of ``portal`` and of the portals above it (``Portal.lineage``): a city's 错敏词,
        leaders and byline roles apply to its districts, which add their own."""
        return self.filter(**{f"{self.portal_field}__in": portal.lineage()})

    def for_portals(self, portals):
        """Rows of any of ``portals`` (ids; None: every portal): what a staff member reaches
        (``newsroom.portals.reachable``)."""
        if self.portal_field is None or portals is None:
            return self
        return self.filter(**{f"{self.portal_field}__in": portals})


class ReviewedQuerySet(PortalScopedQuerySet):
    def public(self, portal=None):
        """What readers of ``portal`` see: the last approved version of each row."""
        if self.portal_field is not None and portal is None:
            raise TypeError(f"{self.model.__name__} belongs to a portal: public(portal).")
        return self.for_portal(portal).filter(is_live=True)


class PortalReviewedQuerySet(ReviewedQuerySet):
    portal_field = "portal"


class Reviewed(PublicContent, models.Model):
    is_live = models.BooleanField(
        _("已审核发布"),
        default=False,
        editable=False,
        help_text=_("审核通过后读者才能看到；修改须再经审核，读者始终看到最后一次审核通过的版本。"),
    )

    objects = ReviewedQuerySet.as_manager()

    class Meta:
        abstract = True
