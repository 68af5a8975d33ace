#!/usr/bin/env bash
# OmegaT console-mode check: does a real CAT tool accept duizhao's TMX as a project memory?
#
# Builds a throw-away OmegaT project (zh-CN -> en-US), exports a small corpus with
# `duizhao export tmx` into tm/auto/ (OmegaT inserts 100% matches from there automatically),
# runs OmegaT in --mode=console-translate on a Chinese source document and compares the target
# document it writes with the English the corpus holds. One sentence is deliberately not in the
# memory and must come out untranslated (OmegaT copies the source), so the check can fail.
#
# Needs: OmegaT (Debian: apt-get install omegat; 3.6.0) and a Java runtime. Run on demand:
#     bash tests/omegat/omegat_check.sh            (exit 0 = pass, 1 = mismatch, 77 = OmegaT absent)
# tests/omegat/test_omegat.py runs it in the suite when OmegaT is installed.
set -euo pipefail

JAR=${OMEGAT_JAR:-/usr/share/omegat/OmegaT.jar}
if [[ ! -f "$JAR" ]] || ! command -v java >/dev/null; then
    echo "SKIP: OmegaT ($JAR) or java not found"; exit 77
fi
DUIZHAO=${DUIZHAO:-duizhao}
WORK=$(mktemp -d)
trap '[[ -n "${KEEP:-}" ]] || rm -rf "$WORK"' EXIT
P="$WORK/project"
mkdir -p "$P"/{source,target,tm/auto,glossary,dictionary,omegat}

cat > "$WORK/corpus.yaml" <<'YAML'
id: datong-2024-new-year
title: 新春贺词
source: {issuer: 中共大同市委 大同市人民政府, date: 2024-02-08}
segments:
  - id: s001
    zh: 春临大地，岁回律转。
    en: Spring has returned to the land, and the year has turned anew.
  - id: s002
    zh: 数据中心集群建设快速推进、年用电量突破27亿千瓦时。
    en: Construction of the data-centre cluster advanced rapidly, with annual power use exceeding 2.7 billion kWh.
  - id: s003
    zh: 坚持“稳中求进”工作总基调 & <不动摇>。
    en: We upheld the general principle of "seeking progress while maintaining stability" & <unwaveringly>.
  - id: s004
    zh: 新质生产力加快形成𠀀。
    en: New quality productive forces took shape faster 𝐀.
YAML

# $DUIZHAO is unquoted on purpose: it may be "python -m duizhao".
$DUIZHAO export tmx "$WORK/corpus.yaml" -o "$P/tm/auto/duizhao.tmx" --src-lang zh-CN --tgt-lang en-US

# One paragraph per sentence (OmegaT's text filter splits on blank lines by default, and the
# project turns sentence segmentation off); the last one is not in the memory.
cat > "$P/source/report.txt" <<'TXT'
春临大地，岁回律转。

数据中心集群建设快速推进、年用电量突破27亿千瓦时。

坚持“稳中求进”工作总基调 & <不动摇>。

新质生产力加快形成𠀀。

这一句不在翻译记忆库中。
TXT

cat > "$P/omegat.project" <<'XML'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <source_dir_excludes>
            <mask>**/.svn/**</mask>
        </source_dir_excludes>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>zh-CN</source_lang>
        <target_lang>en-US</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
        <sentence_seg>false</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
XML

echo "--- OmegaT $(unzip -p "$JAR" META-INF/MANIFEST.MF 2>/dev/null | grep -i 'Implementation-Version' | tr -d '\r' || true)"
echo "--- running: java -jar OmegaT.jar <project> --mode=console-translate"
java -Djava.awt.headless=true -jar "$JAR" "$P" --mode=console-translate > "$WORK/omegat.log" 2>&1 || {
    echo "OmegaT failed:"; cat "$WORK/omegat.log"; exit 1; }
grep -E "TMX|Exception|rror" "$WORK/omegat.log" | head -n 20 || true
echo "--- OmegaT statistics:"; grep -E "^(Total|Remaining):" "$P/omegat/project_stats.txt" || true

cat > "$WORK/expected.txt" <<'TXT'
Spring has returned to the land, and the year has turned anew.

Construction of the data-centre cluster advanced rapidly, with annual power use exceeding 2.7 billion kWh.

We upheld the general principle of "seeking progress while maintaining stability" & <unwaveringly>.

New quality productive forces took shape faster 𝐀.

这一句不在翻译记忆库中。
TXT

echo "--- target/report.txt written by OmegaT:"
cat "$P/target/report.txt"
if diff -u "$WORK/expected.txt" "$P/target/report.txt"; then
    echo "PASS: OmegaT loaded duizhao's TMX from tm/auto and filled 4/4 known sentences (1 unknown left as source)"
else
    echo "FAIL: the target document differs from the memory (diff above)"; exit 1
fi
