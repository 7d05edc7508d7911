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
