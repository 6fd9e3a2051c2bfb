"""Smoke tests: the moderation benchmarks run end to end at a tiny size (no timings
are asserted: SPEC 7)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_report_queue_benchmark_runs(tmp_path, capsys):
    bench = _load("report_queue")
    db = tmp_path / "queue.db"
    argv = ["--db", str(db), "--posts", "300", "--reports", "60", "--repeat", "2"]
    assert bench.main([*argv, "--app", "1", "--pty", "1"]) == 0
    out = capsys.readouterr().out
    assert "most reports" in out and "ratio" in out and "report_item" in out
    assert "Q -> first page on screen, headless" in out and "layout passes" in out
    assert "Q -> first page on screen, real pty" in out and "output quiet" in out
    assert "ratio of the quiet p95s" in out


def test_triage_benchmark_runs(capsys):
    bench = _load("triage")
    assert bench.main(["--items", "6"]) == 0
    out = capsys.readouterr().out
    assert "keys per report" in out and "6 left" not in out
    assert "items handled           6" in out
