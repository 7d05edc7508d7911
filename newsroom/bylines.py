"""How a portal prints an article's bylines (``Credit`` rows, in order).

Meta line     记者：伊永军、张宁　新重庆客户端记者：伊永军　通讯员：李明　张三 (no role: the name alone)
电头          新重庆客户端讯（记者 伊永军 通讯员 李明）: the dateline's own text, then the credits
              marked "署在电头"
End line      [编辑：张三　审校：李四　责任编辑：王晋南] (brackets, as 内蒙古新闻网 prints it) or
              （责编：高巍、秦华） (parentheses with abbreviations, as 人民网 prints it): the portal's
              ``byline_end_style``

Roles placed at the end (编辑, 审校, 责任编辑…) print there; every other credit, and one with no
role, prints in the meta line. Consecutive credits with the same role and organisation share one
label.
"""

from dataclasses import dataclass

from newsroom.core.chinese import looks_like_organisation

from .models import Placement


@dataclass
class Group:
    label: str  # '记者', '新重庆客户端记者', '' (names alone)
    short_label: str
    names: list

    @property
    def joined(self):
        return "、".join(self.names)


def _groups(credits):
    groups, last = [], None
    for credit in credits:
        role = credit.role if credit.role_id else None
        key = (credit.organisation, credit.role_id)
        name = credit.display_name
        if not name:
            continue
        if groups and key == last:
            groups[-1].names.append(name)
            continue
        short = f"{credit.organisation}{role.short_label}" if role else credit.organisation
        groups.append(Group(credit.label, short, [name]))
        last = key
    return groups


def at_end(credit):
    return bool(credit.role_id) and credit.role.placement == Placement.END


def meta_groups(credits):
    """The meta line's groups: every credit not placed at the end, nor signed there."""
    return _groups(c for c in credits if not at_end(c) and not c.at_end)


def signature(credits):
    """Bylines signed at the end of the body as the original printed them: '云南网记者张成'."""
    return "　".join(f"{c.label}{c.display_name}" for c in credits if c.at_end and not at_end(c))


def end_line(credits, style):
    """The end-of-article line, or '' when nobody is credited there."""
    groups = _groups(c for c in credits if at_end(c))
    if not groups:
        return ""
    if style == "parentheses":
        return "（" + "　".join(f"{g.short_label}：{g.joined}" for g in groups) + "）"
    return "[" + "　".join(f"{g.label}：{g.joined}" for g in groups) + "]"


def dateline(text, credits):
    """电头: the article's dateline text followed by the credits marked for it."""
    groups = _groups(c for c in credits if c.in_dateline)
    if not groups:
        return text
    names = " ".join(" ".join([g.label, *g.names]) if g.label else " ".join(g.names) for g in groups)
    return f"{text}（{names}）"


def reporters(credits):
    """The people credited in the meta line (an article's authors, e.g. for the takedown desk
    and the search index), names only."""
    return [name for group in meta_groups(credits) for name in group.names]


def editors(credits):
    """Real names credited in a role that counts as the editor the law asks for."""
    return [
        c.display_name
        for c in credits
        if c.role_id and c.role.is_editor and c.display_name.strip() and not looks_like_organisation(c.display_name)
    ]
