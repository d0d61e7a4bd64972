"""Dates and ranges for display, as configured (``Sep. 2025 – present``, ``2021 – 2025``)."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from typing import TYPE_CHECKING

from ..config import CvConfig
from ..data.dates import CvDate
from ..locale import cv_text

if TYPE_CHECKING:
    from babel import Locale


@functools.lru_cache(maxsize=32)
def _babel_locale(language: str) -> Locale | None:
    """Babel's locale for a Sphinx language code, or None (English, or unknown)."""
    if not language or language == "en" or language.startswith("en_"):
        return None
    from babel import Locale, UnknownLocaleError  # Babel comes with Sphinx

    try:
        return Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return None


def date_values(
    year: int, month: int | None, day: int | None, language: str, skeleton: str
) -> dict[str, int | str]:
    """The placeholders of a date template in ``language``: {year}, {month} (September),
    {mon} (Sep), {mm} (09), {day}, and {date}, the date as the language writes it
    (Babel's ``skeleton``: ``yMMM`` gives 'Sept. 2025' in German, '2025年9月' in
    Chinese)."""
    locale = _babel_locale(language)
    values: dict[str, int | str] = {
        "year": year,
        "mm": f"{month:02d}" if month else "",
        "day": day or "",
    }
    if locale is None:
        values["month"] = calendar.month_name[month] if month else ""
        values["mon"] = calendar.month_abbr[month] if month else ""
    else:
        from babel.dates import get_month_names

        values["month"] = get_month_names("wide", "stand-alone", locale)[month] if month else ""
        values["mon"] = (
            get_month_names("abbreviated", "stand-alone", locale)[month] if month else ""
        )
    values["date"] = _babel_date(year, month, day, locale or "en", skeleton)
    return values


def _babel_date(
    year: int, month: int | None, day: int | None, locale: Locale | str, skeleton: str
) -> str:
    from babel.dates import format_skeleton

    if not month:
        return str(year)
    if not day:
        skeleton = skeleton.replace("d", "")
    try:
        return str(format_skeleton(skeleton, dt.date(year, month, day or 1), locale=locale))
    except (ValueError, KeyError):
        return f"{year}-{month:02d}"


def format_date(date: CvDate, cv: CvConfig) -> str:
    if date.present:
        return cv_text(cv.present_label)
    if date.is_free_text:
        return date.text
    if date.year is None:
        return ""
    if not date.month:
        return str(date.year)
    day = date.day if cv.show_day else None  # the day only when asked for
    values = date_values(date.year, date.month, day, cv.language, "yMMMd" if day else "yMMM")
    # The defaults are in the catalogs (German: "{date}", i.e. "Sept. 2025").
    template = cv_text(cv.day_format if day else cv.month_format)
    if values["mon"] == values["month"]:
        template = template.replace("{mon}.", "{mon}")  # "May" is no abbreviation
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return ("{mon} {year}" if values["mon"] == values["month"] else "{mon}. {year}").format(
            **values
        )


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
