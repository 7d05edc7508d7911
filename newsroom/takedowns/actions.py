"""The only code that changes a takedown request or applies a measure.

Each action checks the actor's permission and the request's state, locks the row in
a transaction and writes an event; measures also write the article's audit entry.

    received → under_review ⇄ needs_info
    under_review → accepted → measures_applied → (forwarded) → counter_received
        → counter_reviewed → restored | maintained → closed
    received / under_review / needs_info → rejected;  any open state → withdrawn, closed
"""

import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from config import pagecache

from ..models import Article, AuditEntry, Photo
from ..search import index as search_index
from ..workflow import revoke_all_preview_links
from .models import Event, Evidence, Measure, TakedownRequest, Target

R = TakedownRequest.Status
OPEN = [R.RECEIVED, R.UNDER_REVIEW, R.NEEDS_INFO, R.ACCEPTED, R.MEASURES_APPLIED, R.COUNTER_RECEIVED,
        R.COUNTER_REVIEWED]


class ActionError(Exception):
    """Not possible in the request's current state, or input is missing."""


def _require(user):
    if user is None or not user.has_perm("newsroom.change_takedownrequest"):
        raise PermissionDenied("只有版权审核人员可以处理侵权通知。")


def _locked(request):
    return TakedownRequest.objects.select_for_update(of=("self",)).select_related("portal").get(pk=request.pk)


def _allowed(request, *states):
    if request.status not in states:
        raise ActionError(f"通知当前状态为“{request.get_status_display()}”,不能执行此操作。")


def _reason(text, what="理由"):
    text = (text or "").strip()
    if not text:
        raise ActionError(f"请填写{what}。")
    return text


def _event(request, user, action, to_status=None, reason="", internal=True):
    event = Event.objects.create(
        request=request, actor=user, action=action, from_status=request.status,
        to_status=to_status or request.status, reason=reason, internal=internal,
    )
    if to_status and to_status != request.status:
        request.status = to_status
        request.save(update_fields=["status"])
    return event


def _sla(request):
    return timezone.now() + timedelta(hours=request.portal.takedown_sla_hours)


# --- notifier side (no account) ---------------------------------------------------------------

@transaction.atomic
def receive(request, targets, files):
    """Store a new notice with its targets and evidence; start the SLA clock."""
    request.deadline = request.received_at + timedelta(hours=request.portal.takedown_sla_hours)
    earlier = _restored_before(request, targets)
    if earlier:
        request.needs_legal_review = True
        request.legal_review_reason = f"同一通知人曾就同一作品发出通知,已于 {earlier} 依反通知恢复(条例第十七条)。"
    request.save()
    for target in targets:
        target.request = request
        target.save()
    for kind, upload in files:
        _store(request, kind, upload)
    _event(request, None, "received", reason="收到通知", internal=False)
    return request


def _restored_before(request, targets):
    articles = [t.article_id for t in targets if t.article_id]
    previous = (
        TakedownRequest.objects.filter(status=R.RESTORED, targets__article__in=articles)
        .filter(email__iexact=request.email) | TakedownRequest.objects.filter(
            status=R.RESTORED, targets__article__in=articles, id_number=request.id_number)
    ).filter(events__action="restore", events__reason__contains="第十七条").distinct().first()
    return timezone.localtime(previous.decided_at).strftime("%Y-%m-%d") if previous and previous.decided_at else None


def _store(request, kind, upload):
    return Evidence.objects.create(
        request=request, kind=kind, file=upload, original_name=upload.name[:200],
        content_type=getattr(upload, "detected_type", upload.content_type or "")[:50],
    )


@transaction.atomic
def add_material(request, note, files):
    request = _locked(request)
    _allowed(request, R.NEEDS_INFO)
    for upload in files:
        _store(request, Evidence.Kind.SUPPLEMENT, upload)
    request.deadline = _sla(request)
    request.save(update_fields=["deadline"])
    _event(request, None, "material_added", R.UNDER_REVIEW, note or "通知人补充了材料", internal=False)
    return request


@transaction.atomic
def withdraw_by_notifier(request):
    request = _locked(request)
    _allowed(request, R.RECEIVED, R.UNDER_REVIEW, R.NEEDS_INFO, R.ACCEPTED)
    _event(request, None, "withdrawn", R.WITHDRAWN, "通知人撤回通知", internal=False)
    return request


