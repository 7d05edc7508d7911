"""Placing a published article in another portal's column (站群): the one write path for
``ArticlePlacement`` (newsroom/models/placements.py). Each is the shape every write path shares:
check, then one transaction with an audit row in the origin article's 操作记录.

Who may do what:
- 引用 (``quote``): an editor of the *target* portal lists another portal's published story in
  one of its columns, as a link, a mirror or a copy into its own drafts;
- 推送 (``push``): an editor of the *origin* portal sends a copy into the target's drafts, when
  the target accepts pushes from it (``Portal.accepts_push_from``); the copy goes through the
  target's own 三审;
- 报送 and 采用 (newsroom/syndication/) place through ``place`` after their own checks;
- 撤销 (``revoke``): an editor of the target portal; a copy is withdrawn with it, so a revoked
  adoption leaves no copy anywhere.

A takedown at the origin holds every copy too (``hold_copies``, called by the takedown desk);
links and mirrors show the origin's state by construction.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsroom.core import content
from newsroom.core.actions import ActionError, locked, reason, require

from .models import Article, ArticlePlacement, AuditEntry, BylineRole, Credit, Photo, Portal
from .models.articles import TimePrecision

Kind, Via = ArticlePlacement.Kind, ArticlePlacement.Via


class PlacementError(ActionError):
    pass


def absolute_url(portal, path, request=None):
    """``path`` on ``portal``'s first host (as reached from ``request`` when given)."""
    if request is not None:
        return portal.home_url(request).rstrip("/") + path
    return f"http://{portal.host_list[0]}{path}" if portal.host_list else path


def check_state(article, column, kind):
    """Refuse what no one may place: an unpublished story, its own portal, a second placement."""
    if kind not in Kind.values:
        raise PlacementError(_("请选择发布方式。"))
    if article.replaces_id or not article.is_public:
        raise PlacementError(_("只有已发布的文章可以发布到其他网站。"))
    if column.portal_id == article.portal_id:
        raise PlacementError(_("文章已在本网站，请选择其他网站的栏目。"))
    if ArticlePlacement.objects.active().filter(article=article, portal=column.portal_id).exists():
        raise PlacementError(_("这篇文章已经发布到“%(portal)s”。") % {"portal": column.portal})


def check_quote(article, column, user, kind=Kind.MIRROR):
    require(user, "newsroom.add_articleplacement", _("您不能向该网站的栏目发布稿件。"), obj=column)
    check_state(article, column, kind)


def check_push(article, column, user):
    require(user, "newsroom.change_article", _("您不能推送这篇文章。"), obj=article)
    check_state(article, column, Kind.COPY)
    target = Portal.objects.get(pk=column.portal_id)  # its policy as it is now
    if not target.accepts_push_from(article.portal):
        raise PlacementError(_("“%(portal)s”不接受本网站的推送。") % {"portal": target})


def quote(article, column, user, kind):
    check_quote(article, column, user, kind)
    return place(article, column, user, kind, Via.QUOTE)


def push(article, column, user):
    check_push(article, column, user)
    return place(article, column, user, Kind.COPY, Via.PUSH)


@transaction.atomic
def place(article, column, user, kind, via):
    """Record the placement (the caller has checked the user's right to make it)."""
    article = locked(article, "column__portal")
    check_state(article, column, kind)
    copy = _copy_into(article, column, user, via) if kind == Kind.COPY else None
    placement = ArticlePlacement.objects.create(
        article=article,
        portal=column.portal,
        column=column,
        kind=kind,
        via=via,
        copy=copy,
        version=article.version,
        created_by=user,
    )
    AuditEntry.log(
        article=article,
        actor=user,
        action=AuditEntry.Action.PLACE,
        from_status=article.status,
        to_status=article.status,
        opinion=_("%(via)s：%(portal)s·%(column)s（%(kind)s）")
        % {
            "via": placement.get_via_display(),
            "portal": column.portal,
            "column": column.name,
            "kind": placement.get_kind_display(),
        },
    )
    return placement


def check_revoke(placement, user):
    require(user, "newsroom.delete_articleplacement", _("您不能撤销这条站群发布。"), obj=placement)
    if not placement.is_active:
        raise PlacementError(_("这条站群发布已经撤销。"))


