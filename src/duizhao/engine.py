"""Runs rules over a stream of segments and yields findings.

The engine is the one place that knows the order of work: per-pair rules on each pair as it
streams past, corpus rules' state folded in as it goes, suppressions applied, corpus findings
at the end. It is pure with respect to I/O: readers feed it, reporters consume it.

The same work can be split into chunks (``check_chunk``) checked anywhere (another process,
a Dask worker) and folded back in chunk order (``reduce``): corpus rules' states are merged
earlier-into-later, so the findings are exactly those of one sequential run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .checks import RULES, CorpusRule, PairContext, PairRule, Rule
from .checks.base import location_of
from .errors import UsageError
from .model import Finding, Glossary, Segment, Severity
from .pairviews import PairView, PairViews, pack, view_of

if TYPE_CHECKING:
    from .glossary.matcher import TermMatcher
from .positions import placed
from .spill import DEFAULT_MEMORY_LIMIT, MemoryBudget

#: how often (in pairs) a sequential run reports progress
PROGRESS_EVERY = 4096

Progress = Callable[[int], None]
#: ``(file, segment id) -> rule ids`` a segment suppresses (corpus findings honour them too)
Suppressions = dict[tuple[str, str], frozenset[str]]
#: what the text-only rules said about a pair: their findings, and the corpus rules' observations
Analysis = tuple[tuple[Finding, ...], tuple[Any, ...]]


@dataclass
class RunStats:
    """Counts a report's summary needs, filled in while the run streams."""

    segments: int = 0
    documents: int = 0
    files: int = 0
    suppressed: int = 0
    by_severity: Counter = field(default_factory=Counter)
    by_rule: Counter = field(default_factory=Counter)

    def count(self, finding: Finding) -> None:
        self.by_severity[finding.severity.value] += 1
        self.by_rule[finding.rule] += 1

    def finding_counts(self) -> dict[str, Any]:
        """The summary's finding counts (the one place they are computed: ``recounted`` too)."""
        return {
            "errors": self.by_severity.get("error", 0),
            "warnings": self.by_severity.get("warning", 0),
            "infos": self.by_severity.get("info", 0),
            "by_rule": dict(sorted(self.by_rule.items())),
        }

    def as_dict(self) -> dict[str, Any]:
        counts = self.finding_counts()
        by_rule = counts.pop("by_rule")
        return {
            "segments": self.segments,
            "documents": self.documents,
            "files": self.files,
            **counts,
            "suppressed": self.suppressed,
            "by_rule": by_rule,
        }


def recounted(summary: Mapping[str, Any], findings: Iterable[Finding]) -> dict[str, Any]:
    """``summary`` with its finding counts replaced by those of ``findings`` (what a baseline left)."""
    stats = RunStats()
    for finding in findings:
        stats.count(finding)
    return {**summary, **stats.finding_counts()}


def exit_code(findings: Iterable[Finding], fail_on: str) -> int:
    """0 clean, 1 when a finding is at or above ``fail_on`` (error|warning|info|never)."""
    if fail_on == "never":
        return 0
    threshold = Severity(fail_on).rank
    return 1 if any(f.severity.rank >= threshold for f in findings) else 0


@dataclass
class ChunkResult:
    """What checking one chunk of pairs produced, ready to be folded into a whole run."""

    findings: list[Finding]
    states: list[Any]  # one per corpus rule, in the checker's order (each rule's own state type)
    suppressions: Suppressions
    segments: int
    suppressed: int
    documents: list[tuple[str, str]]  # (file, document id), in order of first appearance
    #: the chunk's pair views in order, packed (``pairviews.pack``), when the checker draws pairs;
    #: the main process spools the bytes as they are (``PairViews.add_packed``)
    views: bytes | None = None
    view_count: int = 0


