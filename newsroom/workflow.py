"""The editorial workflow (先审后发, 三审): the only code that changes an article's status.

Every transition checks the actor's permission and the article's current state,
runs in a transaction with the article row locked, and writes an audit entry.
The admin, management commands and tests all call these functions.

    draft ─submit→ in_review(1…N) ─approve→ approved ─publish→ published
      ↑               │ reject                │ reject       │ unpublish / withdraw
      └── rejected ←──┴───────────────────────┘ unpublished ←┘   withdrawn

Submitting runs the pre-publish checks (newsroom/checks.py): a blocking problem stops it there.

N is the portal's number of review steps (1–3), or the article's risk tier's
number when the portal routes by risk (A 普通 / B 重要 / C 敏感). The last step is
always 终审签发; with three steps they are 初审, 复审, 终审.

A live article is never edited in place: ``new_version`` makes a draft copy that
goes through review, and publishing it replaces the live content at once.

Four eyes: nobody approves or publishes a version they wrote (created it or saved a revision
of it), and nobody decides two review steps of the same round. A portal that must relax this
(a one-person office) sets ``Portal.allow_self_review``, which the admin audits and shows on
every admin page.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, ProtectedError, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from newsroom.core.actions import Action, ActionError, Actions, Done, locked, reason, require

from . import checks, microcache, notifications, revisions
from .models import Article, AuditEntry, PreviewLink
from .models.editorial import article_may_be_previewed
from .review_steps import four_eyes_refusal, step_permission

S = Article.Status
# A 定时发布 time typed a moment ago is not backdating; anything earlier is.
BACKDATE_TOLERANCE = timedelta(minutes=1)


class TransitionError(ActionError):
    """The transition is not possible from the article's current state, or input is missing."""


def steps_needed(article):
    portal = article.column.portal
    if portal.risk_tiers_enabled:
        return {"A": portal.tier_a_steps, "B": portal.tier_b_steps, "C": portal.tier_c_steps}[article.risk_tier]
    return portal.review_steps


def _require(user, codename, article):
    """Refuse without the permission in the article's portal, naming it as the roles page does
    (终审签发, not review_final)."""
    names = dict(Article._meta.permissions)
    label = names.get(codename) or _("修改文章")
    message = _("您没有“%(permission)s”权限，不能执行此操作。") % {"permission": label}
    require(user, f"newsroom.{codename}", message, obj=article)


def _locked(article):
    return locked(article, "column__portal", "replaces")


def _log(article, user, action, from_status, to_status, opinion="", step=None):
    return AuditEntry.log(
        article=article.root,
        actor=user,
        action=action,
        from_status=from_status,
        to_status=to_status,
        opinion=opinion,
        step=step,
    )


def _move(article, user, action, to_status, opinion="", step=None, **fields):
    from_status = article.status
    article.status = to_status
    for name, value in fields.items():
        setattr(article, name, value)
    article.save(update_fields=["status", *fields.keys(), "updated_at"])
    _log(article, user, action, from_status, to_status, opinion, step)
    notifications.transition(article, action, user, opinion)
    return article


def _allowed_from(article, *states):
    if article.status not in states:
        raise TransitionError(
            _("文章当前状态为“%(status)s”，不能执行此操作。") % {"status": article.get_status_display()}
        )


def _reason(text, what=None):
    return reason(text, what, TransitionError)


def authors(article):
    """Everyone who wrote this version (``Article.authors``)."""
    return article.authors()


def _round_started(article):
    """When this version was last sent to review (the audit trail is kept on the live article)."""
    return (
        AuditEntry.objects.filter(article=article.root, action="submit")
        .order_by("-created_at", "-id")
        .values_list("created_at", flat=True)
        .first()
    )


def _four_eyes(article, user, deciding_step=True):
    """Refuse ``user`` as a reviewer or publisher of ``article`` (see newsroom/review_steps.py)."""
    decided = set()
    if deciding_step:
        since = _round_started(article)
        if since is not None:
            decided = set(
                AuditEntry.objects.filter(article=article.root, action="approve", created_at__gte=since).values_list(
                    "actor", flat=True
                )
            )
    refusal = four_eyes_refusal(user, authors(article), decided, relaxed=article.column.portal.allow_self_review)
    if refusal:
        raise PermissionDenied(refusal)


# --- checks: whether an action is possible now (no change, no lock); each action below runs its
# check again on the locked row, and the admin offers exactly what the checks allow.


