"""Simplified ⇄ Traditional conversion with OpenCC, shared by the whole site."""

import re
import sys
import unicodedata
from functools import cache

import opencc


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


# Text printed exactly as stored and reviewed: a Traditional original in 原文 mode (its title,
# body, captions) sits between these two private-use characters, which the converters below leave
# alone and newsroom/core/reader.py removes before the page is sent. Only the reader's own
# 简/繁 switch converts it.
STORED, STORED_END = "\ue000", "\ue001"
_STORED = re.compile("(\ue000.*?\ue001)", re.S)


def as_stored(text):
    return f"{STORED}{text}{STORED_END}" if text else text


def unmark(text: str) -> str:
    return text.replace(STORED, "").replace(STORED_END, "") if STORED in text else text


def _outside_stored(convert, text):
    if not text:
        return text
    if STORED not in text:
        return convert(text)
    return "".join(part if part.startswith(STORED) else convert(part) for part in _STORED.split(text))


def to_traditional(text: str) -> str:
    """Simplified to Traditional (Taiwan's forms), leaving text marked as stored as it is."""
    return _outside_stored(_converter("s2tw").convert, text)


def to_simplified(text: str) -> str:
    return _outside_stored(_converter("tw2s").convert, text)


@cache
def _invisible():
    """A pattern of every character ``matchable`` drops: format (Cf) and control (Cc)
    characters, separators (Zs, Zl, Zp) and anything else ``str.isspace`` calls white space.
    Built once per process (about 0.2 s), then one regex pass per text instead of a Python
    loop over each character."""
    dropped = "".join(
        chr(c)
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) in ("Cf", "Cc", "Zs", "Zl", "Zp") or chr(c).isspace()
    )
    return re.compile("[" + re.escape(dropped) + "]+")


def matchable(text: str) -> str:
    """Text as a word check (错敏词) compares it: NFKC (full-width letters, compatibility forms),
    without format characters (zero-width space and joiners, soft hyphen, BOM), control
    characters or white space, in Simplified script and lower case. A word hidden in
    Traditional script, behind a zero-width space or spread out with spaces is still found."""
    if not text:
        return ""
    text = _invisible().sub("", unicodedata.normalize("NFKC", text))
    return _converter("t2s").convert(text).lower()


# Words an organisation's name ends with, or holds, and a person's name does not: what tells
# "本网编辑部" or "区融媒体中心" typed as an editor's name from a real name (the law asks for a
# person). Chinese personal names are 2–4 characters, or longer with a "·" (阿依古丽·买买提).
_ORGANISATION_ENDINGS = (
    "中心", "编辑部", "部", "办公室", "办", "室", "组", "委员会", "委", "局", "厅", "处", "科", "社", "报",
    "网", "台", "站", "客户端", "融媒", "融媒体", "集团", "公司", "街道", "社区", "政府", "工作室", "频道",
    "栏目", "平台", "号", "小组", "团队", "队", "院", "会", "所", "馆",
)  # fmt: skip
_COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文", "司徒",
    "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "百里", "呼延", "澹台", "万俟", "闻人",
)  # fmt: skip
_ORGANISATION_WORDS = ("本网", "本报", "本台", "本刊", "编辑部", "新闻中心", "融媒体", "宣传部", "记者站")


def looks_like_organisation(name: str) -> bool:
    """Whether a byline's name is an organisation rather than a person (an editor must be one)."""
    name = re.sub(r"\s+", "", name or "")
    if not name:
        return False
    if any(word in name for word in _ORGANISATION_WORDS):
        return True
    han = re.fullmatch(r"[\u3400-\u9fff]+", name)
    if han and len(name) > 4:
        return True  # a personal name of five or more characters has a "·"
    if han and len(name) == 4 and name.startswith(_COMPOUND_SURNAMES):
        return False  # 欧阳文台, 司马建国: a person
    # A one-character ending (部, 网, 台…) only past three characters: 张文台 and 王晓科 are people.
    return bool(han) and any(
        name.endswith(ending) and len(name) > max(len(ending), 3) for ending in _ORGANISATION_ENDINGS
    )
