#!/bin/sh
# Seeds fuzz/corpus/<target>/ from the fixtures: whole documents for `parse`, and for each
# grammar target the fixture lines that exercise its grammar (one line per file).
# Run from the repository root: sh fuzz/seed_corpus.sh
set -eu
out=fuzz/corpus
files=$(find fixtures -name '*.txt' -not -path 'fixtures/fuzz/*')
mkdir -p "$out/parse"
for f in $files; do cp "$f" "$out/parse/$(echo "$f" | tr '/' '_')"; done
seed() { # target, extended regex a line must match
    mkdir -p "$out/$1"
    cat $files | tr -d '\r' | grep -E "$2" | awk 'length($0) <= 400' | sort -u |
        awk -v dir="$out/$1" '{ f = sprintf("%s/line%05d", dir, NR); printf "%s", $0 > f; close(f) }'
}
seed doc_number '〔|〕|\[[0-9]{4}\]|[0-9]+号'
seed numeral '[0-9一二三四五六七八九十百千万亿零〇两]'
seed date '[0-9〇零一二三四五六七八九十]+年|月[0-9一二三四五六七八九十]+日'
seed heading '^[[:space:]　]*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[.．、]|第[一二三四五六七八九十百0-9]+[章节条]|[①②③④⑤⑥⑦⑧⑨⑩]|附件)'
seed quantity '[0-9]|%|％|百分之|[一二三四五六七八九十百千万亿]+(个|家|项|人|元|万|亿)'
seed responsibility '牵头|负责|责任单位|配合|责任部门|按职责分工'
for t in parse doc_number numeral date heading quantity responsibility; do
    echo "$t: $(ls "$out/$t" | wc -l) seeds"
done
