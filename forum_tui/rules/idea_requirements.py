"""The Idea Exchange requirements, checked on an idea's subject and body (pure, offline).

``check_idea_requirements(title, body, labels)`` is what the store asks at submit: the
findings of ``guidelines.check_idea`` (label, several requests, roll-back, pricing or
content, new country, too little detail), with requirement 2 (posted in English) decided
by :func:`looks_english` here.
"""

from __future__ import annotations

from forum_tui.rules.guidelines import Finding, check_idea


def check_idea_requirements(title: str, body: str, labels: tuple[str, ...]) -> tuple[Finding, ...]:
    """Every requirement finding for an idea titled ``title`` (its [label] included)."""
    return check_idea(title, body, labels)
