"""Calendar months and quarters, for activity charts, the Stars ledger and leaderboard.

Pure: every function takes the time it works from (the store's injected clock).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Month:
    """One calendar month: ``start`` inclusive, ``end`` exclusive (naive UTC)."""

    year: int
    month: int

    @property
    def start(self) -> datetime:
        return datetime(self.year, self.month, 1)

    @property
    def end(self) -> datetime:
        return self.next().start

    @property
    def label(self) -> str:
        """ "Nov 2026" """
        return f"{self.start:%b %Y}"

    @property
    def short(self) -> str:
        """ "Nov" """
        return f"{self.start:%b}"

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    @property
    def quarter(self) -> Quarter:
        return Quarter(self.year, (self.month - 1) // 3 + 1)

    @classmethod
    def of(cls, when: datetime) -> Month:
        return cls(when.year, when.month)

    @classmethod
    def parse(cls, text: str) -> Month:
        """ "2026-11" -> Month(2026, 11); ValueError when it is not a month."""
        year, _, month = text.strip().partition("-")
        result = cls(int(year), int(month))
        if not 1 <= result.month <= 12 or not 1 <= result.year <= 9999:
            raise ValueError(text)
        return result


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int  # 1..4

    @property
    def months(self) -> tuple[Month, Month, Month]:
        first = (self.number - 1) * 3 + 1
        return Month(self.year, first), Month(self.year, first + 1), Month(self.year, first + 2)

    @property
    def label(self) -> str:
        return f"Q{self.number} {self.year}"

    def previous(self) -> Quarter:
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )


def recent_months(now: datetime, count: int) -> tuple[Month, ...]:
    """The last ``count`` months, oldest first, ending with the month of ``now``."""
    months = [Month.of(now)]
    while len(months) < count:
        months.append(months[-1].previous())
    return tuple(reversed(months))
