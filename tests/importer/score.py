"""Precision and recall of the importer, field by field, over the corpus beside this file.

    python -m tests.importer.score        (prints a table; a benchmark, not a test)

Each ``corpus/NAME.json`` holds what ``NAME.txt``/``.html``/``.htm``/``.docx`` says, written by
hand; ``tests/importer/docx_corpus.py`` builds the Word files (as WPS saves them) on the fly.
Scalar fields count a hit when equal, a false positive when a wrong value is given, a miss when
a value is absent; list fields (bylines, photo credits, communities) count their items.
"""

import json
import os
import sys
from collections import Counter
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
SCALARS = ("title", "publish_time", "column", "breadcrumb", "source", "reprint_from", "original_url", "dateline")
LISTS = ("bylines", "photo_credits", "communities")


def corpus():
    """(name, file name, bytes, expected) for every document of the corpus."""
    from tests.importer.docx_corpus import documents

    for expected in sorted(CORPUS.glob("*.json")):
        for suffix in (".txt", ".html", ".htm"):
            source = expected.with_suffix(suffix)
            if source.exists():
                yield expected.stem, source.name, source.read_bytes(), json.loads(expected.read_text())
    for name, data, truth in documents():
        yield name, f"{name}.docx", data, truth


def _key(item):
    return json.dumps(item, ensure_ascii=False, sort_keys=True)


def score():
    from newsroom.importer import extract_file

    tally = {f: Counter() for f in SCALARS + LISTS}
    for _name, file_name, data, truth in corpus():
        got = extract_file(file_name, data).json()
        for field in SCALARS:
            want, have = truth[field], got[field]
            if have in (None, []) and want in (None, []):
                continue
            if have == want:
                tally[field]["tp"] += 1
            else:
                tally[field]["fp"] += have not in (None, [])
                tally[field]["fn"] += want not in (None, [])
        for field in LISTS:
            want, have = Counter(map(_key, truth[field])), Counter(map(_key, got[field]))
            tally[field]["tp"] += sum((want & have).values())
            tally[field]["fp"] += sum((have - want).values())
            tally[field]["fn"] += sum((want - have).values())
    return tally


def main():
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    tally = score()
    names = [file_name for _name, file_name, _data, _truth in corpus()]
    generated = sum(1 for n in names if n.endswith(".docx"))
    print(
        f"importer: {len(names)} documents ({len(names) - generated} files in tests/importer/corpus, {generated} generated .docx)"
    )
    print(f"{'field':<16}{'found':>7}{'wrong':>7}{'missed':>7}{'precision':>11}{'recall':>8}")
    for field, counts in tally.items():
        tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        print(f"{field:<16}{tp:>7}{fp:>7}{fn:>7}{precision:>11.2f}{recall:>8.2f}")


if __name__ == "__main__":
    sys.exit(main())
