"""Untranslated or partly translated English: ``untranslated`` and ``pinyin-untranslated``.

``untranslated`` reports a target that is the source again with only width, case or spacing
changed (an exact copy is ``target-untranslated``'s, in ``checks.tags``), a target that is
mostly Chinese, and a Latin-script passage of the source
written in pinyin (three syllables or more: "Xiangcun Zhenxing Zhanlue") copied into the English
as it is. Names and codes copied whole (C919 → C919, "WTO" → "WTO") are translations, so a
copied target must hold Chinese or be pinyin prose to count.

``pinyin-untranslated`` reports a glossary term that the English gives in toneless pinyin
(乡村振兴 → "xiangcun zhenxing") instead of its rendering; the pinyin comes from CC-CEDICT
(``lexicon.Readings.pinyin_of``), loaded once, and only when a pair has a glossary term that
the English does not render. A term whose approved rendering is itself pinyin (大同 → Datong)
is never reported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import ClassVar

from ..glossary.en import plain_case
from ..model import Finding, Severity, Span, Term
from .base import PairContext, PairRule
from .english import known

_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LATIN_RUN = re.compile(r"[A-Za-zÀ-ÿāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+(?:[ '-][A-Za-zÀ-ÿāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+)+")
# The syllables of Standard Mandarin in toneless pinyin (ü as v), as CC-CEDICT spells them.
_SYLLABLE_LIST = """
    a ai an ang ao ba bai ban bang bao bei ben beng bi bia bian biao bie bin bing bo bu ca cai can cang cao ce ceng
    cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu
    cuan cui cun cuo da dai dan dang dao de dei deng di dia dian diao die ding diu dong dou du duan dui dun duo e ei
    en eng er fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang
    gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang
    jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke ken keng kong kou ku kua kuai kuan kuang kui
    kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun luo lv
    ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng
    ni nian niang niao nie nin ning niu nong nou nu nuan nun nuo nv o ou pa pai pan pang pao pei pen peng pi pian
    piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren
    reng ri rong rou ru ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shei shen
    sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te
    teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang
    xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai
    zan zang zao ze zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang
    zhui zhun zhuo zi zong zou zu zuan zui zun zuo
