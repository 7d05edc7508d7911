"""The only code that changes a takedown notice or applies a measure.

Each action checks the actor's permission and the notice's state, locks the row in
a transaction and writes an event; measures also write the article's audit entry.

    received → under_review ⇄ needs_info
    under_review → accepted → measures_applied → (forwarded) → counter_received
        → counter_reviewed → restored | maintained → closed
    received / under_review / needs_info → rejected;  any open state → withdrawn, closed
"""

import secrets
from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from newsroom.core import actions, content

from .. import microcache, placements
from ..bylines import reporters
from ..models import Article, AuditEntry, Photo
from ..workflow import revoke_all_preview_links
from . import mail
from .models import Evidence, Measure, TakedownEvent, TakedownRequest, Target

R = TakedownRequest.Status
OPEN = [
    R.RECEIVED,
    R.UNDER_REVIEW,
    R.NEEDS_INFO,
    R.ACCEPTED,
    R.MEASURES_APPLIED,
    R.COUNTER_RECEIVED,
    R.COUNTER_REVIEWED,
]


class ActionError(actions.ActionError):
    """Not possible in the notice's current state, or input is missing."""


def _require(user, notice):
    message = _("只有本网站的版权审核人员可以处理侵权通知。")
    actions.require(user, "takedowns.change_takedownrequest", message, obj=notice)


def _locked(notice):
    return actions.locked(notice, "portal")


def _allowed(notice, *states):
    if notice.status not in states:
        raise ActionError(_("通知当前状态为“%(status)s”，不能执行此操作。") % {"status": notice.get_status_display()})


def _reason(text, what=None):
    return actions.reason(text, what, ActionError)


def _event(notice, user, action, to_status=None, reason="", internal=True):
    event = TakedownEvent.log(
        request=notice,
        actor=user,
        action=action,
        from_status=notice.status,
        to_status=to_status or notice.status,
        reason=reason,
        internal=internal,
    )
    if to_status and to_status != notice.status:
        notice.status = to_status
        notice.save(update_fields=["status"])
    if user is not None and not internal:
        _tell_notifier(notice, event)
    return event


def _tell_notifier(notice, event):
    """Every step of the desk that concerns the notifier reaches them by e-mail too."""
    mail.queue(
        notice,
        f"progress:{event.action}",
        notice.email,
        _("[%(name)s] 您的通知 %(reference)s 有新进展：%(action_label)s")
        % {"name": notice.portal.name, "reference": notice.reference, "action_label": event.action_label},
        _(
            "%(notifier_name)s:\n\n您的通知（受理编号 %(reference)s）有新进展。\n\n%(action_label)s:%(reason)s\n当前状态：%(status)s\n"
        )
        % {
            "notifier_name": notice.notifier_name,
            "reference": notice.reference,
            "action_label": event.action_label,
            "reason": event.reason,
            "status": notice.get_status_display(),
        }
        + (
            _("可恢复时间：%(localtime)s\n")
            % {"localtime": format(timezone.localtime(notice.restore_due_at), "%Y-%m-%d %H:%M")}
            if notice.restore_due_at
            else ""
        )
        + _("\n处理进度与全部记录见您的私人链接（请勿转发）：\n%(tracking_url)s\n\n%(name)s")
        % {"tracking_url": mail.tracking_url(notice), "name": notice.portal.name},
    )


def _sla(notice):
    return timezone.now() + timedelta(hours=notice.portal.takedown_sla_hours)


# --- notifier side (no account) ---------------------------------------------------------------


