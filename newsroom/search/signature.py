"""A document's token signature, for PostgreSQL's walk over the newest rows.

The walk tests ``vec @@ query`` row by row, and each body vector (~10 KB) is read from TOAST
first, which is most of the cost: a common phrase reads ~4,300 rows to find 1,000 matches. A
signature is a fixed set of ``BITS`` bits kept in the row itself, one bit set per distinct
token (its CRC-32 modulo ``BITS``). A row whose signature lacks one of the query's bits cannot
match, so its vector is never read; a row that has them all is tested as before, so answers are
exactly what they were (the signature only ever says "no" or "maybe").

With ~1,000 distinct tokens in a document a quarter of the bits or less are set; a two-token
word then lets through one non-matching row in ~20, a four-token phrase one in ~600.
"""

import zlib

BITS = 8192


def _number(tokens) -> int:
    value = 0
    for token in set(tokens):
        # PostgreSQL numbers a bit string's bits from the left.
        value |= 1 << (BITS - 1 - zlib.crc32(token.encode()) % BITS)
    return value


def literal(tokens) -> str:
    """The signature as PostgreSQL's ``bit(BITS)`` input (``x`` and hexadecimal digits)."""
    return "x" + format(_number(tokens), f"0{BITS // 4}x")


def of_query(query) -> str | None:
    """The bits every match must have: the tokens of each phrase (prefix parts have no whole
    token to hash, so they add none). None when nothing can be hashed."""
    tokens = [token for part in query.parts if not part.prefix for token in part.tokens]
    return literal(tokens) if tokens else None
