"""What 稿件流转 adds to the newsroom (registered in ``ExchangeConfig.ready``): the 报送 waiting
on the user's portals' desks and the 通讯员投稿 not yet handled, on the admin's home page."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Min
from django.urls import reverse
from django.utils.translation import gettext as _

from newsroom import extensions
from newsroom.models import ArticlePlacement
from newsroom.portals import reachable

from . import actions
from .models import Manuscript, Submission


def waiting(user):
    found = {}
    portals = reachable(user)
    if user.has_perm("exchange.decide_submission"):
        found.update(
            Submission.objects.pending()
            .for_portals(portals)
            .aggregate(submissions=Count("pk"), oldest=Min("created_at"))
        )
    if user.has_perm("exchange.handle_manuscript"):
        found.update(Manuscript.objects.received().for_portals(portals).aggregate(manuscripts=Count("pk")))
    if user.has_perm("newsroom.delete_articleplacement"):
        behind = ArticlePlacement.objects.behind().for_portals(portals).select_related("article", "copy")[:10]
        found.update({"behind": list(behind)} if behind else {})
    return {"exchange": found} if found else {}


def article_tools(article, user):
    """On a published article's admin page: 报送 to the portal above (when the check allows) and
    站群发布 (quote into, or push to, another portal)."""
    if not article.is_live or article.legal_hold or article.replaces_id:
        return []
    tools = []
    parent = article.column.portal.parent
    if parent is not None:
        try:
            actions.check_submit(article, parent, user)
        except (actions.ExchangeError, PermissionDenied):
            pass
        else:
            url = reverse("admin:exchange_submission_add")
            tools.append(
                (
                    _("报送%(portal)s") % {"portal": parent.short_name or parent.name},
                    f"{url}?article={article.pk}&to_portal={parent.pk}",
                )
            )
    if user.has_perm("newsroom.change_article", article):
        url = reverse("admin:newsroom_articleplacement_add")
        tools.append((_("推送到其他网站"), f"{url}?article={article.pk}&kind=copy"))
    return tools


def register():
    from .demo import load_story

    extensions.desk_panel(waiting)
    extensions.demo_step(load_story)
    extensions.article_tool(article_tools)