@transaction.atomic
def receive(notice, targets, files):
    """Store a new notice with its targets and evidence; start the SLA clock."""
    notice.deadline = notice.received_at + timedelta(hours=notice.portal.takedown_sla_hours)
    earlier = restored_before(notice, targets)
    if earlier:
        notice.needs_legal_review = True
        notice.legal_review_reason = (
            _(
                "同一权利人曾就同一作品发出通知（%(reference)s），已于 %(localtime)s 依条例第十七条根据反通知恢复，不得再通知删除。"
            )
            % {"reference": earlier.reference, "localtime": format(timezone.localtime(earlier.decided_at), "%Y-%m-%d")}
        )[:200]
    _author_on_record(notice, targets)
    notice.save()
    for target in targets:
        target.request = notice
        target.save()
    for kind, upload in files:
        _store(notice, kind, upload)
    _event(notice, None, "received", reason=_("收到通知"), internal=False)
    mail.queue(
        notice,
        "acknowledgement",
        notice.email,
        _("[%(name)s] 已收到您的通知 %(reference)s") % {"name": notice.portal.name, "reference": notice.reference},
        _(
            "%(notifier_name)s:\n\n我们已收到您关于“%(right_claimed)s”的通知，受理编号 %(reference)s。\n我们将在收到完整通知后 %(takedown_sla_hours)s 小时内处理，每一步都会发邮件告知您。\n您可以在以下私人链接查看处理进度和结果（请勿转发）：\n%(tracking_url)s\n\n%(name)s"
        )
        % {
            "notifier_name": notice.notifier_name,
            "right_claimed": notice.get_right_claimed_display(),
            "reference": notice.reference,
            "takedown_sla_hours": notice.portal.takedown_sla_hours,
            "tracking_url": mail.tracking_url(notice),
            "name": notice.portal.name,
        },
    )
    return notice


def _claimants(name, principal, email, id_number):
    """Who claims the right: the notifier and, for an agent, the principal; by name, e-mail, ID."""
    names = {" ".join(n.split()).lower() for n in (name, principal) if n and n.strip()}
    return names, (email or "").strip().lower(), (id_number or "").strip().upper()


def restored_before(notice, targets):
    """The earlier notice, restored under 条例 Art. 17, about the same work (article or photo)
    by the same claimant — the notifier or the principal, matched by name, e-mail or ID number,
    so a law firm acting for the same person is caught too."""
    articles = {t.article_id for t in targets if t.article_id}
    photos = {t.photo_id for t in targets if t.photo_id}
    if not articles:
        return None
    names, email, id_number = _claimants(notice.notifier_name, notice.principal_name, notice.email, notice.id_number)
    earlier = (
        TakedownRequest.objects.filter(
            status=R.RESTORED,
            restored_under=TakedownRequest.RestoredUnder.ARTICLE_17,
            targets__article__in=articles,
        )
        .prefetch_related("targets")
        .distinct()
        .order_by("-decided_at")
    )
    for previous in earlier:
        their_photos = {t.photo_id for t in previous.targets.all() if t.photo_id}
        if photos and their_photos and not (photos & their_photos):
            continue  # another photo of the same article is another work
        p_names, p_email, p_id = _claimants(
            previous.notifier_name, previous.principal_name, previous.email, previous.id_number
        )
        if names & p_names or (email and email == p_email) or (id_number and id_number == p_id):
            return previous
    return None


def _author_on_record(notice, targets):
    """Who provided the content (the service object the law asks the desk to forward to)."""
    article = next((t.article for t in targets if t.article_id), None)
    if article is None or notice.author_kind:
        return
    authors = reporters(article.credits.select_related("role", "person"))
    if article.is_reprint or article.source_name and not authors:
        notice.author_kind = TakedownRequest.AuthorKind.REPRINT
        notice.author_name = (article.original_author or article.source_name)[:100]
    else:
        notice.author_kind = TakedownRequest.AuthorKind.STAFF
        notice.author_name = "、".join(authors)[:100] or notice.portal.name


def _store(notice, kind, upload):
    return Evidence.objects.create(
        request=notice,
        kind=kind,
        file=upload,
        original_name=upload.name[:200],
        content_type=getattr(upload, "detected_type", upload.content_type or "")[:50],
    )


@transaction.atomic
def add_material(notice, note, files):
    notice = _locked(notice)
    _allowed(notice, R.NEEDS_INFO)
    for upload in files:
        _store(notice, Evidence.Kind.SUPPLEMENT, upload)
    notice.deadline = _sla(notice)
    notice.save(update_fields=["deadline"])
    _event(notice, None, "material_added", R.UNDER_REVIEW, note or _("通知人补充了材料"), internal=False)
    return notice


@transaction.atomic
def withdraw_by_notifier(notice):
    notice = _locked(notice)
    _allowed(notice, R.RECEIVED, R.UNDER_REVIEW, R.NEEDS_INFO, R.ACCEPTED)
    _event(notice, None, "withdrawn", R.WITHDRAWN, _("通知人撤回通知"), internal=False)
    return notice


