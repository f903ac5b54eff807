#!/usr/bin/env python3
"""Make a .docx from a policy document's text, its heading markers turned into Word numbering.

usage: make_docx.py IN.txt OUT.docx

Every line that starts with a marker (一、 （一） 1. 1、 （1） ① 第一章 第一条) loses it: the
paragraph gets a w:numPr instead, and word/numbering.xml gets one multi-level list whose
levels are the marker styles in the order the document first uses them (numFmt
chineseCounting, decimal, decimalEnclosedCircle …, lvlText such as "%1、" or "（%2）").
Word restarts a level when a higher one advances; where the document's own number is not
the one Word would show next, a new w:num with a w:startOverride starts it over there, as
Word writes a "restart numbering". Paragraphs without markers stay as they are; a
Markdown copy's header lines are kept as text. The XML is written by hand (no dependency).
"""
import re
import sys
import zipfile
from xml.sax.saxutils import escape

CN = "〇一二三四五六七八九"
CN_NUM = r"[一二三四五六七八九十百〇零两]+"

# (style name, regex, numFmt, lvlText with %L for the level, suffix)
STYLES = [
    ("chapter", re.compile(rf"^第({CN_NUM})章\s*"), "chineseCounting", "第%L章", "space"),
    ("article", re.compile(rf"^第({CN_NUM})条\s*"), "chineseCounting", "第%L条", "space"),
    ("chinese_dun", re.compile(rf"^({CN_NUM})、"), "chineseCounting", "%L、", "nothing"),
    ("paren_chinese", re.compile(rf"^[（(]({CN_NUM})[）)]"), "chineseCounting", "（%L）", "nothing"),
    ("arabic_dot", re.compile(r"^(\d{1,2})[.．](?!\d)"), "decimal", "%L.", "nothing"),
    ("arabic_dun", re.compile(r"^(\d{1,2})、"), "decimal", "%L、", "nothing"),
    ("paren_arabic", re.compile(r"^[（(](\d{1,2})[）)]"), "decimal", "（%L）", "nothing"),
    ("circled", re.compile(r"^([①-⑳])"), "decimalEnclosedCircle", "%L", "nothing"),
]


def cn_value(s):
    """一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105."""
    total, section, digit = 0, 0, 0
    for c in s:
        if c in CN or c in "零两":
            digit = 2 if c == "两" else (0 if c == "零" else CN.index(c))
        elif c == "十":
            section += (digit or 1) * 10
            digit = 0
        elif c == "百":
            section += (digit or 1) * 100
            digit = 0
    return total + section + digit


def ordinal(style, raw):
    if style == "circled":
        return ord(raw) - 0x2460 + 1
    if raw.isdigit():
        return int(raw)
    return cn_value(raw)


def split_marker(line):
    """(style index, ordinal, text without marker, leading indent) or None."""
    stripped = line.lstrip(" \u3000\t")
    indent = line[: len(line) - len(stripped)]
    for i, (_, rx, _, _, _) in enumerate(STYLES):
        m = rx.match(stripped)
        if m:
            rest = stripped[m.end():]
            if not rest.strip():
                return None
            return i, ordinal(STYLES[i][0], m.group(1)), rest, indent
    return None


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def para(text, num=None):
    ppr = ""
    if num:
        num_id, ilvl = num
        ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>'
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def build(text):
    """The .docx bytes for a text."""
    lines = [l.rstrip("\r") for l in text.split("\n")]
    found = [split_marker(l) for l in lines]
    order = []  # style indices by first use: the list's levels
    for f in found:
        if f and f[0] not in order:
            order.append(f[0])
    level_of = {s: i for i, s in enumerate(order)}
    # Simulate Word's counters; a mismatch starts a new instance with a startOverride.
    nums = [(1, {})]  # (numId, {ilvl: start})
    counters = {}
    body = []
    for line, f in zip(lines, found):
        if not f:
            if line.strip():
                body.append(para(line))
            continue
        style, value, rest, indent = f
        ilvl = level_of[style]
        expected = counters.get(ilvl, 0) + 1
        if value != expected:
            nums.append((len(nums) + 1, {ilvl: value}))
            counters = {}
        counters[ilvl] = value
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        body.append(para(rest, (nums[-1][0], ilvl)))  # the indent is layout, not text
    levels = []
    for ilvl, style in enumerate(order):
        _, _, fmt, lvl_text, suff = STYLES[style]
        levels.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{escape(lvl_text.replace("%L", "%" + str(ilvl + 1)))}"/>'
            f'<w:suff w:val="{suff}"/><w:lvlJc w:val="left"/></w:lvl>'
        )
    num_xml = []
    for num_id, starts in nums:
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{l}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
            for l, v in starts.items()
        )
        num_xml.append(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="0"/>{overrides}</w:num>')
    numbering = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering {W}>'
        f'<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>{"".join(levels)}</w:abstractNum>'
        f'{"".join(num_xml)}</w:numbering>'
    )
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>'
        + "".join(body)
        + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    doc_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
        "</Relationships>"
    )
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [
            ("[Content_Types].xml", content_types),
            ("_rels/.rels", rels),
            ("word/document.xml", document),
            ("word/_rels/document.xml.rels", doc_rels),
            ("word/numbering.xml", numbering),
        ]:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    text = open(argv[1], encoding="utf-8").read()
    with open(argv[2], "wb") as f:
        f.write(build(text))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
