"""The bundled glossary and corpus: complete, well-formed, and consistent with each other.

These tests read the data with plain ``yaml.safe_load`` (not duizhao's loaders), so a broken
loader cannot hide broken data. They check what a reviewer of the showcase document would:
every slogan of the seed is in the glossary, proposed renderings do not claim an official
source, no forbidden rendering collides with an accepted one, the corpus holds the whole seed
document in order, and each pair uses an accepted rendering of every term its Chinese contains.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
GLOSSARY_DIR = REPO / "glossary"
CORPUS_FILE = REPO / "corpus" / "datong-2024-new-year.yaml"
# The seed is shared reference material that lives next to the repository, not inside it.
SEED_FILE = REPO / ".." / "shared" / "seed" / "000_65a4474edc598a12.txt"

# Every policy term and slogan the foundation issue requires, written as in the seed
# (quote marks are not significant: the matcher drops them).
REQUIRED_TERMS = (
    "两个确立", "两个维护", "四下基层", "新质生产力", "高质量发展", "中国式现代化", "京津冀协同发展",
    "桥头堡", "八型八地", "八链合作", "四大赛道", "转型“四步走”", "“15886”工作体系",
    "“6+2”农业产业布局", "十四五", "全面从严治党", "主题教育", "习近平新时代中国特色社会主义思想",
    "上大压小", "双十六条", "云中声谷", "国际美食之都", "三大革命", "民有所呼、我有所应",
    "淡季不淡、四季火热", "奋斗两个五年、跨入第一方阵", "绿电城市", "寿光模式", "紧密型城市医疗集团",
    "一次挂号管三天",
)
# Further seed terms this project chose to control; dropping one should be a deliberate act.
CONTROLLED_TERMS = (
    "以人民为中心的发展思想", "调查研究", "党要管党", "强国建设", "民族复兴", "质的有效提升和量的合理增长",
    "现代化产业体系", "高速飞车", "12345热线", "国考断面", "驻京招商", "驻同部队",
    # quoted slogans and titles of the seed, and Party and policy phrases added in review
    "融入京津冀、打造桥头堡", "降费用、提服务", "大同温度", "质效双优典范", "数智升维典范", "全方位转型",
    "党员干部", "政治生态", "风清气正", "干事创业", "宣传部", "义务教育", "人民满意教育", "能源保供",
)
# British spellings the house style (American, as Xinhua and China Daily) rules out. A word list,
# not a suffix rule: "-ised" would also catch exercised and revised.
BRITISH_SPELLINGS = (
    "centre", "centres", "organisation", "organisations", "organise", "organised", "capitalised",
    "centralised", "publicise", "publicised", "modernisation", "colour", "honour", "favour", "labour",
    "behaviour", "programme", "programmes", "metre", "metres", "kilometre", "kilometres", "defence",
    "travelled", "modelling", "fibre", "neighbour", "neighbours", "harbour",
)
STATUSES = {"approved", "proposed", "deprecated"}
_ZH_IGNORED = re.compile(r"[\s“”‘’\"'「」『』]")


def zh_key(text: str) -> str:
    """Chinese in matching form: NFKC (full-width punctuation folded), no whitespace or quotes."""
    return _ZH_IGNORED.sub("", unicodedata.normalize("NFKC", text))


def en_fold(text: str) -> str:
    """English for a plain substring test: lower case, straight quotes, hyphens and spaces as one space."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"}))
    return re.sub(r"[\s-]+", " ", text).strip()


def _glossary_files() -> list[Path]:
    return sorted(GLOSSARY_DIR.glob("*.yaml"))


@lru_cache(maxsize=1)
def glossary_terms() -> tuple[dict[str, Any], ...]:
    """Every entry of every glossary file (read once per test session), tagged with its file."""
    terms: list[dict[str, Any]] = []
    for path in _glossary_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict) and isinstance(data.get("terms"), list), f"{path.name}: needs a 'terms:' list"
        for entry in data["terms"]:
            terms.append({**entry, "_file": path.name})
    return tuple(terms)


def corpus() -> dict[str, Any]:
    data = yaml.safe_load(CORPUS_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def renderings(term: dict[str, Any]) -> list[str]:
    return [term["en"], *(term.get("variants") or [])]


# ── glossary ──────────────────────────────────────────────────────────────────────────


def test_glossary_files_exist() -> None:
    assert _glossary_files(), "glossary/ has no YAML files"


@pytest.mark.parametrize("required", REQUIRED_TERMS + CONTROLLED_TERMS)
def test_required_term_is_in_the_glossary(required: str) -> None:
    keys = {zh_key(t["zh"]) for t in glossary_terms()}
    assert zh_key(required) in keys


def test_glossary_has_at_least_thirty_entries_and_no_duplicates() -> None:
    terms = glossary_terms()
    assert len(terms) >= 30
    keys = [zh_key(t["zh"]) for t in terms]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    assert not duplicates, f"duplicate glossary entries: {duplicates}"


def test_every_entry_has_zh_en_and_a_known_status() -> None:
    for term in glossary_terms():
        where = f"{term['_file']}: {term.get('zh')!r}"
        assert isinstance(term.get("zh"), str) and term["zh"].strip(), where
        assert isinstance(term.get("en"), str) and term["en"].strip(), where
        assert term.get("status") in STATUSES, where
        for field in ("variants", "forbidden"):
            value = term.get(field, [])
            assert isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value), (where, field)


