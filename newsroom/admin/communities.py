"""Streets, communities, honours and facilities in the admin, every save through content review."""

from django.contrib import admin

from communities.admin import CommunityAdmin, FacilityAdmin, HonourAdmin, StreetAdmin
from communities.models import Community, Facility, Honour, Street

from .review import ReviewedAdmin


@admin.register(Community)
class ReviewedCommunityAdmin(ReviewedAdmin, CommunityAdmin):
    pass


@admin.register(Honour)
class ReviewedHonourAdmin(ReviewedAdmin, HonourAdmin):
    pass


@admin.register(Facility)
class ReviewedFacilityAdmin(ReviewedAdmin, FacilityAdmin):
    pass


@admin.register(Street)
class ReviewedStreetAdmin(ReviewedAdmin, StreetAdmin):
    pass
