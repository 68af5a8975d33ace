"""``glossary lint``: what a terminologist should fix before translators rely on the glossary.

Every problem is a ``Finding`` with a stable code (its ``rule``), the file and line of the
entry, and the entry's ``zh`` in ``segment``, so the report formatters can print it.

    glossary-unknown-field      a field the format does not know (a typo such as ``varaints``)   error
    glossary-missing-zh/-en     an entry without its Chinese term or approved rendering          error
    glossary-bad-status         status other than approved, proposed, deprecated                 error
    glossary-duplicate          two entries for one term (also 一带一路 vs 一帶一路 vs “一带一路”)   error
    glossary-conflict           one term, two different approved renderings                      error
    glossary-forbidden-accepted a forbidden rendering that is also approved or a variant          error
    glossary-unmatchable        a term the matcher can never report (covered by another entry)    error
    glossary-script             Traditional characters in a file declared ``script: simplified``  error
    glossary-evidence-incomplete an ``evidence`` item without the quoted English phrase          error
    glossary-proposed           a proposed term: no official rendering yet                        warning
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..model import Finding, Glossary, Severity, Term
from ..script import match_key_zh, normalise_en, traditional_chars
from .en import rendering_pattern
from .load import problem
from .zh import ZhIndex


def lint_glossary(glossary: Glossary) -> list[Finding]:
    """Every problem of ``glossary``, sorted by file and line."""
    findings = list(glossary.problems)
    findings += _duplicates(glossary.terms)
    findings += _forbidden_accepted(glossary.terms)
    findings += _unmatchable(glossary.terms)
    findings += _script(glossary)
    findings += [problem("glossary-proposed", Severity.WARNING,
                         f"{t.zh}: proposed term ('{t.en}'): no official rendering yet", t.file, t.line, t.zh)
                 for t in glossary.terms if t.status == "proposed"]
    return sorted(findings, key=lambda f: (f.file, f.line, f.rule, f.message))


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def _where(term: Term) -> str:
    return f"{term.file}:{term.line}"


def _duplicates(terms: tuple[Term, ...]) -> list[Finding]:
    groups: dict[str, list[Term]] = defaultdict(list)
    for term in terms:
        if term.status != "deprecated":
            groups[match_key_zh(term.zh)].append(term)
    out = []
    for group in groups.values():
        first = group[0]
        for other in group[1:]:
            spelled = "" if other.zh == first.zh else f" (written {other.zh!r} here, {first.zh!r} there)"
            if _same_rendering(other.en, first.en, other.case_sensitive):
                out.append(problem("glossary-duplicate", Severity.ERROR,
                                   f"{other.zh}: duplicate of the entry at {_where(first)}{spelled}",
                                   other.file, other.line, other.zh))
            else:
                across = " in another file" if other.file != first.file else ""
                out.append(problem("glossary-conflict", Severity.ERROR,
                                   f"{other.zh}: approved '{other.en}' here but '{first.en}' at {_where(first)}"
                                   f"{across}{spelled}; keep one approved rendering and make the other a variant",
                                   other.file, other.line, other.zh))
    return out


def _same_rendering(a: str, b: str, case_sensitive: bool) -> bool:
    a, b = normalise_en(a), normalise_en(b)
    return a == b if case_sensitive else a.casefold() == b.casefold()


def _forbidden_accepted(terms: tuple[Term, ...]) -> list[Finding]:
    out = []
    everywhere: list[tuple[Term, str, re.Pattern[str]]] = []
    for term in terms:
        flags = 0 if term.case_sensitive else re.IGNORECASE
        for forbidden in term.forbidden:
            pattern = re.compile(rendering_pattern(forbidden, case_sensitive=term.case_sensitive), flags)
            for accepted in term.renderings:
                if accepted and pattern.fullmatch(normalise_en(accepted)):
                    kind = "approved rendering" if accepted == term.en else "variant"
                    out.append(problem("glossary-forbidden-accepted", Severity.ERROR,
                                       f"{term.zh}: '{forbidden}' is both forbidden and the {kind} '{accepted}'",
                                       term.file, term.line, term.zh))
            if term.forbidden_everywhere:
                everywhere.append((term, forbidden, pattern))
    for owner, forbidden, pattern in everywhere:  # would fire on correct translations of another term
        for term in terms:
            if term is owner or term.status == "deprecated":
                continue
            for accepted in term.renderings:
                if accepted and pattern.search(normalise_en(accepted)):
                    out.append(problem("glossary-forbidden-accepted", Severity.ERROR,
                                       f"{owner.zh}: '{forbidden}' is forbidden everywhere but is part of "
                                       f"'{accepted}', accepted for {term.zh} at {_where(term)}",
                                       owner.file, owner.line, owner.zh))
    return out


def _unmatchable(terms: tuple[Term, ...]) -> list[Finding]:
    """Entries the matcher can never report: run each entry's own ``zh`` through the automaton.

    Overlaps resolve longest first, so a term written alone is always found unless another
    entry claims the same text (a duplicate, reported above) or its key is empty.
    """
    active = [t for t in terms if t.status != "deprecated"]
    index = ZhIndex(active)
    out = []
    for term in active:
        key = match_key_zh(term.zh)
        if not key:
            out.append(problem("glossary-unmatchable", Severity.ERROR,
                               f"{term.zh!r}: nothing left to match once quotes and spaces are ignored",
                               term.file, term.line, term.zh))
            continue
        hits = index.find(term.zh)
        if any(h.term is term for h in hits):
            continue
        cover = next((h.term for h in hits), None)
        if cover is not None and match_key_zh(cover.zh) == key:
            continue  # same key: already a glossary-duplicate / glossary-conflict
        by = f"'{cover.zh}' ({_where(cover)}) always covers it" if cover else "it never matches its own text"
        out.append(problem("glossary-unmatchable", Severity.ERROR, f"{term.zh}: can never match: {by}",
                           term.file, term.line, term.zh))
    return out


def _script(glossary: Glossary) -> list[Finding]:
    out = []
    for term in glossary.terms:
        if glossary.scripts.get(term.file) != "simplified":
            continue
        chars = traditional_chars(term.zh)
        if chars:
            out.append(problem("glossary-script", Severity.ERROR,
                               f"{term.zh}: Traditional character(s) {chars} in a file declared "
                               f"'script: simplified' (Simplified: {match_key_zh(term.zh)})",
                               term.file, term.line, term.zh))
    return out
