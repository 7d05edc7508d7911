"""The editors' admin: site settings, articles and their workflow, and the takedown desk."""

from ..takedowns import admin as takedowns  # noqa: F401
from . import accounts, articles, communities, review, site  # noqa: F401  (registers the ModelAdmins)