"""
_SYLLABLES = frozenset(_SYLLABLE_LIST.split())
_STRIP_ACCENTS = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü", "aaaaeeeeiiiioooouuuuvvvvv")


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


@lru_cache(maxsize=65536)
def is_pinyin_word(word: str) -> bool:
    """``word`` splits into toneless (or toned) pinyin syllables: Datong, Xiangcun, Zhenxing."""
    plain = word.lower().translate(_STRIP_ACCENTS).replace("'", "")
    if not plain.isascii() or not plain.isalpha():
        return False
    return _segments(plain)


@lru_cache(maxsize=4096)
def _segments(plain: str) -> bool:
    if not plain:
        return True
    return any(_segments(plain[len(syllable):]) for syllable in sorted(_prefixes(plain), key=len, reverse=True))


def _prefixes(plain: str) -> set[str]:
    """Every pinyin syllable ``plain`` starts with."""
    return {plain[:size] for size in range(1, min(6, len(plain)) + 1) if plain[:size] in _SYLLABLES}


def pinyin_passages(zh: str) -> list[re.Match[str]]:
    """Latin runs of ``zh`` of three or more words, all pinyin and at most one an English word
    (Made in China splits into syllables too)."""
    out = []
    for m in _LATIN_RUN.finditer(zh):
        words = re.split(r"[ '-]", m.group())
        if len(words) >= 3 and all(is_pinyin_word(w) for w in words) and sum(known(w) for w in words) <= 1:
            out.append(m)
    return out


class Untranslated(PairRule):
    id: ClassVar[str] = "untranslated"
    text_only: ClassVar[bool] = True
    default_severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str] = ("The English is mostly Chinese, is the Chinese copied over with its width or spacing "
                              "changed, or copies a pinyin passage of the source as it is.")
    why: ClassVar[str] = ("A CAT tool's copy-source button and a paste into the wrong column both ship Chinese as "
                          "English; leftover-cjk names the characters, this says the segment was never translated.")
    example: ClassVar[str] = "新春贺词 → New 新春贺词: 'the English is mostly Chinese (4 of 7 letters)'"

    def check(self, ctx: PairContext) -> Iterable[Finding]:
        seg = ctx.segment
        zh, en = seg.zh, seg.en
        if not en.strip():
            return
        chinese = not en.isascii() and _IDEOGRAPH.search(en) is not None
        if chinese and _fold(en) == _fold(zh):
            if en.strip() != zh.strip():  # an exact copy is target-untranslated's (checks.tags)
                yield self.finding(ctx, "the English is the Chinese copied over (with width, case or spacing "
                                        "changed)", spans=[Span("en", 0, len(en))])
            return
        if chinese:
            ideographs = len(_IDEOGRAPH.findall(en))
            letters = sum(1 for ch in en if ch.isalpha())  # ideographs are alphabetic too
            if ideographs >= 2 and ideographs * 2 >= letters:
                yield self.finding(ctx, f"the English is mostly Chinese ({ideographs} of {letters} letters)",
                                   data={"ideographs": ideographs, "letters": letters})
                return
        if zh.isascii():
            return
        for m in pinyin_passages(zh):
            at = en.find(m.group())
            if at >= 0:
                yield self.finding(ctx, f"the pinyin {m.group()!r} is copied from the Chinese untranslated",
                                   spans=[Span("zh", *m.span()), Span("en", at, at + len(m.group()))])


@lru_cache(maxsize=8192)
def _pinyin_pattern(pinyin: str) -> re.Pattern[str]:
    """'xiang cun zhen xing' → a regex for the syllables with or without spaces, hyphens, apostrophes."""
    syllables = [re.escape(s) for s in pinyin.split()]
    return re.compile(r"(?<![A-Za-z])" + r"[\s'’-]?".join(syllables) + r"(?![A-Za-z])", re.I)


class PinyinUntranslated(PairRule):
    id: ClassVar[str] = "pinyin-untranslated"
    text_only: ClassVar[bool] = True
    default_severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str] = ("A glossary term is written in pinyin in the English (乡村振兴 → \"xiangcun zhenxing\") "
                              "instead of its rendering.")
    why: ClassVar[str] = ("Pinyin without tones tells an English reader nothing and hides the term from search; the "
                          "glossary has a rendering for it. Terms rendered in pinyin on purpose (大同 → Datong) are "
                          "left alone.")
    example: ClassVar[str] = ("推进乡村振兴 → promote xiangcun zhenxing: \"乡村振兴 is written in pinyin "
                              "('xiangcun zhenxing'); the glossary renders it 'rural revitalization'\"")

    def check(self, ctx: PairContext) -> Iterable[Finding]:
        en = ctx.segment.en
        if not ctx.zh_hits or not en.strip():
            return
        rendered = {id(h.term) for hit in ctx.zh_hits for h in ctx.en_hits(hit.term)}
        seen: set[int] = set()
        squashed: str | None = None
        for hit in ctx.zh_hits:
            term: Term = hit.term
            if id(term) in rendered or id(term) in seen or not term.en:
                continue
            seen.add(id(term))
            syllables = _term_syllables(term.zh)
            if syllables is None:
                continue
            # A match holds the syllables in a row, at most one separator between them: in
            # plain-case English (where re's case folding is str.lower) they must then be in the
            # lower-cased text without separators. Most terms fail this test, and skip compiling.
            if squashed is None:
                lowered = en.lower()
                squashed = _SEPARATORS.sub("", lowered) if plain_case(en, lowered) else ""
            if squashed and _SEPARATORS.sub("", "".join(syllables)) not in squashed:
                continue
            pattern = _pinyin_pattern(" ".join(syllables))
            if any(pattern.search(r) for r in term.renderings):
                continue
            m = pattern.search(en)
            if m:
                yield self.finding(ctx, f"{term.zh} is written in pinyin ({m.group()!r}); the glossary renders it "
                                        f"{term.en!r}",
                                   spans=[Span("zh", hit.start, hit.end), Span("en", *m.span())],
                                   data={"term": term.zh, "pinyin": m.group(), "expected": term.en})


_SEPARATORS = re.compile(r"[\s'’-]")


@lru_cache(maxsize=8192)
def _term_syllables(zh: str) -> tuple[str, ...] | None:
    """The lower-case toneless syllables of a term's pinyin (two or more), or None."""
    from ..lexicon import Readings  # late: CC-CEDICT's readings load once, and only for pairs that need them

    readings = Readings.load()
    if readings is None:
        return None
    pinyin = readings.pinyin_of(re.sub(r"[“”\"'‘’「」]", "", zh))
    if not pinyin or len(pinyin.split()) < 2:
        return None
    return tuple(pinyin.lower().split())
