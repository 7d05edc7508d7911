"""Keep the search index in step with public content, inside the same transaction.

The index subscribes to ``newsroom.core.content.content_changed`` (saves, deletes, relinks and the
write paths that use ``update()``), like the page cache does.
"""

from communities.models import Community, Facility, Honour, Street
from newsroom.core import content
from newsroom.models import Article, Credit, Photo

from . import index

Kind = index.Kind


def _changed(sender, instances, deleted=False, **kwargs):
    ids = [obj.pk for obj in instances]
    if sender is Article:
        index.sync(Kind.ARTICLE, ids)
    elif sender is Photo:  # captions and credits are part of their article's document
        index.sync(Kind.ARTICLE, {p.article_id for p in instances if p.article_id})
    elif sender is Credit:  # so are the names in its byline
        index.sync(Kind.ARTICLE, {c.article_id for c in instances})
    elif sender is Community:
        index.sync(Kind.COMMUNITY, ids)
        if not deleted:  # honours and facilities carry their community's name
            index.sync(Kind.HONOUR, Honour.objects.filter(community__in=ids).values_list("pk", flat=True))
            index.sync(Kind.FACILITY, Facility.objects.filter(community__in=ids).values_list("pk", flat=True))
    elif sender is Street and not deleted:  # its honours and facilities carry its name
        index.sync(Kind.HONOUR, Honour.objects.filter(street__in=ids).values_list("pk", flat=True))
        index.sync(Kind.FACILITY, Facility.objects.filter(street__in=ids).values_list("pk", flat=True))
    elif sender is Honour:
        index.sync(Kind.HONOUR, ids)
    elif sender is Facility:
        index.sync(Kind.FACILITY, ids)


def connect():
    content.content_changed.connect(_changed, dispatch_uid="linli-search-index")
