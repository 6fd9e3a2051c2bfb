"""The inbox benchmark runs end to end at a tiny size (its figures are printed, never
asserted: benchmarks/inbox.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "inbox.py"


def test_the_inbox_benchmark_prints_its_figures(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location("inbox_benchmark", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    argv = ["--db", str(tmp_path / "bench.db"), "--messages", "300", "--long", "40"]
    assert module.main([*argv, "--conversations-per-reader", "10", "--repeat", "2"]) == 0
    printed = capsys.readouterr().out
    assert "seeded 300 messages" in printed
    for name in ("inbox, first page", "conversation of 40", "unread count", "search own"):
        assert name in printed


def test_the_inbox_paint_benchmark_prints_its_figures(capsys):
    """One run in a real pseudo-terminal, with few messages (the 500-message one stays)."""
    spec = importlib.util.spec_from_file_location(
        "inbox_paint_benchmark", BENCHMARK.with_name("inbox_paint.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--runs", "1", "--messages", "600"]) == 0
    printed = capsys.readouterr().out
    assert "run 1: inbox" in printed and "medians (goal: 100 ms):" in printed
