"""The editors' admin: site settings, articles and their workflow."""

from . import articles, site  # noqa: F401  (registers the ModelAdmins)
