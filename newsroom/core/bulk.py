"""Admin actions over selected rows: run one state change per row through the module that owns
it, and tell the user what was done and what was refused (and why), row by row."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext


def run_each(request, objects, act, *args, refusals=(), describe=str, name_done=False):
    """Call ``act(obj, request.user, *args)`` for every object. ``refusals`` are the exceptions
    that mean "not allowed in this state" (PermissionDenied always is); their message goes to the
    user beside ``describe(obj)``. With ``name_done`` the success message lists what was done."""
    done, refused = [], []
    for obj in objects:
        try:
            act(obj, request.user, *args)
        except (PermissionDenied, *refusals) as error:
            refused.append(f"{describe(obj)}：{error or gettext('没有权限')}")
        else:
            done.append(describe(obj))
    if done and name_done:
        messages.success(request, gettext("已处理 %(n)s 篇：%(titles)s") % {"n": len(done), "titles": "、".join(done)})
    elif done:
        messages.success(request, gettext("已处理 %(n)s 条。") % {"n": len(done)})
    for line in refused[:20]:
        messages.error(request, gettext("未处理 %(line)s") % {"line": line})
    if len(refused) > 20:
        messages.error(request, gettext("另有 %(n)s 条未处理。") % {"n": len(refused) - 20})
    return len(done)
