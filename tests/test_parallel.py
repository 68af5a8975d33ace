"""``--jobs N``: chunks checked in other processes give exactly the findings of one process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from duizhao import parallel
from duizhao.cli import app
from duizhao.errors import EncodingError, FormatError
from duizhao.formats.tsv import TsvSlice
from duizhao.parallel import PairBatch, plan
from duizhao.runner import CheckRequest, run_check
from tests.helpers import write_corpus, write_glossary

TERMS = [
    {"zh": "新质生产力", "en": "new quality productive forces", "variants": ["new productive forces"],
     "forbidden": ["new quality productivity"]},
    {"zh": "高质量发展", "en": "high-quality development"},
]

# Pairs whose sources repeat far apart with different renderings: the consistency findings
# can only be right if chunk states are merged in order.
FILLER = [(f"第{i}项工作按计划推进。", f"Task {i} is proceeding as planned.") for i in range(400)]
SPREAD = {
    3: ("祝愿全市人民幸福安康！", "We wish all citizens happiness."),
    150: ("祝愿全市人民幸福安康！", "We wish all citizens well-being."),
    390: ("祝愿全市人民幸福安康！", "We wish all citizens happiness."),
    10: ("加快发展新质生产力。", "Accelerate new quality productive forces."),
    200: ("培育新质生产力。", "Foster new productive forces."),
    300: ("推动新质生产力。", "Promote new quality productivity."),
    20: ("推动高质量发展。", "Promote high-quality development."),
    250: ("实现高质量发展。", "Promote high-quality development."),
    120: ("空白。", ""),
    330: ("一带一路", "the 一带一路 initiative"),
}


def _pairs() -> list[tuple[str, str]]:
    pairs = list(FILLER)
    for index, pair in SPREAD.items():
        pairs[index] = pair
    return pairs


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[tuple[Path, ...], Path]:
    pairs = _pairs()
    tsv = tmp_path / "memory.tsv"
    tsv.write_text("zh\ten\n" + "".join(f"{zh}\t{en}\n" for zh, en in pairs), encoding="utf-8")
    yaml_dir = tmp_path / "docs"
    yaml_dir.mkdir()
    write_corpus(yaml_dir / "a.yaml", pairs[:40], doc_id="a")
    write_corpus(yaml_dir / "b.yaml", [("欢迎光临。", "Welcome."), *pairs[40:60], ("欢迎光临。", "You are welcome.")],
                 doc_id="b", segment_fields={21: {"ignore": {"segment-inconsistent": "a greeting card"}}})
    glossary = write_glossary(tmp_path / "glossary.yaml", TERMS)
    return (tsv, yaml_dir), glossary


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of a few dozen pairs, so that a small corpus spans many of them."""
    monkeypatch.setattr(parallel, "SLICE_BYTES", 1500)
    monkeypatch.setattr(parallel, "BATCH_PAIRS", 7)


def test_the_corpus_really_spans_many_chunks_of_both_kinds(corpus, small_chunks):
    paths, _ = corpus
    tasks = list(plan(paths))
    assert sum(isinstance(t, TsvSlice) for t in tasks) > 10
    assert sum(isinstance(t, PairBatch) for t in tasks) > 5


def test_jobs_1_and_2_give_identical_findings_and_summary(corpus, small_chunks):
    paths, glossary = corpus
    one = run_check(CheckRequest(paths=paths, glossary=glossary, jobs=1))
    two = run_check(CheckRequest(paths=paths, glossary=glossary, jobs=2))
    assert one.findings == two.findings
    assert one.summary() == two.summary()
    rules = {f.rule for f in one.findings}
    # the corpus exercises per-pair rules and every corpus-wide rule across chunk boundaries
    assert {"segment-inconsistent", "target-inconsistent", "empty-target", "leftover-cjk"} <= rules
    (spread,) = [f for f in one.findings if f.rule == "segment-inconsistent" and f.file.endswith(".tsv")]
    lines = {spread.line, *(r.line for r in spread.related)}
    assert {5, 152, 392} <= lines  # three chunks apart (header is line 1)
    assert one.summary()["suppressed"] == two.summary()["suppressed"] >= 1
    assert one.summary()["files"] == 3 and one.summary()["segments"] == 400 + 40 + 22


def test_progress_counts_every_pair(corpus, small_chunks):
    paths, glossary = corpus
    seen: list[int] = []
    run_check(CheckRequest(paths=paths, glossary=glossary, jobs=2), seen.append)
    assert sum(seen) == 462 and len(seen) > 10


def _bad_tsv(tmp_path: Path, bad_line: bytes) -> Path:
    path = tmp_path / "bad.tsv"
    rows = [f"第{i}句。\tSentence {i}.\n".encode() for i in range(300)]
    rows[250] = bad_line
    path.write_bytes(b"".join(rows))
    return path


