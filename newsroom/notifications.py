"""Who hears of an article's step, in the admin (a badge and a list) and by e-mail.

The workflow calls ``transition`` inside its transaction, so a notification exists exactly when
the step happened; the e-mails go after commit through the background tasks (django-tasks), so a
slow mail server never holds up the editor. Recipients:

- submitted, or passed to the next step: everyone who may decide that step (not its authors);
- signed off: those who may publish (终审签发), not its authors;
- returned or published: the article's authors.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from .models import Membership, Notification, NotificationSettings
from .portals import portal_of
from .review_steps import step_permission

K = Notification.Kind


def _holders(codename, app_label="newsroom", portal=None):
    """Active staff who hold ``<app_label>.<codename>`` (through a role or on their own), or
    superusers; with ``portal``, a role held in that portal (or in every portal)."""
    users = get_user_model().objects.filter(is_active=True, is_staff=True)
    memberships = Membership.objects.filter(
        roles__permissions__codename=codename, roles__permissions__content_type__app_label=app_label
    )
    if portal is not None:
        memberships = memberships.filter(Q(portal=portal) | Q(portal__isnull=True))
    granted = Q(pk__in=memberships.values("user"))
    granted |= Q(user_permissions__codename=codename, user_permissions__content_type__app_label=app_label)
    return users.filter(granted | Q(is_superuser=True)).distinct()


def transition(article, action, actor, opinion=""):
    """Notify whoever must act now that ``actor`` did ``action`` to ``article``."""
    title = article.title[:60]
    writers = article.authors()
    if action in ("submit", "approve") and article.status == article.Status.IN_REVIEW:
        step = step_permission(article.review_step, article.review_total)
        people = _holders(step, portal=article.column.portal_id).exclude(pk__in=writers)
        text = _("《%(title)s》等待您%(step)s。") % {"title": title, "step": article.review_step_label}
        kind = K.REVIEW
    elif action == "approve" and article.status == article.Status.APPROVED:
        people = _holders("review_final", portal=article.column.portal_id).exclude(pk__in=writers)
        text = _("《%(title)s》已签发，等待发布。") % {"title": title}
        kind = K.SIGNED_OFF
    elif action == "reject":
        people = get_user_model().objects.filter(pk__in=writers, is_active=True)
        text = _("《%(title)s》被退回：%(reason)s") % {"title": title, "reason": opinion[:120]}
        kind = K.RETURNED
    elif action in ("publish", "publish_version"):
        people = get_user_model().objects.filter(pk__in=writers, is_active=True)
        text = _("《%(title)s》已发布。") % {"title": title}
        kind = K.PUBLISHED
    else:
        return []
    return _send(
        Notification(recipient=user, kind=kind, article=article, text=text) for user in people.exclude(pk=actor.pk)
    )


def schedule_held(article, problems):
    """A scheduled publish failed its checks: the chiefs and the authors hear why."""
    people = get_user_model().objects.filter(
        Q(pk__in=_holders("review_final", portal=article.column.portal_id).values("pk"))
        | Q(pk__in=article.authors(), is_active=True)
    )
    text = _("《%(title)s》的定时发布已暂停，发布前检查未通过：%(problems)s") % {
        "title": article.title[:60],
        "problems": problems[:150],
    }
    return _send(
        Notification(recipient=user, kind=K.SCHEDULE_HELD, article=article, text=text) for user in people.distinct()
    )


def content_change(change, actor):
    """A change to a community, honour, facility, topic, series or page was proposed, passed a
    step, approved or returned: whoever must act next, or its authors, hear of it."""

    link = reverse("admin:newsroom_contentchange_change", args=[change.pk])
    what = f"{change.content_type.name}“{change.object_repr[:40]}”"
    if change.status == change.Status.PENDING:
        portal = portal_of(change.target) if change.target is not None else None
        portal = portal if isinstance(portal, int) else None  # a platform record or geography outside every 辖区
        step = step_permission(change.review_step, change.review_total)
        people = _holders(step, portal=portal).exclude(pk__in=change.authors)
        text = _("%(what)s的%(kind)s等待您%(step)s。") % {
            "what": what,
            "kind": change.get_kind_display(),
            "step": change.step_label,
        }
        kind = K.CHANGE_REVIEW
    else:
        people = get_user_model().objects.filter(pk__in=change.authors, is_active=True)
        text = _("%(what)s的%(kind)s%(status)s%(opinion)s") % {
            "what": what,
            "kind": change.get_kind_display(),
            "status": change.get_status_display(),
            "opinion": f"：{change.opinion[:100]}" if change.opinion else "。",
        }
        kind = K.CHANGE_DECIDED
    return _send(Notification(recipient=user, kind=kind, link=link, text=text) for user in people.exclude(pk=actor.pk))


def inspection(text, link, since):
    """Tell whoever watches the website inspection (站点管理员, 终审签发) what is at risk, once a
    day at most per person: the daily digest carries it with the rest."""
    people = _holders("view_inspectionrun", "inspection")
    told = Notification.objects.filter(kind=K.INSPECTION, created_at__gte=since).values("recipient")
    return _send(
        Notification(recipient=user, kind=K.INSPECTION, link=link, text=text[:300])
        for user in people.exclude(pk__in=told)
    )


def _send(notifications):
    made = Notification.objects.bulk_create(notifications)
    ids = [n.pk for n in made if n.pk]
    if ids:
        transaction.on_commit(lambda: send_notification_mail.enqueue(ids))
    return made


def target_url(notification):
    if notification.article_id:
        return reverse("admin:newsroom_article_change", args=[notification.article_id])
    return notification.link


def _absolute(path):
    return f"{settings.ADMIN_BASE_URL.rstrip('/')}{path}" if path else ""


def _wants(user, choice):
    chosen = getattr(getattr(user, "notification_settings", None), "email", NotificationSettings.Email.EACH)
    return chosen == choice


@task()
def send_notification_mail(ids):
    """E-mail each notification to its recipient (those with an address who want each one), once."""
    sent = 0
    pending = Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).select_related(
        "recipient__notification_settings"
    )
    for notification in pending:
        recipient = notification.recipient
        if not recipient.email or not _wants(recipient, NotificationSettings.Email.EACH):
            continue
        send_mail(
            _("[邻里] %(kind)s") % {"kind": notification.get_kind_display()},
            f"{notification.text}\n\n{_absolute(target_url(notification))}",
            None,
            [recipient.email],
        )
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


@task()
def send_daily_digests(now=None):
    """One e-mail per person who chose the daily digest: their unread notifications since the
    last digest, grouped by kind. Run once a day (cron: ``manage.py send_digests``)."""
    now = now or timezone.now()
    sent = 0
    chosen = NotificationSettings.objects.filter(email=NotificationSettings.Email.DAILY).select_related("user")
    for preference in chosen.exclude(user__email="").filter(user__is_active=True):
        unread = Notification.objects.filter(recipient=preference.user, read_at__isnull=True, emailed_at__isnull=True)
        items = list(unread.order_by("kind", "created_at"))
        if items:
            lines = [_("您有 %(count)s 条未读通知：") % {"count": len(items)}, ""]
            for notification in items:
                stamp = timezone.localtime(notification.created_at).strftime("%m-%d %H:%M")
                lines.append(f"【{notification.get_kind_display()}】{stamp} {notification.text}")
                if target_url(notification):
                    lines.append(f"    {_absolute(target_url(notification))}")
            send_mail(
                _("[邻里] 每日通知汇总（%(date)s）") % {"date": timezone.localdate(now).isoformat()},
                "\n".join(lines),
                None,
                [preference.user.email],
            )
            unread.filter(pk__in=[n.pk for n in items]).update(emailed_at=now)
            sent += 1
        NotificationSettings.objects.filter(pk=preference.pk).update(digest_sent_at=now)
    return sent
