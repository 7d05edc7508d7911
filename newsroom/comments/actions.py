"""Every change on the comment desk, and the reader's own posts, likes and reports: each checks
what the actor may do, runs in a transaction and writes the trail (``CommentEvent``). Views and the
admin call these; nothing else changes a comment's state."""

import re
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from newsroom.core import actions as base
from newsroom.core import throttle
from newsroom.core.chinese import matchable

from ..models import Article, SensitiveWord
from .models import Blacklist, ClosedArticle, Comment, Commenter, CommentEvent, CommentSettings, Level, Like, Report
from .regions import region
from .verifiers import real_verifier

S = Comment.Status
LINK = re.compile(r"(https?://|www\.|\.(com|cn|net|org)\b)", re.IGNORECASE)
REPORTS_PER_HOUR = 20


class CommentError(base.ActionError):
    """Refused, with the sentence the reader or moderator is shown."""


class RateLimited(CommentError):
    """Too many in the last hour: answered with 429."""


# --- whether comments exist at all ----------------------------------------------------------------


def comments_allowed():
    """Fail closed: with DEBUG off, only a real identity verifier lets comments exist."""
    return settings.DEBUG or real_verifier()


def settings_for(portal):
    return CommentSettings.objects.filter(portal=portal).prefetch_related("closed_columns").first()


def closed_columns(portal, policy=None):
    """None when the portal shows no comments at all; else the ids of its columns without."""
    policy = policy if policy is not None else settings_for(portal)
    if policy is None or not policy.enabled or not comments_allowed():
        return None
    return {c.pk for c in policy.closed_columns.all()}


def in_closed_column(article, closed):
    column = article.column
    while column is not None:
        if column.pk in closed:
            return True
        column = column.parent
    return False


def state(article, portal, policy=None):
    """(shown, open): whether the article shows comments, and whether it takes new ones (an
    article whose comments an editor closed still shows the approved ones)."""
    closed = closed_columns(portal, policy)
    if closed is None or in_closed_column(article, closed):
        return False, False
    return True, not ClosedArticle.objects.filter(article=article).exists()


# --- readers --------------------------------------------------------------------------------------


def check_nickname(display_name):
    """The nickname as it will be shown, or CommentError. It is shown beside comments on every
    portal, so any portal's blocking 错敏词 refuses it. (The verify page asks this before it
    spends the reader's code.)"""
    name = (display_name or "").strip()
    if not name or len(name) > 20:
        raise CommentError(_("请填写昵称（不超过20个字）。"))
    plain = matchable(name)
    blocked = [
        word
        for word in SensitiveWord.objects.filter(severity=SensitiveWord.Severity.BLOCK).values_list("word", flat=True)
        if matchable(word) and matchable(word) in plain
    ]
    if blocked:
        raise CommentError(_("昵称中有不允许使用的内容：%(words)s。请换一个昵称。") % {"words": "、".join(blocked)})
    return name


def register(identity, display_name):
    """The commenter behind a verified identity (a new one, or the one it already had)."""
    name = check_nickname(display_name)
    if Blacklist.objects.filter(identity_hash=identity.hash).exists():
        raise CommentError(_("该号码已被列入黑名单，不能评论。"))
    commenter, created = Commenter.objects.get_or_create(
        identity_hash=identity.hash, defaults={"kind": identity.kind, "masked": identity.masked, "display_name": name}
    )
    if commenter.closed_at:
        raise CommentError(_("该账号已被关闭，不能评论。"))
    if not created and commenter.display_name != name:
        Commenter.objects.filter(pk=commenter.pk).update(display_name=name)
        commenter.display_name = name
    return commenter


def _count(key, limit, message):
    if throttle.exceeded(key, limit, 3600):
        raise RateLimited(message)


def _may_speak(commenter):
    commenter.refresh_from_db(fields=["closed_at", "muted_until", "level"])
    if commenter.closed_at or Blacklist.objects.filter(identity_hash=commenter.identity_hash).exists():
        raise CommentError(_("该账号已被关闭，不能评论。"))
    if commenter.is_muted:
        until = timezone.localtime(commenter.muted_until).strftime("%Y-%m-%d %H:%M")
        raise CommentError(_("您已被禁言至%(until)s。") % {"until": until})


def _words(portal, text):
    """(blocking words found, warning words found) of the portal's 错敏词 list (and those above it)."""
    plain = matchable(text)
    block, warn = [], []
    for word in SensitiveWord.objects.inherited(portal):
        needle = matchable(word.word)
        if needle and needle in plain:
            (block if word.severity == SensitiveWord.Severity.BLOCK else warn).append(word.word)
    return block, warn


