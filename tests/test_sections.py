"""The registry of the profile's sections (``data/sections.py``): it agrees with the
profile's declared fields, and every table that lists sections is derived from it, so a
row added there shows up everywhere."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import textwrap

import pytest

from sphinx_cv.data.fields import ListOf, Record
from sphinx_cv.data.profile import Profile
from sphinx_cv.data.sections import BY_KEY, DATED_SECTIONS, SECTIONS


def profile_lists() -> dict[str, type]:
    """The profile's fields that are lists of records, with the record type."""
    out = {}
    for f in dataclasses.fields(Profile):
        conv = f.metadata.get("cv") and f.metadata["cv"].converter
        if isinstance(conv, ListOf) and isinstance(conv.item, Record):
            out[f.name] = conv.item.cls
    return out


def test_the_registry_is_the_profiles_sections() -> None:
    """Each row is a field of the profile holding its record type; each list of records
    on the profile is a row (the co-authors aside: they are not a section of the CV)."""
    lists = profile_lists()
    lists.pop("people")
    assert {s.key: s.record for s in SECTIONS} == lists


def test_dated_sections_are_the_timeline_ones() -> None:
    assert tuple(s.key for s in SECTIONS if s.key != "publications") == DATED_SECTIONS
    assert all(BY_KEY[k].dated for k in DATED_SECTIONS)
    assert not BY_KEY["publications"].dated


def test_every_section_can_be_asked_for_by_name() -> None:
    profile = Profile()
    for key in DATED_SECTIONS:
        assert profile.section(key) == []
    assert profile.section("nonesuch") is None


# A row added to the registry before anything else is imported: the derived tables are
# built from the registry as their modules load.
ADDED = textwrap.dedent("""
    import json
    from sphinx_cv.data import sections
    from sphinx_cv.data.entries import Entry
    row = sections.SectionKind("patents", Entry, "Patents", None, None)
    sections.SECTIONS = (*sections.SECTIONS, row)
    sections.BY_KEY["patents"] = row
    sections.DATED_SECTIONS = (*sections.DATED_SECTIONS, "patents")

    from sphinx_cv.data import jsonresume_export, shown, yamldump
    from sphinx_cv.directives.timeline import Timeline
    from sphinx_cv.formats import merge
    from sphinx_cv.locale import QUICKSTART_HEADINGS
    print(json.dumps({
        "top_order": list(yamldump.TOP_ORDER),
        "merge": sorted(merge.RECORDS),
        "shown": list(shown.DATED),
        "not_shown": sorted(shown.NOT_SHOWN),
        "placed": sorted(jsonresume_export.PLACED),
        "timeline": Timeline.argument_help,
        "headings": list(QUICKSTART_HEADINGS),
    }))
""")


def test_a_row_added_shows_up_everywhere() -> None:
    run = subprocess.run([sys.executable, "-c", ADDED], capture_output=True, text=True, check=True)
    got = json.loads(run.stdout)
    assert "patents" in got["top_order"]
    assert got["top_order"].index("patents") < got["top_order"].index("sections")
    assert "patents" in got["merge"]
    assert "Entry.tags" in got["not_shown"]
    assert "patents" not in got["placed"]  # no place in JSON Resume: counted as left out
    assert "``patents``" in got["timeline"]
    assert "Patents" in got["headings"]


def test_derived_tables_follow_the_registry() -> None:
    from sphinx_cv.data import jsonresume, jsonresume_export, shown, yamldump
    from sphinx_cv.directives.timeline import Timeline
    from sphinx_cv.formats import merge
    from sphinx_cv.locale import QUICKSTART_HEADINGS

    keys = [s.key for s in SECTIONS]
    assert [k for k in yamldump.TOP_ORDER if k in BY_KEY] == keys
    assert {s.key: s.record for s in SECTIONS} == merge.RECORDS
    assert {s.record.__name__ for s in SECTIONS} <= set(shown.DATED)
    assert {s.key for s in SECTIONS if s.jsonresume} <= jsonresume_export.PLACED
    # A section given a JSON Resume array has its exporter (else the export would fail).
    assert {s.key for s in SECTIONS if s.jsonresume} == set(jsonresume_export.SECTION_EXPORTS)
    assert not {s.key for s in SECTIONS if not s.jsonresume} & jsonresume_export.PLACED
    # Every section the import reads has its table of keys (publications have their own).
    assert {s.key for s in SECTIONS if s.jsonresume_reads} - {"publications"} == set(
        jsonresume.READS
    )
    assert all(f"``{k}``" in Timeline.argument_help for k in DATED_SECTIONS)
    assert {s.title for s in SECTIONS} <= set(QUICKSTART_HEADINGS)


def test_quickstart_headings_are_the_registry_titles(monkeypatch: pytest.MonkeyPatch) -> None:
    """The quickstart pages take the sections' headings from the registry: a title
    changed there is the page's heading, underlined to its length."""
    import dataclasses

    from sphinx_cv.commands.quickstart import site_files
    from sphinx_cv.data import sections

    renamed = tuple(
        dataclasses.replace(s, title="Appointments") if s.key == "positions" else s
        for s in sections.SECTIONS
    )
    monkeypatch.setattr(sections, "SECTIONS", renamed)
    rst = site_files(False, "Ada")["cv.rst"]
    assert "Appointments\n------------\n\n.. timeline:: positions" in rst
    assert "## Appointments\n\n```{timeline} positions" in site_files(True, "Ada")["cv.md"]