@transaction.atomic
def receive_counter_notice(notice, counter, files):
    notice = _locked(notice)
    _allowed(notice, R.MEASURES_APPLIED)
    counter.request = notice
    counter.save()
    stored = [_store(notice, Evidence.Kind.COUNTER, upload) for upload in files]
    notice.deadline = _sla(notice)
    notice.save(update_fields=["deadline"])
    _event(
        notice,
        None,
        "counter_received",
        R.COUNTER_RECEIVED,
        _("收到 %(name)s 的反通知") % {"name": counter.name},
        internal=False,
    )
    # 条例 Art. 17 / 民法典 Art. 1196: the counter-notice goes to the rights holder, with its evidence.
    mail.queue(
        notice,
        "counter_to_notifier",
        notice.email,
        _("[%(name)s] 转送反通知：您的通知 %(reference)s")
        % {"name": notice.portal.name, "reference": notice.reference},
        _(
            "%(notifier_name)s:\n\n您的通知（受理编号 %(reference)s）所涉内容的提供者 %(name)s 于 %(localtime)s 提交了反通知，现依法转送给您。\n\n不侵权的说明（全文）：\n%(statement)s\n\n不侵权的初步证据见附件（%(len)s 个文件）。\n\n依照《民法典》第一千一百九十六条，如您在本邮件送达后 %(restore_after_days)s 日内未在以下私人链接上传已经投诉或者提起诉讼的证明，本网可能恢复有关内容：\n%(tracking_url)s\n\n%(name2)s"
        )
        % {
            "notifier_name": notice.notifier_name,
            "reference": notice.reference,
            "name": counter.name,
            "localtime": format(timezone.localtime(counter.received_at), "%Y-%m-%d %H:%M"),
            "statement": counter.statement,
            "len": len(stored),
            "restore_after_days": notice.portal.restore_after_days,
            "tracking_url": mail.tracking_url(notice),
            "name2": notice.portal.name,
        },
        attachments=stored,
    )
    return notice


@transaction.atomic
def submit_proof(notice, note, files):
    """The notifier shows they complained to the authorities or sued: the restore stops."""
    notice = _locked(notice)
    _allowed(notice, R.COUNTER_RECEIVED, R.COUNTER_REVIEWED)
    if not files:
        raise ActionError(_("请上传投诉或起诉的证明材料。"))
    for upload in files:
        _store(notice, Evidence.Kind.PROOF, upload)
    notice.proof_received_at = timezone.now()
    notice.deadline = _sla(notice)
    notice.save(update_fields=["proof_received_at", "deadline"])
    _event(
        notice,
        None,
        "proof_received",
        reason=(note or "").strip() or _("通知人提交了已投诉或起诉的证明，暂不恢复。"),
        internal=False,
    )
    return notice


# --- the desk -----------------------------------------------------------------------------------
# Each action's check says whether it is possible now (no change, no lock): the action runs it
# again on the locked row, and the desk's page offers exactly the buttons whose check passes.


def check_desk(notice, user):
    _require(user, notice)


def _check_states(*states):
    def check(notice, user):
        _require(user, notice)
        _allowed(notice, *states)

    return check


check_start_review = _check_states(R.RECEIVED)
check_request_information = _check_states(R.RECEIVED, R.UNDER_REVIEW)
check_accept = _check_states(R.UNDER_REVIEW)
check_reject = _check_states(R.RECEIVED, R.UNDER_REVIEW, R.NEEDS_INFO, R.ACCEPTED)
check_apply_measure = _check_states(R.ACCEPTED, R.MEASURES_APPLIED)
check_forward = _check_states(*OPEN)
check_review_counter_notice = _check_states(R.COUNTER_RECEIVED)
check_maintain = _check_states(R.COUNTER_REVIEWED)
check_close = _check_states(*OPEN, R.RESTORED, R.MAINTAINED)


def check_restore(notice, user):
    _require(user, notice)
    _allowed(notice, R.COUNTER_REVIEWED)
    if notice.proof_received_at:
        raise ActionError(_("通知人已提交投诉或起诉证明：请审查后维持措施，不能恢复。"))
    if not notice.restore_due_at:
        raise ActionError(_("反通知尚未送达通知人，等待期还没有开始。"))
    if notice.restore_due_at > timezone.now():
        raise ActionError(
            _("等待期至 %(localtime)s 才届满。")
            % {"localtime": format(timezone.localtime(notice.restore_due_at), "%Y-%m-%d %H:%M")}
        )


