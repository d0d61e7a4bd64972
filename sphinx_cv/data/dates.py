"""Dates as researchers write them: ``2025``, ``2025-09``, ``2025-09-01``, ``Sep. 2025``,
``present``, or free text such as ``Fall 2025``.

A date that looks numeric but is impossible (``2025-13``) is an error; any other text is
kept verbatim and, when it holds a year, still sorts in the right place.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import difflib
import re
from dataclasses import dataclass

PRESENT_WORDS = frozenset({"present", "now", "current", "ongoing", "today"})

MONTHS: dict[str, int] = {}
for _i in range(1, 13):
    MONTHS[calendar.month_name[_i].lower()] = _i
    MONTHS[calendar.month_abbr[_i].lower()] = _i
MONTHS["sept"] = 9

# Seasons sort as the month their term usually starts.
SEASONS = {"spring": 2, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}

_NUMERIC = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")
_LOOKS_NUMERIC = re.compile(r"^[\d\s./-]+$")
_MONTH_YEAR = re.compile(r"^([A-Za-z]+)\.?,?\s+(\d{4})$")
_YEAR = re.compile(r"(?<!\d)(1\d{3}|2\d{3})(?!\d)")


class DateError(ValueError):
    """The text looks like a date but is not a valid one."""


@dataclass(frozen=True)
class CvDate:
    """A date of any precision. ``text`` is set for free text, shown verbatim."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    present: bool = False
    text: str = ""

    @property
    def is_free_text(self) -> bool:
        return bool(self.text)

    def sort_key(self) -> tuple[int, int, int]:
        """Present sorts after every real date; undated free text sorts first."""
        if self.present:
            return (9999, 13, 32)
        return (self.year or 0, self.month or 0, self.day or 0)

    def iso(self) -> str:
        """``YYYY[-MM[-DD]]``, ``present``, or the free text."""
        if self.present:
            return "present"
        if self.text:
            return self.text
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def __str__(self) -> str:
        return self.iso()


def parse_date(raw: str) -> CvDate:
    """Read a date; raise :class:`DateError` for numeric dates that cannot exist."""
    text = " ".join(str(raw).split())
    if not text:
        raise DateError("empty date")
    low = text.lower()
    if low in PRESENT_WORDS:
        return CvDate(present=True)
    match = _NUMERIC.match(text)
    if match:
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if year == 0:
            raise DateError("there is no year 0")
        if month is not None and not 1 <= month <= 12:
            raise DateError(f"month {month} is not between 1 and 12")
        if day is not None:
            assert month is not None
            try:
                _dt.date(year, month, day)
            except ValueError:
                raise DateError(f"{year}-{month:02d} has no day {day}") from None
        return CvDate(year, month, day)
    if _LOOKS_NUMERIC.match(text):
        raise DateError("not of the form YYYY, YYYY-MM or YYYY-MM-DD")
    match = _MONTH_YEAR.match(text)
    if match and match.group(1).lower() in MONTHS:
        if int(match.group(2)) == 0:
            raise DateError("there is no year 0")
        return CvDate(int(match.group(2)), MONTHS[match.group(1).lower()])
    if not any(ch.isdigit() for ch in text):
        close = difflib.get_close_matches(low, PRESENT_WORDS, n=1, cutoff=0.75)
        if close:
            raise DateError(f"did you mean '{close[0]}'?")
    # Free text: keep it, but sort it by the year (and season) it mentions.
    # The first season or month named wins: "Summer 2020 - Spring 2021" sorts as June.
    year_match = _YEAR.search(text)
    month = next(
        (m for w in re.findall(r"[a-z]+", low) if (m := SEASONS.get(w) or MONTHS.get(w))), None
    )
    return CvDate(int(year_match.group(1)) if year_match else None, month, text=text)


def parse_month(raw: str) -> int:
    """``9``, ``09``, ``sep``, ``Sept.`` or ``September`` to 9."""
    text = str(raw).strip().rstrip(".").lower()
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    if text in MONTHS:
        return MONTHS[text]
    raise DateError("not a month")
