"""Chinese-aware site search over public articles, communities, honours and facilities.

One interface for both databases (``backends.py``): SQLite FTS5 by default, PostgreSQL
tsvector + GIN when ``DATABASE_URL`` points there. Text is normalised with OpenCC (t2s) on
both sides and cut into Han bigrams (``text.py``), so a word inside a sentence is found in
either script. The index follows publishing (``index.py``, ``signals.py``).

Choosing the tokenisation (measured on the demo set and on ``bench_search``; see docs/search.md and docs/benchmarks.md):

- Han bigrams + run-final unigram (chosen): finds every word of two or more characters inside
  a sentence as an exact phrase of bigrams, one-character queries as a prefix, needs no
  dictionary, and behaves the same on SQLite and PostgreSQL.
- jieba word segmentation: misses words the dictionary splits differently from the reader
  (机工 inside 机工社 / 社区机工), and names and place names (张聿修, 泉民共益坊) are split
  unpredictably; recall on the demo query set was lower and it adds a 20 MB dictionary.
- FTS5 trigram / pg_trgm: three-character minimum, so one- and two-character Chinese queries
  (区, 社区) fall back to a full scan; pg_trgm also depends on the database locale treating Han
  characters as word characters and needs an extension.
"""
