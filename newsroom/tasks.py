"""Background work of the newsroom (django-tasks): what may take longer than a request should."""

from django.db import transaction
from django_tasks import task

from . import renditions
from .workflow import hold_failing_schedules


@task()
def make_renditions(name, width, focal_x=0.5, focal_y=0.5):
    """Every standard rendition of the library image ``name`` (``width`` px wide), so readers
    never wait for one; returns how many were made or found."""
    return sum(renditions.ensure(n) for n in renditions.standard_names(name, width, focal_x, focal_y))


@task()
def recheck_scheduled():
    """Scheduled publishes checked again (after the 错敏词 list changed); those that now fail
    are held back, and the chief told. Returns how many were held."""
    return len(hold_failing_schedules())


def sensitive_words_changed(sender, **kwargs):
    transaction.on_commit(recheck_scheduled.enqueue)


def library_image_saved(sender, instance, raw=False, **kwargs):
    """A library image saved (uploaded, adopted, its focal point moved): its renditions are made
    in the background once the save commits. (loaddata's raw saves make none: a restore has them.)"""
    if raw:
        return
    name, width, fx, fy = instance.file.name, instance.width, instance.focal_x, instance.focal_y
    transaction.on_commit(lambda: make_renditions.enqueue(name, width, fx, fy))
