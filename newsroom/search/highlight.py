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


def _normalise_chars(text: str) -> str:
    converted = simplified(text)
    if len(converted) != len(text):
        converted = "".join(c if len(c) == 1 else o for o, c in zip(text, map(simplified, text)))
    folded = unicodedata.normalize("NFKC", converted).lower()
    if len(folded) == len(converted):
        # One for one (full-width forms, letters): the usual case, done on the whole text. Only
        # a character that folds into several, or a mark that composes, needs the loop below.
        return folded
    out = []
    for char in converted:
        folded = unicodedata.normalize("NFKC", char).lower()
        out.append(folded if len(folded) == 1 else char)
    return "".join(out)


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
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + size < len(text) else ""
    return mark_safe(prefix + marked + suffix)