def test_proposed_entries_claim_no_official_source_and_approved_ones_name_it() -> None:
    for term in glossary_terms():
        where = f"{term['_file']}: {term['zh']}"
        if term["status"] == "proposed":
            assert not term.get("source"), f"{where}: a proposed rendering must not cite an official source"
            assert term.get("note"), f"{where}: a proposed rendering needs a note explaining it"
        elif term["status"] == "approved":
            assert term.get("source"), f"{where}: an approved rendering must name its source"


def test_no_forbidden_rendering_collides_with_an_accepted_one() -> None:
    for term in glossary_terms():
        accepted = [en_fold(r) for r in renderings(term)]
        for forbidden in term.get("forbidden") or []:
            bad = en_fold(forbidden)
            assert bad not in accepted, f"{term['zh']}: {forbidden!r} is both forbidden and accepted"
            # A forbidden phrase inside an accepted one would flag every correct translation.
            inside = [r for r in accepted if re.search(rf"(?<!\w){re.escape(bad)}(?!\w)", r)]
            assert not inside, f"{term['zh']}: forbidden {forbidden!r} occurs inside accepted {inside}"


# ── corpus ────────────────────────────────────────────────────────────────────────────


def segments() -> list[dict[str, Any]]:
    data = corpus()
    assert data["id"] == "datong-2024-new-year"
    assert {"issuer", "date"} <= set(data["source"])
    return data["segments"]


def test_segments_are_numbered_in_order_and_complete() -> None:
    segs = segments()
    assert 60 <= len(segs) <= 110
    assert [s["id"] for s in segs] == [f"s{i:03d}" for i in range(1, len(segs) + 1)]
    for seg in segs:
        assert seg["zh"].strip() and seg["en"].strip(), seg["id"]
        assert not re.search(r"[\u3400-\u9fff]", seg["en"]), f"{seg['id']}: Chinese left in the English"


def test_same_source_is_never_translated_two_ways() -> None:
    seen: dict[str, tuple[str, str]] = {}
    for seg in segments():
        key = zh_key(seg["zh"])
        if key in seen:
            assert seen[key][1] == seg["en"], f"{seg['id']} and {seen[key][0]} translate the same Chinese differently"
        seen[key] = (seg["id"], seg["en"])


def _seed_paragraphs(text: str) -> Iterator[str]:
    for block in re.split(r"\n\s*\n", text):
        key = zh_key(block)
        if key:
            yield key


def test_corpus_holds_the_whole_seed_document_in_order() -> None:
    if not SEED_FILE.is_file():
        pytest.skip(f"seed document not found at {SEED_FILE}")
    seed = SEED_FILE.read_text(encoding="utf-8")
    joined = "".join(zh_key(s["zh"]) for s in segments())
    position = 0
    for paragraph in _seed_paragraphs(seed):
        # Page breaks split some paragraphs in the seed; each piece must still follow the last.
        found = joined.find(paragraph, position)
        assert found >= 0, f"seed text missing from the corpus (or out of order): {paragraph[:40]}…"
        position = found + len(paragraph)
    # ...and the corpus adds nothing the seed does not have.
    assert joined == zh_key(seed)


def test_each_pair_uses_an_accepted_rendering_of_its_terms() -> None:
    terms = [t for t in glossary_terms() if t["status"] != "deprecated"]
    problems = []
    for seg in segments():
        zh, en = zh_key(seg["zh"]), en_fold(seg["en"])
        for term in terms:
            if zh_key(term["zh"]) in zh and not any(en_fold(r) in en for r in renderings(term)):
                problems.append(f"{seg['id']}: {term['zh']} needs {renderings(term)}")
    assert not problems, "\n".join(problems)


def test_english_uses_american_spelling() -> None:
    pattern = re.compile(rf"\b({'|'.join(BRITISH_SPELLINGS)})\b", re.IGNORECASE)
    problems = []
    for seg in segments():
        for field in ("en", "note"):
            problems += [f"{seg['id']} {field}: {m}" for m in pattern.findall(seg.get(field) or "")]
    for term in glossary_terms():  # forbidden renderings may quote British forms on purpose
        for text in [term["en"], term.get("note") or "", *(term.get("variants") or [])]:
            problems += [f"{term['_file']} {term['zh']}: {m}" for m in pattern.findall(text)]
    assert not problems, "\n".join(problems)


def test_no_pair_uses_a_forbidden_rendering() -> None:
    terms = glossary_terms()
    problems = []
    for seg in segments():
        en = en_fold(seg["en"])
        for term in terms:
            for forbidden in term.get("forbidden") or []:
                if re.search(rf"(?<!\w){re.escape(en_fold(forbidden))}(?!\w)", en):
                    problems.append(f"{seg['id']}: forbidden {forbidden!r} ({term['zh']})")
    assert not problems, "\n".join(problems)
