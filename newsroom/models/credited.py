"""The structured credit (图片署名) a photo carries, in the library and in each use."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..credits import CreditKind, credit_errors, render_credit


class Credited(models.Model):
    """Kind (摄, 供图, 受访者供图, 资料图片, 网络图片, 图片来源, 未署名), person, organisation and role,
    printed by ``credit_line`` as the portals print them (newsroom/credits.py)."""

    credit_kind = models.CharField(_("署名方式"), max_length=20, choices=CreditKind.choices)
    credit_person = models.ForeignKey(
        "newsroom.Person",
        verbose_name=_("拍摄/提供者"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="%(class)ss",
    )
    credit_organisation = models.CharField(_("署名单位"), max_length=100, blank=True)
    credit_role = models.CharField(_("署名职务"), max_length=50, blank=True, help_text=_("如：记者"))

    CREDIT_FIELDS = ("credit_kind", "credit_person_id", "credit_organisation", "credit_role")

    class Meta:
        abstract = True

    @property
    def credit_line(self):
        person = self.credit_person.name if self.credit_person_id else ""
        return render_credit(self.credit_kind, person, self.credit_organisation, self.credit_role)

    def credit_problems(self):
        """{field: message} when the credit does not hold together."""
        return credit_errors(self.credit_kind, self.credit_person_id, self.credit_organisation)

    def credit_values(self):
        return {name: getattr(self, name) for name in self.CREDIT_FIELDS}
