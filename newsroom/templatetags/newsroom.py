from django import template

from config.chinese import to_traditional

register = template.Library()


@register.filter
def in_script(text, script):
    """Show generated text (credit lines) in the script the article was published in."""
    return to_traditional(text) if script == "zh-hant" else text


@register.filter
def names(people, separator="、"):
    return separator.join(person.name for person in people)
