from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import get_script_prefix

from newsroom.core import pagecache

from .models import Column, Page


def portal(request):
    """The portal's header navigation and footer. The same on every page of a portal, so both
    the data and the rendered HTML are kept in the cache until content changes."""
    site = getattr(request, "portal", None)
    # The admin has no portal chrome, except a staff preview, which shows the real page.
    if site is None or (request.path.startswith("/admin/") and not getattr(request, "previewing", False)):
        return {}
    # Columns, tip channels, footer pages: changes to them make every page stale (pagecache.ALL).
    data = pagecache.remember(f"chrome:{site.pk}", lambda: _chrome(site), tags=())
    html = pagecache.remember(f"chrome-html:{site.pk}:{get_script_prefix()}", lambda: _chrome_html(site, data), tags=())
    return {"portal": site, "tip_channels": data["tip_channels"], "chrome": html}


def _chrome(site):
    offered = Column.objects.offered(site).filter(show_in_nav=True)  # never an empty column
    return {
        "nav_columns": list(
            offered.filter(parent=None).prefetch_related(Prefetch("children", queryset=offered, to_attr="nav_children"))
        ),
        "tip_channels": list(site.tip_channels.all()),
        "footer_pages": list(Page.objects.public(site).filter(in_footer=True)),
    }


def _chrome_html(site, data):
    context = {"portal": site, **data}
    return {
        "nav": render_to_string("newsroom/_nav.html", context),
        "footer": render_to_string("newsroom/_footer.html", context),
    }
