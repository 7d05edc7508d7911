"""Who hears of an article's step, in the admin (a badge and a list) and by e-mail.

The workflow calls ``transition`` inside its transaction, so a notification exists exactly when
the step happened; the e-mails go after commit through the background tasks (django-tasks), so a
slow mail server never holds up the editor. Recipients:

- submitted, or passed to the next step: everyone who may decide that step (not its authors);
- signed off: those who may publish (终审签发), not its authors;
- returned or published: the article's authors.
"""

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from .models import Notification
from .review_steps import step_permission

K = Notification.Kind


def _holders(codename):
    """Active staff who hold ``newsroom.<codename>`` (through a role or on their own), or superusers."""
    users = get_user_model().objects.filter(is_active=True, is_staff=True)
    granted = Q(groups__permissions__codename=codename, groups__permissions__content_type__app_label="newsroom")
    granted |= Q(user_permissions__codename=codename, user_permissions__content_type__app_label="newsroom")
    return users.filter(granted | Q(is_superuser=True)).distinct()


def transition(article, action, actor, opinion=""):
    """Notify whoever must act now that ``actor`` did ``action`` to ``article``."""
    from .workflow import authors

    title = article.title[:60]
    writers = authors(article)
    if action in ("submit", "approve") and article.status == article.Status.IN_REVIEW:
        step = step_permission(article.review_step, article.review_total)
        people = _holders(step).exclude(pk__in=writers)
        text = _("《%(title)s》等待您%(step)s。") % {"title": title, "step": article.review_step_label}
        kind = K.REVIEW
    elif action == "approve" and article.status == article.Status.APPROVED:
        people = _holders("review_final").exclude(pk__in=writers)
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
    made = Notification.objects.bulk_create(
        Notification(recipient=user, kind=kind, article=article, text=text) for user in people.exclude(pk=actor.pk)
    )
    ids = [n.pk for n in made if n.pk]
    if ids:
        transaction.on_commit(lambda: send_notification_mail.enqueue(ids))
    return made


@task()
def send_notification_mail(ids):
    """E-mail each notification to its recipient (those with an address), once."""
    sent = 0
    for notification in Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).select_related("recipient"):
        address = notification.recipient.email
        if not address:
            continue
        link = (
            reverse("admin:newsroom_article_change", args=[notification.article_id]) if notification.article_id else ""
        )
        send_mail(
            _("[邻里] %(kind)s") % {"kind": notification.get_kind_display()},
            f"{notification.text}\n\n{link}",
            None,
            [address],
        )
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent
