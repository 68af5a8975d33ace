"""Glossary rules: every term rendered as approved, no forbidden renderings, one rendering per document.

A finding that comes only from a ``status: proposed`` entry is at most a warning
(``PROPOSED_CAP``): a rendering nobody has confirmed must not fail a build. Such findings carry
``data["status"] == "proposed"``; ``with_proposed_severity`` gives them another severity when a
project asks for one (``proposed-severity`` in the configuration).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import ClassVar

from ..glossary.en import EXPANSION, FORBIDDEN, EnHit, claim
from ..glossary.unknown import english_for, unknown_candidates
from ..groups import Groups
from ..model import Finding, Segment, Severity, Span, Term
from .base import GroupsRule, PairContext, PairRule


def pair_renderings(ctx: PairContext) -> tuple[dict[int, tuple[Term, int]], list[EnHit]]:
    """The terms of the pair's Chinese (``id(term) -> (term, count)``) and their English renderings.

    English spans are shared out across terms longest first (``claim``), so the
    "urbanization" inside "new-type urbanization" does not also count for 城镇化.
    Terms are keyed by identity: a glossary holds each entry once, and hashing a frozen
    dataclass field by field on every pair is measurable with 10,000 terms. Computed once per
    pair (kept on ``ctx``): term-missing, term-forbidden and term-inconsistent all ask.
    """
    cached = ctx.term_renderings
    if cached is not None:
        return cached
    counts: dict[int, tuple[Term, int]] = {}
    for hit in ctx.zh_hits:
        key = id(hit.term)
        seen = counts.get(key)
        counts[key] = (hit.term, seen[1] + 1 if seen else 1)
    if not counts:
        ctx.term_renderings = (counts, [])
        return ctx.term_renderings
    hits: list[EnHit] = []
    for term, _ in counts.values():
        hits.extend(ctx.en_hits(term))
    ctx.term_renderings = (counts, claim(hits) if len(counts) > 1 else hits)
    return ctx.term_renderings


def _quote_list(items: Iterable[str]) -> str:
    return ", ".join(f"'{x}'" for x in items)


def _status_note(term: Term) -> str:
    return " (proposed term)" if term.status == "proposed" else ""


#: the highest severity of a finding that comes only from a ``status: proposed`` entry
PROPOSED_CAP = Severity.WARNING


def term_severity(severity: Severity, term: Term) -> Severity:
    """``severity``, lowered to ``PROPOSED_CAP`` when the finding comes from a proposed entry."""
    if term.status == "proposed" and severity.rank > PROPOSED_CAP.rank:
        return PROPOSED_CAP
    return severity


def with_proposed_severity(findings: Iterable[Finding], severity: Severity) -> Iterator[Finding]:
    """``findings``, those that come only from proposed entries given ``severity`` instead."""
    for finding in findings:
        if finding.data.get("status") == "proposed" and finding.severity is not severity:
            finding = replace(finding, severity=severity)
        yield finding


def _accepted(term: Term) -> str:
    spelled = " (or its content spelled out)" if term.expands_to else ""
    return _quote_list(term.renderings) + spelled


class TermMissing(PairRule):
    id: ClassVar[str] = "term-missing"
    text_only: ClassVar[bool] = True
    default_severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str] = ("A glossary term in the source has no approved rendering (or variant, or its "
                              "spelled-out content) anywhere in the English.")
    why: ClassVar[str] = ("Policy slogans have fixed official renderings; a paraphrase or an omission changes "
                          "what an English reader recognises. A proposed entry reports at most a warning.")
    example: ClassVar[str] = ("推进乡村振兴 → advance rural renewal: \"乡村振兴 needs 'rural revitalization' "
                              "(or a variant) in the English\"")

    def check(self, ctx: PairContext) -> Iterable[Finding]:
        if not ctx.segment.en.strip():
            return  # empty-target reports this pair once, not once per term
        counts, hits = pair_renderings(ctx)
        if not counts:
            return
        found = Counter(id(h.term) for h in hits)  # forbidden ones count: term-forbidden reports them
        for key, (term, needed) in counts.items():
            if found[key] or not term.en:
                continue  # rendered at least once: term-count looks at the number
            zh_spans = [Span("zh", h.start, h.end) for h in ctx.zh_hits if h.term is term]
            yield self.finding(ctx, f"{term.zh} needs {_accepted(term)} in the English{_status_note(term)}",
                               spans=zh_spans, severity=term_severity(self.severity, term),
                               data={"term": term.zh, "expected": list(term.renderings),
                                     "expands_to": list(term.expands_to), "status": term.status,
                                     "count_zh": needed, "count_en": 0})


class TermCount(PairRule):
    id: ClassVar[str] = "term-count"
    text_only: ClassVar[bool] = True
    default_severity: ClassVar[Severity] = Severity.INFO
    summary: ClassVar[str] = ("A glossary term occurs more often in the source than its renderings in the English "
                              "(it is rendered at least once).")
    why: ClassVar[str] = ("Usually harmless: official English refers back with a pronoun or a shorter noun "
                          "(\"it\", \"this strategy\") or merges two mentions; worth a look when a mention may "
                          "have been dropped. Never more than a hint: term-missing reports a term never rendered.")
    example: ClassVar[str] = ("高质量发展是硬道理，要坚持高质量发展 → High-quality development is essential; we must "
                              "stick to it: \"高质量发展 occurs 2 times in the Chinese but is rendered 1 time\"")

    def check(self, ctx: PairContext) -> Iterable[Finding]:
        if not ctx.segment.en.strip():
            return
        counts, hits = pair_renderings(ctx)
        if not counts:
            return
        found = Counter(id(h.term) for h in hits)
        for key, (term, needed) in counts.items():
            rendered = found[key]
            if not rendered or rendered >= needed or not term.en:
                continue
            zh_spans = [Span("zh", h.start, h.end) for h in ctx.zh_hits if h.term is term]
            en_spans = [Span("en", h.start, h.end) for h in hits if h.term is term]
            message = (f"{term.zh} occurs {needed} times in the Chinese but is rendered "
                       f"{rendered} time{'s' if rendered != 1 else ''} ({_accepted(term)}){_status_note(term)}")
            yield self.finding(ctx, message, spans=zh_spans + en_spans, severity=term_severity(self.severity, term),
                               data={"term": term.zh, "expected": list(term.renderings), "status": term.status,
                                     "count_zh": needed, "count_en": rendered})


class TermForbidden(PairRule):
    id: ClassVar[str] = "term-forbidden"
    text_only: ClassVar[bool] = True
    default_severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str] = ("The English uses a rendering the glossary forbids for a term in the source "
                              "(or anywhere, if so marked).")
    why: ClassVar[str] = ("Forbidden renderings are known mistranslations (often politically sensitive ones); "
                          "they must not be published.")
    example: ClassVar[str] = ("一带一路 → One Belt, One Road: \"'One Belt, One Road' is a forbidden rendering of "
                              "一带一路; use 'the Belt and Road Initiative'\"")

    def check(self, ctx: PairContext) -> Iterable[Finding]:
        en = ctx.segment.en
        if not en.strip():
            return
        _, hits = pair_renderings(ctx)
        reported: list[tuple[int, int]] = []
        accepted_spans = [(h.start, h.end) for h in hits if h.kind != FORBIDDEN]
        for hit in hits:
            if hit.kind == FORBIDDEN:
                reported.append((hit.start, hit.end))
                yield self._report(ctx, hit, en, everywhere=False)
        if ctx.matcher is None:
            return
        for hit in ctx.matcher.find_forbidden_everywhere(en):
            span = (hit.start, hit.end)
            if any(hit.start < b and a < hit.end for a, b in reported + accepted_spans):
                continue
            reported.append(span)
            yield self._report(ctx, hit, en, everywhere=True)

    def _report(self, ctx: PairContext, hit: EnHit, en: str, *, everywhere: bool) -> Finding:
        term = hit.term
        used = en[hit.start:hit.end]
        if everywhere:
            message = f"'{used}' is forbidden everywhere (glossary: {term.zh} → '{term.en}')"
        else:
            message = f"'{used}' is a forbidden rendering of {term.zh}; use '{term.en}'{_status_note(term)}"
        spans = [Span("en", hit.start, hit.end)]
        spans += [Span("zh", h.start, h.end) for h in ctx.zh_hits if h.term is term]
        return self.finding(ctx, message, spans=spans, severity=term_severity(self.severity, term),
                            data={"term": term.zh, "forbidden": hit.rendering, "approved": term.en,
                                  "everywhere": everywhere, "status": term.status})


class TermUnknown(PairRule):
    id: ClassVar[str] = "term-unknown"
    text_only: ClassVar[bool] = True
    default_severity: ClassVar[Severity] = Severity.INFO
    summary: ClassVar[str] = ("A quoted Chinese expression or a numbered formula (两个X, 四个X, 三大X, N+M) in the "
                              "source that no glossary entry covers, with the English it was given.")
    why: ClassVar[str] = ("Slogans recur: one the glossary does not know yet is translated a new way each time. "
                          "`duizhao glossary suggest` collects them across a corpus as entries to review.")
    example: ClassVar[str] = ("开拓“四大赛道” → open up the \"four major tracks\": \"“四大赛道” is not in the "
                              "glossary (English: 'four major tracks')\"")

    def check(self, ctx: PairContext) -> Iterable[Finding]:
        zh = ctx.segment.zh
        covered = [(h.start, h.end) for h in ctx.zh_hits]
        found = unknown_candidates(zh, covered)
        for cand, english in zip(found, english_for(found, ctx.segment.en), strict=True):
            given = f"English: '{english}'" if english else "no English rendering recognised"
            yield self.finding(ctx, f"“{cand.text}” is not in the glossary ({given})",
                               spans=[Span("zh", cand.start, cand.end)],
                               data={"term": cand.text, "kind": cand.kind, "english": english})


# state: (file, doc id, term zh) -> its accepted renderings in corpus order, each with every
# location (``Groups``: one packed record per use, no object); a rendering's preview is
# "term<TAB>rendering", so the finding can name the term from the state alone
_State = Groups[tuple[str, str, str], str]


class TermInconsistent(GroupsRule[tuple[str, str, str], str]):
    id: ClassVar[str] = "term-inconsistent"
    default_severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str] = "Within one document, a glossary term is rendered with two different accepted renderings."
    why: ClassVar[str] = ("Variants are acceptable one at a time; alternating between them inside one text makes "
                          "a reader wonder whether two different things are meant.")
    example: ClassVar[str] = ("一带一路 → 'the Belt and Road Initiative' in s3 but 'Belt and Road' in s9: "
                              "\"一带一路 is rendered 2 ways in this document\"")

    def observation(self, ctx: PairContext) -> tuple[tuple[str, str], ...] | None:
        """The pair's accepted ``(term, rendering)`` uses, each once: a pair is one place, however
        often it uses a rendering."""
        if not ctx.zh_hits:
            return None
        _, hits = pair_renderings(ctx)
        # spelled-out content is not a rendering a translator alternates with the label
        used = tuple(dict.fromkeys((hit.term.zh, hit.rendering) for hit in hits
                                   if hit.kind != FORBIDDEN and hit.kind != EXPANSION))
        return used or None

    def record(self, state: _State, observation: tuple[tuple[str, str], ...], segment: Segment) -> None:
        doc = segment.doc
        for zh, rendering in observation:
            state.add((doc.file, doc.id, zh), rendering, segment, zh + "\t" + rendering)

    def finish(self, state: _State) -> Iterable[Finding]:
        for shown, named in state.divergent_items():
            zh = shown.partition("\t")[0]
            groups = [(preview.partition("\t")[2], places) for preview, places in named]
            ordered = sorted(groups, key=lambda item: (item[1][0].line, item[1][0].segment))
            described = "; ".join(
                f"'{rendering}' ({', '.join(dict.fromkeys(loc.segment for loc in places))})"
                for rendering, places in ordered
            )
            anchor = ordered[1][1][0]
            involved = [loc for _, places in ordered for loc in places]
            yield self.finding(
                anchor,
                f"{zh} is rendered {len(ordered)} ways in this document: {described}",
                related=tuple(dict.fromkeys(loc for loc in involved if loc != anchor)),
                data={"term": zh, "renderings": [r for r, _ in ordered]},
            )
