from django.db.models import Prefetch

from .models import Column


def portal(request):
    """The portal's header and footer: identity, navigation, tip channels, footer pages."""
    site = getattr(request, "portal", None)
    if site is None or request.path.startswith("/admin/"):
        return {}
    return {
        "portal": site,
        "nav_columns": Column.objects.filter(portal=site, parent=None, show_in_nav=True).prefetch_related(
            Prefetch("children", queryset=Column.objects.filter(show_in_nav=True), to_attr="nav_children")
        ),
        "tip_channels": site.tip_channels.all(),
        "footer_pages": site.pages.filter(in_footer=True),
    }
