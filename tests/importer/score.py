"""Precision and recall of the importer, field by field, on two corpora.

    python -m tests.importer.score              (both tables; a benchmark, not a test)
    python -m tests.importer.score --misses     (what the tuned corpus misses, document by document)

``corpus/`` is the tuned corpus: the importer's patterns were written and adjusted against it.
``corpus/aside/`` is set aside: written before the patterns were, never looked at document by
document while tuning (``--misses`` does not print it), and scored only as a whole. Each
``NAME.json`` holds what ``NAME.txt``/``.html``/``.htm`` says, written by hand (keys left out are
empty); ``tests/importer/docx_corpus.py`` builds the Word files of both (as WPS saves them).

Scalar fields count a hit when equal, a false positive when a wrong value is given, a miss when
a value is absent; list fields (bylines, photo credits, communities) count their items;
``photo_after`` (where each photo stands among the body's blocks) is counted only where the
truth gives it. Done when both corpora reach precision 0.95 and recall 0.90 on every field.
"""

import json
import os
import sys
from collections import Counter
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
ASIDE = CORPUS / "aside"
SCALARS = (
    "title", "subtitle", "publish_time", "column", "breadcrumb", "source", "reprint_from", "original_url",
    "dateline", "reprint", "photo_after",
)  # fmt: skip
LISTS = ("bylines", "photo_credits", "communities")
EMPTY = {"breadcrumb": [], "bylines": [], "photo_credits": [], "communities": [], "reprint": False}
TARGET = (0.95, 0.90)


def _truth(raw):
    truth = {name: EMPTY.get(name) for name in SCALARS + LISTS if name != "photo_after"}
    truth.update(raw)
    truth["photo_credits"] = [{"role": "", **credit} for credit in truth["photo_credits"]]
    return truth


def corpus(aside=False):
    """(file name, bytes, expected) for every document of the tuned or the set-aside corpus."""
    from tests.importer import docx_corpus

    folder = ASIDE if aside else CORPUS
    for expected in sorted(folder.glob("*.json")):
        for suffix in (".txt", ".html", ".htm"):
            source = expected.with_suffix(suffix)
            if source.exists():
                yield source.name, source.read_bytes(), _truth(json.loads(expected.read_text()))
    for name, data, truth in docx_corpus.aside_documents() if aside else docx_corpus.documents():
        yield f"{name}.docx", data, _truth(truth)


def _key(item):
    return json.dumps(item, ensure_ascii=False, sort_keys=True)


def score(aside=False, misses=None):
    from newsroom.importer import extract_file

    tally = {f: Counter() for f in SCALARS + LISTS}
    for file_name, data, truth in corpus(aside):
        extraction = extract_file(file_name, data)
        got = extraction.json()
        got["photo_after"] = [p.after_paragraph for p in extraction.photos]
        for field in SCALARS:
            if field not in truth:
                continue
            want, have = truth[field], got[field]
            if have in (None, [], False) and want in (None, [], False):
                continue
            if have == want:
                tally[field]["tp"] += 1
                continue
            tally[field]["fp"] += have not in (None, [], False)
            tally[field]["fn"] += want not in (None, [], False)
            if misses is not None:
                misses.append(f"{file_name}: {field} {have!r} ≠ {want!r}")
        for field in LISTS:
            want, have = Counter(map(_key, truth[field])), Counter(map(_key, got[field]))
            tally[field]["tp"] += sum((want & have).values())
            tally[field]["fp"] += sum((have - want).values())
            tally[field]["fn"] += sum((want - have).values())
            if misses is not None and want != have:
                misses.append(f"{file_name}: {field} +{sorted(have - want)} -{sorted(want - have)}")
    return tally


def table(title, tally, documents):
    print(f"{title}: {documents} documents")
    print(f"{'field':<16}{'found':>7}{'wrong':>7}{'missed':>7}{'precision':>11}{'recall':>8}")
    worst = [1.0, 1.0]
    for field, counts in tally.items():
        tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        worst = [min(worst[0], precision), min(worst[1], recall)]
        print(f"{field:<16}{tp:>7}{fp:>7}{fn:>7}{precision:>11.2f}{recall:>8.2f}")
    total = [sum(c[k] for c in tally.values()) for k in ("tp", "fp", "fn")]
    print(
        f"{'all fields':<16}{total[0]:>7}{total[1]:>7}{total[2]:>7}"
        f"{total[0] / (total[0] + total[1]):>11.2f}{total[0] / (total[0] + total[2]):>8.2f}"
    )
    return worst[0] >= TARGET[0] and worst[1] >= TARGET[1]


def main(argv=None):
    import django

    argv = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    misses = [] if "--misses" in argv else None
    tuned = table("tuned (tests/importer/corpus)", score(misses=misses), sum(1 for _ in corpus()))
    print()
    aside = table("set aside (tests/importer/corpus/aside)", score(aside=True), sum(1 for _ in corpus(True)))
    print()
    print(
        f"target: precision ≥ {TARGET[0]}, recall ≥ {TARGET[1]} on every field of both: {'met' if tuned and aside else 'NOT met'}"
    )
    for line in misses or ():
        print(line)
    return 0 if tuned and aside else 1


if __name__ == "__main__":
    sys.exit(main())
