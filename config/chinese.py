"""Simplified ⇄ Traditional conversion with OpenCC, shared by the whole site."""

import unicodedata
from functools import cache

import opencc


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_traditional(text: str) -> str:
    return _converter("s2tw").convert(text) if text else text


def to_simplified(text: str) -> str:
    return _converter("tw2s").convert(text) if text else text


def matchable(text: str) -> str:
    """Text as a word check (错敏词) compares it: NFKC (full-width letters, compatibility forms),
    without format characters (zero-width space and joiners, soft hyphen, BOM), control
    characters or white space, in Simplified script and lower case. A word hidden in
    Traditional script, behind a zero-width space or spread out with spaces is still found."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(
        ch for ch in text if unicodedata.category(ch) not in ("Cf", "Cc", "Zs", "Zl", "Zp") and not ch.isspace()
    )
    return _converter("t2s").convert(text).lower()