@pytest.mark.parametrize(("bad", "error"), [
    (b"only one column\n", FormatError),
    ("坏\t字\n".encode("gbk"), EncodingError),
], ids=["columns", "encoding"])
def test_an_input_error_in_a_late_chunk_is_the_same_error_as_sequentially(tmp_path, monkeypatch, small_chunks,
                                                                           bad, error):
    monkeypatch.chdir(tmp_path)  # no ./glossary here
    path = _bad_tsv(tmp_path, bad)
    raised = []
    for jobs in (1, 2):
        with pytest.raises(error) as info:
            run_check(CheckRequest(paths=(path, ), jobs=jobs))
        raised.append((type(info.value), str(info.value)))
    assert raised[0] == raised[1]
    assert f"{path}:251:" in raised[0][1]


def test_cli_jobs_option_gives_the_same_report(corpus, small_chunks):
    paths, glossary = corpus
    runner = CliRunner()
    reports = []
    for jobs in ("1", "2"):
        result = runner.invoke(app, ["check", *map(str, paths), "-g", str(glossary), "-f", "json", "--jobs", jobs])
        assert result.exit_code == 1, result.output
        reports.append(json.loads(result.stdout))
    assert reports[0] == reports[1]


@pytest.mark.parametrize("args", [["--jobs", "0"], ["--scheduler", "tcp://127.0.0.1:1"], ["--engine", "spark"]])
def test_bad_engine_options_are_usage_errors(corpus, args):
    paths, glossary = corpus
    result = CliRunner().invoke(app, ["check", str(paths[0]), "-g", str(glossary), *args])
    assert result.exit_code == 2
    assert result.output.startswith("duizhao: error: ")
    assert any(word in result.output for word in ("--jobs", "--scheduler", "engine"))


def test_a_forked_worker_reuses_the_main_process_matcher_only_for_the_same_setup(monkeypatch):
    import gc

    from duizhao.engine import CheckSetup
    from duizhao.glossary import TermMatcher
    from duizhao.model import Glossary, Term

    glossary = Glossary(terms=(Term(zh="乡村振兴", en="rural revitalization"),), hash="h1")
    setup = CheckSetup(glossary=glossary, glossary_hash="h1")
    built = TermMatcher(glossary)
    monkeypatch.setattr(parallel, "_PARENT_MATCHER", (setup.token, built))
    monkeypatch.setattr(parallel, "_WORKER_CHECKER", None)  # restored to None after the test
    parallel._init_worker(setup)
    assert parallel._WORKER_CHECKER.matcher is built

    other = CheckSetup(glossary=glossary, glossary_hash="h2")  # another glossary: never the inherited matcher
    parallel._init_worker(other)
    assert parallel._WORKER_CHECKER.matcher is not built and parallel._WORKER_CHECKER.matcher is not None
    gc.unfreeze()  # _init_worker froze this test process's objects, as it does a worker's


def test_pair_views_travel_back_from_workers_in_input_order(corpus, small_chunks):
    """A report that draws pairs gets each pair's view once, in input order, whatever the jobs."""
    paths, glossary = corpus
    one = run_check(CheckRequest(paths=paths, glossary=glossary, jobs=1, pair_views=True))
    two = run_check(CheckRequest(paths=paths, glossary=glossary, jobs=2, pair_views=True))
    assert one.views is not None and two.views is not None
    assert list(one.views) == list(two.views)
    assert len(one.views) == one.summary()["segments"] == 462
    assert one.findings == two.findings == run_check(CheckRequest(paths=paths, glossary=glossary, jobs=2)).findings
    (forbidden,) = [v for v in one.views if "new quality productivity" in v.en]
    assert any(css == "forbidden" for _, _, css, _ in forbidden.en_marks)


def test_a_report_that_draws_no_pairs_records_none(corpus, small_chunks):
    paths, glossary = corpus
    assert run_check(CheckRequest(paths=paths, glossary=glossary, jobs=2)).views is None
    chunk = parallel.Checker([]).check_chunk(iter(()))
    assert chunk.views is None


def test_cli_html_report_is_the_same_with_jobs(corpus, small_chunks, tmp_path):
    """The page is drawn from the views the workers sent back: byte for byte the --jobs 1 page."""
    paths, glossary = corpus
    runner = CliRunner()
    pages = []
    for jobs in ("1", "2"):
        page = tmp_path / f"report-{jobs}.html"
        result = runner.invoke(app, ["check", *map(str, paths), "-g", str(glossary), "-f", "html", "-o", str(page),
                                     "--jobs", jobs])
        assert result.exit_code == 1, result.output
        pages.append(page.read_text(encoding="utf-8"))
    assert pages[0] == pages[1]
    assert pages[0].count('<tr class="pair') == 462 and 'class="forbidden"' in pages[0]