@transaction.atomic
def post(commenter, article, body, parent=None, address=None):
    """A new comment (or a reply to an approved one), waiting for review."""
    portal = article.column.portal
    policy = settings_for(portal)
    shown, open_ = state(article, portal, policy)
    if not open_:
        raise CommentError(_("本文暂不开放评论。"))
    _may_speak(commenter)
    text = (body or "").strip()
    if not text:
        raise CommentError(_("请写下评论内容。"))
    if len(text) > policy.max_length:
        raise CommentError(
            _("评论不能超过%(max)s字（现有%(n)s字），请删减后再提交。") % {"max": policy.max_length, "n": len(text)}
        )
    if commenter.level != Level.TRUSTED and LINK.search(text):
        raise CommentError(_("您目前的信用等级不能在评论中发布链接。"))
    if parent is not None:
        parent = Comment.objects.filter(pk=parent.pk).first()
        if parent is None or parent.article_id != article.pk or parent.status != S.APPROVED:
            raise CommentError(_("要回复的评论已删除或尚未通过审核，不能回复。"))
        if parent.parent_id:  # one level of replies: a reply to a reply answers the same comment
            parent = parent.parent
    named, _warned = _words(portal, commenter.display_name)  # the list may have grown since
    if named:
        raise CommentError(
            _("您的昵称中有不允许发布的内容：%(words)s。请重新验证手机号并换一个昵称。") % {"words": "、".join(named)}
        )
    block, warn = _words(portal, text)
    if block:
        raise CommentError(_("评论中有不允许发布的内容：%(words)s。请修改后再提交。") % {"words": "、".join(block)})
    _count(
        f"comments:post:{commenter.pk}",
        policy.per_hour(commenter.level),
        _("您发表评论太频繁了，请稍后再试（每小时最多%(n)s条）。") % {"n": policy.per_hour(commenter.level)},
    )
    if address:
        _count(f"comments:post-ip:{address}", policy.per_hour_address, _("该网络发表评论太频繁了，请稍后再试。"))
    comment = Comment.objects.create(
        article=article,
        commenter=commenter,
        parent=parent,
        body=text,
        flagged="、".join(warn),
        ip_address=address or None,
        region=region(address),
    )
    CommentEvent.log(
        action=CommentEvent.Action.POST, comment=comment, commenter=commenter, article=article, to_status=S.PENDING
    )
    return comment


@transaction.atomic
def like(commenter, comment):
    """One like per reader; only approved comments can be liked. Returns the new count."""
    comment = Comment.objects.select_for_update().filter(pk=comment.pk).first()
    if comment is None or comment.status != S.APPROVED:
        raise CommentError(_("这条评论不存在或尚未通过审核。"))
    _count(f"comments:like:{commenter.pk}", settings.COMMENT_LIKES_PER_HOUR, _("点赞太频繁了，请稍后再试。"))
    try:
        with transaction.atomic():
            Like.objects.create(comment=comment, commenter=commenter)
    except IntegrityError:
        raise CommentError(_("您已经赞过这条评论。")) from None
    Comment.objects.filter(pk=comment.pk).update(like_count=F("like_count") + 1)
    return comment.like_count + 1


@transaction.atomic
def report(comment, reason, detail="", address=None):
    if comment.status != S.APPROVED:
        raise CommentError(_("这条评论不存在或已删除。"))
    if reason not in Report.Reason.values:
        raise CommentError(_("请选择举报原因。"))
    if address:
        _count(f"comments:report-ip:{address}", REPORTS_PER_HOUR, _("举报太频繁了，请稍后再试。"))
    made = Report.objects.create(
        comment=comment, reason=reason, detail=(detail or "").strip()[:300], ip_address=address or None
    )
    CommentEvent.log(
        action=CommentEvent.Action.REPORT,
        comment=comment,
        article_id=comment.article_id,
        opinion=made.get_reason_display(),
    )
    return made


# --- the desk -------------------------------------------------------------------------------------


def _require(user, codename, obj):
    base.require(user, codename, obj=obj)


def _locked(comment):
    return base.locked(comment)


def _decide(comment, user, to, action, reason=""):
    old = comment.status
    comment.status, comment.reason = to, reason
    comment.decided_at, comment.decided_by = timezone.now(), user
    comment.save(update_fields=["status", "reason", "decided_at", "decided_by"])
    CommentEvent.log(
        action=action,
        actor=user,
        comment=comment,
        commenter_id=comment.commenter_id,
        article_id=comment.article_id,
        from_status=old,
        to_status=to,
        opinion=reason,
    )
    return comment


@transaction.atomic
def approve(comment, user):
    _require(user, "comments.moderate_comment", comment)
    comment = _locked(comment)
    if comment.status != S.PENDING:
        raise CommentError(_("这条评论已处理过。"))
    return _decide(comment, user, S.APPROVED, CommentEvent.Action.APPROVE)


def _reason(reason):
    return base.reason(reason, error=CommentError, limit=300)


