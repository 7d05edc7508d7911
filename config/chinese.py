"""Simplified ⇄ Traditional conversion with OpenCC, shared by the whole site."""

from functools import lru_cache

import opencc


@lru_cache(maxsize=None)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_traditional(text: str) -> str:
    return _converter("s2tw").convert(text) if text else text


def to_simplified(text: str) -> str:
    return _converter("tw2s").convert(text) if text else text
