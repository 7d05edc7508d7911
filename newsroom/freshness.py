"""What makes cached public pages stale (see ``config/pagecache.py``).

Any save or delete of public content, in this app or in ``communities``, and any change to a
many-to-many link between them, makes every cached page stale at once. One generation for
the whole site rather than a list of pages per change: an article shows on its own page, its
columns, the home page, its communities, topics and series, feeds, both sitemaps and the
上一篇/下一篇 of its neighbours, and a list of pages that misses one is a stale page nobody
notices. Offices publish tens of articles a day and readers read all day, so a new
generation costs little. What changes without a save (go-live and expiry times) comes from
``next_change``; ``update()`` calls that change public content (takedown measures) call
``pagecache.invalidate`` themselves.
"""

from django.db.models import Min, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from config import pagecache

CONTENT_APPS = {"newsroom", "communities"}
# Models no reader sees: the index, the newsroom's working records and takedown paperwork.
NOT_PUBLIC = {
    "searchdocument", "auditentry", "revision", "sensitiveword", "previewlink", "editpresence",
    "takedownrequest", "target", "evidence", "counternotice", "event",
}


def _public(model):
    meta = model._meta
    if meta.auto_created:  # a many-to-many link table: public if what it links is
        return all(_public(f.related_model) for f in meta.fields if f.is_relation)
    return meta.app_label in CONTENT_APPS and meta.model_name not in NOT_PUBLIC


def _changed(sender, **kwargs):
    if kwargs.get("raw"):  # loaddata: the restore rebuilds what it needs
        return
    if _public(sender):
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
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed, dispatch_uid=f"linli-freshness-{signal}")
    pagecache.register_clock(next_change)
