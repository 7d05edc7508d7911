from django.db.models import Prefetch

from config import pagecache

from .models import Column


def portal(request):
    """The portal's header and footer: identity, navigation, tip channels, footer pages. The
    same on every page of a portal, so kept in the cache until content changes."""
    site = getattr(request, "portal", None)
    if site is None or request.path.startswith("/admin/"):
        return {}
    return {"portal": site, **pagecache.remember(f"chrome:{site.pk}", lambda: _chrome(site))}


def _chrome(site):
    return {
        "nav_columns": list(
            Column.objects.filter(portal=site, parent=None, show_in_nav=True).prefetch_related(
                Prefetch("children", queryset=Column.objects.filter(show_in_nav=True), to_attr="nav_children")
            )
        ),
        "tip_channels": list(site.tip_channels.all()),
        "footer_pages": list(site.pages.filter(in_footer=True)),
    }
