"""The editors' admin: site settings, staff, articles and their workflow, content review.

The takedown desk registers its own admin (newsroom/takedowns/admin.py)."""

from . import accounts, articles, communities, library, notifications, photos, review, site, widgets  # noqa: F401  (registers the ModelAdmins)

widgets.install()
