"""Review of communities, honours, facilities, topics, series, pages and community photos
(先审后发 for everything readers see, not only articles): the only code that changes what
readers see of them.

    editor saves a new object ──→ hidden row + pending 新建 ──approve→ is_live
    editor saves a live object ──→ pending 修改 (the row is untouched) ──approve→ applied
    editor deletes a live object ──→ pending 删除 ──approve→ deleted
    any pending change ──reject (reason)→ 已退回; the editor saves again to resubmit

Each function checks the actor's permission, runs in a transaction with the change row
locked, and leaves the change as the object's history (who proposed, who decided, when, why).
One step by default (终审), or the portal's ``content_review_steps`` (初审, 复审, 终审 with the
same permissions as articles); nobody among the change's authors decides it and nobody decides
two steps of it (four eyes, relaxed only by ``Portal.allow_self_review``); blocking 错敏词 in
any text of the proposed version stop the final approval, as they stop an article.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from newsroom.core import snapshots
from newsroom.core.actions import Action, ActionError, Actions, Done, locked

from . import checks, notifications
from .models import ContentChange, ContentEvent, Portal, SensitiveWord
from .review_steps import PERMISSION_LABELS, four_eyes_refusal, step_permission
from .revisions import body_diff, char_diff

K, S, E = ContentChange.Kind, ContentChange.Status, ContentEvent.Action
PROPOSED = {K.CREATE: E.PROPOSE_CREATE, K.UPDATE: E.PROPOSE_UPDATE, K.DELETE: E.PROPOSE_DELETE}
SKIP = {"is_live", "created_at", "updated_at"}  # the review decides these, not the editor


class ReviewError(ActionError):
    """Not possible in the change's state, or the proposed version cannot be approved as it is."""


# --- the working copy --------------------------------------------------------------------------


def fields(model):
    """The concrete fields an editor's version consists of."""
    return snapshots.fields(model, skip=SKIP)


def relations(model):
    return snapshots.relations(model)


def snapshot(instance, m2m=None):
    """``instance`` in the one snapshot format (newsroom/core/snapshots.py)."""
    return snapshots.capture(instance, fields(type(instance)), relations(type(instance)), m2m)


def load(instance, data):
    """Put ``data`` into ``instance`` in memory (not saved); returns the relations' values."""
    snapshots.put(instance, data, fields(type(instance)))
    return {f.name: data.get(f.name, []) for f in relations(type(instance))}


def pending_for(instance):
    return ContentChange.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk, status=S.PENDING
    ).first()


def of_portals(changes, portals):
    """``changes`` of content that is shared by every portal (communities, streets, people…) or
    belongs to one of ``portals`` (ids; None: every portal): a topic, series or page of another
    portal is not this reviewer's business."""
    if portals is None:
        return changes
    scoped = models.Q()
    for model in {ct.model_class() for ct in ContentType.objects.filter(pk__in=changes.values("content_type"))}:
        if model is None:
            continue
        field = getattr(model._default_manager.all(), "portal_field", None)
        ct = ContentType.objects.get_for_model(model)
        if field is None:
            scoped |= models.Q(content_type=ct)
        else:
            theirs = model._default_manager.filter(**{f"{field}__in": portals}).values("pk")
            scoped |= models.Q(content_type=ct, object_id__in=theirs)
    return changes.filter(scoped) if scoped else changes.none()


def history_of(instance):
    """The object's trail, oldest first: every proposal and decision, labelled."""
    return ContentEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk
    ).select_related("actor", "change")


def _log(change, user, action, from_status, opinion="", step=None):
    return ContentEvent.log(
        action,
        actor=user,
        change=change,
        content_type_id=change.content_type_id,
        object_id=change.object_id,
        object_repr=change.object_repr,
        from_status=from_status,
        to_status=change.status,
        opinion=opinion,
        step=step,
    )


def decided_this_round(change):
    """Who approved a step of ``change`` since it was last proposed (a later save starts a new
    round from the first step)."""
    events = ContentEvent.objects.filter(change=change)
    since = events.filter(action__in=ContentEvent.PROPOSALS).order_by("-id").values_list("id", flat=True).first()
    return set(events.filter(action=E.APPROVE, id__gt=since or 0).values_list("actor", flat=True))


