"""Idea Exchange requirement checks: precision and recall on a labelled sample.

    python benchmarks/idea_requirements.py            # the sample in benchmarks/data
    python benchmarks/idea_requirements.py --misses   # also list each wrong call

The sample (``benchmarks/data/idea_sample.tsv``, written by hand: English ideas that break
no requirement, and ones that break each of them, in English and twelve other languages)
and a smaller held-out set (``idea_heldout.tsv``, written after the checks were tuned on
the sample, never used to tune them) are run through
``rules.guidelines.check_idea``. For each requirement it prints how many ideas the sample
says break it, true and false positives, precision and recall, and the time per idea
beside the time ``guidelines.check_post`` (the Community Guidelines every idea is checked
against as well) takes on the same ideas in the same run. It prints figures and asserts
nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import fraction

from forum_tui.rules.community import default_community
from forum_tui.rules.guidelines import PostContext, check_idea, check_post

SAMPLE = Path(__file__).resolve().parent / "data" / "idea_sample.tsv"
#: Written after the checks were tuned on SAMPLE and never used to tune them.
HELD_OUT = Path(__file__).resolve().parent / "data" / "idea_heldout.tsv"
#: The requirements the rules check (1 and 4 need a person: guidelines, duplicates).
CHECKED = {2: "not in English", 3: "several requests", 5: "too little detail",
           6: "roll-back", 7: "pricing/content", 8: "new country"}  # fmt: skip


@dataclass(frozen=True)
class Idea:
    line: str  # file:line
    broken: frozenset[int]
    subject: str
    body: str


@dataclass(frozen=True)
class Score:
    requirement: int
    labelled: int
    true_positives: int
    false_positives: int

    @property
    def precision(self) -> float:
        return fraction(self.true_positives, self.true_positives + self.false_positives)

    @property
    def recall(self) -> float:
        return fraction(self.true_positives, self.labelled)


def load_sample(path: Path = SAMPLE) -> list[Idea]:
    ideas = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        broken, subject, body = line.split("\t")
        marks = frozenset() if broken == "-" else frozenset(int(n) for n in broken.split(","))
        where = f"{path.name}:{number}"
        ideas.append(Idea(where, marks, subject, body.replace("\\n", "\n")))
    return ideas


def flagged(idea: Idea, labels: tuple[str, ...]) -> frozenset[int]:
    findings = check_idea(idea.subject, idea.body, labels)
    return frozenset(f.requirement for f in findings if f.requirement in CHECKED)


def score(ideas: list[Idea], labels: tuple[str, ...]) -> tuple[list[Score], list[tuple]]:
    calls = [(idea, flagged(idea, labels)) for idea in ideas]
    scores = []
    for requirement in CHECKED:
        labelled = sum(requirement in idea.broken for idea in ideas)
        tp = sum(requirement in got and requirement in idea.broken for idea, got in calls)
        fp = sum(requirement in got and requirement not in idea.broken for idea, got in calls)
        scores.append(Score(requirement, labelled, tp, fp))
    misses = [(idea, got) for idea, got in calls if got != idea.broken & CHECKED.keys()]
    return scores, misses


def _print_scores(scores: list[Score]) -> None:
    print(f"{'requirement':<24}{'labelled':>9}{'TP':>5}{'FP':>5}{'precision':>11}{'recall':>8}")
    for s in scores:
        name = f"{s.requirement} {CHECKED[s.requirement]}"
        print(
            f"{name:<24}{s.labelled:>9}{s.true_positives:>5}{s.false_positives:>5}"
            f"{s.precision:>11.2f}{s.recall:>8.2f}"
        )


def _per_idea(check, ideas, labels, repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        for idea in ideas:
            check(idea.subject, idea.body, labels)
    return (time.perf_counter() - start) / (repeat * len(ideas)) * 1e6


def _guidelines():
    """``check_post`` as the store runs it on a new idea, shaped like ``check_idea``."""
    limits, now = default_community().limits, datetime(2026, 1, 1)

    def check(subject: str, body: str, _labels) -> None:
        context = PostContext(board_kind="ideas", body=body, now=now, title=subject)
        check_post(context, limits)

    return check


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list each wrong call")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    labels = default_community().idea_labels
    ideas = load_sample()
    misses = []
    for name, path in (("the sample", SAMPLE), ("held out", HELD_OUT)):
        sample = load_sample(path)
        scores, wrong = score(sample, labels)
        misses += wrong
        clean = sum(not i.broken for i in sample)
        print(f"{name}: {len(sample)} labelled ideas ({clean} break nothing)")
        _print_scores(scores)
        print(f"ideas with every call right: {len(sample) - len(wrong)}/{len(sample)}\n")
    ours = _per_idea(check_idea, ideas, labels, args.repeat)
    base = _per_idea(_guidelines(), ideas, labels, args.repeat)
    print(f"time per idea: {ours:.0f} µs (guidelines.check_post on it: {base:.0f} µs, "
          f"ratio {ours / base:.2f}; the machine is shared)")  # fmt: skip
    if args.misses:
        for idea, got in misses:
            want = sorted(idea.broken & CHECKED.keys())
            print(f"  {idea.line}: want {want} got {sorted(got)}  {idea.subject}")


if __name__ == "__main__":
    main()
