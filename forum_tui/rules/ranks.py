"""Rank from a member's metrics: a points sum with per-rank thresholds and membership age.

Unlike a secret formula, ``progress`` tells members where they stand and what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metrics:
    threads: int = 0
    replies: int = 0
    solutions: int = 0
    likes_given: int = 0
    likes_received: int = 0
    ideas: int = 0
    idea_votes: int = 0
    events: int = 0
    days_member: int = 0
    upheld_reports: int = 0