def build_rules(
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    severities: Mapping[str, Severity] | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[Rule]:
    """Instantiate the selected rules with their configured severities (and ``options``: keyword
    arguments per rule id, such as pattern-violated's ``patterns`` from the configuration).

    ``select`` empty means every rule; unknown ids are a usage error so that a typo in CI
    configuration cannot silently switch a check off.
    """
    severities = severities or {}
    options = options or {}
    for rule_id in (*select, *ignore, *severities, *options):
        if rule_id not in RULES:
            raise UsageError(f"unknown rule {rule_id!r} (see `duizhao rules`)")
    chosen = [rid for rid in RULES if (not select or rid in select) and rid not in ignore]
    return [RULES[rid](severities.get(rid), **options.get(rid, {})) for rid in chosen]


@dataclass(frozen=True)
class CheckSetup:
    """The recipe for a Checker: small and picklable, sent once to each worker process.

    Workers build their rules and their glossary matcher from it once, not once per chunk.
    ``glossary`` is the loaded glossary when it can travel (pickled once per worker);
    otherwise ``glossary_path`` is loaded on the worker (it must then see the same file).
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severities: tuple[tuple[str, Severity], ...] = ()
    glossary: Glossary | None = None
    glossary_path: str | None = None
    encoding: str | None = None
    glossary_hash: str = ""
    #: keyword arguments per rule id (``build_rules``' ``options``), as ``(rule id, ((name, value), ...))``
    rule_options: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    #: the report draws pairs: chunks bring back each pair's view (``pairviews``) with their findings
    views: bool = False

    @property
    def token(self) -> str:
        """Identifies the checker this setup builds (for caching it on long-lived workers)."""
        return repr((self.select, self.ignore, self.severities, self.glossary_path, self.glossary_hash,
                     self.rule_options, self.views))

    def build(self, matcher: TermMatcher | None = None) -> Checker:
        """The checker; ``matcher`` is a glossary matcher already built from this setup's glossary."""
        options = {rule_id: dict(values) for rule_id, values in self.rule_options}
        rules = build_rules(self.select, self.ignore, dict(self.severities), options)
        if matcher is not None:
            return Checker(rules, matcher, draws=self.views)
        glossary = self.glossary
        if glossary is None and self.glossary_path is not None:
            from .glossary import load_glossary  # late: the engine works without a glossary

            glossary = load_glossary(Path(self.glossary_path))
        if glossary is None:
            return Checker(rules, draws=self.views)
        from .glossary import TermMatcher

        return Checker(rules, TermMatcher(glossary), draws=self.views)


class PairMemo:
    """What the text-only rules said about recently seen pairs, keyed by ``(zh, en)``.

    Translation memories and training corpora repeat pairs (a generated million-pair memory
    holds 170k distinct ones); a repeated pair's per-pair findings and corpus observations are
    a pure function of its two texts (``Rule.text_only``, ``CorpusRule.observation``), so they
    are kept for reuse. Bounded by two generations: entries go into a young dict; when it
    holds ``capacity`` pairs or ``max_chars`` characters of text it becomes the old one (the
    previous old one is dropped), and an entry found in the old one moves back to the young
    one. Pairs seen often stay; memory stays under two generations' worth.

    Memories of distinct pairs (no repeats) would only fill the generations for nothing: when
    fewer than ``MIN_HIT_RATE`` of the last ``capacity`` look-ups found their pair, a pair's
    analysis is kept only from its second sighting on (its first leaves a hash in two
    generations of ``sightings``), so per-pair work leaves nothing behind but that number.
    """

    __slots__ = ("capacity", "chars", "direct", "hits", "lookups", "max_chars", "old", "seen_old", "seen_young",
                 "young")

    #: below this share of look-ups finding their pair, only pairs seen twice are kept
    MIN_HIT_RATE = 0.05

    def __init__(self, capacity: int, max_chars: int | None = None) -> None:
        self.capacity = capacity
        self.max_chars = max_chars if max_chars is not None else capacity * 256
        self.young: dict[tuple[str, str], Analysis] = {}
        self.old: dict[tuple[str, str], Analysis] = {}
        self.chars = 0
        self.direct = True  # keep every pair's analysis (until the hit rate says otherwise)
        self.hits = self.lookups = 0
        self.seen_young: set[int] = set()
        self.seen_old: set[int] = set()

    def get(self, key: tuple[str, str]) -> Analysis | None:
        self.lookups += 1
        entry = self.young.get(key)
        if entry is None:
            entry = self.old.get(key)
            if entry is not None:
                self.put(key, entry)
        if entry is not None:
            self.hits += 1
        if self.lookups >= self.capacity:
            direct = self.hits >= self.MIN_HIT_RATE * self.lookups
            if self.direct and not direct:  # what was kept is mostly pairs that never come back
                self.young, self.old, self.chars = {}, {}, 0
            self.direct = direct
            self.hits = self.lookups = 0
        return entry

    def put(self, key: tuple[str, str], entry: Analysis) -> None:
        if not self.direct:
            sighting = hash(key)
            if sighting not in self.seen_young and sighting not in self.seen_old:
                seen = self.seen_young
                seen.add(sighting)
                if len(seen) >= 4 * self.capacity:
                    self.seen_old, self.seen_young = seen, set()
                return
        young = self.young
        young[key] = entry
        self.chars += len(key[0]) + len(key[1])
        if len(young) >= self.capacity or self.chars >= self.max_chars:
            self.old, self.young, self.chars = young, {}, 0


#: distinct pairs a checker remembers per generation (see ``PairMemo``); at the default
#: characters bound (256 per pair) a generation holds at most 4M characters of text
MEMO_PAIRS = 16_384


class Checker:
    """Applies a fixed set of rules (and one glossary matcher) to segments.

    With ``views`` (or ``draws``) it also makes each pair's ``PairView`` for a report that
    draws pairs: ``run`` and ``reduce`` put them into the ``views`` store in input order;
    ``check_chunk`` returns a chunk's views packed in its ``ChunkResult`` (a worker has no store).
    """

    def __init__(self, rules: Sequence[Rule], matcher: TermMatcher | None = None,
                 memo_pairs: int = MEMO_PAIRS, *, views: PairViews | None = None, draws: bool | None = None,
                 memory_limit: int | None = DEFAULT_MEMORY_LIMIT) -> None:
        self.rules = list(rules)
        #: bytes the corpus rules' state may hold in memory before it spills to disk (``spill``)
        self.memory_limit = memory_limit
        self.matcher = matcher
        self.views = views
        self.draws = views is not None if draws is None else draws
        self.pair_rules = [r for r in self.rules if isinstance(r, PairRule)]
        self.corpus_rules = [r for r in self.rules if isinstance(r, CorpusRule)]
        self.stats = RunStats()
        self._documents: set[tuple[str, str]] = set()
        self._files: set[str] = set()
        self._text_rules = [r for r in self.pair_rules if r.text_only]
        self._source_rules = frozenset(r.id for r in self.rules if r.locus == "source")
        self._unplaced_rules = frozenset(r.id for r in self.rules if r.locus == "segment")
        self._other_rules = [(rule, attrgetter(rule.only_if) if rule.only_if else None)
                             for rule in self.pair_rules if not rule.text_only]
        self._memo = PairMemo(memo_pairs) if memo_pairs > 0 else None

    def new_states(self) -> list[Any]:
        return [rule.new_state() for rule in self.corpus_rules]

    def _budgeted(self, states: list[Any]) -> MemoryBudget:
        """A budget of ``memory_limit`` bound to the corpus states of one run (closed when it ends)."""
        budget = MemoryBudget(self.memory_limit)
        budget.bind(states)
        return budget

    def _saw_documents(self, documents: Iterable[tuple[str, str]]) -> None:
        for file, doc_id in documents:
            self._documents.add((file, doc_id))
            self._files.add(file)
        self.stats.documents = len(self._documents)
        self.stats.files = len(self._files)

    def _analyse(self, ctx: PairContext) -> Analysis:
        """The text-only rules' findings and the corpus rules' observations of one pair."""
        findings = tuple(finding for rule in self._text_rules for finding in rule.check(ctx))
        return findings, tuple(rule.observation(ctx) for rule in self.corpus_rules)

    def check_pairs(self, segments: Iterable[Segment], states: list[Any], suppressions: Suppressions,
                    documents: dict[tuple[str, str], None] | None = None,
                    views: Callable[[PairView], None] | None = None) -> Iterator[Finding]:
        """Per-pair findings for ``segments``; corpus state is folded into ``states``.

        ``suppressions`` collects ``(file, segment id) -> ignored rule ids`` for the segments
        that carry any, so corpus findings at the end can honour them too. ``documents``
        (when given) collects the ``(file, document id)`` pairs seen, in order; ``views`` (when
        given) receives each pair's view.

        Text-only rules run first, then the others (the order findings of one pair come in);
        a pair seen before reuses the text-only findings, moved to its own location.
        """
        other_rules, matcher, memo = self._other_rules, self.matcher, self._memo
        recorders = [(rule.record, state) for rule, state in zip(self.corpus_rules, states, strict=True)]
        analyse = self._analyse
        stats = self.stats
        seen = documents if documents is not None else {}
        last_doc = None
        count = 0
        found: Sequence[Finding]
        ctx: PairContext | None
        for seg in segments:
            count += 1
            doc = seg.doc
            if doc is not last_doc:  # documents are shared objects: one identity test per pair
                last_doc = doc
                seen.setdefault((doc.file, doc.id), None)
            entry = None if memo is None else memo.get((seg.zh, seg.en))
            if entry is None:
                ctx = PairContext(seg, matcher)
                found, observations = entry = analyse(ctx)
                if memo is not None:
                    memo.put((seg.zh, seg.en), entry)
            else:
                ctx = None  # a repeated pair needs no analysis unless another rule asks below
                found, observations = entry
                if found:
                    where = location_of(seg)
                    found = [Finding(f.rule, f.severity, f.message, where, f.spans, f.related, f.data)
                             for f in found]
            ignored = seg.ignore
            if ignored:
                suppressions[(doc.file, seg.id)] = frozenset(ignored)
            for rule, only_if in other_rules:
                if only_if is None or only_if(seg):
                    if ctx is None:
                        ctx = PairContext(seg, matcher)
                    found = [*found, *rule.check(ctx)]
            if views is not None:
                views(view_of(ctx if ctx is not None else PairContext(seg, matcher)))
            has_positions = bool(seg.en_at or seg.zh_at)
            for finding in found:
                if ignored and finding.rule in ignored:
                    stats.suppressed += 1
                    continue
                if has_positions and finding.rule not in self._unplaced_rules:
                    finding = placed(finding, seg, source_alone=finding.rule in self._source_rules)
                yield finding
            for (record, state), observation in zip(recorders, observations, strict=True):
                if observation is not None:
                    record(state, observation, seg)
        stats.segments += count
        if documents is None:
            self._saw_documents(seen)

    def finish(self, states: list[Any], suppressions: Suppressions) -> Iterator[Finding]:
        found = (finding for rule, state in zip(self.corpus_rules, states, strict=True)
                 for finding in rule.finish(state))
        return self.kept(found, suppressions)

    def kept(self, found: Iterable[Finding], suppressions: Suppressions) -> Iterator[Finding]:
        """Corpus findings ``found`` less those a segment suppresses (counted as suppressed)."""
        for finding in found:
            ignored = suppressions.get((finding.location.file, finding.location.segment))
            if ignored and finding.rule in ignored:
                self.stats.suppressed += 1
                continue
            yield finding

    def run(self, segments: Iterable[Segment], progress: Progress | None = None) -> Iterator[Finding]:
        """Every finding for ``segments``: per-pair ones as they stream, then corpus ones."""
        if progress is not None:
            segments = _reporting(segments, progress)
        states = self.new_states()
        budget = self._budgeted(states)
        suppressions: Suppressions = {}
        views = self.views
        try:
            for finding in self.check_pairs(segments, states, suppressions,
                                            views=views.add if views is not None else None):
                self.stats.count(finding)
                yield finding
            for finding in self.finish(states, suppressions):
                self.stats.count(finding)
                yield finding
        finally:
            budget.close()  # spilled files go with the run, however it ends

    # -- chunked runs: check pieces anywhere, fold them back in order ---------------------

    def check_chunk(self, segments: Iterable[Segment]) -> ChunkResult:
        """Check one chunk with fresh corpus states; nothing is kept on the checker."""
        states = self.new_states()
        suppressions: Suppressions = {}
        documents: dict[tuple[str, str], None] = {}
        views: list[PairView] | None = [] if self.draws else None
        suppressed_before, segments_before = self.stats.suppressed, self.stats.segments
        findings = list(self.check_pairs(segments, states, suppressions, documents,
                                         views.append if views is not None else None))
        result = ChunkResult(
            findings=findings,
            states=states,
            suppressions=suppressions,
            segments=self.stats.segments - segments_before,
            suppressed=self.stats.suppressed - suppressed_before,
            documents=list(documents),
            views=pack(views) if views is not None else None,
            view_count=len(views) if views is not None else 0,
        )
        self.stats.segments, self.stats.suppressed = segments_before, suppressed_before
        return result

    def reduce(self, results: Iterable[ChunkResult], progress: Progress | None = None,
               corpus: Callable[[], Iterable[Finding]] | None = None) -> Iterator[Finding]:
        """Fold chunk results, given in input order, into this checker's run and yield every finding.

        Corpus states merge earlier-into-later (``CorpusRule.merge``), so the corpus findings
        are those a single sequential ``run`` over the concatenated chunks would produce. When
        the states were reduced elsewhere (a Dask shuffle: results carry no states), ``corpus()``
        gives the corpus findings instead, once every result is in.
        """
        states: list[Any] | None = None
        budget = MemoryBudget(None)
        suppressions: Suppressions = {}
        stats = self.stats
        try:
            for result in results:
                stats.segments += result.segments
                stats.suppressed += result.suppressed
                self._saw_documents(result.documents)
                suppressions.update(result.suppressions)
                if not result.states:
                    pass  # reduced elsewhere (``corpus``)
                elif states is None:
                    states = result.states
                    budget = self._budgeted(states)
                else:
                    states = [rule.merge(earlier, later) for rule, earlier, later
                              in zip(self.corpus_rules, states, result.states, strict=True)]
                if result.views is not None and self.views is not None:
                    self.views.add_packed(result.views, result.view_count)
                for finding in result.findings:
                    stats.count(finding)
                    yield finding
                if progress is not None:
                    progress(result.segments)
            if corpus is not None:
                found = self.kept(corpus(), suppressions)
            else:
                found = self.finish(states if states is not None else self.new_states(), suppressions)
            for finding in found:
                stats.count(finding)
                yield finding
        finally:
            budget.close()


def _reporting(segments: Iterable[Segment], progress: Progress) -> Iterator[Segment]:
    """Pass ``segments`` through, telling ``progress`` every few thousand pairs."""
    pending = 0
    for seg in segments:
        yield seg
        pending += 1
        if pending == PROGRESS_EVERY:
            progress(pending)
            pending = 0
    if pending:
        progress(pending)
