"""The community definition: a TOML file loaded into frozen dataclasses.

A community (areas, boards, Chat categories and their guidelines, labels, statuses, the
rank ladder and its formula, reserved names, limits) is data. The default one ships in
this package as ``community.toml``; ``load_community(path)`` reads another. A malformed
file raises :class:`CommunityFileError` whose message names the file, the key and the line.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

BOARD_KINDS = (
    "help",
    "ongoing_issues",
    "chat",
    "ideas",
    "closed_ideas",
    "faq",
    "stars_application",
    "star_only",
    "blog",
    "vault",
)


class CommunityFileError(ValueError):
    """A community file that cannot be used; the message is fit to show a person."""


@dataclass(frozen=True)
class Board:
    slug: str
    name: str
    kind: str
    description: str
    area_slug: str
    guidelines: str = ""

    @property
    def star_only(self) -> bool:
        return self.kind == "star_only"


@dataclass(frozen=True)
class Area:
    slug: str
    name: str
    description: str
    boards: tuple[Board, ...]


@dataclass(frozen=True)
class Status:
    key: str
    name: str
    description: str
    closed: bool = False


@dataclass(frozen=True)
class Rank:
    name: str
    points: int
    min_days: int
    avatars: tuple[str, ...]
    blurb: str


@dataclass(frozen=True)
class RankWeights:
    thread: float
    reply: float
    solution: float
    like_given: float
    like_received: float
    idea: float
    idea_vote: float
    event: float
    membership_day: float
    upheld_report: float


@dataclass(frozen=True)
class Ranks:
    weights: RankWeights
    member: tuple[Rank, ...]
    rising_star: str
    top_star: str
    star_avatars: tuple[str, ...]
    star_blurb: str
    former_star: str
    former_staff: str
    staff_titles: tuple[str, ...]
    staff_blurb: str


@dataclass(frozen=True)
class Limits:
    title_max: int
    post_max: int
    duplicate_window_minutes: int
    chat_uri_repeat_days: int
    pm_min_age: int
    feature_min_age: int
    pm_max_recipients: int
    pm_per_hour: int
    new_member_days: int
    posts_per_10_minutes_new: int
    posts_per_10_minutes: int
    pm_max_recipients_new: int
    pm_per_hour_new: int


@dataclass(frozen=True)
class StarsApplication:
    min_membership_days: int
    min_age: int
    language: str
    min_good_posts: int
    good_post_min_likes: int


@dataclass(frozen=True)
class Stars:
    rising_star_levels: int
    leaderboard_size: int
    premium_redeem_points: int
    premium_plan: str
    quarterly_min_points: int
    # Star points earned (all time) that reach Rising Star level 1, 2, ...: one per level.
    level_points: tuple[int, ...] = ()


@dataclass(frozen=True)
class ContentChecks:
    """The word and host lists the content guidelines look for (``[content_checks]``).

    - ``offensive_words``: offensive whatever they are aimed at (guideline 8).
    - ``insults``: offensive when aimed at someone ("you idiot", "you're pathetic").
    - ``unofficial_app_phrases``: talk of modified or cracked versions of the app
      (guideline 15), refused alongside a link or an offer to download.
    - ``unofficial_app_hosts``: sites that hand out modified or old versions (guideline 15).
    - ``risky_file_types``: links to files of these types are refused (guideline 11), unless
      on one of the ``official_hosts``.
    - ``other_music_platforms``: hosts of other music services (Chat rule 5).
    - ``link_only_boards``: board slugs where a post that is only a link is refused, and
      ``link_only_advice``: what to write instead (Discovery & Promo).
    """

    offensive_words: tuple[str, ...] = ()
    insults: tuple[str, ...] = ()
    unofficial_app_phrases: tuple[str, ...] = ()
    unofficial_app_hosts: tuple[str, ...] = ()
    risky_file_types: tuple[str, ...] = ()
    official_hosts: tuple[str, ...] = ()
    other_music_platforms: tuple[str, ...] = ()
    link_only_boards: tuple[str, ...] = ()
    link_only_advice: str = ""


@dataclass(frozen=True)
class Community:
    name: str
    tagline: str
    brand_names: tuple[str, ...]
    staff_mark: str
    demo_password: str
    limits: Limits
    stars_application: StarsApplication
    stars: Stars
    reserved_names: tuple[str, ...]
    pronouns: tuple[str, ...]
    ranks: Ranks
    idea_statuses: tuple[Status, ...]
    issue_statuses: tuple[Status, ...]
    idea_labels: tuple[str, ...]
    idea_requirements: tuple[str, ...]
    guidelines: tuple[str, ...]
    report_reasons: tuple[str, ...]
    areas: tuple[Area, ...]
    source: str = field(default="", compare=False)
    # --- issue 14: the guidelines listed with examples, and the content checks' lists
    guideline_examples: tuple[str, ...] = ()
    content_checks: ContentChecks = field(default_factory=ContentChecks)

    @property
    def boards(self) -> tuple[Board, ...]:
        return tuple(board for area in self.areas for board in area.boards)

    def board(self, slug: str) -> Board:
        for board in self.boards:
            if board.slug == slug:
                return board
        raise KeyError(slug)

    def boards_of_kind(self, kind: str) -> tuple[Board, ...]:
        return tuple(board for board in self.boards if board.kind == kind)

    def idea_status(self, key: str) -> Status:
        return _by_key(self.idea_statuses, key)

    def issue_status(self, key: str) -> Status:
        return _by_key(self.issue_statuses, key)


def _by_key(statuses: tuple[Status, ...], key: str) -> Status:
    for status in statuses:
        if status.key == key:
            return status
    raise KeyError(key)


# ------------------------------------------------------------------ loading


@cache
def default_community() -> Community:
    """The community shipped with the package (parsed once per process)."""
    text = resources.files("forum_tui.rules").joinpath("community.toml").read_text("utf-8")
    return parse_community(text, source="community.toml (built in)")


def load_community(path: str | Path | None = None) -> Community:
    """Load the community at ``path``, or the built-in one when ``path`` is None."""
    if path is None:
        return default_community()
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise CommunityFileError(f"Community file {path} does not exist.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise CommunityFileError(f"Community file {path} cannot be read: {error}.") from None
    return parse_community(text, source=str(path))


def parse_community(text: str, source: str = "<community>") -> Community:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CommunityFileError(f"{source} is not valid TOML: {error}.") from None
    # The reader builds this module's dataclasses, so it is imported here, not at the top.
    from forum_tui.rules.community_reader import CommunityReader

    return CommunityReader(data, text, source).community()
