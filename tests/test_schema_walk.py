"""Every field of the profile schema is shown in HTML and in LaTeX, or is listed here as
deliberately not shown (and ``validate`` says so once).

tests/data/profiles/every_field.yaml gives each field a value of its own; the walk below
takes the fields from the JSON Schema, so a field added to the model without being
shown (or listed) fails here."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from clitools import cli
from sphinx.cmd.build import build_main

from sphinx_cv.data.fields import record_fields, record_types
from sphinx_cv.data.profile import PROFILE
from sphinx_cv.data.schema import profile_schema
from sphinx_cv.data.shown import NOT_SHOWN, WEB_ONLY

PROFILES = Path(__file__).parent / "data" / "profiles"
EVERY = PROFILES / "every_field.yaml"

PAGE = """CV
==

.. cv-header::

.. profile-card::

.. research-interests::

.. publication-list::
   :bibtex: yes

.. timeline:: positions

.. timeline:: education

.. timeline:: research

.. timeline:: teaching

.. timeline:: awards

.. timeline:: service

.. timeline:: talks

.. timeline:: news

.. timeline:: students
   :heading: yes

.. cv-updated::
"""


def schema_fields() -> list[str]:
    """``Record.field`` for every field of every record the JSON Schema defines (its
    canonical names: aliases are other spellings of the same field)."""
    out = []
    records = record_types(PROFILE)
    for name in profile_schema()["definitions"]:
        cls = records.get(name)
        if cls is None or not hasattr(cls, "__dataclass_fields__"):
            continue
        out += [f"{name}.{field}" for field, _ in record_fields(cls)]
    return out


def _dated(record: str, word: str, start: int) -> dict[str, Any]:
    """The fields every dated record has: shown as ``zz<word><field>`` or a year."""
    return {
        f"{record}.start": str(start),
        f"{record}.end": str(start + 1),
        f"{record}.date": str(start + 2),
        f"{record}.location": f"zz{word}location",
        f"{record}.url": f"example.org/zz{word}url",
        f"{record}.summary": f"zz{word}summary",
        f"{record}.highlights": f"zz{word}highlights",
    }


# What shows each field (a word, a year, a link), as every_field.yaml gives it.
SHOWN: dict[str, str] = {
    "Profile.person": "Zzperson",
    "Profile.updated": "2039",
    "Profile.interests": "zzinterestgroupintro",
    "Profile.positions": "zzpositionposition",
    "Profile.education": "zzeducationinstitution",
    "Profile.research": "zzresearchrole",
    "Profile.publications": "zzpublicationtitle",
    "Profile.teaching": "zzteachingcourse",
    "Profile.awards": "zzawardtitle",
    "Profile.service": "zzservicerole",
    "Profile.talks": "zztalktitle",
    "Profile.news": "zznewstext",
    "Profile.sections": "zzsectiontitle",
    "Profile.bibtex": "zzbibtexfiletitle",
    "Profile.people": "example.org/zzcoauthorurl",
    "Person.name": "Zzperson",
    "Person.name_variants": "Zzperson\xa0Variant",
    "Person.position": "zzpersonposition",
    "Person.affiliation": "zzpersonaffiliation",
    "Person.location": "zzpersonlocation",
    "Person.email": "zzpersonemail@example.org",
    "Person.phone": "555",
    "Person.website": "example.org/zzpersonwebsite",
    "Person.links": "example.org/zzpersonlinks",
    "Person.photo": "ada.jpg",
    "Person.bio": "zzpersonbio",
    "Topic.name": "zztopicname",
    "Topic.publications": "zzpublicationtitle",
    "Topic.summary": "zztopicsummary",
    "InterestGroup.intro": "zzinterestgroupintro",
    "InterestGroup.topics": "zztopicname",
    **_dated("Position", "position", 2001),
    "Position.position": "zzpositionposition",
    "Position.organization": "zzpositionorganization",
    "Position.department": "zzpositiondepartment",
    **_dated("Education", "education", 2004),
    "Education.institution": "zzeducationinstitution",
    "Education.degree": "zzeducationdegree",
    "Education.field": "zzeducationfield",
    "Education.advisor": "Advisor",
    "Education.thesis": "zzeducationthesis",
    "Education.gpa": "zzeducationgpa",
    "Education.courses": "zzeducationcourses",
    **_dated("ResearchExperience", "research", 2007),
    "ResearchExperience.organization": "zzresearchorganization",
    "ResearchExperience.role": "zzresearchrole",
    "ResearchExperience.mentor": "Mentor",
    "ResearchExperience.advisor": "Zzresearch",
    "ResearchExperience.project": "zzresearchproject",
    "Publication.id": "zzpub",
    "Publication.type": "Book Chapters",
    "Publication.title": "zzpublicationtitle",
    "Publication.authors": "Author",
    "Publication.editors": "Editor",
    "Publication.venue": "zzpublicationvenue",
    "Publication.year": "2010",
    "Publication.month": "2010",
    "Publication.date": "2011",
    "Publication.status": "zzpublicationstatus",
    "Publication.publisher": "zzpublicationpublisher",
    "Publication.location": "zzpublicationlocation",
    "Publication.series": "zzpublicationseries",
    "Publication.volume": "71",
    "Publication.number": "72",
    "Publication.pages": "73",
    "Publication.doi": "zzpublicationdoi",
    "Publication.arxiv": "2101.00001",
    "Publication.url": "example.org/zzpublicationurl",
    "Publication.pdf": "example.org/zzpublicationpdf",
    "Publication.code": "example.org/zzpublicationcode",
    "Publication.slides": "example.org/zzpublicationslides",
    "Publication.video": "example.org/zzpublicationvideo",
    "Publication.poster": "example.org/zzpublicationposter",
    "Publication.project": "example.org/zzpublicationproject",
    "Publication.links": "example.org/zzpublicationlinks",
    "Publication.selected": "zzpublicationtitle",
    "Publication.award": "zzpublicationaward",
    "Publication.abstract": "zzpublicationabstract",
    "Publication.image": "ada.jpg",
    "Publication.note": "zzpublicationnote",
    "Publication.bibtex": "zzpublicationbibtex",
    **_dated("Teaching", "teaching", 2012),
    "Teaching.course": "zzteachingcourse",
    "Teaching.code": "zzteachingcode",
    "Teaching.institution": "zzteachinginstitution",
    "Teaching.role": "zzteachingrole",
    **_dated("Award", "award", 2015),
    "Award.title": "zzawardtitle",
    "Award.awarder": "zzawardawarder",
    **_dated("Service", "service", 2018),
    "Service.role": "zzservicerole",
    "Service.items": "zzserviceitems",
    "Service.organization": "zzserviceorganization",
    **_dated("Talk", "talk", 2021),
    "Talk.title": "zztalktitle",
    "Talk.event": "zztalkevent",
    "Talk.slides": "example.org/zztalkslides",
    "Talk.video": "example.org/zztalkvideo",
    "Talk.links": "example.org/zztalklinks",
    **{k: v for k, v in _dated("NewsItem", "news", 2024).items() if k not in NOT_SHOWN},
    "NewsItem.text": "zznewstext",
    **_dated("Entry", "entry", 2027),
    "Entry.title": "zzentrytitle",
    "Entry.organization": "zzentryorganization",
    "Entry.links": "example.org/zzentrylinks",
    "Section.title": "zzsectiontitle",
    "Section.entries": "zzentrytitle",
    "Coauthor.name": "example.org/zzcoauthorurl",
    "Coauthor.url": "example.org/zzcoauthorurl",
    "Coauthor.orcid": "orcid.org/0000-0002-1825-0097",
    "Coauthor.aliases": "example.org/zzcoauthoralias",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The HTML (every page) and the LaTeX of a site built from every_field.yaml."""
    tmp = tmp_path_factory.mktemp("walk")
    site = tmp / "site"
    shutil.copytree(PROFILES / "images", site / "images")
    shutil.copyfile(EVERY, site / "profile.yaml")
    shutil.copyfile(PROFILES / "every_field.bib", site / "every_field.bib")
    (site / "conf.py").write_text(
        'extensions = ["sphinx_cv"]\ncv_publication_pages = True\n', encoding="utf-8"
    )
    (site / "index.rst").write_text(PAGE, encoding="utf-8")
    for builder in ("html", "latex"):
        code = build_main(["-q", "-E", "-b", builder, str(site), str(tmp / builder)])
        assert code == 0
    pages = "".join(p.read_text("utf-8") for p in (tmp / "html").rglob("*.html"))
    tex = "".join(p.read_text("utf-8") for p in (tmp / "latex").glob("*.tex"))
    return html.unescape(pages), tex.replace("\\_", "_").replace("{}", "")