@transaction.atomic
def assign(notice, user, assignee):
    notice = _locked(notice)
    check_desk(notice, user)
    notice.assigned_to = assignee
    notice.save(update_fields=["assigned_to"])
    _event(
        notice,
        user,
        "assign",
        reason=_("承办人：%(value)s") % {"value": assignee.get_full_name() or assignee.get_username()},
    )
    return notice


@transaction.atomic
def start_review(notice, user):
    notice = _locked(notice)
    check_start_review(notice, user)
    _event(notice, user, "start_review", R.UNDER_REVIEW, _("开始审查"), internal=False)
    return notice


@transaction.atomic
def request_information(notice, user, message):
    notice = _locked(notice)
    check_request_information(notice, user)
    days = notice.portal.info_wait_days
    notice.deadline = timezone.now() + timedelta(days=days)  # the pause is bounded
    notice.save(update_fields=["deadline"])
    message = _reason(message, _("需要补充的材料"))
    _event(
        notice,
        user,
        "request_info",
        R.NEEDS_INFO,
        _("%(message)s（请于 %(localtime)s 前补充；逾期未补充的，将按现有材料处理。）")
        % {"message": message, "localtime": format(timezone.localtime(notice.deadline), "%Y-%m-%d")},
        internal=False,
    )
    return notice


@transaction.atomic
def accept(notice, user, reason=""):
    notice = _locked(notice)
    check_accept(notice, user)
    _event(notice, user, "accept", R.ACCEPTED, reason or _("通知要件齐全，予以受理"), internal=False)
    return notice


@transaction.atomic
def reject(notice, user, reason):
    notice = _locked(notice)
    check_reject(notice, user)
    reason = _reason(reason, _("不予受理的理由"))
    _decide(notice, reason)
    _event(notice, user, "reject", R.REJECTED, reason, internal=False)
    return notice


def _decide(notice, text):
    notice.decision = text
    notice.decided_at = timezone.now()
    notice.save(update_fields=["decision", "decided_at"])


def shared_images(article):
    """[(photo of ``article``, [other uses of its image file…])] for the photos whose file other
    articles, communities or facilities also show: withdrawing the article leaves those files
    online (they are still public where else they appear) unless the measure covers them."""
    photos = list(article.photos.order_by("order", "id"))
    others = {}
    for use in (
        Photo.objects.filter(image__in=[p.image.name for p in photos])
        .exclude(article=article)
        .select_related("article", "community", "facility")
    ):
        others.setdefault(use.image.name, []).append(use)
    return [(photo, others[photo.image.name]) for photo in photos if photo.image.name in others]


def _hide_image(photo):
    """Hide every use of ``photo``'s file (other articles, communities, facilities too)."""
    uses = Photo.objects.filter(image=photo.image.name)
    uses.update(hidden_by_takedown=True)
    content.changed(Photo, list(uses))  # update() sends no signals: the page cache and the index follow


