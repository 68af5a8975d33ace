"""The progress bar: silent off a terminal and for short runs, pairs/s on stderr otherwise."""

from __future__ import annotations

from duizhao.progress import progress_bar


def test_no_bar_when_stderr_is_not_a_terminal(capsys):
    with progress_bar() as progress:  # pytest's stderr is not a terminal
        assert progress is None
    assert capsys.readouterr().err == ""


def test_short_runs_draw_nothing(capsys):
    with progress_bar(enabled=True, delay=60) as progress:
        progress(5000)
    assert capsys.readouterr().err == ""


def test_long_runs_show_pairs_and_rate(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    with progress_bar(enabled=True, delay=0) as progress:
        progress(12_345)
        progress(1)
        bar = progress.__self__.progress  # the rich Progress behind the callback
        task = bar.tasks[0]
        assert task.completed == 12_346
    rendered = [column.render(task) for column in bar.columns[2:4]]
    assert "12,346 pairs" in str(rendered[0])
    assert str(rendered[1]).endswith("pairs/s")