def check_submit(article, user):
    _require(user, "change_article", article)
    _allowed_from(article, S.DRAFT, S.REJECTED, S.UNPUBLISHED)
    if article.is_live:
        raise TransitionError(_("线上文章不能提交审核：请编辑新版本。"))


def check_approve(article, user):
    _allowed_from(article, S.IN_REVIEW)
    _require(user, step_permission(article.review_step, article.review_total), article)
    _four_eyes(article, user)


def check_reject(article, user):
    _allowed_from(article, S.IN_REVIEW, S.APPROVED)
    if article.status == S.APPROVED:
        _require(user, "review_final", article)
    else:
        _require(user, step_permission(article.review_step, article.review_total), article)
    _four_eyes(article, user, deciding_step=False)


def check_sign_and_publish(article, user):
    """签发并发布: at the last step, the one who signs off may publish in the same breath."""
    check_approve(article, user)
    if article.review_step != article.review_total:
        raise TransitionError(_("还未到终审签发这一步。"))
    _require(user, "review_final", article)


def check_publish(article, user):
    _require(user, "review_final", article)
    _allowed_from(article, S.APPROVED)
    _four_eyes(article, user, deciding_step=False)


def check_unpublish(article, user):
    _require(user, "review_final", article)
    _allowed_from(article, S.PUBLISHED)


def check_withdraw(article, user):
    _require(user, "review_final", article)
    _allowed_from(article, S.PUBLISHED, S.UNPUBLISHED, S.APPROVED)


def check_new_version(article, user):
    _require(user, "change_article", article)
    if not article.is_live:
        raise TransitionError(_("只有线上文章需要新建版本；请直接编辑。"))


def check_placement(article, user):
    _require(user, "review_final", article)
    if not article.is_live:
        raise TransitionError(_("只有已发布的文章可以直接调整推荐位；草稿随稿件一起审核。"))


def check_change_publish_date(article, user):
    _require(user, "change_publish_date", article)
    if not article.first_published_at:
        raise TransitionError(_("文章尚未发布，没有首次发布时间。"))


def check_preview_link(article, user):
    _require(user, "change_article", article)
    if not article_may_be_previewed(article):
        raise TransitionError(_("已撤稿或依法下架的文章不能生成预览链接。"))


# --- the actions ------------------------------------------------------------------------------


@transaction.atomic
def submit(article, user, opinion=""):
    """The author sends a draft (or a rejected or unpublished article) to review."""
    article = _locked(article)
    check_submit(article, user)
    # The checks run where people decide: a blocking problem stops submission, not the last click.
    report = checks.prepublish(article)
    if not report.ok:
        raise TransitionError(_("提交前需要处理：%(problems)s") % {"problems": "；".join(report.blocking)})
    total = steps_needed(article)
    return _move(article, user, "submit", S.IN_REVIEW, opinion, step=0, review_step=1, review_total=total)


def _seen(article, version):
    """Refuse a decision on another version than the one its maker read (``version``: the
    article's ``version`` as the page showed it; None for callers deciding what they built)."""
    if version is not None and str(version) != str(article.version):
        raise TransitionError(_("您查看之后，这篇稿件又有了新的版本：请重新查看后再决定。"))


@transaction.atomic
def approve(article, user, opinion="", version=None):
    """The reviewer of the current step passes the article on (or, at the last step, signs it off)."""
    article = _locked(article)
    check_approve(article, user)
    _seen(article, version)
    step = article.review_step
    if step < article.review_total:
        return _move(article, user, "approve", S.IN_REVIEW, opinion, step=step, review_step=step + 1)
    return _move(article, user, "approve", S.APPROVED, opinion, step=step, review_step=0)


@transaction.atomic
def reject(article, user, reason):
    """The reviewer of the current step sends the article back to its author, with a reason; an
    article signed off but not yet published goes back by 终审签发 (so a problem found after
    签发 never leaves it without a way forward)."""
    article = _locked(article)
    check_reject(article, user)
    step = article.review_step
    return _move(article, user, "reject", S.REJECTED, _reason(reason, _("退回理由")), step=step, review_step=0)