@transaction.atomic
def apply_measure(notice, user, kind, target, text="", cover_shared=False):
    """Withdraw the target article, hide its photo, or append a correction or apology.

    ``cover_shared`` with 下架全文: each of the article's photos whose file is also shown
    elsewhere gets a 屏蔽图片 measure of its own (so each can be reverted on its own);
    without it those files stay online where else they are used (``shared_images``)."""
    notice = _locked(notice)
    check_apply_measure(notice, user)
    target = Target.objects.select_related("article", "photo").get(pk=target.pk, request=notice)
    article = target.article
    if article is None:
        raise ActionError(_("该通知对象没有对应本网文章。"))
    article = actions.locked(article)
    K = Measure.Kind
    photo = None
    if kind == K.WITHDRAW_ARTICLE:
        article.legal_hold, article.legal_hold_since = True, timezone.now()
        article.legal_hold_category = notice.right_claimed
        article.save(update_fields=["legal_hold", "legal_hold_since", "legal_hold_category"])
        placements.hold_copies(article, True, notice.right_claimed)  # its copies on other portals too
        summary = _("下架全文")
    elif kind == K.HIDE_PHOTO:
        photo = target.photo
        if photo is None:
            raise ActionError(_("该通知对象没有指明图片。"))
        _hide_image(photo)  # every use of the image goes (other articles, communities, facilities)
        summary = _("屏蔽图片“%(value)s”") % {"value": photo.caption[:20]}
    elif kind in (K.CORRECTION, K.APOLOGY):
        text = _reason(text, _("更正或致歉内容"))
        summary = _("追加%(value)s") % {"value": "更正" if kind == K.CORRECTION else "致歉"}
    else:
        raise ActionError(_("未知措施。"))
    if kind in (K.WITHDRAW_ARTICLE, K.HIDE_PHOTO):
        # A preview link would be a way round the measure.
        revoke_all_preview_links(article)
    measure = Measure.objects.create(
        request=notice, kind=kind, article=article, photo=photo, text=text, applied_by=user
    )
    if kind == K.WITHDRAW_ARTICLE and cover_shared:
        shared = [photo for photo, _others in shared_images(article)]
        for shown_elsewhere in shared:
            _hide_image(shown_elsewhere)
            Measure.objects.create(
                request=notice, kind=K.HIDE_PHOTO, article=article, photo=shown_elsewhere, applied_by=user
            )
        if shared:
            summary += _("，并屏蔽本文在其他处也使用的 %(count)s 张图片") % {"count": len(shared)}
    AuditEntry.log(
        article=article,
        actor=user,
        action="takedown_measure",
        from_status=article.status,
        to_status=article.status,
        opinion=f"{notice.reference}:{summary}",
    )
    _decide(notice, _("已采取措施：%(summary)s。") % {"summary": summary})
    _event(notice, user, "measure", R.MEASURES_APPLIED, summary, internal=False)
    microcache.refresh_article(article)  # nginx's copies replaced once this commits
    return measure


@transaction.atomic
def revert_measure(measure, user, reason):
    _require(user, measure.request)
    measure = actions.locked(measure, "request")
    if not measure.active:
        raise ActionError(_("该措施已撤销。"))
    _revert(measure, user, _reason(reason, _("撤销理由")))
    if measure.article_id:
        microcache.refresh_article(measure.article)
    return measure


def _revert(measure, user, reason):
    K = Measure.Kind
    if measure.kind == K.WITHDRAW_ARTICLE:
        Article.objects.filter(pk=measure.article_id).update(
            legal_hold=False, legal_hold_since=None, legal_hold_category=""
        )
        placements.hold_copies(measure.article, False)
    elif measure.kind == K.HIDE_PHOTO:
        image = Photo.objects.filter(pk=measure.photo_id).values_list("image", flat=True).first()
        still_hidden = (
            Measure.objects.filter(kind=K.HIDE_PHOTO, reverted_at__isnull=True, photo__image=image)
            .exclude(pk=measure.pk)
            .exists()
        )
        if not still_hidden:  # another notice may still keep the same image hidden
            uses = Photo.objects.filter(image=image)
            uses.update(hidden_by_takedown=False)
            content.changed(Photo, list(uses))
    # update() sends no signals: the page cache and the search index follow through the seam.
    content.changed(Article, Article.objects.filter(pk=measure.article_id))
    Measure.objects.filter(pk=measure.pk).update(reverted_at=timezone.now(), reverted_by=user)
    AuditEntry.log(
        article_id=measure.article_id,
        actor=user,
        action="takedown_revert",
        opinion=_("%(reference)s：撤销“%(kind)s”：%(reason)s")
        % {"reference": measure.request.reference, "kind": measure.get_kind_display(), "reason": reason},
    )
    _event(
        measure.request,
        user,
        "revert_measure",
        reason=_("撤销“%(kind)s”：%(reason)s") % {"kind": measure.get_kind_display(), "reason": reason},
    )


