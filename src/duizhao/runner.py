"""One check run, from inputs to findings: the library behind ``duizhao check``.

``run_check`` resolves inputs and glossary, builds the rules, streams segments through the
engine and returns findings with the run's statistics and signature. It knows nothing
about the command line or about report formats.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .checks import Rule
from .checks.terms import with_proposed_severity
from .engine import Checker, CheckSetup, Progress, RunStats, build_rules
from .errors import GlossaryError, UsageError
from .formats import ReadOptions, expand_paths, iter_segments
from .gcpolicy import FREEZE_EVERY, collector_resumed, frozen_as_passed
from .model import Finding, Glossary, Severity
from .pairviews import PairViews
from .spill import DEFAULT_MEMORY_LIMIT


@dataclass(frozen=True)
class CheckRequest:
    """Everything that decides the outcome of a check run (and so goes into its signature)."""

    paths: tuple[Path, ...] = ()
    glossary: Path | None = None
    encoding: str | None = None
    input_format: str | None = None
    statuses: tuple[str, ...] = ()  # XLIFF: check only segments of these statuses (``--status``)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severities: dict[str, Severity] = field(default_factory=dict)
    #: severity of findings that come only from proposed glossary entries (None: at most a warning)
    proposed_severity: Severity | None = None
    fail_on: str = "error"
    jobs: int = 1  # processes (``--jobs``); findings do not depend on it
    engine: str = "local"  # "local" or "dask"
    scheduler: str | None = None  # Dask scheduler address for engine "dask"
    #: bytes of corpus-rule state held in memory before it spills to disk (None: no limit); findings do
    #: not depend on it
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT
    source: Path | None = None  # with ``draft``: align a Chinese source and an English draft, then check
    draft: Path | None = None
    #: keyword arguments per rule id (``engine.build_rules``), e.g. pattern-violated's patterns
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: record every pair's view (``pairviews``) for a report that draws pairs
    #: (``Formatter.needs_pairs``); findings do not depend on it, so it is not in the signature
    pair_views: bool = False


@dataclass
class CheckOutcome:
    findings: list[Finding]
    stats: RunStats
    signature: str
    glossary_hash: str
    glossary_terms: int
    inputs: tuple[str, ...]
    rules: tuple[Rule, ...] = ()  # the rule objects that ran (reports describe them)
    #: every checked pair's view in input order, when the request asked for them (``pair_views``)
    views: PairViews | None = None

    def summary(self) -> dict[str, Any]:
        return self.stats.as_dict()


DEFAULT_CORPUS = Path("corpus")
DEFAULT_GLOSSARY = Path("glossary")


def resolve_inputs(paths: Sequence[Path]) -> tuple[Path, ...]:
    if paths:
        return tuple(paths)
    if DEFAULT_CORPUS.is_dir():
        return (DEFAULT_CORPUS,)
    raise UsageError("no PATH given and there is no ./corpus directory here; name the files or directories to check")


def resolve_glossary(path: Path | None) -> Path | None:
    if path is not None:
        return path
    return DEFAULT_GLOSSARY if DEFAULT_GLOSSARY.exists() else None


def draft_inputs(request: CheckRequest) -> tuple[Path, ...]:
    """``(source, draft)`` when the run checks an unaligned draft, else ``()``."""
    if request.source is None and request.draft is None:
        return ()
    if request.source is None or request.draft is None:
        raise UsageError("--source and --draft go together: the Chinese source and its English draft")
    if request.paths:
        raise UsageError("give either corpus PATHs or --source/--draft, not both")
    return (request.source, request.draft)


def refuse_broken_glossary(glossary: Glossary) -> None:
    """A check against a glossary with errors (an entry without zh or en, a misspelt field such
    as ``varaints``) would silently skip those entries: refuse it, as lint would."""
    errors = [p for p in glossary.problems if p.severity is Severity.ERROR]
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise GlossaryError(f"{first.message}{more}; run `duizhao glossary lint` to see every problem",
                            file=first.location.file, line=first.location.line)


def make_signature(version: str, glossary_hash: str, request: CheckRequest, rule_ids: Sequence[str]) -> str:
    """A sacrebleu-style signature: what produced these findings, reproducibly."""
    parts = [
        f"duizhao:{version}",
        f"glossary:{glossary_hash[:12] or 'none'}",
        "rules:" + ("all" if not request.select and not request.ignore else ",".join(rule_ids)),
        f"fail-on:{request.fail_on}",
    ]
    if request.source is not None:
        parts.append("input:aligned-draft")  # pairs came from the aligner, not from a corpus
    if request.rule_options:  # the project's own patterns change what is found
        options = repr(sorted((k, sorted(v.items())) for k, v in request.rule_options.items()))
        parts.append("options:" + hashlib.blake2b(options.encode("utf-8"), digest_size=6).hexdigest())
    if request.severities:
        parts.append("severity:" + ",".join(f"{k}={v.value}" for k, v in sorted(request.severities.items())))
    if request.proposed_severity is not None:
        parts.append(f"proposed:{request.proposed_severity.value}")
    if request.statuses:
        parts.append("status:" + ",".join(request.statuses))  # only these XLIFF segments were checked
    return "|".join(parts)


def _proposed_at(findings: list[Finding], severity: Severity, stats: RunStats) -> list[Finding]:
    """``findings`` with those from proposed glossary entries at ``severity``; ``stats`` recounted."""
    out = list(with_proposed_severity(findings, severity))
    for before, after in zip(findings, out, strict=True):
        if after is not before:
            stats.by_severity[before.severity.value] -= 1
            stats.by_severity[after.severity.value] += 1
    return out


def run_check(request: CheckRequest, progress: Progress | None = None, *, keep_frozen: bool = False) -> CheckOutcome:
    """Check every segment of ``request.paths`` and return the findings, sorted.

    ``progress`` (when given) is called with the number of pairs done since its last call.
    The run keeps its long-lived state out of the garbage collector's sight while it runs
    (``gcpolicy``) and gives it back at the end, unless ``keep_frozen``: only a process that
    exits after this run (the command line's entry point) should ask for that.
    """
    from .glossary import TermMatcher, load_glossary  # imported late: the engine works without it

    inputs = draft_inputs(request) or resolve_inputs(request.paths)
    glossary_path = resolve_glossary(request.glossary)
    # --encoding describes the bitexts being checked (a legacy GB18030 TSV); the glossary is the
    # project's own YAML and is always read as UTF-8/UTF-16 with BOM.
    glossary = load_glossary(glossary_path) if glossary_path else None
    if glossary is not None:
        refuse_broken_glossary(glossary)
    matcher = TermMatcher(glossary) if glossary else None
    rules = build_rules(request.select, request.ignore, request.severities, request.rule_options)
    views = PairViews() if request.pair_views else None
    checker = Checker(rules, matcher, views=views, memory_limit=request.memory_limit)
    setup = CheckSetup(select=request.select, ignore=request.ignore, severities=tuple(request.severities.items()),
                       rule_options=tuple((rule_id, tuple(values.items()))
                                          for rule_id, values in request.rule_options.items()),
                       glossary=glossary, glossary_path=str(glossary_path) if glossary_path else None,
                       encoding=request.encoding, glossary_hash=glossary.hash if glossary else "",
                       views=views is not None)
    # Directories are expanded once, here: the engines read exactly these files, and an empty
    # file still counts as read (a draft run reads its source and draft as one bitext).
    files = inputs if request.source is not None else tuple(expand_paths(inputs))
    # the one sort of a run's findings: every report renders them in this order
    findings = sorted(collector_resumed(_findings(request, files, checker, setup, progress), keep_frozen=keep_frozen),
                      key=Finding.sort_key)
    if request.proposed_severity is not None:
        findings = _proposed_at(findings, request.proposed_severity, checker.stats)
    if request.source is None:
        checker.stats.files = max(checker.stats.files, len(files))
    glossary_hash = glossary.hash if glossary else ""
    return CheckOutcome(
        findings=findings,
        stats=checker.stats,
        signature=make_signature(__version__, glossary_hash, request, [r.id for r in rules]),
        glossary_hash=glossary_hash,
        glossary_terms=len(glossary.terms) if glossary else 0,
        inputs=tuple(str(p) for p in inputs),
        rules=tuple(rules),
        views=views,
    )


def _findings(request: CheckRequest, inputs: Sequence[Path], checker: Checker, setup: CheckSetup,
              progress: Progress | None) -> Iterator[Finding]:
    """The run's findings from the engine the request names: in process, a process pool or Dask."""
    if request.jobs < 1:
        raise UsageError(f"--jobs must be at least 1, not {request.jobs}")
    if request.source is not None and request.draft is not None:
        from .align import draft_segments  # the pairs exist only once source and draft are aligned

        return checker.run(draft_segments(request.source, request.draft, matcher=checker.matcher,
                                          encoding=request.encoding), progress)
    options = ReadOptions(statuses=request.statuses)
    if request.engine == "dask":
        from .dask_engine import check_dask  # optional extra: duizhao[dask]

        return check_dask(checker, setup, inputs, scheduler=request.scheduler, encoding=request.encoding,
                          format_name=request.input_format, options=options, progress=progress)
    if request.engine != "local":
        raise UsageError(f"unknown engine {request.engine!r} (known: local, dask)")
    if request.scheduler:
        raise UsageError("--scheduler needs --engine dask")
    if request.jobs == 1:
        segments = iter_segments(inputs, encoding=request.encoding, format_name=request.input_format,
                                 options=options)
        return checker.run(frozen_as_passed(segments, FREEZE_EVERY), progress)
    from .parallel import check_parallel, plan

    tasks = plan(inputs, encoding=request.encoding, format_name=request.input_format, options=options,
                 jobs=request.jobs)
    return check_parallel(checker, setup, tasks, request.jobs, progress)
