"""What makes cached public pages stale (see ``config/pagecache.py``).

Any change to public content (``config.content.content_changed``: a save, delete or
many-to-many change of a ``PublicContent`` model, or a write path's ``changed()``) makes every
cached page stale at once. One generation for
the whole site rather than a list of pages per change: an article shows on its own page, its
columns, the home page, its communities, topics and series, feeds, both sitemaps and the
上一篇/下一篇 of its neighbours, and a list of pages that misses one is a stale page nobody
notices. Offices publish tens of articles a day and readers read all day, so a new
generation costs little. What changes without a save (go-live and expiry times) comes from
``next_change``.
"""

from django.db.models import Min, Q
from django.utils import timezone

from config import content, pagecache


def _changed(sender, **kwargs):
    pagecache.invalidate()


def next_change():
    """The next go-live or expiry of a live article."""
    from .models import Article

    now = timezone.now()
    times = Article.objects.live().aggregate(
        live=Min("live_from", filter=Q(live_from__gt=now)),
        expires=Min("expires_at", filter=Q(expires_at__gt=now)),
    )
    return min([t for t in times.values() if t is not None], default=None)


def connect():
    content.content_changed.connect(_changed, dispatch_uid="linli-freshness")
    pagecache.register_clock(next_change)
