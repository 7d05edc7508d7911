"""The review steps (三审) and their four-eyes rule: one definition for articles
(newsroom/workflow.py) and for every other piece of content under review
(newsroom/content_review.py).

A portal reviews in one step (终审), two (初审, 终审) or three (初审, 复审, 终审); each step is a
permission a role holds. Nobody decides content they wrote (an author), and nobody decides two
steps of the same round, unless the portal has relaxed the rule (``Portal.allow_self_review``,
shown as a banner on every admin page and written to the audit trail).
"""

from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

STEP_PERMISSIONS = {
    1: ["review_final"],
    2: ["review_first", "review_final"],
    3: ["review_first", "review_second", "review_final"],
}
PERMISSION_LABELS = {"review_first": _lazy("初审"), "review_second": _lazy("复审"), "review_final": _lazy("终审")}


def step_permission(step, total):
    """The permission (codename in ``newsroom``) that decides ``step`` of ``total``."""
    return STEP_PERMISSIONS[total][step - 1]


def step_label(step, total):
    return PERMISSION_LABELS[step_permission(step, total)] if total else ""


def steps_for_user(user, portal_field=None):
    """A filter for content in review at a step ``user`` may decide (fields ``review_step``,
    ``review_total``); with ``portal_field``, only in the portals where they hold that step
    (roles are held per portal, newsroom/portals.py)."""
    memberships = apps.get_model("newsroom", "Membership").objects
    condition = Q(pk__in=[])
    for total, permissions in STEP_PERMISSIONS.items():
        for step, codename in enumerate(permissions, start=1):
            if not user.has_perm(f"newsroom.{codename}"):
                continue
            where = Q(review_total=total, review_step=step)
            portals = memberships.holding(user, f"newsroom.{codename}") if portal_field else None
            if portals is not None:
                where &= Q(**{f"{portal_field}__in": portals})
            condition |= where
    return condition


def four_eyes_refusal(user, authors, decided_this_round, relaxed=False):
    """Why ``user`` may not decide (None when they may): ``authors`` wrote the version under
    review, ``decided_this_round`` already decided a step of this round."""
    if relaxed:
        return None
    if user.pk in authors:
        return _("作者本人不能审核或发布自己撰写、修改过的内容（须由他人审核）。")
    if user.pk in decided_this_round:
        return _("同一内容的不同审核步骤须由不同的人完成：您已审核过本轮的前一步。")
    return None
