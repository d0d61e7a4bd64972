"""Dates as researchers write them (sphinx_cv.data.dates)."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_cv.data.dates import CvDate, DateError, parse_date, parse_month


@pytest.mark.parametrize(
    ("raw", "year", "month", "day"),
    [
        ("2025", 2025, None, None),
        ("2025-09", 2025, 9, None),
        ("2025-9", 2025, 9, None),
        ("2025-09-01", 2025, 9, 1),
        ("2025/09/01", 2025, 9, 1),
        ("2025.10", 2025, 10, None),
        ("2024-02-29", 2024, 2, 29),  # a leap day
        ("  2025  ", 2025, None, None),
        ("1843", 1843, None, None),
    ],
)
def test_numeric_dates(raw: str, year: int, month: int | None, day: int | None) -> None:
    date = parse_date(raw)
    assert (date.year, date.month, date.day) == (year, month, day)
    assert not date.present
    assert not date.is_free_text


@pytest.mark.parametrize(
    ("raw", "iso"),
    [("2025", "2025"), ("2025-9", "2025-09"), ("2025/9/1", "2025-09-01"), ("Sep. 2025", "2025-09")],
)
def test_iso_is_normalized(raw: str, iso: str) -> None:
    assert parse_date(raw).iso() == iso
    assert str(parse_date(raw)) == iso


@pytest.mark.parametrize(
    ("raw", "month"),
    [
        ("Sep. 2025", 9),
        ("Sep 2025", 9),
        ("Sept 2025", 9),
        ("Sept. 2025", 9),
        ("September 2025", 9),
        ("sep 2025", 9),
        ("Sep, 2025", 9),
        ("Jan. 2025", 1),
        ("Mar 2025", 3),
        ("May 2025", 5),
        ("June 2025", 6),
        ("Dec. 2025", 12),
    ],
)
def test_month_and_year_are_read(raw: str, month: int) -> None:
    date = parse_date(raw)
    assert (date.year, date.month, date.day) == (2025, month, None)
    assert not date.is_free_text  # shown as a real date


@pytest.mark.parametrize(
    "raw", ["present", "Present", "PRESENT", "now", "current", "ongoing", "today", " present "]
)
def test_present(raw: str) -> None:
    date = parse_date(raw)
    assert date.present
    assert date.iso() == "present"
    assert date.sort_key() > parse_date("9999-12-31").sort_key()


@pytest.mark.parametrize(
    ("raw", "year", "month"),
    [
        ("Fall 2025", 2025, 9),
        ("Autumn 2025", 2025, 9),
        ("Spring 2024", 2024, 2),
        ("Summer 2020", 2020, 6),
        ("Winter 2019", 2019, 12),
        ("Summer 2020 - Spring 2021", 2020, 6),  # the first season named
        ("Sep 9, 2025", 2025, 9),
        ("Dec. 2024 - present", 2024, 12),
        ("Expected 2026", 2026, None),
        ("since 2019", 2019, None),
        ("TBD", None, None),
        ("Springer 2020", 2020, None),  # a word that merely starts like a season
    ],
)
def test_free_text_is_kept_and_sorted(raw: str, year: int | None, month: int | None) -> None:
    date = parse_date(raw)
    assert date.is_free_text
    assert date.text == raw
    assert date.iso() == raw
    assert (date.year, date.month) == (year, month)
    assert not date.present


def test_free_text_collapses_whitespace() -> None:
    assert parse_date("Fall\n  2025").text == "Fall 2025"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("2025-13", "month 13"),
        ("2025-00", "month 0"),
        ("2025-02-30", "no day 30"),
        ("2023-02-29", "no day 29"),
        ("2025-04-31", "no day 31"),
        ("2025-01-00", "no day 0"),
        ("0000", "no year 0"),
        ("Feb 0000", "no year 0"),
        ("99", "YYYY"),
        ("20255", "YYYY"),
        ("2025-", "YYYY"),
        ("2025--09", "YYYY"),
        ("12/2025", "YYYY"),
        ("2025 09", "YYYY"),
    ],
)
def test_impossible_numeric_dates_are_errors(raw: str, reason: str) -> None:
    with pytest.raises(DateError, match=reason):
        parse_date(raw)


@pytest.mark.parametrize(
    ("raw", "hint"),
    [
        ("presnet", "present"),
        ("prsent", "present"),
        ("Preset", "present"),
        ("ongoign", "ongoing"),
        ("curent", "current"),
    ],
)
def test_near_misses_of_present_are_errors_with_a_hint(raw: str, hint: str) -> None:
    with pytest.raises(DateError, match=f"did you mean '{hint}'"):
        parse_date(raw)


@pytest.mark.parametrize("raw", ["", "   ", "\n"])
def test_empty_is_an_error(raw: str) -> None:
    with pytest.raises(DateError):
        parse_date(raw)


def test_sort_order() -> None:
    dates = [
        parse_date(s)
        for s in ["present", "2025-09-02", "2025-09", "2025", "2024-12-31", "Fall 2024", "TBD"]
    ]
    keys = [d.sort_key() for d in dates]
    assert keys == sorted(keys, reverse=True)
    assert CvDate().sort_key() == (0, 0, 0)


@pytest.mark.parametrize(
    ("raw", "month"),
    [
        ("9", 9),
        ("09", 9),
        ("12", 12),
        ("1", 1),
        ("sep", 9),
        ("Sep.", 9),
        ("Sept.", 9),
        ("sept", 9),
        ("September", 9),
        (" May ", 5),
    ],
)
def test_parse_month(raw: str, month: int) -> None:
    assert parse_month(raw) == month


@pytest.mark.parametrize("raw", ["0", "13", "", "x", "Septembre", "-1", "1.5"])
def test_parse_month_rejects(raw: str) -> None:
    with pytest.raises(DateError):
        parse_month(raw)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_text_is_a_date_or_a_date_error(raw: str) -> None:
    try:
        date = parse_date(raw)
    except DateError:
        return
    assert date.present or date.is_free_text or date.year is not None
    if date.is_free_text:
        assert date.text == " ".join(raw.split())
    date.sort_key()
    date.iso()


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=datetime.date(1000, 1, 1)))
def test_every_real_date_round_trips(day: datetime.date) -> None:
    date = parse_date(day.isoformat())
    assert (date.year, date.month, date.day) == (day.year, day.month, day.day)
    assert date.iso() == day.isoformat()
