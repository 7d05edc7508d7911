from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def measure(value):
    """0.270 → 0.27, 1700.00 → 1700: figures as the sources print them."""
    if value is None or value == "":
        return ""
    return f"{Decimal(value).normalize():f}"
