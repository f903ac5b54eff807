#!/usr/bin/env python3
"""Stand-in for the zhengce binary that serves each document as a portal page or a .docx.

usage: [WRAP_AS=html|docx] [WRAP_TEMPLATE=gov|trs|zoom|html5] parse_wrapped.py parse --format json FILE

Wraps FILE (plain text) in a portal layout — the template is chosen by the file's name, so
a run over many documents uses every template, UTF-8 and GBK — or turns it into a .docx
whose markers are Word numbering (make_docx.py), writes it to a temporary file and runs
target/release/zhengce on it. A scorer given this script as its binary measures what
reading the page or the Word file costs against reading the text.
"""
import hashlib
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_docx  # noqa: E402
import wrap_html  # noqa: E402

BIN = os.environ.get("ZHENGCE_BIN", os.path.join(HERE, "..", "target", "release", "zhengce"))


def main(argv):
    kind = os.environ.get("WRAP_AS", "html")
    path = argv[-1]
    text = open(path, encoding="utf-8", errors="replace").read()
    if kind == "docx":
        data, suffix = make_docx.build(text), ".docx"
    else:
        names = sorted(wrap_html.TEMPLATES)
        pick = names[int(hashlib.md5(os.path.basename(path).encode()).hexdigest(), 16) % len(names)]
        data, suffix = wrap_html.wrap(os.environ.get("WRAP_TEMPLATE", pick), text), ".html"
    with tempfile.NamedTemporaryFile(suffix=suffix, delete=False) as f:
        f.write(data)
        tmp = f.name
    try:
        p = subprocess.run([BIN] + argv[1:-1] + [tmp], capture_output=True)
    finally:
        os.unlink(tmp)
    sys.stdout.buffer.write(p.stdout)
    sys.stderr.buffer.write(p.stderr)
    return p.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv))