@transaction.atomic
def publish(article, user, at=None, expires_at=None, version=None):
    """终审签发 publishes an approved article, now or at ``at`` (定时发布), until ``expires_at``.

    Returns the warnings of the pre-publish checks; blocking problems raise.
    """
    article = _locked(article)
    check_publish(article, user)
    _seen(article, version)
    report = checks.prepublish(article)
    if not report.ok:
        raise TransitionError(_("发布前请先处理：") + "；".join(report.blocking))
    now = timezone.now()
    if at and at < now - BACKDATE_TOLERANCE:
        # 伪造发稿日期 is a single-veto item of the government website inspection: no path may
        # publish with a date in the past (a correction goes through change_publish_date).
        raise TransitionError(_("定时发布时间不能早于现在（不得倒填发稿日期）。"))
    go_live = at or now
    if expires_at and expires_at <= go_live:
        raise TransitionError(_("定时下线时间必须晚于上线时间。"))
    if article.replaces_id:
        _publish_new_version(article, user, expires_at)
        return report.warnings
    opinion = _("定时发布：") + timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M") if go_live > now else ""
    _move(
        article,
        user,
        "publish",
        S.PUBLISHED,
        opinion,
        is_live=True,
        live_from=go_live,
        expires_at=expires_at or article.expires_at,
        first_published_at=article.first_published_at or go_live,
    )
    return report.warnings


def _publish_new_version(draft, user, expires_at):
    live = Article.objects.select_for_update().get(pk=draft.replaces_id)
    try:
        revisions.apply(live, revisions.snapshot(draft))
    except ProtectedError:
        raise TransitionError(
            _("新版本删去了一张涉及侵权通知的图片，这张图片暂不能删除：请在新版本中保留它，或等版权审核办结该通知。")
        ) from None
    if expires_at:
        live.expires_at = expires_at
    live.status = S.PUBLISHED
    live.save(update_fields=["status", "expires_at", "updated_at"])
    revisions.bump_version(live)
    revisions.record(live, user, note=_("新版本发布"))
    _log(live, user, "publish_version", S.APPROVED, S.PUBLISHED, _("新版本替换线上内容"))
    draft.delete()


@transaction.atomic
def unpublish(article, user, reason):
    """下线: readers stop seeing the article; it can be resubmitted."""
    article = _locked(article)
    check_unpublish(article, user)
    microcache.refresh_article(article)
    return _move(article, user, "unpublish", S.UNPUBLISHED, _reason(reason, _("下线理由")), is_live=False)


@transaction.atomic
def withdraw(article, user, reason):
    """撤稿: the article is withdrawn for good (its record and revisions stay)."""
    article = _locked(article)
    check_withdraw(article, user)
    revoke_all_preview_links(article)
    microcache.refresh_article(article)
    return _move(article, user, "withdraw", S.WITHDRAWN, _reason(reason, _("撤稿理由")), is_live=False)


@transaction.atomic
def change_publish_date(article, user, new_date, reason):
    """Correct the first publish time: 终审 only, with a reason, audited (伪造发稿日期 is a veto)."""
    article = _locked(article)
    check_change_publish_date(article, user)
    reason = _reason(reason, _("修改理由"))
    old = timezone.localtime(article.first_published_at).strftime("%Y-%m-%d %H:%M")
    new = timezone.localtime(new_date).strftime("%Y-%m-%d %H:%M")
    article.first_published_at = new_date
    if article.live_from and article.live_from <= timezone.now():
        article.live_from = min(article.live_from, new_date)
    article.save(update_fields=["first_published_at", "live_from", "updated_at"])
    _log(article, user, "change_publish_date", article.status, article.status, f"{old} → {new}:{reason}")
    return article


#: Where a live article is placed on the portal (头条, 焦点图, 图片新闻, 推荐): not its content.
PLACEMENT_FLAGS = ("is_headline", "is_slideshow", "is_picture_news", "is_recommended")


@transaction.atomic
def set_placement(article, user, **flags):
    """终审签发 (or 站点管理员, who holds it) moves a live article in or out of 头条, 焦点图,
    图片新闻 and 推荐 at once: no new version and no review, since no word of it changes;
    audited, and readers see it at once (the save reaches the page cache)."""
    article = _locked(article)
    check_placement(article, user)
    changed = {name: bool(value) for name, value in flags.items() if name in PLACEMENT_FLAGS}
    changed = {name: value for name, value in changed.items() if getattr(article, name) != value}
    if not changed:
        raise TransitionError(_("推荐位没有变化。"))
    for name, value in changed.items():
        setattr(article, name, value)
    article.save(update_fields=[*changed, "updated_at"])
    labels = {name: str(Article._meta.get_field(name).verbose_name) for name in changed}
    summary = "、".join(f"{'设为' if value else '取消'}{labels[name]}" for name, value in changed.items())
    _log(article, user, "placement", article.status, article.status, summary)
    return article


