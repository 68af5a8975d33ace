"""``code-missing``: strings a translation copies as they are (URLs, e-mail addresses, hashtags,
alphanumeric codes such as C919, 5G, COVID-19, PM2.5, ISO 9001, GB/T 7714-2015, hotline numbers).

Each is looked for in the English after folding what a translator may legitimately change:
full-width forms (５Ｇ), dash shapes, spaces inside the code (GB/T7714 and GB/T 7714), letter
case (COVID-19 and Covid-19) and digit grouping in a long number (12,345). Anything else counts
as absent or altered; when the English has a code of the same shape, the message names it.

Figures with units (5km, 100mg) are quantities, not codes: number-mismatch compares those.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import ClassVar

from ..model import Finding, Severity, Span
from .base import PairContext, PairRule

_URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+", re.I)
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
_HASHTAG = re.compile(r"(?<![A-Za-z0-9_&])#[A-Za-z][A-Za-z0-9_]{1,}")
# A standard's designation: letters (with an optional /X), a space, then the number (ISO 9001,
# GB/T 7714-2015, GB 18030-2022); or one token mixing letters and digits (C919, 5G, H1N1, PM2.5).
_STANDARD = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2,}(?:/[A-Z]{1,2})?\s?\d+(?:[.\-:]\d+)*(?![A-Za-z0-9])")
_MIXED = re.compile(r"(?<![A-Za-z0-9.\-])(?=[A-Za-z0-9.\-]*\d)(?=[A-Za-z0-9.\-]*[A-Za-z])"
                    r"[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*(?![A-Za-z0-9])")
# a long digit string named as a number: 12345热线, 拨打12345, 编号20210001
_NUMBER_CUE = re.compile(r"(?:热线|电话|号码|编号|代码|邮编|拨打|专线|短信|微信号|QQ)[^\d]{0,3}(\d{5,})"
                         r"|(\d{5,})(?:热线|专线|服务热线)")
# digits + unit: quantities, compared by number-mismatch
# digits + unit: quantities, compared by number-mismatch. Case matters: 5G is a code, 5g five grams.
_UNIT = re.compile(r"\d+(?:\.\d+)?(?:[kcmn]?m|[km]?g|t|[mM]?[lL]|[kKMGT]?W|[kKMGT]?Wh|[kK]?V|m?A|mAh|[kMG]?Hz|"
                   r"[KMGTP]B|[kKMGT]?b|[KMG]bps|bps|km2|m2|m3|h|hrs?|min|s|ms|[ap]m|[AP]M|x|st|nd|rd|th|mu|"
                   r"sqm|dpi|fps|ppm|cc|C|F)")
_DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-"})


def _not_a_code(code: str) -> bool:
    """A quantity (5km, 0-100km, 2.9s) or a list label glued to a word (1.UN): not copied verbatim."""
    if len(code) < 2 or re.match(r"\d+\.[A-Za-z]", code):
        return True
    return all(_UNIT.fullmatch(part) or part.replace(".", "").isdigit() for part in code.split("-"))


def _fold(text: str) -> str:
    """The form codes are compared in: NFKC, one dash, no spaces, lower case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).translate(_DASHES)).lower()


def source_codes(zh: str) -> Iterator[tuple[str, str, int, int]]:
    """``(kind, code, start, end)`` for every string of ``zh`` that must be copied, left to right."""
    text = unicodedata.normalize("NFKC", zh) if not zh.isascii() else zh
    if len(text) != len(zh):
        text = zh  # NFKC changed the length (rare ligatures): spans must stay true
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or y <= a for x, y in taken)

    found = []
    for kind, pattern in (("url", _URL), ("email", _EMAIL), ("hashtag", _HASHTAG), ("code", _STANDARD),
                          ("code", _MIXED)):
        for m in pattern.finditer(text):
            a, b = m.span()
            code = m.group().rstrip(".,;:!?)'")
            b = a + len(code)
            if kind == "code" and _not_a_code(code):
                continue
            if free(a, b):
                taken.append((a, b))
                found.append((kind, code, a, b))
    for m in _NUMBER_CUE.finditer(text):
        group = 1 if m.group(1) else 2
        a, b = m.span(group)
        if free(a, b):
            taken.append((a, b))
            found.append(("number", m.group(group), a, b))
    found.sort(key=lambda item: item[2])
    yield from found


def _english_forms(en: str) -> str:
    folded = _fold(en)
    # 12,345 and 12 345 are 12345 for a hotline or an identifier
    return folded + "\n" + re.sub(r"(?<=\d)[,.](?=\d{3})", "", folded)


def _same_shape(code: str, en: str) -> str | None:
    """A code in ``en`` that looks like ``code`` (same letters, other digits; or the reverse)."""
    letters = re.sub(r"[^A-Za-z]", "", code).lower()
    for m in _MIXED.finditer(unicodedata.normalize("NFKC", en)):
        other = m.group()
        if other.lower() != code.lower() and re.sub(r"[^A-Za-z]", "", other).lower() == letters and letters:
            return other
    return None


class CodeMissing(PairRule):
    id: ClassVar[str] = "code-missing"
    text_only: ClassVar[bool] = True
    default_severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str] = ("A URL, e-mail address, hashtag or code in the source (C919, 5G, COVID-19, "
                              "GB/T 7714-2015, a hotline number) is absent from the English or altered.")
    why: ClassVar[str] = ("Codes, addresses and model numbers are copied, never translated: a reader types them in "
                          "or looks them up, and C919 published as C929 is a different aircraft.")
    example: ClassVar[str] = ("C919大型客机 → the C929 airliner: 'C919 is not in the English (it has C929)'")

    def check(self, ctx: PairContext) -> Iterable[Finding]:
        seg = ctx.segment
        zh = seg.zh
        if zh.isascii() and zh == seg.en:
            return  # a Latin-only segment copied whole is untranslated's business, not a code slip
        if not seg.en.strip():
            return
        codes = list(source_codes(zh))
        if not codes:
            return
        english = _english_forms(seg.en)
        for kind, code, start, end in codes:
            if _fold(code) in english:
                continue
            what = {"url": "the URL", "email": "the e-mail address", "hashtag": "the hashtag",
                    "number": "the number"}.get(kind, "")
            shown = f"{what} {code}".strip()
            near = _same_shape(code, seg.en) if kind == "code" else None
            message = f"{shown} is not in the English" + (f" (it has {near})" if near else "")
            yield self.finding(ctx, message, spans=[Span("zh", start, end)],
                               data={"kind": kind, "code": code, **({"found": near} if near else {})})
