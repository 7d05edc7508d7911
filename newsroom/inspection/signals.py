"""A change to a portal's 错敏词 list re-scans all its published content (in the background,
after the change is committed), so a word added today is found in last year's articles."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from ..models import SensitiveWord
from .models import InspectionRun


@receiver([post_save, post_delete], sender=SensitiveWord, dispatch_uid="inspection_rescan_on_words")
def rescan(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from .tasks import inspect_portal

    portal_id, requested_at = instance.portal_id, timezone.now().isoformat()
    transaction.on_commit(lambda: inspect_portal.enqueue(portal_id, InspectionRun.Trigger.WORDS, requested_at))
