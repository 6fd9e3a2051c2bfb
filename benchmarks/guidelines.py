"""Precision and recall of the content checks on a labelled sample, and their cost.

    python benchmarks/guidelines.py [--repeat N] [--samples FILE]

Reads ``benchmarks/data/guideline_samples.toml`` (true and false cases written for this
project) and, for each check (respectful language, unofficial or risky downloads, other
music services in Chat, link-only posts, contests run by members), prints how many
samples it caught and missed, and its precision and recall. Then it times ``check_post``
over the samples and over one 20,000-character post, with the community's content checks
and, as the same-run baseline, without them (best of five interleaved rounds), and
prints the ratios. No assertion on time: the figures are printed.
"""

from __future__ import annotations

import argparse
import sys
import time
import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import fraction

from forum_tui.rules.community import default_community
from forum_tui.rules.guidelines import Finding, PostContext, check_post, conduct

SAMPLES = Path(__file__).parent / "data" / "guideline_samples.toml"
NOW = datetime(2026, 11, 20, 12, 0)


@dataclass(frozen=True)
class Sample:
    check: str
    board: str
    text: str
    hit: bool


@dataclass(frozen=True)
class Score:
    check: str
    true_pos: int
    false_pos: int
    false_neg: int
    true_neg: int

    @property
    def precision(self) -> float:
        return fraction(self.true_pos, self.true_pos + self.false_pos)

    @property
    def recall(self) -> float:
        return fraction(self.true_pos, self.true_pos + self.false_neg)


def _fires(check: str, findings: tuple[Finding, ...]) -> bool:
    """Whether the findings include the check's own finding."""
    for finding in findings:
        if check == "respect" and finding.rule == "respect":
            return True
        if check == "downloads" and finding.rule in ("malware", "unofficial_app"):
            return True
        if check == "other_platform" and finding.rule == "other_platform":
            return True
        if check == "link_only" and finding.rule == "link_only":
            return True
        if check == "contest" and finding.rule == "commercial" and finding.guideline == 13:
            return True
    return False


def load_samples(path: Path = SAMPLES) -> list[Sample]:
    data = tomllib.loads(path.read_text("utf-8"))
    return [Sample(**row) for row in data["sample"]]


def _context(sample: Sample) -> PostContext:
    board = default_community().board(sample.board)
    return PostContext(
        board_kind=board.kind,
        board_slug=board.slug,
        body=sample.text,
        now=NOW,
        author_days_member=400,
    )


def score(samples: list[Sample]) -> list[Score]:
    """One :class:`Score` per check, in the order the checks first appear."""
    community = default_community()
    counts: dict[str, list[int]] = {}
    for sample in samples:
        findings = check_post(_context(sample), community.limits, community.content_checks)
        fired = _fires(sample.check, findings)
        cell = counts.setdefault(sample.check, [0, 0, 0, 0])
        cell[(0 if fired else 2) if sample.hit else (1 if fired else 3)] += 1
    return [Score(check, *cell) for check, cell in counts.items()]


def misses(samples: list[Sample]) -> list[Sample]:
    """The samples a check got wrong (for reading, not for scoring)."""
    community = default_community()
    wrong = []
    for sample in samples:
        findings = check_post(_context(sample), community.limits, community.content_checks)
        if _fires(sample.check, findings) != sample.hit:
            wrong.append(sample)
    return wrong


def _time(contexts: list[PostContext], repeat: int, with_checks: bool) -> float:
    """Seconds per ``check_post`` over ``contexts``, ``repeat`` times."""
    community = default_community()
    checks = community.content_checks if with_checks else None
    forget = (conduct._words.cache_clear, conduct.web_links.cache_clear)
    start = time.perf_counter()
    for _ in range(repeat):
        for context in contexts:
            for clear in forget:  # each post is new: no help from the per-post caches
                clear()
            check_post(context, community.limits, checks)
    return (time.perf_counter() - start) / (repeat * len(contexts))


def _best_of(contexts: list[PostContext], repeat: int, rounds: int = 5) -> tuple[float, float]:
    """(with, without) the content checks: the best of ``rounds`` interleaved rounds, so
    a busy machine disturbs both alike."""
    full, baseline = [], []
    for _ in range(rounds):
        baseline.append(_time(contexts, repeat, with_checks=False))
        full.append(_time(contexts, repeat, with_checks=True))
    return min(full), min(baseline)


def _long_post() -> PostContext:
    sentence = "Shuffle keeps playing the same ten songs after the update, any idea why? "
    return PostContext(
        board_kind="chat",
        board_slug="music-exchange",
        body=(sentence * 300)[:20000],
        now=NOW,
        author_days_member=400,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=200, help="timing rounds (default 200)")
    parser.add_argument("--samples", type=Path, default=SAMPLES)
    args = parser.parse_args(argv)
    samples = load_samples(args.samples)
    print(f"{len(samples)} labelled samples from {args.samples.name}")
    print(f"{'check':<16}{'TP':>4}{'FP':>4}{'FN':>4}{'TN':>4}{'precision':>11}{'recall':>8}")
    for s in score(samples):
        print(
            f"{s.check:<16}{s.true_pos:>4}{s.false_pos:>4}{s.false_neg:>4}{s.true_neg:>4}"
            f"{s.precision:>11.2f}{s.recall:>8.2f}"
        )
    for sample in misses(samples):
        kind = "missed" if sample.hit else "false alarm"
        print(f"  {kind} ({sample.check}): {sample.text[:70]}")
    full, baseline = _best_of([_context(sample) for sample in samples], args.repeat)
    print(
        f"check_post per sample post: {full * 1e6:.1f} µs with the content checks, "
        f"{baseline * 1e6:.1f} µs without (same run baseline): ratio {full / baseline:.2f}x"
    )
    full, baseline = _best_of([_long_post()], max(1, args.repeat // 20))
    print(
        f"check_post, a 20,000-character post: {full * 1e3:.2f} ms with the content checks, "
        f"{baseline * 1e3:.2f} ms without (same run baseline): ratio {full / baseline:.2f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
