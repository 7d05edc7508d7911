"""Mail to notifiers and authors: queued in the database with the step it reports, sent after
the transaction commits, retried until it goes. A mail server that is down, or a portal name
with a line break in it, never turns a notice into a 500: the notifier gets the reference and
the tracking link on the page, and the mail follows when it can.

``python manage.py send_takedown_mail`` (cron, every minute) sends what is still waiting; the
desk shows each message as sent, with its time, so what the record says happened did happen.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone

from newsroom.core.plaintext import one_line

from .models import Evidence, OutboundMail

#: Sent inside the transaction that marks a message sent (``mail``: the OutboundMail).
delivered = Signal()

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 20


def site_url(portal, path):
    """An absolute address on ``portal`` for a message (the portal's first host name)."""
    host = portal.host_list[0] if portal.host_list else "localhost"
    scheme = "https" if settings.HTTPS else "http"
    return f"{scheme}://{host}{path}"


def tracking_url(notice):
    return site_url(notice.portal, reverse("takedowns:track", args=[notice.token]))


def queue(notice, kind, to, subject, body, attachments=()):
    """Write the message now (inside the caller's transaction); send it once that commits."""
    if not to:
        return None
    mail = OutboundMail.objects.create(
        request=notice,
        kind=kind,
        to=to,
        subject=one_line(subject)[:200],
        body=body,
        attachments=[evidence.pk for evidence in attachments],
    )
    transaction.on_commit(lambda: deliver(mail.pk))
    return mail


def deliver(pk):
    """Send one waiting message; True when it went. Failures are kept for the next try."""
    with transaction.atomic():
        mail = OutboundMail.objects.select_for_update().filter(pk=pk, sent_at=None).first()
        if mail is None:
            return False
        message = EmailMessage(mail.subject, mail.body, None, [mail.to])
        for evidence in Evidence.objects.filter(pk__in=mail.attachments).select_related("request"):
            with evidence.file.open("rb") as handle:
                message.attach(evidence.download_name, handle.read(), evidence.content_type)
        mail.attempts += 1
        try:
            message.send()
        except Exception as error:  # SMTP down, refused, bad header: keep it and try again later
            logger.warning("takedown mail %s not sent: %s", mail.pk, error)
            mail.last_error = str(error)[:300]
            mail.save(update_fields=["attempts", "last_error"])
            return False
        mail.sent_at = timezone.now()
        mail.save(update_fields=["attempts", "sent_at", "last_error"])
        # What the law counts from delivery starts now: actions.mail_delivered records it.
        delivered.send(sender=OutboundMail, mail=mail)
        return True


def send_waiting():
    """Try every message still waiting (oldest first); returns (sent, still waiting)."""
    waiting = OutboundMail.objects.filter(sent_at=None, attempts__lt=MAX_ATTEMPTS).values_list("pk", flat=True)
    sent = sum(1 for pk in list(waiting) if deliver(pk))
    return sent, OutboundMail.objects.filter(sent_at=None).count()