def discard(change, user):
    """A hidden object deleted before anyone reviewed it: nothing is left to review."""
    _log(change, user, E.DISCARD, change.status)
    change.delete()


# --- permissions ---------------------------------------------------------------------------------

ACTION_LABELS = {"add": _lazy("新建"), "change": _lazy("修改"), "delete": _lazy("删除")}


def _require(user, instance, action):
    opts = instance._meta
    if not user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}", instance):
        raise PermissionDenied(
            _("没有%(value)s“%(verbose_name)s”的权限。")
            % {"value": ACTION_LABELS[action], "verbose_name": opts.verbose_name}
        )


def _portal(instance):
    portal_id = getattr(instance, "portal_id", None)
    return Portal.objects.filter(pk=portal_id).first() if portal_id else Portal.objects.default()


def may_decide(user, change):
    """Whether ``user`` may approve or return ``change`` at its current step (and why not)."""
    codename = step_permission(change.review_step, change.review_total)
    if not user.has_perm(f"newsroom.{codename}", change.target):
        return False, _("当前为%(value)s，须由有%(value)s权限的人员审核。") % {"value": PERMISSION_LABELS[codename]}
    portal = _portal(change.target) if change.target else Portal.objects.default()
    refusal = four_eyes_refusal(
        user,
        set(change.authors),
        decided_this_round(change),
        relaxed=bool(portal and portal.allow_self_review),
    )
    return (False, refusal) if refusal else (True, "")


# --- proposing -------------------------------------------------------------------------------------


@transaction.atomic
def propose(instance, user, kind, data=None):
    """Record an editor's version of ``instance`` for review (one pending change per object:
    a later save updates it). For 新建 the hidden row itself is the version."""
    _require(user, instance, {K.CREATE: "add", K.UPDATE: "change", K.DELETE: "delete"}[kind])
    data = data if data is not None else snapshot(instance)
    ct = ContentType.objects.get_for_model(instance)
    change = (
        ContentChange.objects.select_for_update()
        .filter(content_type=ct, object_id=instance.pk, status=S.PENDING)
        .first()
    )
    if change is None:
        portal = _portal(instance)
        change = ContentChange(
            content_type=ct,
            object_id=instance.pk,
            created_by=user,
            authors=[],
            review_total=portal.content_review_steps if portal else 1,
            before=snapshot(type(instance)._default_manager.get(pk=instance.pk)) if kind != K.CREATE else None,
        )
    news = change._state.adding or change.review_step > 1  # reviewers hear of it once per round
    from_status = "" if change._state.adding else change.status
    if change.kind != K.CREATE or kind == K.DELETE:  # editing a pending new object keeps it 新建
        change.kind = kind
    change.data, change.object_repr = data, str(instance)[:200]
    change.review_step = 1  # a changed version is reviewed again from the first step
    if user.pk not in change.authors:
        change.authors = [*change.authors, user.pk]
    change.save()
    _log(change, user, PROPOSED[kind], from_status, step=None)
    if news:
        notifications.content_change(change, user)
    return change


# --- deciding ---------------------------------------------------------------------------------------


def sensitive_hits(change):
    target = change.target
    portal = _portal(target) if target else None
    words = SensitiveWord.objects.inherited(portal) if portal else SensitiveWord.objects.all()
    model = change.content_type.model_class()
    texts = [
        (str(f.verbose_name), strip_tags(str(change.data.get(f.attname) or "")))
        for f in fields(model)
        if isinstance(f, (models.CharField, models.TextField))
    ]
    return checks.scan(texts, list(words))


def check_decide(change, user):
    """Whether ``user`` may approve or return ``change`` now: it waits for review and its
    current step is theirs to decide (see ``may_decide``)."""
    if change.status != S.PENDING:
        raise ReviewError(_("该修改当前状态为“%(status)s”，不能再审核。") % {"status": change.get_status_display()})
    allowed, why = may_decide(user, change)
    if not allowed:
        raise PermissionDenied(why)