@transaction.atomic
def new_version(live, user):
    """Start editing a live article: a draft copy that replaces it once published."""
    live = _locked(live)
    check_new_version(live, user)
    existing = live.draft_versions.first()
    if existing:
        return existing
    draft = Article(
        slug=f"{live.slug}-v{live.version + 1}"[:100],
        column_id=live.column_id,
        portal_id=live.portal_id,
        title=live.title,
        body=live.body,
        created_by=user,
        replaces=live,
        first_published_at=live.first_published_at,
    )
    draft.save()
    revisions.apply(draft, revisions.snapshot(live))
    revisions.record(draft, user, note=_("新建版本"))
    _log(live, user, "new_version", live.status, S.DRAFT, _("新版本草稿"))
    return draft


@transaction.atomic
def restore(revision, user):
    """Restore a revision as a new draft: into the article itself, or a new version if it is live."""
    _require(user, "change_article", revision.article)
    root = _locked(revision.article)
    target = new_version(root, user) if root.is_live else root
    target = _locked(target)
    _allowed_from(target, S.DRAFT, S.REJECTED, S.UNPUBLISHED, S.WITHDRAWN)
    revisions.apply(target, revision.data, keep_photo_ids=True)
    revisions.bump_version(target)
    revisions.record(
        target,
        user,
        note=_("恢复自 %(localtime)s 的版本")
        % {"localtime": format(timezone.localtime(revision.created_at), "%Y-%m-%d %H:%M")},
    )
    _move(target, user, "restore", S.DRAFT, _("恢复修订 #%(pk)s") % {"pk": revision.pk})
    return target


def available_transitions(user, article):
    """The workflow buttons ``user`` may press on ``article`` now: (action, label, needs a reason),
    exactly those whose check passes (``ACTIONS``)."""
    return ACTIONS.buttons(article, user)


def create_preview_link(article, user, hours=None):
    article = Article.objects.select_related("replaces", "column__portal").get(pk=article.pk)
    check_preview_link(article, user)
    hours = hours or article.column.portal.preview_link_hours
    link = PreviewLink.objects.create(
        article=article, created_by=user, expires_at=timezone.now() + timedelta(hours=hours)
    )
    _log(
        article,
        user,
        "preview_link",
        article.status,
        article.status,
        _("预览链接有效期 %(hours)s 小时") % {"hours": hours},
    )
    return link


def revoke_preview_link(link, user):
    _require(user, "change_article", link.article)
    PreviewLink.objects.filter(pk=link.pk, revoked_at=None).update(revoked_at=timezone.now())
    _log(link.article, user, "revoke_preview_link", link.article.status, link.article.status)


def revoke_all_preview_links(article):
    """Withdrawal or a takedown measure ends every preview of the article and of its drafts."""
    return PreviewLink.objects.filter(Q(article=article) | Q(article__replaces=article), revoked_at=None).update(
        revoked_at=timezone.now()
    )


def hold_failing_schedules(now=None):
    """A 定时发布 that would now fail its checks does not go live: the 错敏词 list, a library
    image's credit or a person's name may have changed since the chief scheduled it. The article
    goes back to 已签发 (not visible), audited with the reasons, and the chief and its authors are
    told. Run by ``publish_scheduled`` (cron) and after the 错敏词 list changes (a task)."""
    now = now or timezone.now()
    held = []
    for candidate in Article.objects.filter(is_live=True, live_from__gt=now, status=S.PUBLISHED, replaces=None):
        report = checks.prepublish(candidate)
        if report.ok:
            continue
        with transaction.atomic():
            article = _locked(candidate)
            if not (article.is_live and article.live_from and article.live_from > timezone.now()):
                continue  # went live or was changed meanwhile
            never_published = not article.first_published_at or article.first_published_at >= article.live_from
            article.status, article.is_live = S.APPROVED, False
            fields = ["status", "is_live", "updated_at"]
            if never_published:
                article.first_published_at = None
                fields.append("first_published_at")
            article.save(update_fields=fields)
            problems = "；".join(report.blocking)
            _log(article, None, "schedule_held", S.PUBLISHED, S.APPROVED, _("定时发布前检查未通过：") + problems)
            notifications.schedule_held(article, problems)
        held.append(article)
    return held