@transaction.atomic
def forward(notice, user, note="", email="", announce=False, author_kind="", author_name=""):
    """Forward the notice to the author (民法典 Art. 1195: on receipt, not only after measures):
    by e-mail to the author or reprint source on record, or, when they cannot be reached, by a
    公告 on the portal. What was sent, and when, is kept; the counter-notice link opens."""
    notice = _locked(notice)
    check_forward(notice, user)
    email = (email or "").strip()
    if not email and not announce:
        raise ActionError(_("请填写作者或转载来源的电子邮箱；无法联系的，请选择网上公告。"))
    if author_kind:
        notice.author_kind = author_kind
    if author_name:
        notice.author_name = author_name[:100]
    notice.counter_token = notice.counter_token or secrets.token_urlsafe(24)
    notice.forward_note = (note or "").strip()[:200]
    counter_url = mail.site_url(notice.portal, reverse("takedowns:counter", args=[notice.counter_token]))
    letter = _forward_letter(notice, counter_url)
    if email:
        notice.author_email = email
        mail.queue(
            notice,
            "forward_to_author",
            email,
            _("[%(name)s] 关于您提供的内容的权利通知 %(reference)s")
            % {"name": notice.portal.name, "reference": notice.reference},
            letter,
        )
        reason = _("已向%(value)s %(author_name)s 的邮箱 %(email)s 发出通知转送函。") % {
            "value": notice.get_author_kind_display() or "作者",
            "author_name": notice.author_name,
            "email": email,
        }
    else:
        notice.announced_at = notice.forwarded_at = timezone.now()
        reason = (
            _("作者无法联系，已在网站公告通知（公告页面：")
            + reverse("takedowns:announcement", args=[notice.reference])
            + ")。"
        )
    notice.save(
        update_fields=[
            "counter_token",
            "forward_note",
            "author_kind",
            "author_name",
            "author_email",
            "announced_at",
            "forwarded_at",
        ]
    )
    _event(notice, user, "forward" if email else "announce", reason=reason, internal=False)
    return notice


def _forward_letter(notice, counter_url):
    targets = "\n".join(f"- {t.work_title}:{t.url}({t.get_part_display()})" for t in notice.targets.all())
    return _(
        "%(value)s:\n\n本网于 %(localtime)s 收到%(notifier_name)s%(value2)s关于“%(right_claimed)s”的通知（受理编号 %(reference)s），涉及您提供的以下内容：\n%(targets)s\n\n通知人的说明：\n%(description)s\n\n依照《信息网络传播权保护条例》第十六条、《民法典》第一千一百九十五条，现将通知转送给您。如您认为内容未侵犯他人权利，可通过以下链接提交书面说明（反通知）及不侵权的初步证据：\n%(counter_url)s\n\n%(name)s"
    ) % {
        "value": notice.author_name or "作者",
        "localtime": format(timezone.localtime(notice.received_at), "%Y-%m-%d %H:%M"),
        "notifier_name": notice.notifier_name,
        "value2": "(代理 " + notice.principal_name + ")" if notice.is_agent else "",
        "right_claimed": notice.get_right_claimed_display(),
        "reference": notice.reference,
        "targets": targets,
        "description": notice.description,
        "counter_url": counter_url,
        "name": notice.portal.name,
    }


@transaction.atomic
def review_counter_notice(notice, user, valid, reason):
    """A valid counter-notice restores at once (条例 Art. 17) or after the waiting period (民法典 Art. 1196)."""
    notice = _locked(notice)
    check_review_counter_notice(notice, user)
    reason = _reason(reason, _("审查意见"))
    if not valid:
        _decide(notice, _("反通知不成立，维持措施：%(reason)s") % {"reason": reason})
        _event(notice, user, "counter_rejected", R.MAINTAINED, reason, internal=False)
        return notice
    _event(notice, user, "counter_reviewed", R.COUNTER_REVIEWED, reason, internal=False)
    if notice.portal.restore_policy == "immediate":
        _restore(
            notice,
            user,
            _("反通知成立，依《信息网络传播权保护条例》第十七条立即恢复。%(reason)s") % {"reason": reason},
            TakedownRequest.RestoredUnder.ARTICLE_17,
        )
    else:
        schedule_restore(notice, user)
    return notice


def mail_delivered(sender, mail, **kwargs):
    """What the law counts from delivery starts when the message really went (``mail.delivered``;
    connected in TakedownsConfig.ready)."""
    notice = mail.request
    if mail.kind == "forward_to_author" and not notice.forwarded_at:
        notice.forwarded_at = mail.sent_at
        notice.save(update_fields=["forwarded_at"])
    if mail.kind == "counter_to_notifier" and not notice.counter_forwarded_at:
        notice.counter_forwarded_at = mail.sent_at
        notice.save(update_fields=["counter_forwarded_at"])
        TakedownEvent.log(
            request=notice,
            action="counter_forwarded",
            from_status=notice.status,
            to_status=notice.status,
            internal=False,
            reason=f"反通知及其证据已于 {timezone.localtime(mail.sent_at):%Y-%m-%d %H:%M} 送达通知人邮箱。",
        )
        schedule_restore(notice)


