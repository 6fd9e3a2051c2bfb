"""A smoke test of benchmarks/ranks.py at a tiny size: it runs and prints every line."""

from __future__ import annotations

import importlib.util
from pathlib import Path


def test_ranks_benchmark_runs_at_a_tiny_size(tmp_path, capsys):
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "ranks.py"
    spec = importlib.util.spec_from_file_location("bench_ranks", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--db", str(tmp_path / "b.db"), "--posts", "400", "--repeat", "2"]) == 0
    out = capsys.readouterr().out
    for name in ("rank_overview", "member_profile", "star_leaderboard", "recompute_ranks"):
        assert name in out
