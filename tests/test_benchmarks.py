"""Smoke tests: each benchmark runs at a tiny size and returns its figures (no timings
are asserted: SPEC 7 says benchmarks print, tests never time)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import run_all  # noqa: F401  (imports: the one-table runner loads)
import startup
import store_reads
import ui_latency


@pytest.fixture(scope="module")
def tiny_db(tmp_path_factory) -> Path:
    from forum_tui.store.forum import open_forum
    from forum_tui.store.synth import generate

    db = tmp_path_factory.mktemp("bench") / "tiny.db"
    forum = open_forum(f"sqlite:///{db}")
    try:
        generate(forum, members=20, threads=30, posts=400, ideas=3, messages=20, reports=3)
    finally:
        forum.close()
    ui_latency.add_reader(db)  # the member ui_latency signs in as
    return db


def test_store_reads_prints_each_call_beside_its_raw_sql(tiny_db, capsys):
    results = store_reads.run(tiny_db, runs=1)
    assert len(results) >= 8
    assert all(service > 0 and raw > 0 for _name, service, raw in results)
    store_reads.report(results)
    assert "ratio" in capsys.readouterr().out


def test_ui_latency_times_every_step_beside_a_bare_app(tiny_db):
    bare = ui_latency.bare_times(repeat=1)
    forum = ui_latency.forum_times(tiny_db, repeat=1)
    steps = {"cursor move", "open", "back", "back with esc"}
    on_screen = {step + ui_latency.ON_SCREEN for step in steps - {"cursor move"}}
    assert set(bare) == steps | on_screen | {"resident MB"}
    assert "G: last page" in forum and "G: last page, on screen" in forum
    assert all(ui_latency.kind_of(step) in bare for step in forum)
    assert forum["resident MB"][0] > 0
    ui_latency.report(forum, bare)


def test_startup_times_first_frame_and_home_beside_a_bare_app(tmp_path):
    demo = tmp_path / "demo.db"
    startup.build_demo(demo)
    figures = startup.measure(demo, "mia", "Ongoing Issues", runs=1)
    assert figures["bare"] > 0 and figures["cold"] >= figures["first"] > 0
    assert figures["warm"] >= figures["first"]
