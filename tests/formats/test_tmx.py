"""TMX: the format contract, DTD validity, CAT-tool encodings and variants, inline markup, security."""

from __future__ import annotations

import codecs
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from duizhao.errors import DuizhaoError, EncodingError, FormatError, OutputError, UsageError
from duizhao.formats.tmx import TmxReader, TmxWriter
from duizhao.model import DocumentInfo, Segment
from tests.conftest import SHARED_DATA
from tests.formats.contract import NON_ASCII, XML_TEXT, BitextContract, segments_for

DTD_PATH = SHARED_DATA / "tmx-dtd" / "tmx14.dtd"
SAMPLES = SHARED_DATA / "tmx-samples"
CASES = Path(__file__).resolve().parents[1] / "cases" / "tmx_variants.yaml"


def tmx(body: str, *, version: str = "1.4", header: str = 'srclang="zh-CN"', prolog: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{prolog}<tmx version="{version}">\n'
            f'<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en"'
            f' datatype="plaintext" {header}/>\n<body>\n{body}</body>\n</tmx>\n')


def tu(*tuvs: tuple[str, str], tuid: str | None = None, extra: str = "") -> str:
    inner = "".join(f'<tuv xml:lang="{code}"><seg>{text}</seg></tuv>' for code, text in tuvs)
    return f'<tu{f" tuid={chr(34)}{tuid}{chr(34)}" if tuid else ""}>{extra}{inner}</tu>\n'


class TestTmxContract(BitextContract):
    reader_cls = TmxReader
    writer_cls = TmxWriter
    suffix = ".tmx"
    sample = tmx(tu(("zh-CN", "稳中求进"), ("en-US", "Seek progress while maintaining stability"), tuid="a1")
                 + tu(("EN-GB", "A &amp; B &lt;C&gt;"), ("zh", "甲和乙"), tuid="a2"))
    sample_pairs = (("a1", "稳中求进", "Seek progress while maintaining stability"), ("a2", "甲和乙", "A & B <C>"))
    malformed = tmx(tu(("zh", "甲"), ("en", "A")) + "<tu><tuv xml:lang='zh'><seg>unclosed</tuv></tu>\n")
    malformed_line = 6


@pytest.fixture(scope="module")
def dtd() -> etree.DTD:
    if not DTD_PATH.is_file():
        pytest.skip("../shared/data/tmx-dtd/tmx14.dtd is not present")
    return etree.DTD(str(DTD_PATH))


def export(tmp_path: Path, segments: list[Segment], **options) -> Path:
    path = tmp_path / "out.tmx"
    TmxWriter().write(segments, path, **options)
    return path


# --- export ---------------------------------------------------------------------------------

def test_export_is_valid_against_the_tmx14_dtd(tmp_path, dtd):
    doc = DocumentInfo(id="d1", file="d1.yaml", title="政府工作报告 & <附件>", source={"date": "2024-03-05"})
    segments = [Segment(id="s1", zh="  前后空格\n换行  ", en="a\r\nb", doc=doc, note="译者注 <!>",
                        props={"confidence": "0.9"}, ignore={"number-mismatch": "rounded"}),
                *segments_for(NON_ASCII)]
    path = export(tmp_path, segments)
    assert dtd.validate(etree.parse(str(path))), dtd.error_log.filter_from_errors()


# Text biased towards what breaks XML writers: markup characters, edge whitespace, astral planes.
TOKENS = st.sampled_from([*"&<>\"' \t\n\r]", "]]>", "&amp;", "&#13;", "<seg>", "𠀀", "😀", "\u3000", "中"])
TRICKY = st.lists(st.one_of(TOKENS, XML_TEXT), max_size=8).map("".join)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(TRICKY, TRICKY, TRICKY), min_size=1, max_size=5))
def test_round_trip_is_exact_and_every_export_is_dtd_valid(tmp_path_factory, dtd, texts):
    pairs = [(f"s{n}", zh, en) for n, (zh, en, _) in enumerate(texts)]
    notes = [note for _, _, note in texts]
    doc = DocumentInfo(id="d&<>", file="d.yaml", title=texts[0][2])
    segments = [Segment(id=i, zh=zh, en=en, doc=doc, note=note) for (i, zh, en), note in zip(pairs, notes, strict=True)]
    path = tmp_path_factory.mktemp("rt") / "rt.tmx"
    TmxWriter().write(segments, path)
    assert dtd.validate(etree.parse(str(path))), dtd.error_log.filter_from_errors()
    back = list(TmxReader().read(path))
    assert [(s.id, s.zh, s.en, s.note) for s in back] == [(*p, n) for p, n in zip(pairs, notes, strict=True)]
    assert {(s.doc.id, s.doc.title) for s in back} == {("d&<>", texts[0][2])}


