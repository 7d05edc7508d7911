"""Photo credits (图片署名) as the portals print them, built from structured fields.

摄          新重庆客户端记者 伊永军 摄 · 张聿修 摄 · 新华社 李明 摄
供图        视觉中国供图 · 供图
受访者供图  受访者供图
资料图片    视觉中国供图(资料图片) · 张聿修 摄(资料图片) · 资料图片
网络图片    网络图片 · 网络图片(来源：某网站)
图片来源    图片来源：某单位
未署名      (nothing printed: an explicit choice, which a portal may forbid)
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CreditKind(models.TextChoices):
    PHOTOGRAPHER = "photo", _("摄")
    PROVIDED = "provided", _("供图")
    INTERVIEWEE = "interviewee", _("受访者供图")
    ARCHIVE = "archive", _("资料图片")
    NETWORK = "network", _("网络图片")
    SOURCE = "source", _("图片来源")
    UNCREDITED = "none", _("未署名")


#: Kinds that name an organisation (the source) instead of a person.
NEEDS_ORGANISATION = {CreditKind.SOURCE: _("署名方式为“图片来源”时，请填写署名单位（图片来源）。")}


def credit_errors(kind, person_id, organisation):
    """{field: message} for a credit that does not hold together (a photo's or a library image's)."""
    errors = {}
    if kind == CreditKind.PHOTOGRAPHER and not person_id:
        errors["credit_person"] = _("署名方式为“摄”时，请选择拍摄者。")
    if kind in NEEDS_ORGANISATION and not organisation.strip():
        errors["credit_organisation"] = NEEDS_ORGANISATION[kind]
    return errors


def _byline(organisation: str, role: str, person: str) -> str:
    """'新重庆客户端记者 伊永军', '新华社 李明', '张聿修', '视觉中国'."""
    head = f"{organisation}{role}"
    return " ".join(part for part in (head, person) if part)


def render_credit(kind: str, person: str = "", organisation: str = "", role: str = "") -> str:
    person, organisation, role = person.strip(), organisation.strip(), role.strip()
    who = _byline(organisation, role, person)
    if kind == CreditKind.PHOTOGRAPHER:
        return f"{who} 摄" if who else "摄"
    if kind == CreditKind.PROVIDED:
        return f"{who}供图" if not person else f"{who} 供图"
    if kind == CreditKind.INTERVIEWEE:
        return f"受访者{person}供图"
    if kind == CreditKind.ARCHIVE:
        if person:
            return f"{who} 摄（资料图片）"
        if organisation:
            return f"{organisation}供图（资料图片）"
        return "资料图片"
    if kind == CreditKind.NETWORK:
        return f"网络图片（来源：{organisation}）" if organisation else "网络图片"
    if kind == CreditKind.SOURCE:
        return f"图片来源：{organisation}"
    if kind == CreditKind.UNCREDITED:
        return ""
    return who
