"""Reading a community file's parsed TOML into :mod:`forum_tui.rules.community`'s dataclasses.

Every missing or wrongly typed value becomes a :class:`CommunityFileError` that names the
file, the dotted key and its line, so whoever edits a community file is told where to look.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

from forum_tui.rules.community import (
    BOARD_KINDS,
    Area,
    Board,
    Community,
    CommunityFileError,
    ContentChecks,
    Limits,
    Rank,
    Ranks,
    RankWeights,
    Stars,
    StarsApplication,
    Status,
)

_HEADER = re.compile(r"^\s*\[")


class CommunityReader:
    """Reads the parsed TOML, turning every missing or wrong value into a clear error."""

    def __init__(self, data: dict[str, Any], text: str, source: str) -> None:
        self.data = data
        self.lines = text.splitlines()
        self.source = source

    # -- error reporting

    def fail(self, key: str, problem: str, line: int | None = None) -> CommunityFileError:
        line = line or self.line_of(key)
        where = f"{self.source}, line {line}" if line else self.source
        return CommunityFileError(f"{where}: '{key}' {problem}.")

    def line_of(self, dotted: str) -> int | None:
        """Best-effort line of a dotted key: its table header, or its last part's assignment."""
        parts = [p for p in re.split(r"\.|\[\d+\]", dotted) if p]
        header = re.compile(r"^\s*\[\[?\s*" + re.escape(".".join(parts[:-1])) + r"\s*\]\]?")
        start = 0
        if len(parts) > 1:
            for number, line in enumerate(self.lines):
                if header.match(line):
                    start = number
                    break
        index = re.findall(r"\[(\d+)\]", dotted)
        if index:
            table = re.compile(r"^\s*\[\[\s*" + re.escape(dotted.split("[")[0]) + r"\s*\]\]")
            hits = [n for n, line in enumerate(self.lines) if table.match(line)]
            position = int(index[0])
            if position < len(hits):
                start = hits[position]
        assign = re.compile(r"^\s*" + re.escape(parts[-1]) + r"\s*=")
        for number in range(start, len(self.lines)):
            if number > start and _HEADER.match(self.lines[number]):
                break  # the key is not in its table: point at the table
            if assign.match(self.lines[number]):
                return number + 1
        return start + 1 if start else None

    def line_of_value(self, key: str, value: str, occurrence: int) -> int | None:
        """The line of the ``occurrence``-th (0-based) ``key = "value"`` in the file."""
        pattern = re.compile(
            r"^\s*" + re.escape(key) + r"\s*=\s*[\"']" + re.escape(value) + "[\"']"
        )
        hits = [number + 1 for number, line in enumerate(self.lines) if pattern.match(line)]
        return hits[occurrence] if occurrence < len(hits) else None

    # -- typed getters

    def get(self, table: dict[str, Any], key: str, path: str, kind: type, default: Any = ...):
        dotted = f"{path}.{key}" if path else key
        if key not in table:
            if default is not ...:
                return default
            raise self.fail(dotted, "is missing")
        value = table[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if (kind is int and isinstance(value, bool)) or not isinstance(value, kind):
            raise self.fail(dotted, f"should be {_kind_name(kind)}, not {value!r}")
        return value

    def text(self, table, key, path, default: Any = ...) -> str:
        return self.get(table, key, path, str, default)

    def number(self, table, key, path) -> int:
        value = self.get(table, key, path, int)
        if value < 0:
            raise self.fail(f"{path}.{key}", "cannot be negative")
        return value

    def strings(self, table, key, path) -> tuple[str, ...]:
        values = self.get(table, key, path, list)
        for position, value in enumerate(values):
            if not isinstance(value, str):
                raise self.fail(
                    f"{path}.{key}" if path else key, f"item {position + 1} is not text"
                )
        return tuple(values)

    def table(self, table, key, path="") -> dict[str, Any]:
        return self.get(table, key, path, dict)

    def tables(self, table, key, path="") -> list[dict[str, Any]]:
        values = self.get(table, key, path, list)
        dotted = f"{path}.{key}" if path else key
        if not values:
            raise self.fail(dotted, "needs at least one entry")
        if not all(isinstance(value, dict) for value in values):
            raise self.fail(dotted, "should be a list of tables ([[...]])")
        return values

    # -- sections

    def community(self) -> Community:
        head = self.table(self.data, "community")
        name = self.text(head, "name", "community")
        tagline = self.text(head, "tagline", "community", "")
        brand_names = self.strings(head, "brand_names", "community")
        staff_mark = self.text(head, "staff_mark", "community", "◆")
        demo_password = self.text(head, "demo_password", "community", "demo")
        ranks = self.ranks()
        areas = self.areas()
        return Community(
            name=name,
            tagline=tagline,
            brand_names=brand_names,
            staff_mark=staff_mark,
            demo_password=demo_password,
            limits=self.dataclass(Limits, "limits"),
            stars_application=self.stars_application(),
            stars=self.stars(),
            reserved_names=self.strings(self.data, "reserved_names", ""),
            pronouns=self.strings(self.data, "pronouns", ""),
            ranks=ranks,
            idea_statuses=self.statuses("idea_statuses"),
            issue_statuses=self.statuses("issue_statuses"),
            idea_labels=self.strings(self.data, "idea_labels", ""),
            idea_requirements=self.strings(self.data, "idea_requirements", ""),
            guidelines=self.strings(self.data, "guidelines", ""),
            report_reasons=self.strings(self.data, "report_reasons", ""),
            areas=areas,
            source=self.source,
            guideline_examples=self.optional_strings(self.data, "guideline_examples"),
            content_checks=self.content_checks(),
        )

    # --- issue 14: optional sections (a community file without them checks nothing extra)

    def optional_strings(self, table, key, path="") -> tuple[str, ...]:
        return self.strings(table, key, path) if key in table else ()

    def content_checks(self) -> ContentChecks:
        if "content_checks" not in self.data:
            return ContentChecks()
        table = self.table(self.data, "content_checks")
        lists = {
            name: tuple(w.casefold() for w in self.optional_strings(table, name, "content_checks"))
            for name in ContentChecks.__dataclass_fields__
            if name != "link_only_advice"
        }
        advice = self.text(table, "link_only_advice", "content_checks", "")
        return ContentChecks(**lists, link_only_advice=advice.strip())

    def dataclass(self, cls, key: str):
        table = self.table(self.data, key)
        return cls(**{name: self.number(table, name, key) for name in cls.__dataclass_fields__})

    def stars(self) -> Stars:
        table = self.table(self.data, "stars")
        return Stars(
            rising_star_levels=self.number(table, "rising_star_levels", "stars"),
            leaderboard_size=self.number(table, "leaderboard_size", "stars"),
            premium_redeem_points=self.number(table, "premium_redeem_points", "stars"),
            premium_plan=self.text(table, "premium_plan", "stars"),
            quarterly_min_points=self.number(table, "quarterly_min_points", "stars"),
            level_points=self.level_points(table),
        )

    def level_points(self, table) -> tuple[int, ...]:
        """``stars.level_points``: optional, rising (levels never need fewer points)."""
        values = tuple(self.get(table, "level_points", "stars", list, []))
        if any(isinstance(v, bool) or not isinstance(v, int) or v < 0 for v in values):
            raise self.fail("stars.level_points", "should be whole numbers, 0 or more")
        if any(after < before for before, after in pairwise(values)):
            raise self.fail("stars.level_points", "must not go down from level to level")
        return values

    def stars_application(self) -> StarsApplication:
        table = self.table(self.data, "stars_application")
        path = "stars_application"
        return StarsApplication(
            min_membership_days=self.number(table, "min_membership_days", path),
            min_age=self.number(table, "min_age", path),
            language=self.text(table, "language", path),
            min_good_posts=self.number(table, "min_good_posts", path),
            good_post_min_likes=self.number(table, "good_post_min_likes", path),
        )

    def statuses(self, key: str) -> tuple[Status, ...]:
        result = []
        for position, table in enumerate(self.tables(self.data, key)):
            path = f"{key}[{position}]"
            result.append(
                Status(
                    key=self.text(table, "key", path),
                    name=self.text(table, "name", path),
                    description=self.text(table, "description", path, ""),
                    closed=self.get(table, "closed", path, bool, False),
                )
            )
        self.unique([s.key for s in result], key, "key")
        return tuple(result)

    def ranks(self) -> Ranks:
        ranks = self.table(self.data, "ranks")
        weights_table = self.table(ranks, "weights", "ranks")
        weights = RankWeights(
            **{
                name: self.get(weights_table, name, "ranks.weights", float)
                for name in RankWeights.__dataclass_fields__
            }
        )
        ladder = []
        for position, table in enumerate(self.tables(ranks, "member", "ranks")):
            path = f"ranks.member[{position}]"
            ladder.append(
                Rank(
                    name=self.text(table, "name", path),
                    points=self.number(table, "points", path),
                    min_days=self.number(table, "min_days", path),
                    avatars=self.strings(table, "avatars", path),
                    blurb=self.text(table, "blurb", path, ""),
                )
            )
        for position, (before, after) in enumerate(pairwise(ladder), start=1):
            if after.points < before.points:
                raise self.fail(
                    f"ranks.member[{position}].points",
                    f"must not go down the ladder ({after.name} needs fewer than {before.name})",
                )
        star = self.table(ranks, "star", "ranks")
        legend = self.table(ranks, "legend", "ranks")
        staff = self.table(ranks, "staff", "ranks")
        return Ranks(
            weights=weights,
            member=tuple(ladder),
            rising_star=self.text(star, "rising", "ranks.star"),
            top_star=self.text(star, "top", "ranks.star"),
            star_avatars=self.strings(star, "avatars", "ranks.star"),
            star_blurb=self.text(star, "blurb", "ranks.star", ""),
            former_star=self.text(legend, "former_star", "ranks.legend"),
            former_staff=self.text(legend, "former_staff", "ranks.legend"),
            staff_titles=self.strings(staff, "titles", "ranks.staff"),
            staff_blurb=self.text(staff, "blurb", "ranks.staff", ""),
        )

    def areas(self) -> tuple[Area, ...]:
        areas = []
        board_count = 0
        for position, table in enumerate(self.tables(self.data, "areas")):
            path = f"areas[{position}]"
            slug = self.text(table, "slug", path)
            boards = []
            for board in self.tables(table, "boards", path):
                board_path = f"areas.boards[{board_count}]"
                board_count += 1
                kind = self.text(board, "kind", board_path)
                if kind not in BOARD_KINDS:
                    raise self.fail(
                        f"{board_path}.kind", f"is {kind!r}; use one of {', '.join(BOARD_KINDS)}"
                    )
                boards.append(
                    Board(
                        slug=self.text(board, "slug", board_path),
                        name=self.text(board, "name", board_path),
                        kind=kind,
                        description=self.text(board, "description", board_path, ""),
                        area_slug=slug,
                        guidelines=self.text(board, "guidelines", board_path, "").strip(),
                    )
                )
            areas.append(
                Area(
                    slug=slug,
                    name=self.text(table, "name", path),
                    description=self.text(table, "description", path, ""),
                    boards=tuple(boards),
                )
            )
        self.unique([a.slug for a in areas], "areas", "slug")
        self.unique([b.slug for a in areas for b in a.boards], "areas.boards", "slug")
        return tuple(areas)

    def unique(self, values: list[str], path: str, key: str) -> None:
        seen: set[str] = set()
        for value in values:
            if value in seen:
                line = self.line_of_value(key, value, occurrence=1)
                raise self.fail(f"{path}.{key}", f"{value!r} is used twice", line)
            seen.add(value)


def _kind_name(kind: type) -> str:
    return {
        str: "text",
        int: "a whole number",
        float: "a number",
        bool: "true or false",
        list: "a list",
        dict: "a table",
    }[kind]
