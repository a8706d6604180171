#!/usr/bin/env python3
"""Splits an evaluation case file (.jsonl, one case per line with a "query") into two folds by a stable hash of the
case text: fold A when the first byte of SHA-256(query, UTF-8) is even, else fold B. Tune on A; look at B only to
report. Usage: python3 bench/knowledge/folds.py CASES.jsonl OUT_PREFIX  ->  OUT_PREFIX-A.jsonl, OUT_PREFIX-B.jsonl"""
import hashlib
import json
import sys


def fold(query):
    return 'A' if hashlib.sha256(query.encode('utf-8')).digest()[0] % 2 == 0 else 'B'


def main(cases, prefix):
    out = {'A': open(prefix + '-A.jsonl', 'w', encoding='utf-8'), 'B': open(prefix + '-B.jsonl', 'w', encoding='utf-8')}
    counts = {'A': 0, 'B': 0}
    with open(cases, encoding='utf-8') as f:
        for line in f:
            if line.strip():
                f_ = fold(json.loads(line)['query'])
                out[f_].write(line if line.endswith('\n') else line + '\n')
                counts[f_] += 1
    for o in out.values():
        o.close()
    print(f"{cases}: fold A {counts['A']}, fold B {counts['B']}")


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
