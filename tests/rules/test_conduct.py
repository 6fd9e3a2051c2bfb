"""The conduct and link checks (issue 14): guidelines 8, 11, 15, Chat rule 5 and
Discovery & Promo's "don't just share a link", and the labelled sample they are measured
on (benchmarks/data/guideline_samples.toml)."""

from __future__ import annotations

import importlib.util
import sys
from datetime import datetime
from pathlib import Path

import pytest

from forum_tui.rules.community import ContentChecks, default_community, parse_community
from forum_tui.rules.guidelines import PostContext, Severity, check_post, reports
from forum_tui.rules.guidelines.conduct import web_links

COMMUNITY = default_community()
CHECKS = COMMUNITY.content_checks
NOW = datetime(2026, 11, 20, 12, 0)
BENCHMARK = Path(__file__).parents[2] / "benchmarks" / "guidelines.py"


def findings(body: str, board: str = "android", title: str | None = None):
    kind = COMMUNITY.board(board).kind
    context = PostContext(
        board_kind=kind, board_slug=board, body=body, now=NOW, title=title, author_days_member=400
    )
    return check_post(context, COMMUNITY.limits, CHECKS)


def rules(body: str, board: str = "android") -> list[str]:
    return [finding.rule for finding in findings(body, board)]


def test_offensive_language_is_warned_with_guideline_8_and_reported_if_posted():
    (finding,) = findings("You are such an idiot, read the FAQ.")
    assert finding.rule == "respect" and finding.severity is Severity.WARN
    assert finding.guideline == 8 and finding.report_if_posted
    assert "guideline 8" in finding.message
    assert finding.detail == "i•••t"  # masked, never repeated in full
    assert reports((finding,)) == (finding,)


@pytest.mark.parametrize("text", ["sh1t app", "what the f*ck", "ur so stupid", "STFUUU"])
def test_leet_and_stretched_spellings_are_caught(text):
    assert rules(text) == ["respect"]


@pytest.mark.parametrize(
    "text",
    ["This update is stupid.", "I feel so dumb, thanks!", "Scunthorpe fans unite", "You rock"],
)
def test_words_not_aimed_at_anyone_and_embedded_words_pass(text):
    assert rules(text) == []


def test_links_to_unofficial_app_hosts_are_refused_with_guideline_15():
    (finding,) = findings("Old layout here: https://www.apkmirror.com/apk/spotify/")
    assert finding.rule == "unofficial_app" and finding.severity is Severity.REFUSE
    assert finding.guideline == 15 and "official website" in finding.message


def test_modded_app_talk_is_refused_only_with_a_link_or_an_offer():
    assert rules("mod apk with premium unlocked https://mega.nz/file/x") == ["unofficial_app"]
    assert rules("dm me for the spotify mod") == ["unofficial_app"]
    assert rules("Do people who use a mod apk get banned?") == []
    assert rules("My screen is cracked and taps don't work") == []


def test_links_to_program_files_are_refused_with_guideline_11_unless_official():
    (finding,) = findings("Run https://files.example.net/fix/SpotifyRepair.exe")
    assert finding.rule == "malware" and finding.guideline == 11
    assert finding.severity is Severity.REFUSE
    assert rules("From https://download.scdn.co/SpotifySetup.exe it works") == []
    assert rules("http://cdn.example.org/spotify-premium.apk") == ["unofficial_app"]


def test_other_music_services_in_chat_ask_for_confirmation_only_in_chat():
    text = "Only on here: https://soundcloud.com/someone/demo"
    (finding,) = findings(text, "music-exchange")
    assert finding.rule == "other_platform" and finding.severity is Severity.WARN
    assert not finding.report_if_posted and "Chat rule 5" in finding.message
    assert rules(text, "android") == []
    assert (
        rules("https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC is great", "music-exchange")
        == []
    )


def test_a_post_that_is_only_a_link_is_refused_in_discovery_and_promo_with_its_advice():
    (finding,) = findings(
        "check it https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC", "discovery-promo"
    )
    assert finding.rule == "link_only" and finding.severity is Severity.REFUSE
    assert "don't just share a link" in finding.message
    assert rules("spotify:track:4uLU6hMCjMI75M1A2tKUQC", "music-exchange") == []
    long = "A duo from Leeds making warm synth pop about small towns: spotify:track:4uLU6hMCjMI"
    assert rules(long, "discovery-promo") == []


def test_without_the_community_lists_nothing_extra_is_checked():
    context = PostContext(board_kind="help", body="you idiot", now=NOW, author_days_member=400)
    assert check_post(context, COMMUNITY.limits) == ()
    assert check_post(context, COMMUNITY.limits, ContentChecks()) == ()


def test_a_community_file_without_content_checks_still_loads():
    text = (Path(__file__).parents[2] / "forum_tui/rules/community.toml").read_text("utf-8")
    text = text.split("[content_checks]")[0]
    community = parse_community(text)
    assert community.content_checks == ContentChecks()
    assert len(community.guideline_examples) == len(community.guidelines) == 15


def test_web_links_find_hosts_with_or_without_a_scheme_but_not_file_names():
    assert web_links("see youtu.be/abc and https://www.Example.com/x") == (
        ("youtu.be", "/abc"),
        ("example.com", "/x"),
    )
    assert web_links("my notes.txt and me@example.com and version 8.9") == ()


def _benchmark():
    spec = importlib.util.spec_from_file_location("guidelines_benchmark", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_each_check_keeps_its_precision_and_recall_on_the_labelled_sample():
    benchmark = _benchmark()
    samples = benchmark.load_samples()
    scores = {score.check: score for score in benchmark.score(samples)}
    assert set(scores) == {"respect", "downloads", "other_platform", "link_only", "contest"}
    for score in scores.values():
        assert score.true_pos + score.false_neg >= 5 and score.true_neg + score.false_pos >= 5
        assert score.precision >= 0.9, score
        assert score.recall >= 0.7, score


def test_the_benchmark_runs_at_a_tiny_size(capsys):
    assert _benchmark().main(["--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "precision" in out and "without (same run baseline)" in out
