"""Keep the search index in step with saves and deletes, inside the same transaction."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from communities.models import Community, Facility, Honour

from ..models import Article, Photo
from . import index

Kind = index.Kind


def _article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    index.sync_article(instance.pk)


def _article_deleted(sender, instance, **kwargs):
    index.remove(Kind.ARTICLE, [instance.pk])


def _article_relations(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Article) and instance.is_live:
        index.sync_article(instance.pk)


def _photo_changed(sender, instance, raw=False, **kwargs):
    if not raw and instance.article_id:
        index.sync_article(instance.article_id)


def _community_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    index.sync(Kind.COMMUNITY, [instance.pk])
    # Honours and facilities carry their community's name.
    index.sync(Kind.HONOUR, instance.honours.values_list("pk", flat=True))
    index.sync(Kind.FACILITY, instance.facilities.values_list("pk", flat=True))


def _saved(kind):
    def handler(sender, instance, raw=False, **kwargs):
        if not raw:
            index.sync(kind, [instance.pk])
    return handler


def _deleted(kind):
    def handler(sender, instance, **kwargs):
        index.remove(kind, [instance.pk])
    return handler


def connect():
    post_save.connect(_article_saved, sender=Article, dispatch_uid="search_article_saved")
    post_delete.connect(_article_deleted, sender=Article, dispatch_uid="search_article_deleted")
    for field in ("communities", "reporters", "correspondents"):
        m2m_changed.connect(_article_relations, sender=getattr(Article, field).through,
                            dispatch_uid=f"search_article_{field}")
    post_save.connect(_photo_changed, sender=Photo, dispatch_uid="search_photo_saved")
    post_delete.connect(_photo_changed, sender=Photo, dispatch_uid="search_photo_deleted")
    post_save.connect(_community_saved, sender=Community, dispatch_uid="search_community_saved")
    post_delete.connect(_deleted(Kind.COMMUNITY), sender=Community, dispatch_uid="search_community_deleted",
                        weak=False)
    for model, kind in ((Honour, Kind.HONOUR), (Facility, Kind.FACILITY)):
        post_save.connect(_saved(kind), sender=model, dispatch_uid=f"search_{kind}_saved", weak=False)
        post_delete.connect(_deleted(kind), sender=model, dispatch_uid=f"search_{kind}_deleted", weak=False)