@settings(max_examples=40, deadline=None)
@given(XML_TEXT, st.characters(min_codepoint=0, max_codepoint=0x1F).filter(lambda c: c not in "\t\n\r"), XML_TEXT)
def test_any_c0_control_is_refused(tmp_path_factory, before, control, after):
    path = tmp_path_factory.mktemp("c0") / "c0.tmx"
    with pytest.raises(OutputError, match=f"U\\+{ord(control):04X}"):
        TmxWriter().write(segments_for([("s1", before + control + after, "en")]), path)
    assert not path.exists()


def test_export_header_and_units(tmp_path):
    doc = DocumentInfo(id="d1", file="d1.yaml", title="标题", source={"date": "2024-03-05"})
    path = export(tmp_path, [Segment(id="s1", zh="中", en="E", doc=doc, note="n")], src_lang="zh-Hans",
                  tgt_lang="en-GB", creation_date=datetime(2024, 3, 5, 8, 9, 10, tzinfo=UTC))
    root = etree.parse(str(path)).getroot()
    header = root.find("header")
    assert root.get("version") == "1.4"
    assert dict(header.attrib) == {
        "creationtool": "duizhao", "creationtoolversion": __import__("duizhao").__version__, "segtype": "sentence",
        "o-tmf": "duizhao", "adminlang": "en-US", "srclang": "zh-Hans", "datatype": "plaintext",
        "o-encoding": "UTF-8", "creationdate": "20240305T080910Z"}
    unit = root.find("body/tu")
    assert unit.get("tuid") == "s1"
    assert unit.findtext("note") == "n"
    assert {p.get("type"): p.text for p in unit.findall("prop")} == {
        "x-document": "d1", "x-document-title": "标题", "x-document-date": "2024-03-05"}
    assert [t.get("{http://www.w3.org/XML/1998/namespace}lang") for t in unit.findall("tuv")] == ["zh-Hans", "en-GB"]


