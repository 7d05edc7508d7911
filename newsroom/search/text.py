"""Text normalisation and tokenisation shared by the index and the query.

Both sides go through the same steps, so whatever script or width a reader types,
it meets the index on equal terms:

1. OpenCC ``t2s``: Traditional characters become Simplified ("社區" → "社区").
2. NFKC and lower case: full-width Latin and digits become half-width ("ＡＢＣ１" → "abc1").
3. Han characters become overlapping bigrams, one token per pair ("新时代文明" →
   新时 时代 代文 文明). Each run of Han characters also ends with its last character as a
   unigram, so every character starts some token and a one-character query is a prefix
   query (``区*``). Latin words and numbers are whole tokens.

Tokens are only Han characters or ``[^\\W_]`` word characters, never quotes, operators
or spaces, so the query builders can quote them without escaping anything.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import opencc

MAX_QUERY_CHARS = 100
MAX_TERMS = 8

# Han ideographs: CJK Unified (incl. Ext. A), Compatibility, and the supplementary planes.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_RUN = re.compile(rf"([{HAN}]+)|([^\W_{HAN}]+)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_QUOTED = re.compile(r"[\"“”「」『』]([^\"“”「」『』]*)[\"“”「」『』]?")
MAX_WORD = 60  # Latin tokens longer than this are cut (PostgreSQL lexemes have a size limit)


@lru_cache(maxsize=1)
def _t2s():
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """OpenCC t2s alone: Traditional characters become Simplified, nothing else changes."""
    return _t2s().convert(text)


def normalise(text: str) -> str:
    """Simplified, NFKC, lower case, without control characters."""
    if not text:
        return ""
    text = _CONTROL.sub(" ", text)
    return unicodedata.normalize("NFKC", simplified(text)).lower()


def runs(normalised: str):
    """Yield (is_han, text) for each run of Han characters or of word characters."""
    for match in _RUN.finditer(normalised):
        if match.group(1):
            yield True, match.group(1)
        else:
            yield False, match.group(2)[:MAX_WORD]


def index_tokens(text: str) -> list[str]:
    """The token stream stored in the index, in order (positions matter for phrases)."""
    tokens = []
    for is_han, run in runs(normalise(text)):
        if is_han:
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
            tokens.append(run[-1])
        else:
            tokens.append(run)
    return tokens


@dataclass(frozen=True)
class Part:
    """One piece of a query: a phrase of tokens that must sit next to each other,
    or a single-character prefix (a one-character Han query)."""

    tokens: tuple
    prefix: bool = False


@dataclass(frozen=True)
class Query:
    """A parsed query: every part must match (several words mean all of them)."""

    parts: tuple
    terms: tuple  # normalised words and phrases, for highlighting

    def __bool__(self):
        return bool(self.parts)


def _parts(normalised: str, phrase: bool):
    """Parts of one word or quoted phrase. Within a Han run, bigrams form a phrase; a quoted
    phrase keeps Latin words in order with it; otherwise runs are separate parts."""
    if phrase:
        normalised = re.sub(rf"(?<=[{HAN}])\s+(?=[{HAN}])", "", normalised)
    pieces = []
    for is_han, run in runs(normalised):
        if is_han and len(run) == 1:
            pieces.append(Part((run,), prefix=True))
        elif is_han:
            pieces.append(Part(tuple(run[i : i + 2] for i in range(len(run) - 1))))
        else:
            pieces.append(Part((run,)))
    if phrase and len(pieces) > 1 and not any(p.prefix for p in pieces):
        # Only Latin/number runs can be joined into one phrase with a Han run safely when
        # they are adjacent in the index too; a Han run's trailing unigram sits between
        # them, so joined phrases are limited to runs of words and numbers.
        if all(len(p.tokens) == 1 and not _is_han(p.tokens[0]) for p in pieces):
            return [Part(tuple(p.tokens[0] for p in pieces))]
    return pieces


def _is_han(token: str) -> bool:
    return bool(re.match(rf"[{HAN}]", token))


def parse(raw: str) -> Query:
    """Parse what a reader typed. Any input is accepted; what isn't a word is ignored.
    Quotes mark a phrase; spaces separate words that must all appear."""
    raw = (raw or "")[: MAX_QUERY_CHARS * 2]
    text = normalise(raw)[:MAX_QUERY_CHARS]
    parts, terms = [], []
    phrases = [m.group(1) for m in _QUOTED.finditer(text)]
    rest = _QUOTED.sub(" ", text)
    for chunk, phrase in [(p, True) for p in phrases] + [(w, False) for w in rest.split()]:
        found = _parts(chunk, phrase)
        if found:
            parts.extend(found)
            terms.extend(run for _, run in runs(chunk))
    unique = tuple(dict.fromkeys(parts))[:MAX_TERMS]
    return Query(parts=unique, terms=tuple(dict.fromkeys(terms)))
