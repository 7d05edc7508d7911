"""Model fields for counts and measures whose errors name the field.

Django's stock messages ("确保该值大于或等于 0。") do not say which field was
wrong once they reach a summary or a log; these do.
"""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


def negative_message(verbose_name):
    return format_lazy(_("{field}不能为负数。"), field=verbose_name)


class CountField(models.PositiveIntegerField):
    """A non-negative whole number (people, households, rooms…), optional."""

    def __init__(self, verbose_name=None, **kwargs):
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        super().__init__(verbose_name, **kwargs)
        self.error_messages["min_value"] = negative_message(verbose_name)

    def formfield(self, **kwargs):
        field = super().formfield(**kwargs)
        field.error_messages["min_value"] = self.error_messages["min_value"]
        return field


class MeasureField(models.DecimalField):
    """A non-negative measure (area, length…), optional."""

    def __init__(self, verbose_name=None, max_digits=12, decimal_places=2, **kwargs):
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("validators", [MinValueValidator(Decimal(0))])
        super().__init__(verbose_name, max_digits=max_digits, decimal_places=decimal_places, **kwargs)
        self.error_messages["min_value"] = negative_message(verbose_name)


class Approximation(models.TextChoices):
    """How exact a figure is, as the sources say it: 约300人, 10余支, 70多项."""

    EXACT = "", _("准确数")
    ABOUT = "about", _("约")
    OVER = "over", _("余")
    MORE = "more", _("多")


def qualifier_field(of):
    """The companion of a count or measure: how exact the source's figure is."""
    return models.CharField(
        format_lazy(_("{field}·约数"), field=of), max_length=5, choices=Approximation.choices, blank=True, default=""
    )


def format_figure(value, qualifier="", unit=""):
    """约 300 米 · 5100 余户 · 70 多项 · 5002 户; '' when the figure is unknown."""
    if value is None or value == "":
        return ""
    number = f"{Decimal(value).normalize():f}" if isinstance(value, Decimal) else str(value)
    if qualifier == Approximation.ABOUT:
        return f"约 {number} {unit}".rstrip()
    if qualifier == Approximation.OVER:
        return f"{number} 余{unit}"
    if qualifier == Approximation.MORE:
        return f"{number} 多{unit}"
    return f"{number} {unit}".rstrip()


class DatePrecision(models.TextChoices):
    """How much of a date the source gives ("2012年8月" has no day)."""

    DAY = "day", "日"
    MONTH = "month", "月"
    YEAR = "year", "年"


def format_partial_date(value, precision):
    """2002年1月1日 / 2012年8月 / 2018年, as Chinese portals print dates."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year}年"
    if precision == DatePrecision.MONTH:
        return f"{value.year}年{value.month}月"
    return f"{value.year}年{value.month}月{value.day}日"
