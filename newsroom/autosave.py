"""Autosave of the article page: the browser sends what the editor typed every ~30 seconds, it is
kept per editor and article (Wagtail-style, on the server, so it survives a crash or a closed tab),
and the page offers it back when it is newer than the article's last save.

The working copy here is private: nothing a reader or reviewer sees changes until the editor
saves the form, which goes through the admin's validation and sanitising like any save.
"""

import json
import re

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from .models import Article, Autosave

# The article's own fields: what the browser may send and what a restore puts back (with the
# bylines' rows below). Photos are not in it: each is saved the moment its dialog is.
FIELDS = frozenset(
    field.name
    for field in Article._meta.get_fields()
    if getattr(field, "editable", False) and not field.auto_created and field.concrete or field.many_to_many
)
# The rows of the page's bylines, by their form prefix: what an editor types or picks in them (not
# the row's id or its 删除 box). A chosen person comes with its label (``name#label``), so a
# restore can show it in its autocomplete box.
ROW_FIELDS = {"credits": {"order", "role", "organisation", "person", "name", "in_dateline", "at_end"}}
ROW = re.compile(r"^(credits)-(\d{1,3})-([a-z_]+)(#label)?$")
MAX_BYTES = 2_000_000


def kept_field(name):
    """Whether the browser may send ``name``: an article field, or a byline's."""
    if name in FIELDS:
        return True
    row = ROW.match(name)
    return bool(row and row.group(3) in ROW_FIELDS[row.group(1)])


class AutosaveError(ValueError):
    pass


def _clean(data):
    if not isinstance(data, dict):
        raise AutosaveError("autosave data must be an object")
    kept = {}
    for name, value in data.items():
        if not kept_field(name):
            continue
        if isinstance(value, list):
            value = [str(item) for item in value][:200]
        elif not isinstance(value, (str, bool)):
            value = "" if value is None else str(value)
        kept[name] = value
    if len(json.dumps(kept, ensure_ascii=False).encode()) > MAX_BYTES:
        raise AutosaveError("autosave data too large")
    return kept


def store(user, article, data, may_edit):
    """Keep ``data`` as ``user``'s autosave of ``article`` (None: the new-article page).
    ``may_edit`` is the admin's answer to "may this user change it" — an autosave is no way to
    work on something the user may not edit."""
    if not may_edit:
        raise PermissionDenied
    kept = _clean(data)
    with transaction.atomic():
        saved, _created = Autosave.objects.update_or_create(
            article=article, user=user, defaults={"data": kept, "saved_at": timezone.now()}
        )
    return saved


def pending(user, article):
    """The autosave to offer on the page: newer than the article's last save, else None."""
    saved = Autosave.objects.filter(article=article, user=user).first()
    if saved is None:
        return None
    if article is not None and article.updated_at and saved.saved_at <= article.updated_at:
        return None
    return saved


def discard(user, article):
    """The editor saved the form, or chose not to restore: the autosave goes."""
    Autosave.objects.filter(article=article, user=user).delete()
