"""The Idea Exchange requirement checks, against the labelled sample and by example.

The sample (benchmarks/data/idea_sample.tsv) is the one benchmarks/idea_requirements.py
scores; the floors here keep a change from quietly making a check worse.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from forum_tui.rules.community import default_community
from forum_tui.rules.guidelines import check_idea, looks_english
from forum_tui.rules.guidelines.ideas import several_requests, word_count

LABELS = default_community().idea_labels
BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "idea_requirements.py"


def _benchmark():
    spec = importlib.util.spec_from_file_location("idea_requirements_benchmark", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores():
    bench = _benchmark()
    ideas = bench.load_sample()
    assert len(ideas) >= 200
    scored, _misses = bench.score(ideas, LABELS)
    return {s.requirement: s for s in scored}


@pytest.mark.parametrize("requirement", [2, 3, 5, 6, 7, 8])
def test_each_requirement_on_the_labelled_sample(scores, requirement):
    score = scores[requirement]
    assert score.labelled >= 15, "each requirement is broken by enough ideas in the sample"
    assert score.precision >= 0.9
    assert score.recall >= 0.85


def test_the_sample_has_other_languages_and_clean_ideas():
    ideas = _benchmark().load_sample()
    assert sum(not idea.broken for idea in ideas) >= 60
    assert sum(2 in idea.broken for idea in ideas) >= 30


def test_benchmark_smoke(capsys, monkeypatch):
    monkeypatch.setattr("sys.argv", ["idea_requirements.py", "--repeat", "1"])
    _benchmark().main()
    out = capsys.readouterr().out
    assert "precision" in out and "2 not in English" in out


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("Let me pin a note to the top of a playlist, please.", True),
        ("Quiero poder fijar una nota en la lista de reproducción.", False),
        ("Ich möchte eine Notiz in der Playlist anheften, bitte.", False),
        ("プレイリストの先頭にメモを固定したい", False),
        ("Beyoncé and Motörhead playlists should sort by year", True),
        ("ok", True),
        # links are no language's words ("com" is Portuguese's "with")
        ("listen and share https://open.spotify.com/track/abc https://open.spotify.com/a", True),
    ],
)
def test_looks_english(text, english):
    assert looks_english(text) is english


def test_word_count_counts_cjk_by_pairs_of_characters():
    assert word_count("one two three") == 3
    assert word_count("歌詞をロック画面") == 4


def test_several_requests_by_example():
    assert several_requests("Currently it lacks things.\n- Add notes\n- Add folders")
    assert several_requests("Please add a sleep timer and please add lyrics.")
    assert not several_requests("I'd like owners to pin a note, shown above the first track.")


def test_a_label_is_required_and_warnings_report_if_posted():
    refused = check_idea("Pin a note", "x " * 30, LABELS)
    assert refused[0].rule == "idea_label" and refused[0].severity == "refuse"
    warned = check_idea("[Other] Cheaper", "Lower the price.", LABELS)
    assert {f.requirement for f in warned} == {5, 7}
    assert all(f.report_if_posted for f in warned)
    assert "requirement 7" in next(f.message for f in warned if f.requirement == 7)