@transaction.atomic
def reject(comment, user, reason):
    _require(user, "comments.moderate_comment", comment)
    comment = _locked(comment)
    if comment.status != S.PENDING:
        raise CommentError(_("这条评论已处理过。"))
    return _decide(comment, user, S.REJECTED, CommentEvent.Action.REJECT, _reason(reason))


@transaction.atomic
def remove(comment, user, reason):
    _require(user, "comments.moderate_comment", comment)
    comment = _locked(comment)
    if comment.status != S.APPROVED:
        raise CommentError(_("只能删除已显示的评论。"))
    return _decide(comment, user, S.REMOVED, CommentEvent.Action.REMOVE, _reason(reason))


@transaction.atomic
def decide_report(made, user, uphold, outcome):
    """举报属实: the comment is removed; 不属实: it stays. The reporter sees the outcome."""
    _require(user, "comments.moderate_comment", made.comment)
    made = base.locked(made)
    if made.status != Report.Status.OPEN:
        raise CommentError(_("这条举报已处理过。"))
    outcome = _reason(outcome)
    if uphold and made.comment.status == S.APPROVED:
        remove(made.comment, user, outcome)
    made.status = Report.Status.UPHELD if uphold else Report.Status.DISMISSED
    made.outcome, made.decided_at, made.decided_by = outcome, timezone.now(), user
    made.save(update_fields=["status", "outcome", "decided_at", "decided_by"])
    # Other open reports of the same comment get the same answer.
    Report.objects.filter(comment=made.comment, status=Report.Status.OPEN).update(
        status=made.status, outcome=outcome, decided_at=made.decided_at, decided_by=user
    )
    CommentEvent.log(
        action=CommentEvent.Action.UPHOLD if uphold else CommentEvent.Action.DISMISS,
        actor=user,
        comment=made.comment,
        article_id=made.comment.article_id,
        opinion=outcome,
    )
    return made


def _measure(commenter, user, action, reason, **changes):
    _require(user, "comments.change_commenter", None)
    reason = _reason(reason)
    for name, value in changes.items():
        setattr(commenter, name, value)
    if changes:
        commenter.save(update_fields=list(changes))
    CommentEvent.log(action=action, actor=user, commenter=commenter, opinion=reason)
    return commenter


@transaction.atomic
def warn(commenter, user, reason):
    return _measure(commenter, user, CommentEvent.Action.WARN, reason, warnings=commenter.warnings + 1)


@transaction.atomic
def mute(commenter, user, days, reason):
    if not 1 <= int(days) <= 365:
        raise CommentError(_("禁言天数应在1至365天之间。"))
    until = timezone.now() + timedelta(days=int(days))
    return _measure(commenter, user, CommentEvent.Action.MUTE, f"{reason}（{days}天）", muted_until=until)


@transaction.atomic
def block(commenter, user, reason):
    """关闭账号 and 黑名单: the identity cannot come back under a new name."""
    _measure(commenter, user, CommentEvent.Action.BLOCK, reason, closed_at=timezone.now())
    Blacklist.objects.get_or_create(
        identity_hash=commenter.identity_hash,
        defaults={"masked": commenter.masked, "reason": reason[:300], "created_by": user},
    )
    return commenter


@transaction.atomic
def set_level(commenter, user, level, reason):
    if level not in Level.values:
        raise CommentError(_("请选择信用等级。"))
    return _measure(commenter, user, CommentEvent.Action.LEVEL, f"{Level(level).label}：{reason}", level=level)


@transaction.atomic
def close_article(article, user):
    _require(user, "newsroom.change_article", article)
    ClosedArticle.objects.get_or_create(article=article, defaults={"closed_by": user})
    CommentEvent.log(action=CommentEvent.Action.CLOSE, actor=user, article=article)


@transaction.atomic
def open_article(article, user):
    _require(user, "newsroom.change_article", article)
    ClosedArticle.objects.filter(article=article).delete()
    CommentEvent.log(action=CommentEvent.Action.OPEN, actor=user, article=article)


def purge(now=None):
    """Records older than each portal's retention: comments (with their likes, reports and
    trail), verification codes, and commenters with nothing left. Returns the count removed."""
    from .models import Verification

    now = now or timezone.now()
    removed = 0
    for policy in CommentSettings.objects.all():
        old = Comment.objects.filter(
            article__portal=policy.portal_id, created_at__lt=now - timedelta(days=policy.retention_days)
        )
        replies = Comment.objects.filter(parent__in=old.values("pk"))
        removed += replies.delete()[0] + old.delete()[0]
    Verification.objects.filter(expires_at__lt=now - timedelta(days=1)).delete()
    unused = Commenter.objects.filter(
        comments__isnull=True, closed_at__isnull=True, created_at__lt=now - timedelta(days=183)
    )
    removed += unused.delete()[0]
    return removed


def visible_article(portal, slug):
    return Article.objects.public(portal).select_related("column__parent__parent").filter(slug=slug).first()
