"""What 发布到其他渠道 adds to the newsroom (registered in ``ChannelsConfig.ready``): the link on a
published article's admin page, the moderator's checklist of copies to remove by hand on the
admin's home page, and the subscription that sends a withdrawn story's copies after it."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from newsroom import extensions
from newsroom.core.content import content_changed
from newsroom.models import Article
from newsroom.portals import reachable

from . import actions
from .models import Distribution


def article_tools(article, user):
    if not article.is_live or article.legal_hold or article.replaces_id:
        return []
    if not user.has_perm("channels.distribute_article", article):
        return []
    return [(_("发布到其他渠道"), reverse("admin:channels_distribution_channel", args=[article.pk]))]


def removals(user):
    if not user.has_perm("channels.record_removal"):
        return {}
    due = Distribution.objects.to_remove().for_portals(reachable(user))
    rows = list(due.select_related("article").order_by("removal_due")[:10])
    return {"channel_removals": rows} if rows else {}


def _article_changed(sender, instances, deleted=False, **kwargs):
    """A story taken off the portal (held, 撤稿, 下线) takes its copies on other channels with it,
    once the change commits. Drafts and live stories cost nothing here."""
    if sender is not Article or deleted:
        return
    gone = [
        a.pk
        for a in instances
        if a.pk and (a.legal_hold or a.status in (Article.Status.UNPUBLISHED, Article.Status.WITHDRAWN))
    ]
    if not gone:
        return
    standing = set(
        Distribution.objects.standing()
        .exclude(status=Distribution.Status.REMOVAL_PENDING)
        .filter(article__in=gone)
        .values_list("article_id", flat=True)
    )
    for pk in standing:
        transaction.on_commit(lambda pk=pk: actions.withdrawn(pk))


def register():
    extensions.article_tool(article_tools)
    extensions.desk_panel(removals)
    content_changed.connect(_article_changed, dispatch_uid="channels.article_changed")