def test_export_creationdate_defaults_to_now_in_utc(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    path = export(tmp_path, segments_for([("s", "中", "E")]))
    stamp = etree.parse(str(path)).getroot().find("header").get("creationdate")
    written = datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert abs((datetime.now(UTC) - written).total_seconds()) < 60


@pytest.mark.parametrize(("field", "zh", "en", "note"), [
    ("zh", "控制\x01字符", "ok", ""),
    ("en", "ok", "bell\x07", ""),
    ("note", "ok", "ok", "form\x0cfeed"),
    ("zh", "lone \ud800 surrogate", "ok", ""),
    ("en", "ok", "not a character \uffff", ""),
])
def test_export_refuses_xml_illegal_characters_naming_the_segment(tmp_path, field, zh, en, note):
    doc = DocumentInfo(id="d", file="corpus/d.yaml")
    good = Segment(id="s1", zh="好", en="good", doc=doc)
    bad = Segment(id="s2", zh=zh, en=en, doc=doc, line=7, note=note)
    target = tmp_path / "out.tmx"
    target.write_text("previous export", encoding="utf-8")
    with pytest.raises(OutputError) as info:
        TmxWriter().write([good, bad], target)
    message = str(info.value)
    assert "segment 's2'" in message and "corpus/d.yaml:7" in message and f"the {field} text" in message
    assert target.read_text(encoding="utf-8") == "previous export", "a failed export must not replace the file"
    assert not list(tmp_path.glob(".*.tmp"))


def test_export_refuses_a_bad_language_code(tmp_path):
    with pytest.raises(UsageError, match="--tgt-lang"):
        export(tmp_path, segments_for([("s", "中", "E")]), tgt_lang="en US")


def test_export_streams_instead_of_building_a_tree(tmp_path):
    """The writer consumes a generator lazily: it has written early pairs before later ones exist."""
    path = tmp_path / "big.tmx"
    seen: list[int] = []

    def pairs():
        for n in range(5000):
            if n == 4999:
                seen.append(path.parent.joinpath(".big.tmx").exists() or any(path.parent.glob(".big.tmx.*.tmp")))
            yield Segment(id=str(n), zh="中" * 20, en="e" * 40, doc=DocumentInfo(id="d", file="d"))

    assert TmxWriter().write(pairs(), path) == 5000
    assert seen == [True]
    assert sum(1 for _ in TmxReader().read(path)) == 5000


def test_whitespace_and_carriage_returns_survive(tmp_path):
    pairs = [("s1", " \t前导与尾随\n", "\r\n  lead and trail \r"), ("s2", "\n", " ")]
    path = export(tmp_path, segments_for(pairs))
    assert [(s.id, s.zh, s.en) for s in TmxReader().read(path)] == pairs


def test_metadata_round_trips(tmp_path):
    doc_a = DocumentInfo(id="a", file="a.yaml", title="甲", source={"date": "2024-01-02", "issuer": "国务院"})
    doc_b = DocumentInfo(id="b", file="b.yaml")
    segments = [Segment(id="s1", zh="一", en="one", doc=doc_a, note="注\n二行", props={"confidence": "0.75"},
                        ignore={"number-mismatch": "ok"}),
                Segment(id="s1", zh="二", en="two", doc=doc_b)]
    back = list(TmxReader().read(export(tmp_path, segments)))
    assert [(s.doc.id, s.doc.title, dict(s.doc.source)) for s in back] == [
        ("a", "甲", {"date": "2024-01-02", "issuer": "国务院"}), ("b", "", {})]
    assert back[0].note == "注\n二行" and dict(back[0].props) == {"confidence": "0.75"}
    assert dict(back[0].ignore) == {"number-mismatch": "ok"}
    assert back[0].doc is not back[1].doc


# --- import: variants, languages, inline markup ----------------------------------------------

VARIANT_CASES = yaml.safe_load(CASES.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", VARIANT_CASES, ids=[c["name"] for c in VARIANT_CASES])
def test_variant_choice(tmp_path, case):
    body = tu(*[(code, str(i)) for i, code in enumerate(case["codes"])], tuid="t")
    body += tu(("zh", "filler"), ("en", "filler"), tuid="keep-file-valid")
    path = tmp_path / "v.tmx"
    path.write_text(tmx(body), encoding="utf-8")
    reader = TmxReader(zh_lang=case.get("zh_lang"), en_lang=case.get("en_lang"))
    got = [(s.zh, s.en) for s in reader.read(path) if s.id == "t"]
    if case["zh"] is None:
        assert got == [] and reader.skipped == 1
    else:
        assert got == [(str(case["zh"]), str(case["en"]))]


@pytest.mark.parametrize(("traditional", "expected"), [("keep", "經濟發展"), ("convert", "经济发展")])
def test_traditional_is_kept_or_converted(tmp_path, traditional, expected):
    path = tmp_path / "tw.tmx"
    path.write_text(tmx(tu(("zh-TW", "經濟發展"), ("en", "economic development"))), encoding="utf-8")
    assert [s.zh for s in TmxReader(traditional=traditional).read(path)] == [expected]


def test_simplified_is_never_converted(tmp_path):
    path = tmp_path / "cn.tmx"
    path.write_text(tmx(tu(("zh-CN", "乾坤"), ("en", "x"))), encoding="utf-8")  # 乾 is also Simplified
    assert [s.zh for s in TmxReader(traditional="convert").read(path)] == ["乾坤"]


INLINE = ('<seg>按<bpt i="1" x="1">&lt;b&gt;</bpt>第<hi type="x">14</hi>个<ept i="1">&lt;/b&gt;</ept>'
          '五年<ph x="2">{1}</ph>规划<it pos="begin">&lt;i&gt;</it>'
          '<ut>&lt;img alt="<sub>图</sub>"&gt;</ut>。</seg>')


@pytest.mark.parametrize(("mode", "expected"), [
    ("drop", "按第14个五年规划。"),
    ("text", '按<b>第14个</b>五年{1}规划<i><img alt="图">。'),
    ("xml", '按<bpt i="1" x="1">&lt;b&gt;</bpt>第<hi type="x">14</hi>个<ept i="1">&lt;/b&gt;</ept>五年'
            '<ph x="2">{1}</ph>规划<it pos="begin">&lt;i&gt;</it><ut>&lt;img alt="<sub>图</sub>"&gt;</ut>。'),
])
def test_inline_markup(tmp_path, mode, expected):
    path = tmp_path / "inline.tmx"
    path.write_text(tmx(f'<tu><tuv xml:lang="zh-CN">{INLINE}</tuv><tuv xml:lang="en"><seg>E</seg></tuv></tu>'),
                    encoding="utf-8")
    assert [s.zh for s in TmxReader(inline=mode).read(path)] == [expected]


def test_tmx_11_lang_attribute(tmp_path):
    path = tmp_path / "old.tmx"
    path.write_text(tmx('<tu tuid="1"><tuv lang="ZH-CN"><seg>旧</seg></tuv><tuv lang="EN-US"><seg>old</seg></tuv></tu>',
                        version="1.1"), encoding="utf-8")
    assert [(s.zh, s.en) for s in TmxReader().read(path)] == [("旧", "old")]


def test_without_zh_and_en_is_refused_listing_languages(tmp_path):
    path = tmp_path / "fr.tmx"
    path.write_text(tmx(tu(("en-US", "Hello"), ("fr-CA", "Bonjour")) + tu(("en-US", "Bye"), ("de", "Tschüss"))),
                    encoding="utf-8")
    with pytest.raises(FormatError, match=r"languages in this file: de \(1\), en-US \(2\), fr-CA \(1\)"):
        list(TmxReader().read(path))


def test_units_missing_a_side_are_skipped_and_counted(tmp_path):
    path = tmp_path / "mixed.tmx"
    path.write_text(tmx(tu(("zh", "甲"), ("en", "A")) + tu(("zh", "乙")) + tu(("en", "C"), ("fr", "C"))),
                    encoding="utf-8")
    reader = TmxReader()
    assert [s.zh for s in reader.read(path)] == ["甲"]
    assert reader.skipped == 2


@pytest.mark.parametrize("content", [
    '<?xml version="1.0"?><xliff version="1.2"/>',
    "",
    "not xml at all",
])
def test_not_tmx_is_a_format_error(tmp_path, content):
    path = tmp_path / "x.tmx"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FormatError):
        list(TmxReader().read(path))


# --- import: encodings ---------------------------------------------------------------------

ENCODED = tmx(tu(("zh-CN", "编码𠀀"), ("en", "encoding é")), header='srclang="zh-CN"')


@pytest.mark.parametrize(("name", "data"), [
    ("utf-8", ENCODED.encode("utf-8")),
    ("utf-8 with BOM", codecs.BOM_UTF8 + ENCODED.encode("utf-8")),
    ("utf-16le with BOM", codecs.BOM_UTF16_LE + ENCODED.replace("UTF-8", "UTF-16").encode("utf-16-le")),
    ("utf-16be with BOM", codecs.BOM_UTF16_BE + ENCODED.replace("UTF-8", "UTF-16").encode("utf-16-be")),
    ("utf-16le without BOM", ENCODED.replace("UTF-8", "UTF-16").encode("utf-16-le")),
    ("utf-16be without BOM", ENCODED.replace("UTF-8", "UTF-16").encode("utf-16-be")),
    ("utf-16le, no encoding declared", ENCODED.replace(' encoding="UTF-8"', "").encode("utf-16-le")),
    ("declares utf-16, bytes are utf-8 (memoQ)", ENCODED.replace("UTF-8", "utf-16").encode("utf-8")),
    ("gb18030 declared", ENCODED.replace("UTF-8", "GB18030").encode("gb18030")),
    ("declares GBK, bytes are utf-8", ENCODED.replace("UTF-8", "GBK").encode("utf-8")),
    ("declares gb2312, bytes are utf-8", ENCODED.replace("UTF-8", "gb2312").encode("utf-8")),
    ("declares Big5, bytes are utf-8", ENCODED.replace("UTF-8", "Big5").encode("utf-8")),
])
def test_encodings(tmp_path, name, data):
    path = tmp_path / "enc.tmx"
    path.write_bytes(data)
    assert [(s.zh, s.en) for s in TmxReader().read(path)] == [("编码𠀀", "encoding é")], name


@pytest.mark.parametrize(("declared", "codec"), [("GBK", "gbk"), ("GB2312", "gb2312"), ("Big5", "big5")])
def test_real_legacy_files_are_read_as_declared(tmp_path, declared, codec):
    text = "中华人民共和国国务院新闻办公室发布白皮书" if codec != "big5" else "中華人民共和國國務院新聞辦公室發佈白皮書"
    data = tmx(tu(("zh-CN", text), ("en", "white paper")), header='srclang="zh-CN"').replace("UTF-8", declared)
    path = tmp_path / "legacy.tmx"
    path.write_bytes(data.encode(codec))
    assert [s.zh for s in TmxReader().read(path)] == [text]


def test_wrong_declared_encoding_is_an_encoding_error(tmp_path):
    path = tmp_path / "gbk.tmx"
    path.write_bytes(ENCODED.replace("𠀀", "").encode("gb18030"))  # says UTF-8, is GB18030
    with pytest.raises(EncodingError) as info:
        list(TmxReader().read(path))
    assert info.value.line == 5  # the <tu> holding the first non-UTF-8 byte
    assert [s.zh for s in TmxReader().read(path, encoding="gb18030")] == ["编码"]


# --- security --------------------------------------------------------------------------------

def test_xxe_is_refused_and_reads_nothing(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    prolog = f'<!DOCTYPE tmx [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>\n'
    path = tmp_path / "xxe.tmx"
    path.write_text(tmx(tu(("zh", "a&xxe;b"), ("en", "x")), prolog=prolog), encoding="utf-8")
    with pytest.raises(FormatError, match="refused: the document declares entities") as info:
        list(TmxReader().read(path))
    assert "TOP-SECRET" not in str(info.value)


def test_xxe_in_hostname_never_reaches_a_segment(tmp_path):
    hostname = Path("/etc/hostname")
    if not hostname.is_file() or not hostname.read_text().strip():
        pytest.skip("no /etc/hostname")
    prolog = '<!DOCTYPE tmx [ <!ENTITY h SYSTEM "file:///etc/hostname"> ]>\n'
    path = tmp_path / "xxe.tmx"
    path.write_text(tmx(tu(("zh", "&h;"), ("en", "x")), prolog=prolog), encoding="utf-8")
    texts = []
    with pytest.raises(DuizhaoError):
        texts.extend(s.zh for s in TmxReader().read(path))
    assert texts == []


def test_parameter_entity_and_external_dtd_are_not_fetched(tmp_path):
    prolog = f'<!DOCTYPE tmx SYSTEM "file://{tmp_path}/missing.dtd">\n'
    path = tmp_path / "ext.tmx"
    path.write_text(tmx(tu(("zh", "甲"), ("en", "A")), prolog=prolog), encoding="utf-8")
    assert [s.zh for s in TmxReader().read(path)] == ["甲"]  # the DTD is never loaded, so its absence is fine


def test_entity_from_an_existing_external_dtd_never_reaches_a_segment(tmp_path):
    (tmp_path / "ext.dtd").write_text('<!ENTITY ext "LEAKED-FROM-DTD">\n', encoding="utf-8")
    prolog = f'<!DOCTYPE tmx SYSTEM "file://{tmp_path}/ext.dtd">\n'
    path = tmp_path / "ext.tmx"
    path.write_text(tmx(tu(("zh", "a&ext;b"), ("en", "x")), prolog=prolog), encoding="utf-8")
    with pytest.raises(FormatError, match="refused: entity reference &ext;") as info:
        list(TmxReader().read(path))
    assert "LEAKED" not in str(info.value)


def test_undefined_html_entity_names_itself_and_its_line(tmp_path):
    path = tmp_path / "nbsp.tmx"
    path.write_text(tmx(tu(("zh", "甲"), ("en", "A")) + tu(("zh", "a&nbsp;b"), ("en", "x"))), encoding="utf-8")
    with pytest.raises(FormatError, match="Entity 'nbsp' not defined") as info:
        list(TmxReader().read(path))
    assert info.value.line == 6


def billion_laughs(depth: int = 10, in_attribute: bool = False) -> str:
    entities = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, depth)]
    prolog = "<!DOCTYPE tmx [\n" + "\n".join(entities) + "\n]>\n"
    if in_attribute:
        return (f'<?xml version="1.0"?>\n{prolog}<tmx version="1.4" x="&lol{depth - 1};"><header/><body/></tmx>')
    return tmx(tu(("zh", f"&lol{depth - 1};"), ("en", "x")), prolog=prolog)


