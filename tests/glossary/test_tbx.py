"""TBX export (TBX-Basic on TBX v3, valid against the core RelaxNG) and import (v3 and v2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from duizhao.errors import FormatError
from duizhao.formats.tbx import DEPRECATED, PREFERRED, TBX_NS, XML_LANG, read_tbx, write_tbx

SCHEMA_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "tbx-schema"
NS = {"t": TBX_NS}


@pytest.fixture(scope="module", params=["TBXcoreStructV03.rng", "TBXcoreStructV03_TBX-Basic_integrated.rng"])
def relaxng(request) -> etree.RelaxNG:
    """The TBX v3 core schema, and the older TBX-Basic integrated one (its Schematron needs XSLT 2)."""
    schema = SCHEMA_DIR / request.param
    if not schema.is_file():
        pytest.skip("../shared/data/tbx-schema is not present")
    return etree.RelaxNG(etree.parse(str(schema)))


def test_export_is_valid_tbx_v3(policy, tmp_path, relaxng):
    path = tmp_path / "g.tbx"
    assert write_tbx(policy.terms, path) == len(policy.terms)
    doc = etree.parse(str(path))
    assert relaxng.validate(doc), relaxng.error_log.last_error
    root = doc.getroot()
    assert root.get("type") == "TBX-Basic" and root.get("style") == "dca"


def test_statuses_use_tbx_basic_values(policy, tmp_path):
    path = tmp_path / "g.tbx"
    write_tbx(policy.terms, path)
    doc = etree.parse(str(path))
    entry = next(e for e in doc.iterfind(".//t:conceptEntry", NS)
                 if e.findtext("t:langSec/t:termSec/t:term", namespaces=NS) == "一带一路")
    en = {sec.findtext("t:term", namespaces=NS): sec.findtext("t:termNote", namespaces=NS)
          for lang in entry.iterfind("t:langSec", NS) if lang.get(XML_LANG) == "en"
          for sec in lang.iterfind("t:termSec", NS)}
    assert en == {"the Belt and Road Initiative": PREFERRED, "Belt and Road": "admittedTerm-admn-sts",
                  "One Belt, One Road": DEPRECATED, "OBOR": DEPRECATED}


def test_round_trip_keeps_every_field(policy, tmp_path):
    path = tmp_path / "g.tbx"
    write_tbx(policy.terms, path)
    back = read_tbx(path)
    strip = [(t.zh, t.en, t.variants, t.forbidden, t.note, t.source, t.status, t.domain, t.case_sensitive,
              t.forbidden_everywhere) for t in policy.terms]
    assert [(t.zh, t.en, t.variants, t.forbidden, t.note, t.source, t.status, t.domain, t.case_sensitive,
             t.forbidden_everywhere) for t in back] == strip


def test_reads_the_ltac_basic_example():
    path = SCHEMA_DIR / "tbx-test-files" / "basic_good.tbx"
    if not path.is_file():
        pytest.skip("../shared/data/tbx-schema is not present")
    terms = read_tbx(path, source_lang="en", target_lang="es")
    by_source = {t.zh: t for t in terms}
    assert by_source["open cluster"].en == "cúmulo abierto" and by_source["open cluster"].domain == "General"
    assert "galactic cluster" not in by_source  # deprecated (usageStatus) source terms are not entries
    assert by_source["accretion disc"].variants == ("disco de acrecimiento",)


def test_reads_the_tbx_v2_sample_without_its_dtd():
    path = SCHEMA_DIR / "sampleTBXfile.tbx"
    if not path.is_file():
        pytest.skip("../shared/data/tbx-schema is not present")
    (term,) = read_tbx(path, source_lang="en", target_lang="hu")
    assert (term.zh, term.en, term.domain) == ("alpha smoothing factor", "hu translation", "manufacturing")
    assert term.note.startswith("A value between 0 and 1")


def test_malformed_xml_is_a_format_error_with_line(tmp_path):
    path = tmp_path / "bad.tbx"
    path.write_text("<tbx>\n<text>\n</tbx>\n", encoding="utf-8")
    with pytest.raises(FormatError) as info:
        read_tbx(path)
    assert info.value.line == 3


def test_not_tbx_is_a_format_error(tmp_path):
    path = tmp_path / "x.tbx"
    path.write_text("<tmx/>", encoding="utf-8")
    with pytest.raises(FormatError, match="not a TBX file"):
        read_tbx(path)


def test_simplified_and_traditional_sections_are_one_entry(tmp_path):
    path = tmp_path / "two.tbx"
    path.write_text(f"""<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="{TBX_NS}"><tbxHeader><fileDesc>
<sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader><text><body><conceptEntry id="c1">
<langSec xml:lang="zh-Hans"><termSec><term>乡村振兴</term></termSec></langSec>
<langSec xml:lang="zh-Hant"><termSec><term>鄉村振興</term></termSec></langSec>
<langSec xml:lang="en"><termSec><term>rural revitalization</term></termSec></langSec>
</conceptEntry></body></text></tbx>""", encoding="utf-8")
    assert [(t.zh, t.en) for t in read_tbx(path)] == [("乡村振兴", "rural revitalization")]