def schedule_restore(notice, user=None):
    """民法典 Art. 1196: the waiting period counts from the counter-notice's delivery to the
    notifier. Called when the desk accepts the counter-notice and when the mail is delivered."""
    notice = TakedownRequest.objects.select_related("portal").get(pk=notice.pk)
    if notice.status != R.COUNTER_REVIEWED or notice.restore_due_at or notice.portal.restore_policy == "immediate":
        return notice
    days = notice.portal.restore_after_days
    if not notice.counter_forwarded_at:
        TakedownEvent.log(
            request=notice,
            actor=user,
            action="restore_scheduled",
            from_status=notice.status,
            to_status=notice.status,
            internal=False,
            reason=_(
                "反通知送达通知人后，%(days)s日内未收到投诉或起诉证明的，恢复内容（《民法典》第一千一百九十六条）。"
            )
            % {"days": days},
        )
        return notice
    notice.restore_due_at = notice.counter_forwarded_at + timedelta(days=days)
    notice.save(update_fields=["restore_due_at"])
    TakedownEvent.log(
        request=notice,
        actor=user,
        action="restore_scheduled",
        from_status=notice.status,
        to_status=notice.status,
        internal=False,
        reason=(
            _(
                "反通知已于 %(localtime)s 送达通知人；至 %(localtime2)s 未收到投诉或起诉证明的，恢复内容（《民法典》第一千一百九十六条）。"
            )
            % {
                "localtime": format(timezone.localtime(notice.counter_forwarded_at), "%Y-%m-%d %H:%M"),
                "localtime2": format(timezone.localtime(notice.restore_due_at), "%Y-%m-%d %H:%M"),
            }
        ),
    )
    return notice


@transaction.atomic
def restore(notice, user, reason=""):
    notice = _locked(notice)
    check_restore(notice, user)
    _restore(
        notice,
        user,
        reason or _("等待期届满，未收到投诉或起诉证明，依《民法典》第一千一百九十六条恢复。"),
        TakedownRequest.RestoredUnder.ARTICLE_1196,
    )
    return notice


def _restore(notice, user, reason, under):
    for measure in notice.measures.filter(reverted_at=None):
        _revert(measure, user, _("反通知成立，恢复"))
    notice.restored_under = under
    notice.save(update_fields=["restored_under"])
    _decide(notice, reason)
    _event(notice, user, "restore", R.RESTORED, reason, internal=False)


@transaction.atomic
def maintain(notice, user, reason):
    """The notifier proved a complaint or lawsuit within the period: the measures stay."""
    notice = _locked(notice)
    check_maintain(notice, user)
    reason = _reason(reason, _("投诉或起诉证明情况"))
    _decide(notice, _("维持措施：%(reason)s") % {"reason": reason})
    _event(notice, user, "maintain", R.MAINTAINED, reason, internal=False)
    return notice


@transaction.atomic
def close(notice, user, reason=""):
    notice = _locked(notice)
    check_close(notice, user)
    _event(notice, user, "close", R.CLOSED, reason or _("结案"), internal=False)
    return notice


@transaction.atomic
def add_note(notice, user, text):
    _require(user, notice)
    return _event(notice, user, "note", reason=_reason(text, _("备注")))


def record_download(evidence, user):
    """Evidence holds personal data: every download by the desk is in the audit trail."""
    return TakedownEvent.log(
        request=evidence.request,
        actor=user,
        action="evidence_download",
        from_status=evidence.request.status,
        to_status=evidence.request.status,
        reason=_("下载“%(kind)s”#%(pk)s") % {"kind": evidence.get_kind_display(), "pk": evidence.pk},
        internal=True,
    )