@transaction.atomic
def receive_counter_notice(request, counter, files):
    request = _locked(request)
    _allowed(request, R.MEASURES_APPLIED)
    counter.request = request
    counter.save()
    for upload in files:
        _store(request, Evidence.Kind.COUNTER, upload)
    request.deadline = _sla(request)
    request.save(update_fields=["deadline"])
    _event(request, None, "counter_received", R.COUNTER_RECEIVED, f"收到 {counter.name} 的反通知", internal=False)
    return request


# --- the desk -----------------------------------------------------------------------------------

@transaction.atomic
def assign(request, user, assignee):
    _require(user)
    request = _locked(request)
    request.assigned_to = assignee
    request.save(update_fields=["assigned_to"])
    _event(request, user, "assign", reason=f"承办人:{assignee.get_full_name() or assignee.get_username()}")
    return request


@transaction.atomic
def start_review(request, user):
    _require(user)
    request = _locked(request)
    _allowed(request, R.RECEIVED)
    _event(request, user, "start_review", R.UNDER_REVIEW, "开始审查", internal=False)
    return request


@transaction.atomic
def request_information(request, user, message):
    _require(user)
    request = _locked(request)
    _allowed(request, R.RECEIVED, R.UNDER_REVIEW)
    request.deadline = None
    request.save(update_fields=["deadline"])
    _event(request, user, "request_info", R.NEEDS_INFO, _reason(message, "需要补充的材料"), internal=False)
    return request


@transaction.atomic
def accept(request, user, reason=""):
    _require(user)
    request = _locked(request)
    _allowed(request, R.UNDER_REVIEW)
    _event(request, user, "accept", R.ACCEPTED, reason or "通知要件齐全,予以受理", internal=False)
    return request


@transaction.atomic
def reject(request, user, reason):
    _require(user)
    request = _locked(request)
    _allowed(request, R.RECEIVED, R.UNDER_REVIEW, R.NEEDS_INFO, R.ACCEPTED)
    reason = _reason(reason, "不予受理的理由")
    _decide(request, reason)
    _event(request, user, "reject", R.REJECTED, reason, internal=False)
    return request


def _decide(request, text):
    request.decision = text
    request.decided_at = timezone.now()
    request.save(update_fields=["decision", "decided_at"])


@transaction.atomic
def apply_measure(request, user, kind, target, text=""):
    """Withdraw the target article, hide its photo, or append a correction or apology."""
    _require(user)
    request = _locked(request)
    _allowed(request, R.ACCEPTED, R.MEASURES_APPLIED)
    target = Target.objects.select_related("article", "photo").get(pk=target.pk, request=request)
    article = target.article
    if article is None:
        raise ActionError("该通知对象没有对应本网文章。")
    article = Article.objects.select_for_update().get(pk=article.pk)
    K = Measure.Kind
    photo = None
    if kind == K.WITHDRAW_ARTICLE:
        article.legal_hold, article.legal_hold_since = True, timezone.now()
        article.legal_hold_category = request.right_claimed
        article.save(update_fields=["legal_hold", "legal_hold_since", "legal_hold_category"])
        summary = "下架全文"
    elif kind == K.HIDE_PHOTO:
        photo = target.photo
        if photo is None:
            raise ActionError("该通知对象没有指明图片。")
        Photo.objects.filter(pk=photo.pk).update(hidden_by_takedown=True)
        search_index.sync_article(article.pk)  # the caption and credit leave the index
        pagecache.invalidate()
        summary = f"屏蔽图片“{photo.caption[:20]}”"
    elif kind in (K.CORRECTION, K.APOLOGY):
        text = _reason(text, "更正或致歉内容")
        summary = f"追加{'更正' if kind == K.CORRECTION else '致歉'}"
    else:
        raise ActionError("未知措施。")
    if kind in (K.WITHDRAW_ARTICLE, K.HIDE_PHOTO):
        # A preview link would be a way round the measure.
        revoke_all_preview_links(article)
    measure = Measure.objects.create(request=request, kind=kind, article=article, photo=photo, text=text,
                                     applied_by=user)
    AuditEntry.objects.create(article=article, actor=user, action="takedown_measure", from_status=article.status,
                              to_status=article.status, opinion=f"{request.reference}:{summary}")
    _decide(request, f"已采取措施:{summary}。")
    _event(request, user, "measure", R.MEASURES_APPLIED, summary, internal=False)
    return measure


@transaction.atomic
def revert_measure(measure, user, reason):
    _require(user)
    measure = Measure.objects.select_for_update(of=("self",)).select_related("request").get(pk=measure.pk)
    if not measure.active:
        raise ActionError("该措施已撤销。")
    _revert(measure, user, _reason(reason, "撤销理由"))
    return measure