@pytest.mark.parametrize("in_attribute", [False, True])
def test_billion_laughs_is_refused_quickly(tmp_path, in_attribute):
    path = tmp_path / "bomb.tmx"
    path.write_text(billion_laughs(in_attribute=in_attribute), encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(FormatError, match="refused"):
        list(TmxReader().read(path))
    assert time.perf_counter() - started < 2.0


# --- real-world files ------------------------------------------------------------------------

def sample_files() -> list[Path]:
    return sorted(SAMPLES.rglob("*.tmx")) if SAMPLES.is_dir() else []


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/data/tmx-samples is not present")
@pytest.mark.parametrize("path", sample_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_real_tmx_samples_import_or_are_refused_clearly(path):
    """None of the samples pairs zh with en: each must be a clean refusal naming its languages."""
    reader = TmxReader()
    try:
        pairs = list(reader.read(path))
    except FormatError as error:
        assert "languages in this file:" in str(error) or "malformed XML" in str(error), str(error)
        assert str(path) in str(error)
    else:
        assert all(p.zh is not None and p.en is not None for p in pairs)


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/data/tmx-samples is not present")
@pytest.mark.parametrize(("name", "languages"), [
    ("memoq-technitrad/sample.tmx", "en-ca (2), fr-ca (2)"),  # declares utf-16, is UTF-8
    ("trados-rws/WorkbenchFlavor.tmx", "DE-DE (2), EN-US (2)"),  # UTF-16LE with BOM
    ("omegat/project_save.tmx", "ja-JP (1), zh-CN (1)"),  # zh without en
    ("lisa-tmx-compliance-kit/ImportTest1F.tmx", "en-gb (3), en-us (3)"),  # UTF-16
])
def test_real_samples_are_parsed_not_just_refused(name, languages):
    with pytest.raises(FormatError) as info:
        list(TmxReader().read(SAMPLES / name))
    assert str(info.value).endswith(f"languages in this file: {languages}")


def test_real_sample_relabelled_as_zh_imports_inline_text(tmp_path):
    """The OmegaT level-2 file (inline bpt/ept/it/ph) with en relabelled zh: codes dropped, text kept."""
    source = SAMPLES / "omegat" / "test-level2.tmx"
    if not source.is_file():
        pytest.skip("../shared/data/tmx-samples is not present")
    path = tmp_path / "level2.tmx"
    path.write_bytes(source.read_bytes().replace(b'xml:lang="be"', b'xml:lang="zh-CN"'))
    got = [(s.en, s.zh) for s in TmxReader().read(path)]
    assert got == [("entuv", "betuv"), ("First part  end.", "First  tr."), ("2  zz xx", "tr"), ("3 xx", "tr")]


INLINE_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" segtype="sentence" adminlang="en"
 creationtool="t" creationtoolversion="1" o-tmf="t"/>
<body><tu tuid="a1"><tuv xml:lang="zh-CN">
<seg>新增<bpt i="1">&lt;b&gt;</bpt>就业<ept i="1">&lt;/b&gt;</ept>1.4万人。</seg></tuv>
<tuv xml:lang="en">
<seg>There were <bpt i="1">&lt;b&gt;</bpt>14,000<ept i="1">&lt;/b&gt;</ept> new jobs &amp; more.</seg></tuv>
</tu></body></tmx>
"""


def test_import_inline_xml_then_export_inline_xml_keeps_the_tags(tmp_path) -> None:
    from typer.testing import CliRunner

    from duizhao.cli import app
    from duizhao.formats import iter_segments

    source = tmp_path / "in.tmx"
    source.write_text(INLINE_TMX, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(source), "--inline", "xml", "-o", str(tmp_path / "c.yaml")]).exit_code == 0
    result = runner.invoke(app, ["export", "tmx", str(tmp_path / "c.yaml"), "--inline", "xml",
                                 "-o", str(tmp_path / "out.tmx")])
    assert result.exit_code == 0, result.output
    written = (tmp_path / "out.tmx").read_text(encoding="utf-8")
    assert '<bpt i="1">&lt;b&gt;</bpt>14,000<ept i="1">&lt;/b&gt;</ept>' in written  # markup, not &lt;bpt
    again = runner.invoke(app, ["import", str(tmp_path / "out.tmx"), "--inline", "xml", "-o",
                                str(tmp_path / "again.yaml")])
    assert again.exit_code == 0
    assert [s.en for s in iter_segments([tmp_path / "again.yaml"])] == [
        s.en for s in iter_segments([tmp_path / "c.yaml"])]


@pytest.mark.parametrize("english", ["a <b>bold</b> claim", "5 < 6", "<!DOCTYPE x>", "<ph>open", "&bogus;"])
def test_export_inline_xml_refuses_text_that_is_not_tmx_inline_markup(tmp_path, english) -> None:
    from duizhao.errors import OutputError
    from duizhao.formats import write_segments
    from duizhao.model import DocumentInfo, Segment

    target = tmp_path / "out.tmx"
    with pytest.raises(OutputError, match="segment s1"):
        write_segments([Segment(id="s1", zh="你好", en=english, doc=DocumentInfo(id="d", file="x"))], target, "tmx",
                       inline="xml")
    assert not target.exists()
