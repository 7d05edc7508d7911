"""Communities, honours and facilities in the admin, every save through content review."""

from django.contrib import admin

from communities.admin import CommunityAdmin, FacilityAdmin, HonourAdmin
from communities.models import Community, Facility, Honour

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