def _revert(measure, user, reason):
    K = Measure.Kind
    if measure.kind == K.WITHDRAW_ARTICLE:
        Article.objects.filter(pk=measure.article_id).update(legal_hold=False, legal_hold_since=None,
                                                             legal_hold_category="")
    elif measure.kind == K.HIDE_PHOTO:
        Photo.objects.filter(pk=measure.photo_id).update(hidden_by_takedown=False)
    # update() sends no signals: bring the search index back in step.
    search_index.sync_article(measure.article_id)
    pagecache.invalidate()
    Measure.objects.filter(pk=measure.pk).update(reverted_at=timezone.now(), reverted_by=user)
    AuditEntry.objects.create(article_id=measure.article_id, actor=user, action="takedown_revert",
                              opinion=f"{measure.request.reference}:撤销“{measure.get_kind_display()}”:{reason}")
    _event(measure.request, user, "revert_measure", reason=f"撤销“{measure.get_kind_display()}”:{reason}")


@transaction.atomic
def forward(request, user, how):
    """Record that the notice went to the author (or was announced), and open the counter-notice link."""
    _require(user)
    request = _locked(request)
    _allowed(request, R.MEASURES_APPLIED)
    request.forwarded_at = timezone.now()
    request.forward_note = _reason(how, "转送方式")[:200]
    request.counter_token = request.counter_token or secrets.token_urlsafe(24)
    request.save(update_fields=["forwarded_at", "forward_note", "counter_token"])
    _event(request, user, "forward", reason=f"已转送作者:{request.forward_note}", internal=False)
    return request


@transaction.atomic
def review_counter_notice(request, user, valid, reason):
    """A valid counter-notice restores at once (条例 Art. 17) or after the waiting period (民法典 Art. 1196)."""
    _require(user)
    request = _locked(request)
    _allowed(request, R.COUNTER_RECEIVED)
    reason = _reason(reason, "审查意见")
    if not valid:
        _decide(request, f"反通知不成立,维持措施:{reason}")
        _event(request, user, "counter_rejected", R.MAINTAINED, reason, internal=False)
        return request
    _event(request, user, "counter_reviewed", R.COUNTER_REVIEWED, reason, internal=False)
    if request.portal.restore_policy == "immediate":
        _restore(request, user, f"反通知成立,依《信息网络传播权保护条例》第十七条立即恢复。{reason}")
    else:
        days = request.portal.restore_after_days
        request.restore_due_at = timezone.now() + timedelta(days=days)
        request.save(update_fields=["restore_due_at"])
        _event(request, user, "restore_scheduled",
               reason=f"已将反通知转送通知人;{days}日内未收到投诉或起诉证明的,恢复内容(《民法典》第一千一百九十六条)。",
               internal=False)
    return request


@transaction.atomic
def restore(request, user, reason=""):
    _require(user)
    request = _locked(request)
    _allowed(request, R.COUNTER_REVIEWED)
    if request.restore_due_at and request.restore_due_at > timezone.now():
        raise ActionError(f"等待期至 {timezone.localtime(request.restore_due_at):%Y-%m-%d %H:%M} 才届满。")
    _restore(request, user, reason or "等待期届满,未收到投诉或起诉证明,依《民法典》第一千一百九十六条恢复。")
    return request


def _restore(request, user, reason):
    for measure in request.measures.filter(reverted_at=None):
        _revert(measure, user, "反通知成立,恢复")
    _decide(request, reason)
    _event(request, user, "restore", R.RESTORED, reason, internal=False)


@transaction.atomic
def maintain(request, user, reason):
    """The notifier proved a complaint or lawsuit within the period: the measures stay."""
    _require(user)
    request = _locked(request)
    _allowed(request, R.COUNTER_REVIEWED)
    reason = _reason(reason, "投诉或起诉证明情况")
    _decide(request, f"维持措施:{reason}")
    _event(request, user, "maintain", R.MAINTAINED, reason, internal=False)
    return request


@transaction.atomic
def close(request, user, reason=""):
    _require(user)
    request = _locked(request)
    _allowed(request, *OPEN, R.RESTORED, R.MAINTAINED)
    _event(request, user, "close", R.CLOSED, reason or "结案", internal=False)
    return request


@transaction.atomic
def add_note(request, user, text):
    _require(user)
    return _event(request, user, "note", reason=_reason(text, "备注"))
