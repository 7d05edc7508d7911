"""The audit trails' common shape: who did what, when, from which state to which.

The article trail (``newsroom.AuditEntry``), the takedown desk's (``takedowns.TakedownEvent``)
and the comment desk's (``comments.CommentEvent``) are all ``AuditRecord``s, and every row of
them is written through one call, ``Model.log(action, actor=…, **fields)``. Each names its actions as choices with labels (``Action``), so no history
shows a raw code, and an action that is not one of them is refused when it is written; each
says which states its ``from_status``/``to_status`` are (``STATES``). Legal facts are structured
fields of the records they belong to, never read back out of an entry's text.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditRecord(models.Model):
    #: The TextChoices of the states this trail moves between (set by each trail).
    STATES = None

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    from_status = models.CharField(_("原状态"), max_length=20, blank=True)
    to_status = models.CharField(_("新状态"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{timezone.localtime(self.created_at):%Y-%m-%d %H:%M} {self.action_label}"

    @classmethod
    def log(cls, action, actor=None, **fields):
        """Write one row of this trail (the only way rows are written: tests/test_architecture.py)."""
        return cls.objects.create(action=action, actor=actor, **fields)

    def save(self, *args, **kwargs):
        if self.action not in self.Action.values:  # a new action gets its label first
            raise ValidationError(f"{type(self).__name__}: unknown action {self.action!r}")
        super().save(*args, **kwargs)

    @property
    def action_label(self):
        return self.get_action_display()

    def _state_label(self, value):
        return self.STATES(value).label if self.STATES and value in self.STATES.values else ""

    @property
    def from_label(self):
        return self._state_label(self.from_status)

    @property
    def to_label(self):
        return self._state_label(self.to_status)
