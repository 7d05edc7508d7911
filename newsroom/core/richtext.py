"""Rich text: the one place that decides how editors write and what readers get.

The browser-side editor is CKEditor 4 (django-ckeditor), whose last free
release has known, unfixed XSS issues. We therefore never trust what it sends:
every rich-text field sanitises its value server-side with nh3 (Rust's ammonia)
against an allow-list, in the form (so the editor sees the cleaned result) and
again in ``pre_save`` (so commands, imports and the ORM are covered too).

To swap the editor, change ``RichTextField``'s base class and widget here;
models only import ``RichTextField`` from this module.
"""

import nh3
from ckeditor.fields import RichTextField as CKEditorRichTextField

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "small",
    "blockquote",
    "pre",
    "code",
    "ul",
    "ol",
    "li",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "a",
    "img",
    "figure",
    "figcaption",
    "span",
    "mark",  # an editor's highlight ("此处待核实"), which the pre-publish checks refuse to publish
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_html(html: str) -> str:
    """Return ``html`` reduced to the allow-list (scripts, event handlers,
    ``javascript:`` URLs, iframes and inline styles removed)."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


class RichTextField(CKEditorRichTextField):
    """A text field edited with CKEditor and stored sanitised."""

    def clean(self, value, model_instance):
        return super().clean(sanitize_html(value), model_instance)

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