@transaction.atomic
def revoke(placement, user, why):
    """Take the story out of the target: a copy is withdrawn with it (its record stays)."""
    placement = locked(placement, "article", "portal")
    check_revoke(placement, user)
    why = reason(why, _("撤销理由"), PlacementError, limit=200)
    placement.revoked_at, placement.revoked_by, placement.revoke_reason = timezone.now(), user, why
    placement.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    if placement.copy_id:
        copy = locked(placement.copy)
        before = copy.status
        copy.status, copy.is_live = Article.Status.WITHDRAWN, False
        copy.save(update_fields=["status", "is_live", "updated_at"])
        AuditEntry.log(
            article=copy,
            actor=user,
            action=AuditEntry.Action.WITHDRAW,
            from_status=before,
            to_status=copy.status,
            opinion=_("撤销站群采用：%(reason)s") % {"reason": why},
        )
    AuditEntry.log(
        article=placement.article,
        actor=user,
        action=AuditEntry.Action.REVOKE_PLACEMENT,
        from_status=placement.article.status,
        to_status=placement.article.status,
        opinion=f"{placement.portal}：{why}",
    )
    return placement


def check_caught_up(placement, user):
    require(user, "newsroom.delete_articleplacement", _("您不能处理这条站群发布。"), obj=placement)
    if placement.kind != Kind.COPY or not placement.is_active:
        raise PlacementError(_("只有采用为本网稿件的站群发布需要核对原稿更新。"))
    if placement.version >= placement.article.version:
        raise PlacementError(_("原稿没有新的版本。"))


@transaction.atomic
def caught_up(placement, user):
    """The target's desk has brought its copy in line with the origin's newer version (through its
    own review): the placement now records that version."""
    placement = locked(placement, "article")
    check_caught_up(placement, user)
    before, placement.version = placement.version, placement.article.version
    placement.save(update_fields=["version"])
    AuditEntry.log(
        article=placement.article,
        actor=user,
        action=AuditEntry.Action.PLACE,
        from_status=placement.article.status,
        to_status=placement.article.status,
        opinion=_("%(portal)s 已按原稿第 %(now)s 版更新本网稿件（原为第 %(before)s 版）")
        % {"portal": placement.portal, "now": placement.version, "before": before},
    )
    return placement


def hold_copies(article, held, category=""):
    """A takedown at the origin holds (or releases) every copy of it, in the caller's transaction."""
    copies = Article.objects.filter(provenance__article=article, provenance__revoked_at__isnull=True)
    fields = {"legal_hold": held, "legal_hold_since": timezone.now() if held else None, "legal_hold_category": category}
    found = list(copies.select_related("column"))
    if found:
        copies.update(**fields)
        for copy in found:
            for name, value in fields.items():
                setattr(copy, name, value)
        content.changed(Article, found)  # update() sends no signals: the page cache and the index follow
    return found


COPIED_FIELDS = ("kicker", "title", "subtitle", "summary", "editors_note", "body", "script", "risk_tier")


def _copy_into(article, column, user, via):
    """The target's own draft of ``article``: its text, photos (same files, same credits) and
    bylines, marked as a reprint of the origin (来源: the origin portal), for the target's 三审."""
    origin = article.column.portal
    credits = list(article.credits.select_related("role", "person"))
    copy = Article(
        column=column,
        created_by=user,
        **{name: getattr(article, name) for name in COPIED_FIELDS},
        is_reprint=True,
        source_name=origin.name[:100],
        original_title=article.title,
        original_author="、".join(
            dict.fromkeys(c.person.name if c.person_id else c.name for c in credits if c.person_id or c.name)
        )[:100]
        or origin.name[:100],
        original_url=absolute_url(origin, article.get_absolute_url()),
        original_published_at=article.first_published_at,
        original_time_precision=TimePrecision.MINUTE,
    )
    copy.save()
    copy.communities.set(article.communities.all())
    copy.streets.set(article.streets.all())
    roles = {r.name: r for r in BylineRole.objects.inherited(column.portal)}
    Credit.objects.bulk_create(
        Credit(
            article=copy,
            role=roles[c.role.name],
            person=c.person,
            name=c.name,
            organisation=c.organisation,
            in_dateline=c.in_dateline,
            at_end=c.at_end,
            order=c.order,
        )
        for c in credits
        if c.role.name in roles
    )
    skip = {"id", "article"}
    for photo in article.photos.all():
        values = {f.attname: getattr(photo, f.attname) for f in Photo._meta.concrete_fields if f.name not in skip}
        Photo.objects.create(article=copy, **values)
    cover = article.cover_id and copy.photos.filter(order=article.cover.order).first()
    if cover:
        copy.cover = cover
        copy.save(update_fields=["cover"])
    AuditEntry.log(
        article=copy,
        actor=user,
        action=AuditEntry.Action.IMPORT,
        to_status=copy.status,
        opinion=_("%(via)s：采自%(portal)s《%(title)s》")
        % {"via": Via(via).label, "portal": origin, "title": article.title},
    )
    return copy
