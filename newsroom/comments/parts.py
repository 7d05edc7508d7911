"""What the comments add to the newsroom (registered in ``CommentsConfig.ready``): the queue on
the admin's home page, the comment block on the article page, and closing or opening comments
on selected articles in the article list, and comments switched on for a demo portal whose
source shows them."""

from django.db.models import Count, Min
from django.utils.translation import gettext_lazy as _

from newsroom import extensions
from newsroom.core import pagecache
from newsroom.portals import reachable

from . import actions
from .models import Comment, CommentSettings, Report


def queue(user):
    if not user.has_perm("comments.moderate_comment"):
        return {}
    comments, reports = Comment.objects.pending(), Report.objects.filter(status=Report.Status.OPEN)
    portals = reachable(user)
    if portals is not None:
        comments = comments.filter(article__portal__in=portals)
        reports = reports.filter(comment__article__portal__in=portals)
    return {
        "comments": {**comments.aggregate(pending=Count("pk"), oldest=Min("created_at")), "reports": reports.count()}
    }


def shown(request, article, preview):
    """Whether the article page has a comment block (its content is loaded apart, uncached):
    the portal's switch and closed columns, kept with the other blocks until content changes."""
    if preview:
        return False
    portal = request.portal
    # In a tuple: None (comments off) is a value to keep, not a miss. No tags: it changes only
    # with the comment settings, whose every change makes all pages stale (ALL).
    [closed] = pagecache.remember(f"comments:{portal.pk}", lambda: (actions.closed_columns(portal),), tags=())
    return closed is not None and not actions.in_closed_column(article, closed)


def open_comments(portal):
    """A demo portal that shows reader comments, as its source does (seed 002, 人民网)."""
    CommentSettings.objects.update_or_create(portal=portal, defaults={"enabled": True})


def register():
    extensions.desk_panel(queue)
    extensions.demo_feature("comments", open_comments)
    extensions.article_part(extensions.ArticlePart("comments_shown", shown))
    extensions.article_action("close_comments", _("关闭所选文章的评论"), actions.close_article)
    extensions.article_action("open_comments", _("开放所选文章的评论"), actions.open_article)
