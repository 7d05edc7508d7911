"""Control characters out of stored text.

Word and WPS put U+000B (Shift+Enter) and other control characters into what editors paste;
XML 1.0 cannot carry them, so one of them in a title broke every feed. ``connect`` cleans every
text field of the given apps before it is saved; feeds clean again what older rows still hold.
"""

import re

from django.db import models
from django.db.models.signals import pre_save

# C0 and C1 controls and DEL; a one-line field loses tab and line breaks too.
_CONTROLS_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROLS_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


def one_line(text):
    """A title or name: every control character becomes one space."""
    return _CONTROLS_LINE.sub(" ", text).strip() if text else text


def multiline(text):
    """A summary or body: controls out, line breaks and tabs kept."""
    return _CONTROLS_MULTILINE.sub("", text) if text else text


def clean_instance(instance):
    for field in instance._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                clean = multiline(value) if isinstance(field, models.TextField) else one_line(value)
                if clean != value:
                    setattr(instance, field.attname, clean)


def connect(*app_labels):
    def receiver(sender, instance, raw=False, **kwargs):
        if sender._meta.app_label in app_labels:
            clean_instance(instance)

    pre_save.connect(receiver, weak=False, dispatch_uid="linli.plaintext")
