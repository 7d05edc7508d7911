"""Background work of the newsroom (django-tasks): what may take longer than a request should."""

from django_tasks import task

from . import renditions


@task()
def make_renditions(name, width, focal_x=0.5, focal_y=0.5):
    """Every standard rendition of the library image ``name`` (``width`` px wide), so readers
    never wait for one; returns how many were made or found."""
    return sum(renditions.ensure(n) for n in renditions.standard_names(name, width, focal_x, focal_y))
