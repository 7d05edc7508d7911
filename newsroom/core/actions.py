"""The shape every write path shares (workflow, content review, the takedown desk, comments):
check the actor's permission, check the state and the input, then change rows in a transaction
with an audit row. This module holds the checks they all use; each write path keeps its own
error class (a subclass of ``ActionError``) so callers can tell them apart."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


class ActionError(Exception):
    """The change is not possible in the object's state, or input is missing; the message is
    shown to the user as it is."""


def require(user, permission, message=None, obj=None):
    """Refuse ``user`` without ``permission`` ("app_label.codename"), for ``obj``'s portal when
    given (roles are held per portal, newsroom/portals.py)."""
    if user is None or not user.has_perm(permission, obj):
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


@dataclass
class Done:
    """What an action left: the object to show next, warnings to pass on, anything it made."""

    target: object = None
    warnings: tuple = ()
    made: object = None


class Action:
    """One thing a person may do to an object, in the shape every write path shares:
    ``check(obj, user)`` raises the reason it is not possible now (PermissionDenied or an
    ``ActionError``) and changes nothing; ``run(obj, user, inputs)`` does it (the write path's
    function, which locks the row, checks again and writes the audit row) from the inputs a
    form sent. The admin offers a button exactly when ``check`` passes, so nothing offered is
    refused and nothing refused is offered (tests/controls/test_action_walk.py)."""

    def __init__(self, name, label, check, run, needs_reason=False, button=True):
        self.name, self._label, self.check, self.run = name, label, check, run
        self.needs_reason, self.button = needs_reason, button

    def label(self, obj):
        return str(self._label(obj) if callable(self._label) else self._label)

    def refusal(self, obj, user):
        """Why ``user`` may not do this to ``obj`` now, or None when they may."""
        try:
            self.check(obj, user)
        except PermissionDenied as error:
            return str(error) or _("您没有执行此操作的权限。")
        except ActionError as error:
            return str(error)
        return None


class Actions:
    """A write path's actions by name, in the order their buttons appear."""

    def __init__(self, *actions):
        self._actions = {action.name: action for action in actions}

    def __iter__(self):
        return iter(self._actions.values())

    def __getitem__(self, name):
        return self._actions[name]

    def get(self, name):
        return self._actions.get(name)

    def allowed(self, obj, user):
        """The names of the actions ``user`` may take on ``obj`` now."""
        return {action.name for action in self if action.refusal(obj, user) is None}

    def buttons(self, obj, user):
        """(name, label, needs a reason) of the buttons to show ``user`` on ``obj``'s page."""
        return [
            (action.name, action.label(obj), action.needs_reason)
            for action in self
            if action.button and action.refusal(obj, user) is None
        ]

    def run(self, name, obj, user, inputs):
        action = self._actions.get(name)
        if action is None:
            raise ActionError(_("未知操作。"))
        return action.run(obj, user, inputs)
