"""The ledger's two write paths (check, then one transaction with an audit row): grading a
signed-off story (稿件等级, by the portal's 终审签发) and finalising a month (定稿), after which
that month's grades and table do not change."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsroom.core.actions import ActionError, require
from newsroom.models import Article

from . import figures
from .models import Grade, Grades, LedgerEvent, LedgerMonth


class LedgerError(ActionError):
    pass


def _month_of(article):
    at = article.first_published_at or timezone.now()
    return timezone.localtime(at).date().replace(day=1)


def check_grade(article, user):
    require(user, "newsroom.review_final", _("只有终审签发可以评定稿件等级。"), obj=article)
    if article.status not in (Article.Status.APPROVED, Article.Status.PUBLISHED):
        raise LedgerError(_("签发后才能评定稿件等级。"))
    if LedgerMonth.objects.filter(portal=article.portal_id, month=_month_of(article)).exists():
        raise LedgerError(_("该月稿费表已定稿，不能再改稿件等级。"))


@transaction.atomic
def grade(article, user, value):
    check_grade(article, user)
    if value not in Grades.values:
        raise LedgerError(_("请选择稿件等级。"))
    before = Grade.objects.filter(article=article).values_list("grade", flat=True).first() or ""
    Grade.objects.update_or_create(article=article, defaults={"grade": value, "set_by": user, "set_at": timezone.now()})
    LedgerEvent.log(
        LedgerEvent.Action.GRADED,
        actor=user,
        portal_id=article.portal_id,
        from_status=before,
        to_status=value,
        note=article.title[:100],
    )


def check_finalise(portal, month, user):
    require(user, "ledger.finalise_ledger", _("您不能为该网站的稿费表定稿。"), obj=portal)
    if LedgerMonth.objects.filter(portal=portal, month=month).exists():
        raise LedgerError(_("该月稿费表已经定稿。"))
    if figures.bounds(month)[1] > timezone.now():
        raise LedgerError(_("该月尚未结束，不能定稿。"))


@transaction.atomic
def finalise(portal, month, user):
    month = month.replace(day=1)
    check_finalise(portal, month, user)
    table, totals = figures.people(portal, month)
    kept = LedgerMonth.objects.create(
        portal=portal,
        month=month,
        rows=[{**row, "amount": str(row["amount"]), "points": str(row["points"])} for row in table],
        totals={**totals, "amount": str(totals["amount"]), "points": str(totals["points"])},
        finalised_by=user,
    )
    LedgerEvent.log(LedgerEvent.Action.FINALISED, actor=user, portal=portal, note=f"{month:%Y-%m}")
    return kept
