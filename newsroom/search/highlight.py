"""Highlighting matched words in titles and snippets, in the text's own script.

Positions are found on the normalised text (Simplified, NFKC, lower case) and applied to the
original, character for character; OpenCC t2s keeps the length for nearly all text, and where
it does not, each character is normalised on its own.
"""

import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .text import simplified

SNIPPET_CHARS = 120


class _Folded(dict):
    """Code point → the character NFKC and lower case make of it on its own, kept when that is
    one character (else the character itself, so positions still line up): ``str.translate``
    folds a whole text through it at C speed, where ``unicodedata.normalize`` over an
    article's body took ~150 µs a kilobyte. Filled as characters are first met."""

    def __missing__(self, code):
        char = chr(code)
        folded = unicodedata.normalize("NFKC", char).lower()
        self[code] = folded = folded if len(folded) == 1 else char
        return folded


_FOLDED = _Folded()


def _normalise_chars(text: str) -> str:
    """The text as the index saw it (Simplified, NFKC, lower case), one character for each."""
    converted = simplified(text)
    if len(converted) != len(text):
        converted = "".join(c if len(c) == 1 else o for o, c in zip(text, map(simplified, text)))
    return converted.translate(_FOLDED)


def _spans(text: str, terms) -> list[tuple[int, int]]:
    folded = _normalise_chars(text)
    spans = []
    for term in terms:
        start = folded.find(term)
        while start != -1:
            spans.append((start, start + len(term)))
            start = folded.find(term, start + len(term))
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _mark(text: str, spans, offset=0) -> str:
    out, cursor = [], offset
    for start, end in spans:
        start, end = max(start, offset), min(end, offset + len(text))
        if start >= end:
            continue
        out.append(escape(text[cursor - offset : start - offset]))
        out.append(f"<mark>{escape(text[start - offset : end - offset])}</mark>")
        cursor = end
    out.append(escape(text[cursor - offset :]))
    return "".join(out)


def highlight(text: str, terms) -> str:
    return mark_safe(_mark(text, _spans(text, terms)))


def snippet(text: str, terms, size=SNIPPET_CHARS) -> str:
    """About ``size`` characters around the first match, with every match marked."""
    text = " ".join(text.split())
    spans = _spans(text, terms)
    start = max(0, spans[0][0] - size // 4) if spans else 0
    window = text[start : start + size]
    marked = _mark(window, spans, offset=start)
    prefix = "……" if start > 0 else ""
    suffix = "……" if start + size < len(text) else ""
    return mark_safe(prefix + marked + suffix)
