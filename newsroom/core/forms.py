"""Small form helpers shared by both apps."""

from django.db import models


def https_urls(db_field, **kwargs):
    """A ModelForm ``formfield_callback``: a bare "example.com" means https (Django 6's default)."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)
