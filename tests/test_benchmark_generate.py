"""Smoke test of ``benchmarks/generate.py`` at a tiny size (no timing is asserted)."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import generate as generate_bench

TINY = dict(members=20, threads=30, posts=400, ideas=3, messages=20, reports=3)


def test_generate_prints_each_step_beside_sqlite_copying_the_same_rows(tmp_path, capsys):
    made, copied = tmp_path / "made.db", tmp_path / "copied.db"
    total, steps = generate_bench.run_generate(made, TINY)
    assert total > 0 and {"open, plan", "posts", "indexes", "search index"} <= set(steps)
    baseline = generate_bench.run_baseline(made, copied)
    count = "SELECT count(*) FROM post"
    with sqlite3.connect(made) as one, sqlite3.connect(copied) as two:
        assert one.execute(count).fetchone() == two.execute(count).fetchone() == (400,)
    generate_bench.report("tiny", total, steps, baseline)
    assert "SQLite alone" in capsys.readouterr().out
