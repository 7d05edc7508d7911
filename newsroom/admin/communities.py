"""Streets, communities, honours, facilities, officers and 小区 in the admin, every save through content review.
Every portal reads them (geography); a row is changed with the roles held in the portal whose
辖区 holds its street (``newsroom/portals.py``)."""

from django.contrib import admin

from communities.admin import CommunityAdmin, FacilityAdmin, HonourAdmin, NeighbourhoodAdmin, OfficerAdmin, StreetAdmin
from communities.models import Community, Facility, Honour, Neighbourhood, Officer, Street

from .review import ReviewedAdmin


class GeographyAdmin(ReviewedAdmin):
    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._in_territory("change", request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._in_territory("delete", request, obj)

    def _in_territory(self, action, request, obj):
        if obj is None:
            return True
        return request.user.has_perm(f"{self.opts.app_label}.{action}_{self.opts.model_name}", obj)


@admin.register(Community)
class ReviewedCommunityAdmin(GeographyAdmin, CommunityAdmin):
    pass


@admin.register(Honour)
class ReviewedHonourAdmin(GeographyAdmin, HonourAdmin):
    pass


@admin.register(Facility)
class ReviewedFacilityAdmin(GeographyAdmin, FacilityAdmin):
    pass


@admin.register(Street)
class ReviewedStreetAdmin(GeographyAdmin, StreetAdmin):
    pass


@admin.register(Officer)
class ReviewedOfficerAdmin(GeographyAdmin, OfficerAdmin):
    pass


@admin.register(Neighbourhood)
class ReviewedNeighbourhoodAdmin(GeographyAdmin, NeighbourhoodAdmin):
    pass
