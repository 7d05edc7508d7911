"""What a reader may see of content that is not an article: the last approved version.

Communities, honours, facilities, topics, series and standalone pages carry ``is_live``: a new
one is hidden until a reviewer approves it, and a change to a live one waits in review
(newsroom/content_review.py) while readers keep seeing the approved row. ``public()`` is the
one definition of what readers see; every public page and list goes through it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewedQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_live=True)


class Reviewed(models.Model):
    is_live = models.BooleanField(
        _("已审核发布"), default=False, editable=False,
        help_text=_("审核通过后读者才能看到；修改须再经审核，读者始终看到最后一次审核通过的版本。"),
    )

    objects = ReviewedQuerySet.as_manager()

    class Meta:
        abstract = True
