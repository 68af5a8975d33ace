"""Bilingual XLIFF 1.2 and 2.0 (read-only): the format contract, language sides, inline codes, security."""

from __future__ import annotations

from xml.sax.saxutils import escape

import pytest

from duizhao.errors import FormatError
from duizhao.formats.xliff import XliffReader
from tests.formats.contract import BitextContract


def xliff12(pairs, src="zh-CN", tgt="en-US", units: str | None = None) -> str:
    body = units if units is not None else "".join(
        f'<trans-unit id="{escape(i)}"><source>{escape(zh)}</source><target>{escape(en)}</target></trans-unit>\n'
        for i, zh, en in pairs)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
            f'<file original="doc" source-language="{src}" target-language="{tgt}" datatype="plaintext"><body>\n'
            f"{body}</body></file>\n</xliff>\n")


def xliff20(pairs, src="zh-CN", tgt="en", units: str | None = None) -> str:
    body = units if units is not None else "".join(
        f'<unit id="{escape(i)}"><segment><source>{escape(zh)}</source><target>{escape(en)}</target></segment></unit>\n'
        for i, zh, en in pairs)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"'
            f' srcLang="{src}" trgLang="{tgt}">\n<file id="f1">\n{body}</file>\n</xliff>\n')


def _cr(text: str) -> str:
    return text.replace("\r", "&#13;")


class TestXliff12Contract(BitextContract):
    reader_cls = XliffReader
    suffix = ".xlf"
    sample = xliff12([], units='<group id="g"><trans-unit id="u1"><source>稳中<g id="1">求进</g></source>'
                                '<target>Seek <bpt id="1">&lt;b&gt;</bpt>progress<ept id="1">&lt;/b&gt;</ept></target>'
                                '</trans-unit></group>\n<trans-unit id="u2"><source>未译</source></trans-unit>\n')
    sample_pairs = (("u1", "稳中求进", "Seek progress"), ("u2", "未译", ""))
    malformed = xliff12([("1", "一", "one")]).replace("</target>", "</targte>")
    malformed_line = 4
    build = staticmethod(lambda pairs: _cr(xliff12(pairs)))


class TestXliff20Contract(BitextContract):
    reader_cls = XliffReader
    suffix = ".xliff"
    sample = xliff20([], units='<unit id="u1"><notes><note>注</note></notes>'
                                '<segment id="s1"><source>一<ph id="1"/>二</source><target>one two</target></segment>'
                                '<ignorable><source> </source></ignorable>'
                                '<segment><source>三<cp hex="1F600"/></source><target><pc id="2">three</pc></target>'
                                '</segment></unit>\n')
    sample_pairs = (("u1/s1", "一二", "one two"), ("u1/2", "三😀", "three"))
    malformed = xliff20([("1", "一", "one")]).replace("<segment>", "<segment", 1)
    malformed_line = 4
    build = staticmethod(lambda pairs: _cr(xliff20(pairs)))


@pytest.mark.parametrize("make", [xliff12, xliff20])
def test_english_source_is_swapped(tmp_path, make):
    path = tmp_path / "en.xlf"
    path.write_text(make([("1", "Hello", "你好")], src="en-US", tgt="zh-CN"), encoding="utf-8")
    assert [(s.zh, s.en) for s in XliffReader().read(path)] == [("你好", "Hello")]


@pytest.mark.parametrize("make", [xliff12, xliff20])
def test_other_languages_are_read_with_the_english_side_in_place(tmp_path, make):
    path = tmp_path / "fr.xlf"
    path.write_text(make([("1", "Hello", "Bonjour")], src="en-US", tgt="fr-FR"), encoding="utf-8")
    [seg] = XliffReader().read(path)
    assert (seg.zh, seg.en, seg.doc.src_lang, seg.doc.tgt_lang) == ("Bonjour", "Hello", "en-US", "fr-FR")


def test_untranslated_units_are_pairs_with_an_empty_target(tmp_path):
    path = tmp_path / "x.xlf"
    path.write_text(xliff12([], units='<trans-unit id="a"><source>一</source></trans-unit>'
                                     '<trans-unit id="b"><source>二</source><target>two</target></trans-unit>'),
                    encoding="utf-8")
    reader = XliffReader()
    assert [(s.id, s.en) for s in reader.read(path)] == [("a", ""), ("b", "two")]
    assert reader.skipped == 0


def test_not_xliff_is_refused(tmp_path):
    path = tmp_path / "x.xlf"
    path.write_text('<?xml version="1.0"?><tmx version="1.4"/>', encoding="utf-8")
    with pytest.raises(FormatError, match="not XLIFF"):
        list(XliffReader().read(path))


def test_xxe_is_refused(tmp_path):
    path = tmp_path / "xxe.xlf"
    doc = xliff12([("1", "&xxe;", "x")]).replace("&amp;xxe;", "&xxe;")
    doc = doc.replace("<xliff", '<!DOCTYPE xliff [ <!ENTITY xxe SYSTEM "file:///etc/hostname"> ]>\n<xliff', 1)
    path.write_text(doc, encoding="utf-8")
    with pytest.raises(FormatError, match="refused"):
        list(XliffReader().read(path))


def test_an_xliff_with_no_unit_at_all_is_refused_like_tmx_but_locked_units_are_a_clean_read(tmp_path) -> None:
    from typer.testing import CliRunner

    from duizhao.cli import app

    empty = tmp_path / "empty.xlf"
    empty.write_text('<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
                     '<file original="x" source-language="zh-CN" target-language="en" datatype="plaintext">'
                     "<body></body></file></xliff>\n", encoding="utf-8")
    locked = tmp_path / "locked.xlf"
    locked.write_text('<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
                      '<file original="x" source-language="zh-CN" target-language="en" datatype="plaintext"><body>'
                      '<trans-unit id="1" translate="no"><source>你好</source><target>hello</target></trans-unit>'
                      "</body></file></xliff>\n", encoding="utf-8")
    (tmp_path / "g").mkdir()
    runner = CliRunner()
    refused = runner.invoke(app, ["check", str(empty), "-g", str(tmp_path / "g")])
    assert refused.exit_code == 2 and "no translation unit" in refused.output
    assert runner.invoke(app, ["check", str(locked), "-g", str(tmp_path / "g")]).exit_code == 0
