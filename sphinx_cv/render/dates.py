"""Dates and ranges for display, as configured (``Sep. 2025 – present``, ``2021 – 2025``)."""

from __future__ import annotations

import calendar

from ..config import CvConfig
from ..data.dates import CvDate


def format_date(date: CvDate, cv: CvConfig) -> str:
    if date.present:
        return cv.present_label
    if date.is_free_text:
        return date.text
    if date.year is None:
        return ""
    if not date.month:
        return str(date.year)
    values = {
        "year": date.year,
        "month": calendar.month_name[date.month],
        "mon": calendar.month_abbr[date.month],
        "mm": f"{date.month:02d}",
        "day": date.day or "",
    }
    template = cv.day_format if date.day else cv.month_format
    if values["mon"] == values["month"]:
        template = template.replace("{mon}.", "{mon}")  # "May" is no abbreviation
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return ("{mon} {year}" if values["mon"] == values["month"] else
                "{mon}. {year}").format(**values)


def format_range(start: CvDate | None, end: CvDate | None, cv: CvConfig) -> str:
    """``start – end``; a lone start is just the date; an open end shows 'present'."""
    if start is None and end is None:
        return ""
    if start is None:
        return format_date(end, cv)  # type: ignore[arg-type]
    if end is None:
        return format_date(start, cv)
    first, last = format_date(start, cv), format_date(end, cv)
    if first == last:
        return first
    return f"{first}{cv.range_separator}{last}"
