"""The one seam for "what readers see has changed".

A model whose rows readers see says so where it is defined, by inheriting ``PublicContent``.
Every save, delete and many-to-many change of such a model sends ``content_changed``; a write
path that changes rows without signals (``update()``, as the takedown desk does) calls
``changed()`` itself. What depends on public content subscribes here, instead of listening to
every model or being called by hand: the page cache (newsroom/freshness.py) and the search
index (newsroom/search/signals.py).

A new public model that forgets ``PublicContent`` is caught by tests/test_architecture.py, which
checks that every model a public view reads is marked.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal

#: sender: the model class; instances: the rows that changed (saved, deleted or relinked);
#: deleted: True when they are gone; via: for a link made or undone, the row on the other side.
content_changed = Signal()


class PublicContent:
    """Mixin for models whose rows readers see (articles, photos, columns, communities…).

    ``PART_OF_ARTICLE``: the rows are shown only on their article's page (``article_id``), so a
    change to one concerns the pages that show that article, not the whole portal."""

    PART_OF_ARTICLE = False


def is_public_model(model):
    return isinstance(model, type) and issubclass(model, PublicContent)


def changed(model, instances, deleted=False, via=None):
    """Tell subscribers that these rows of ``model`` changed (for writes that send no signals);
    ``via``: the row on the other side of a link that was made or undone, which is sent too."""
    instances = list(instances)
    if instances:
        content_changed.send(sender=model, instances=instances, deleted=deleted, via=via)


def _saved(sender, instance, raw=False, **kwargs):
    if not raw and is_public_model(sender):  # loaddata: the restore rebuilds what it needs
        changed(sender, [instance])


def _deleted(sender, instance, **kwargs):
    if is_public_model(sender):
        changed(sender, [instance], deleted=True)


def _relinked(sender, instance, action, model, pk_set=None, **kwargs):
    """A link between two public rows (an article's communities, topics, bylines): both sides
    changed. Links from working records (the search index's own) are not content."""
    if not action.startswith("post_") or not (is_public_model(type(instance)) and is_public_model(model)):
        return
    changed(type(instance), [instance])
    if pk_set:
        changed(model, model.objects.filter(pk__in=pk_set), via=instance)


def connect():
    post_save.connect(_saved, dispatch_uid="linli-content-saved")
    post_delete.connect(_deleted, dispatch_uid="linli-content-deleted")
    m2m_changed.connect(_relinked, dispatch_uid="linli-content-relinked")