def record_scheduled_changes(now=None):
    """Audit go-lives and expiries that the clock has already made visible (for cron)."""
    now = now or timezone.now()
    went_live = expired = 0
    for article in (
        Article.objects.live()
        .filter(live_from__lte=now)
        .exclude(audit_entries__action="went_live", audit_entries__created_at__gte=F("live_from"))
    ):
        AuditEntry.log(
            article=article,
            action="went_live",
            from_status=article.status,
            to_status=article.status,
            opinion=_("定时发布已上线"),
            created_at=article.live_from,
        )
        went_live += 1
    for article in Article.objects.live().filter(expires_at__lte=now).exclude(audit_entries__action="expired"):
        AuditEntry.log(
            article=article,
            action="expired",
            from_status=article.status,
            to_status=article.status,
            opinion=_("定时下线已生效"),
            created_at=article.expires_at,
        )
        expired += 1
    return went_live, expired


# --- the actions as the admin offers them -------------------------------------------------------


def parse_local(value):
    """A datetime-local input (Asia/Shanghai) as an aware datetime, or None."""
    from django.utils.dateparse import parse_datetime

    if not value:
        return None
    parsed = parse_datetime(value)
    if parsed is None:
        raise TransitionError(_("时间格式不正确。"))
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed


def _approve_label(article):
    if article.review_step == article.review_total:
        return _("签发")
    return _("%(review_step_label)s通过") % {"review_step_label": article.review_step_label}


def _run_publish(article, user, inputs):
    at, expires = parse_local(inputs.get("publish_at")), parse_local(inputs.get("expires_at"))
    warnings = publish(article, user, at=at, expires_at=expires, version=inputs.get("version", ""))
    return Done(article.replaces or article, tuple(warnings))


@transaction.atomic
def _run_sign_and_publish(article, user, inputs):
    """签发 then 发布 (now or at the time given), as one change: if publishing is refused (a
    time in the past, a check that fails), the article is not signed off either."""
    approve(article, user, _opinion(inputs), version=inputs.get("version", ""))
    return _run_publish(Article.objects.get(pk=article.pk), user, inputs)


def _run_change_publish_date(article, user, inputs):
    new_date = parse_local(inputs.get("new_date"))
    if not new_date:
        raise TransitionError(_("请填写新的首次发布时间。"))
    return Done(change_publish_date(article, user, new_date, inputs.get("opinion", "")))


def _run_revoke_preview_link(article, user, inputs):
    link = PreviewLink.objects.filter(pk=str(inputs.get("link", "")).strip() or None, article=article).first()
    if link is None:
        raise TransitionError(_("预览链接不存在。"))
    revoke_preview_link(link, user)
    return Done(article)


def _opinion(inputs):
    return inputs.get("opinion", "")


#: Every action on an article, in the order of their buttons. The admin's workflow view runs
#: them by name and its buttons are those whose check passes.
ACTIONS = Actions(
    Action("submit", _lazy("提交审核"), check_submit, lambda a, u, i: Done(submit(a, u, _opinion(i)))),
    Action(
        "approve",
        _approve_label,
        check_approve,
        lambda a, u, i: Done(approve(a, u, _opinion(i), version=i.get("version", ""))),
    ),
    Action("sign_and_publish", _lazy("签发并发布"), check_sign_and_publish, _run_sign_and_publish),
    Action("reject", _lazy("退回"), check_reject, lambda a, u, i: Done(reject(a, u, _opinion(i))), needs_reason=True),
    Action("publish", _lazy("发布"), check_publish, _run_publish),
    Action(
        "unpublish",
        _lazy("下线"),
        check_unpublish,
        lambda a, u, i: Done(unpublish(a, u, _opinion(i))),
        needs_reason=True,
    ),
    Action(
        "withdraw", _lazy("撤稿"), check_withdraw, lambda a, u, i: Done(withdraw(a, u, _opinion(i))), needs_reason=True
    ),
    Action("new_version", _lazy("编辑新版本"), check_new_version, lambda a, u, i: Done(new_version(a, u))),
    Action(
        "placement",
        _lazy("调整推荐位"),
        check_placement,
        lambda a, u, i: Done(set_placement(a, u, **{name: name in i for name in PLACEMENT_FLAGS})),
    ),
    Action(
        "change_publish_date",
        _lazy("修改首次发布时间"),
        check_change_publish_date,
        _run_change_publish_date,
        needs_reason=True,
        button=False,  # a form of its own under the buttons
    ),
    Action(
        "preview_link",
        _lazy("生成审核预览链接"),
        check_preview_link,
        lambda a, u, i: Done(a, made=create_preview_link(a, u)),
        button=False,
    ),
    Action(
        "revoke_preview_link",
        _lazy("撤销预览链接"),
        lambda a, u: _require(u, "change_article", a),
        _run_revoke_preview_link,
        button=False,
    ),
)