def test_every_schema_field_is_shown_or_listed() -> None:
    fields = schema_fields()
    assert len(fields) > 150
    assert set(SHOWN) | set(NOT_SHOWN) == set(fields)
    assert not set(SHOWN) & set(NOT_SHOWN)
    text = EVERY.read_text(encoding="utf-8") + (PROFILES / "every_field.bib").read_text(
        encoding="utf-8"
    )
    for field, word in SHOWN.items():  # each made-up word is one the fixture gives
        word = re.sub(r"^example\.org/", "", word)
        assert not word.startswith("zz") or word in text, field


@pytest.mark.parametrize("output", ["html", "latex"])
def test_every_shown_field_reaches_the_page(built: tuple[str, str], output: str) -> None:
    page = built[0] if output == "html" else built[1]
    missing = {
        field: word
        for field, word in SHOWN.items()
        if word not in page and not (output == "latex" and field in WEB_ONLY)
    }
    assert " ".join(sorted(missing)) == ""


def test_validate_names_the_fields_not_shown_once() -> None:
    result = cli("validate", EVERY)
    assert result.code == 0
    notes = [line for line in (result.out + result.err).splitlines() if "not shown" in line]
    assert len(notes) == 1, result.out + result.err
    assert "tags" in notes[0] and "NewsItem.location" in notes[0]
    clean = cli("validate", PROFILES / "full.yaml")
    assert "not shown" not in clean.out + clean.err or "tags" in clean.out + clean.err
