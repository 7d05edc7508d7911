"""The shape every write path shares (workflow, content review, the takedown desk, comments):
check the actor's permission, check the state and the input, then change rows in a transaction
with an audit row. This module holds the checks they all use; each write path keeps its own
error class (a subclass of ``ActionError``) so callers can tell them apart."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


class ActionError(Exception):
    """The change is not possible in the object's state, or input is missing; the message is
    shown to the user as it is."""


def require(user, permission, message=None):
    """Refuse ``user`` without ``permission`` ("app_label.codename")."""
    if user is None or not user.has_perm(permission):
        raise PermissionDenied(message or _("您没有执行此操作的权限。"))


def locked(obj, *related):
    """``obj`` read again with its row locked until the transaction ends (``select_for_update``;
    SQLite locks the whole database on write instead), with ``related`` joined: every write
    path reads the row it changes this way, so two desks acting at once run one after the other."""
    return type(obj)._default_manager.select_for_update(of=("self",)).select_related(*related).get(pk=obj.pk)


def reason(text, what=None, error=ActionError, limit=None):
    """The stripped ``text``, or ``error`` asking for it (请填写理由); cut at ``limit``."""
    text = (text or "").strip()
    if not text:
        raise error(_("请填写%(what)s。") % {"what": what or _("理由")})
    return text[:limit] if limit else text
