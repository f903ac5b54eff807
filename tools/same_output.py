#!/usr/bin/env python3
"""Check that two builds of zhengce give the same JSON on every real document.

usage: same_output.py OLD_BIN NEW_BIN [--corpus DIR ...] [--ignore FIELD ...] [--offsets bytes|chars]

Runs `BIN parse --format json FILE` for every document under fixtures/ (seeds, corpus,
cases) and under each --corpus directory, with both binaries, and compares the outputs
byte for byte. With --ignore FIELD (dotted for a nested one: source.format), that field is removed from both sides first
(for a change that adds a field and must leave the rest as it was). Exit code 0 when every
output is the same, 1 otherwise; the differing files are listed.
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
EXTS = (".txt", ".md", ".text", ".html", ".htm")


def documents(dirs):
    for d in dirs:
        for base, _, files in sorted(os.walk(d)):
            for f in sorted(files):
                if f.endswith(EXTS):
                    yield os.path.join(base, f)


def run(binary, path, offsets):
    p = subprocess.run([binary, "parse", "--format", "json", "--offsets", offsets, path],
                       capture_output=True)
    return p.returncode, p.stdout


def strip(out, ignore):
    if not ignore:
        return out
    try:
        v = json.loads(out)
    except ValueError:
        return out
    for k in ignore:
        *parents, last = k.split(".")
        node = v
        for p in parents:
            node = node.get(p) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node.pop(last, None)
    return json.dumps(v, ensure_ascii=False, sort_keys=True).encode()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--corpus", action="append", default=[])
    ap.add_argument("--ignore", action="append", default=[])
    ap.add_argument("--offsets", default="bytes")
    a = ap.parse_args()
    dirs = [os.path.join(ROOT, "fixtures")] + a.corpus
    n = differ = 0
    for path in documents(dirs):
        n += 1
        old, new = run(a.old, path, a.offsets), run(a.new, path, a.offsets)
        if old[0] != new[0] or strip(old[1], a.ignore) != strip(new[1], a.ignore):
            differ += 1
            print(f"differs: {os.path.relpath(path)}")
    print(f"{n} documents, {n - differ} the same, {differ} different")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