@transaction.atomic
def purge_personal_data(notice):
    """After the retention period: the notifier's and counter-notifier's contacts, ID numbers and
    every evidence file go; the reference, decision, measures and audit trail stay."""
    notice = _locked(notice)
    for evidence in notice.evidence.all():
        evidence.file.delete(save=False)
    notice.evidence.all().delete()
    notice.counter_notices.update(
        phone="", email="deleted@invalid", address="", id_number="", statement=_("（已清除）")
    )
    notice.phone, notice.email, notice.address, notice.id_number = "", "deleted@invalid", "", ""
    notice.personal_data_purged_at = timezone.now()
    notice.save(update_fields=["phone", "email", "address", "id_number", "personal_data_purged_at"])
    notice.mails.all().delete()
    TakedownEvent.log(
        request=notice,
        action="purge_personal_data",
        from_status=notice.status,
        to_status=notice.status,
        reason=_("保存期限届满，已清除个人信息与证据材料。"),
        internal=True,
    )
    return notice


# --- the desk's buttons -------------------------------------------------------------------------


def _chosen(model, inputs, name, notice, missing):
    value = str(inputs.get(name) or "").strip()
    found = model.objects.filter(pk=value, request=notice).first() if value.isdigit() else None
    if found is None:
        raise ActionError(missing)
    return found


def _run_assign(notice, user, inputs):
    from django.contrib.auth import get_user_model

    value = str(inputs.get("assignee") or user.pk)
    assignee = get_user_model().objects.filter(pk=value).first() if value.isdigit() else None
    if assignee is None:
        raise ActionError(_("请选择承办人。"))
    return actions.Done(assign(notice, user, assignee))


def _run_measure(notice, user, inputs):
    target = _chosen(Target, inputs, "target", notice, _("请选择要处理的通知对象。"))
    kind = inputs.get("kind", "")
    if kind not in Measure.Kind.values:
        raise ActionError(_("请选择处理措施。"))
    cover = inputs.get("cover_shared") == "1"
    return actions.Done(apply_measure(notice, user, kind, target, inputs.get("reason", ""), cover_shared=cover))


def _run_revert(notice, user, inputs):
    measure = _chosen(Measure, inputs, "measure", notice, _("该措施不存在。"))
    return actions.Done(revert_measure(measure, user, inputs.get("reason", "")))


def _run_forward(notice, user, inputs):
    return actions.Done(
        forward(
            notice,
            user,
            inputs.get("reason", ""),
            email=inputs.get("author_email", ""),
            announce=inputs.get("announce") == "1",
            author_kind=inputs.get("author_kind", ""),
            author_name=inputs.get("author_name", ""),
        )
    )


def _with_reason(function, *args):
    return lambda notice, user, inputs: actions.Done(function(notice, user, *args, inputs.get("reason", "")))


A = actions.Action
#: The desk's actions, in the order of their buttons (tests/takedowns walk them by state).
DESK = actions.Actions(
    A("assign", _lazy("分配给我"), check_desk, _run_assign, button=False),
    A("start_review", _lazy("开始审查"), check_start_review, lambda n, u, i: actions.Done(start_review(n, u))),
    A("request_info", _lazy("要求补充材料"), check_request_information, _with_reason(request_information), True),
    A("accept", _lazy("受理"), check_accept, _with_reason(accept)),
    A("reject", _lazy("不予受理"), check_reject, _with_reason(reject), True),
    A("counter_valid", _lazy("反通知成立"), check_review_counter_notice, _with_reason(review_counter_notice, True)),
    A(
        "counter_invalid",
        _lazy("反通知不成立"),
        check_review_counter_notice,
        _with_reason(review_counter_notice, False),
        True,
    ),
    A("restore", _lazy("恢复内容"), check_restore, _with_reason(restore)),
    A("maintain", _lazy("收到投诉/起诉证明，维持"), check_maintain, _with_reason(maintain), True),
    A(
        "note",
        _lazy("添加内部备注"),
        check_desk,
        lambda n, u, i: actions.Done(add_note(n, u, i.get("reason", ""))),
        True,
    ),
    A("close", _lazy("结案"), check_close, _with_reason(close)),
    A("forward", _lazy("转送通知"), check_forward, _run_forward, button=False),
    A("measure", _lazy("采取措施"), check_apply_measure, _run_measure, button=False),
    A("revert", _lazy("撤销此措施"), check_desk, _run_revert, needs_reason=True, button=False),
)
