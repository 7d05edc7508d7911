from decimal import Decimal

from django import template

from ..fields import format_figure

register = template.Library()


@register.filter
def measure(value):
    """0.270 → 0.27, 1700.00 → 1700: figures as the sources print them."""
    if value is None or value == "":
        return ""
    return f"{Decimal(value).normalize():f}"


@register.simple_tag
def figure(obj, name, unit=""):
    """A figure with its unit and the source's approximation (约, 余, 多)."""
    return format_figure(getattr(obj, name), getattr(obj, f"{name}_qualifier", ""), unit)