def _decidable(change, user, version):
    """The change, locked, if ``check_decide`` passes and it is still the version the reviewer
    read (``version``: ``ContentChange.version`` as the review page showed it; None only for
    callers that decide what they just built)."""
    change = locked(change)
    check_decide(change, user)
    if version is not None and version != change.version:
        raise ReviewError(_("您查看之后，编辑又修改了这项内容：请重新查看改动后再审核。"))
    return change


@transaction.atomic
def approve(change, user, opinion="", version=None):
    change = _decidable(change, user, version)
    opinion = (opinion or "").strip()
    step = change.review_step
    if step < change.review_total:
        change.review_step += 1
        change.save(update_fields=["review_step", "updated_at"])
        _log(change, user, E.APPROVE, S.PENDING, opinion, step)
        notifications.content_change(change, user)
        return change
    blocking = [str(hit) for hit in sensitive_hits(change) if hit.severity == SensitiveWord.Severity.BLOCK]
    if blocking:
        raise ReviewError(_("审核前请先退回修改：") + "；".join(blocking))
    target = change.target
    if target is None:
        raise ReviewError(_("该内容已不存在。"))
    if change.kind == K.DELETE:
        target.delete()
    else:
        m2m = load(target, change.data)
        target.is_live = True
        target.full_clean()
        target.save()
        for name, pks in m2m.items():
            getattr(target, name).set(pks)
    change.status, change.decided_by, change.decided_at, change.opinion = S.APPROVED, user, timezone.now(), opinion
    change.decided_version = change.version
    change.save(update_fields=["status", "decided_by", "decided_at", "opinion", "decided_version", "updated_at"])
    _log(change, user, E.APPLY, S.PENDING, opinion, step)
    notifications.content_change(change, user)
    return change


@transaction.atomic
def reject(change, user, reason, version=None):
    change = _decidable(change, user, version)
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError(_("请填写退回理由。"))
    change.status, change.decided_by, change.decided_at, change.opinion = S.REJECTED, user, timezone.now(), reason
    change.decided_version = change.version
    change.save(update_fields=["status", "decided_by", "decided_at", "opinion", "decided_version", "updated_at"])
    _log(change, user, E.REJECT, S.PENDING, reason, change.review_step)
    notifications.content_change(change, user)
    return change


#: The reviewers' buttons on a change: offered exactly when ``check_decide`` passes.
ACTIONS = Actions(
    Action(
        "approve",
        _lazy("审核通过"),
        check_decide,
        lambda c, u, i: Done(approve(c, u, i.get("opinion", ""), version=i.get("version", ""))),
    ),
    Action(
        "reject",
        _lazy("退回修改"),
        check_decide,
        lambda c, u, i: Done(reject(c, u, i.get("opinion", ""), version=i.get("version", ""))),
        needs_reason=True,
    ),
)


# --- what the reviewer reads -------------------------------------------------------------------------


def _display(field, value):
    if value in (None, "", []):
        return ""
    if isinstance(field, models.ManyToManyField):
        return "、".join(str(o) for o in field.related_model._default_manager.filter(pk__in=value))
    if isinstance(field, models.ForeignKey):
        return str(field.related_model._default_manager.filter(pk=value).first() or value)
    if field.choices:
        return str(dict(field.flatchoices).get(field.to_python(value), value))
    if isinstance(field, models.BooleanField):
        return _("是") if value else _("否")
    return strip_tags(str(value))


def diff(change):
    """[(label, [(old html, new html), …])] for every field the change alters, in words a
    reviewer reads (names, not ids; rich text as paragraphs)."""
    model = change.content_type.model_class()
    before = change.before or {}
    if change.kind == K.DELETE:
        return [(_("删除"), [char_diff(change.object_repr, "")])]
    rows = []
    for field in [*fields(model), *relations(model)]:
        key = field.name if field.many_to_many else field.attname
        old, new = before.get(key), change.data.get(key)
        if old == new or (change.kind == K.CREATE and new in (None, "", [])):
            continue
        if isinstance(field, models.TextField) and ("<p" in str(new) or "<p" in str(old)):
            rows.append((str(field.verbose_name), body_diff(old or "", new or "")))
        else:
            rows.append((str(field.verbose_name), [char_diff(_display(field, old), _display(field, new))]))
    return rows
