"""A change to a portal's 错敏词 list re-scans all its published content (in the background,
after the change is committed), so a word added today is found in last year's articles; a
city's list applies to its districts, so they are re-scanned too."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from ..models import Portal, SensitiveWord
from .models import InspectionRun


@receiver([post_save, post_delete], sender=SensitiveWord, dispatch_uid="inspection_rescan_on_words")
def rescan(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from .tasks import inspect_portal

    requested_at = timezone.now().isoformat()
    portal = Portal.objects.filter(pk=instance.portal_id).first()
    affected = [instance.portal_id, *(portal.descendants() if portal else [])]
    for portal_id in affected:
        transaction.on_commit(
            lambda portal_id=portal_id: inspect_portal.enqueue(portal_id, InspectionRun.Trigger.WORDS, requested_at)
        )
