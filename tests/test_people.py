"""The ``people:`` table links co-authors wherever they appear."""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from realworld import build

from sphinx_cv.data.loader import load_profile
from sphinx_cv.render.citation import coauthor_links, own_names

PROFILE = """person: {name: Ada Lovelace}
people:
- name: Charles Babbage
  url: https://babbage.example.org
  aliases: [C. Babbage]
- {name: Mary Somerville, orcid: 0000-0002-1825-0097}
- {name: Bad Link, url: 'javascript:alert(1)'}
- {name: No Orcid, orcid: 1234}
publications:
- {id: a, title: Engines, year: 1843, authors: [Ada Lovelace, C. Babbage, Mary Somerville]}
- id: b
  title: Notes
  year: 1844
  authors: [{name: Charles Babbage, url: 'https://other.example.org'}, Bad Link]
"""


def test_people_are_read_and_bad_values_reported(tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    result = load_profile(str(path))
    people = result.profile.people
    assert [p.name for p in people] == [
        "Charles Babbage",
        "Mary Somerville",
        "Bad Link",
        "No Orcid",
    ]
    assert people[0].aliases == ["C. Babbage"]
    assert sorted((p.location.line, p.path) for p in result.problems) == [
        (7, "people[2].url"),
        (8, "people[3].orcid"),
    ]
    links = coauthor_links(result.profile)
    assert links == {
        "charles babbage": "https://babbage.example.org",
        "c babbage": "https://babbage.example.org",
        "mary somerville": "https://orcid.org/0000-0002-1825-0097",
    }


def test_people_link_author_lists(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    body, _ = build(site, "CV\n==\n\n.. publication-list::\n", tmp_path)
    refs = re.findall(r'<a class="cv-coauthor reference external" href="([^"]+)"', body)
    # Newest first: the entry's own url wins over the table; then the table's links.
    assert refs == [
        "https://other.example.org",
        "https://babbage.example.org",
        "https://orcid.org/0000-0002-1825-0097",
    ], refs
    assert "javascript" not in body


def test_people_link_a_paper_page(tmp_path: Path) -> None:
    from sphinx_cv.web.pubpages import authors_paragraph

    path = tmp_path / "profile.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    profile = load_profile(str(path)).profile
    para = authors_paragraph(
        profile.publications[0], own_names(["Ada Lovelace"]), coauthor_links(profile), "index.html"
    )
    assert [r["refuri"] for r in para.findall(nodes.reference)] == [
        "index.html",
        "https://babbage.example.org",
        "https://orcid.org/0000-0002-1825-0097",
    ]


def test_a_collapsed_author_list_keeps_notes_and_links_coauthors_in_the_full_list(
    tmp_path: Path,
) -> None:
    # Twelve authors (over cv_author_limit, 10): six shown, the whole list in <details>.
    others = [f"Author{chr(65 + i)} Person" for i in range(9)]
    authors = ", ".join(
        [
            *others[:2],
            "{name: C. Babbage, note: equal}",
            *others[2:],
            "Ada Lovelace",
            "{name: Mary Somerville, note: corresponding}",
        ]
    )
    site = tmp_path / "site"
    site.mkdir()
    profile = PROFILE.split("publications:")[0] + (
        f"publications:\n- {{id: long, title: Long, year: 1850, authors: [{authors}]}}\n"
    )
    (site / "profile.yaml").write_text(profile, encoding="utf-8")
    body, _ = build(site, "CV\n==\n\n.. publication-list::\n", tmp_path)
    details = re.search(r'<details class="cv-details cv-authors">(.*?)</details>', body, re.S)
    assert details is not None
    summary, full = details.group(1).split("</summary>")
    link = r'<a class="cv-coauthor reference external" href="{}">[^<]*</a>'
    babbage = link.format("https://babbage.example.org") + r'<sup class="cv-author-note">\*'
    somerville = (
        link.format(re.escape("https://orcid.org/0000-0002-1825-0097"))
        + '<sup class="cv-author-note">†'
    )
    # The toggle keeps the notes but links nothing: a link inside <summary> is nested
    # interactive content (axe, WCAG 4.1.2); the full list below it has the links.
    assert re.search(r"C\.\xa0Babbage<sup class=\"cv-author-note\">\*", summary)
    assert "<a " not in summary
    assert "Somerville" not in summary and "and 6 more" in summary
    assert re.search(babbage, full) and re.search(somerville, full)
    assert '<strong class="cv-me">Ada' in summary and '<strong class="cv-me">Ada' in full


def test_a_collapsed_author_list_has_curly_quotes_as_the_rest_of_the_page(tmp_path: Path) -> None:
    # Names added by the HTML-only post-transform, after Sphinx's smart quotes ran.
    authors = ", ".join(
        [*(f"Author{chr(65 + i)} Person" for i in range(10)), "Sean O'Brien", "Ada Lovelace"]
    )
    site = tmp_path / "site"
    site.mkdir()
    profile = PROFILE.split("publications:")[0] + (
        f"publications:\n- {{id: long, title: Long, year: 1850, authors: [{authors}]}}\n"
        "- {id: short, title: Short, year: 1851, authors: [Sean O'Brien, Ada Lovelace]}\n"
    )
    (site / "profile.yaml").write_text(profile, encoding="utf-8")
    body, _ = build(site, "CV\n==\n\n.. publication-list::\n", tmp_path)
    assert "O'Brien" not in body
    assert body.count("O\u2019Brien") == 2  # the short entry and the collapsed full list
