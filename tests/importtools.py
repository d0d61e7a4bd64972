"""Checking an import as a user would: the YAML validates, builds, and shows every entry."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import yaml
from clitools import Result, cli
from sphinx.cmd.build import build_main

from sphinx_cv.formats.merge import norm_text

LISTS = ("positions", "education", "research", "teaching", "awards", "service", "talks", "news")
MAIN = ("title", "position", "institution", "course", "role", "organization", "text")


def imported(fmt: str, source: Path, tmp_path: Path) -> tuple[Result, dict[str, Any]]:
    """``sphinx-cv import FMT SOURCE -o tmp/site/profile.yaml``: the result and the data."""
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    result = cli("import", fmt, source, "-o", site / "profile.yaml")
    return result, yaml.safe_load((site / "profile.yaml").read_text("utf8"))


def count(data: dict[str, Any]) -> int:
    """Entries in a profile: publications, dated entries, entries of custom sections."""
    n = sum(len(data.get(k) or []) for k in (*LISTS, "publications"))
    for section in (data.get("sections") or {}).values():
        n += len(section["entries"] if isinstance(section, dict) else section)
    return n


def kept_keys(value: Any, key: str) -> int:
    """How many fields are kept under ``key`` (x-FORMAT) anywhere in the data."""
    if isinstance(value, dict):
        here = len(value[key]) if isinstance(value.get(key), dict) else 0
        return here + sum(kept_keys(v, key) for k, v in value.items() if k != key)
    if isinstance(value, list):
        return sum(kept_keys(v, key) for v in value)
    return 0


def add_authors(tmp_path: Path, data: dict[str, Any], name: str) -> None:
    """What the import's note asks for when the source has no author lists (ORCID's work
    summaries): each paper without authors gets ``name``, in the written profile too."""
    for pub in data.get("publications") or []:
        pub.setdefault("authors", [name])
    (tmp_path / "site" / "profile.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf8"
    )


def validates(tmp_path: Path) -> None:
    result = cli("validate", tmp_path / "site" / "profile.yaml")
    assert result.code == 0, result.err


def builds_with_every_entry(tmp_path: Path, data: dict[str, Any]) -> str:
    """Build the site (sphinx-build -W) with a page showing every section; every entry's
    main text is on it. Returns the page's text."""
    site = tmp_path / "site"
    (site / "conf.py").write_text(
        'extensions = ["sphinx_cv"]\nhtml_theme = "alabaster"\n', encoding="utf8"
    )
    parts = ["CV\n==\n", ".. cv-header::\n" if data.get("person") else ""]
    for name in LISTS:
        if data.get(name):
            parts.append(f"{name.capitalize()}\n{'-' * len(name)}\n\n.. timeline:: {name}\n")
    for name in data.get("sections") or {}:
        parts.append(f"{name}\n{'-' * len(name)}\n\n.. timeline:: {name}\n")
    if data.get("publications"):
        parts.append("Publications\n------------\n\n.. publication-list::\n")
    (site / "index.rst").write_text("\n".join(parts), encoding="utf8")
    out = tmp_path / "html"
    warnings = tmp_path / "warnings.txt"
    code = build_main(["-W", "-q", "-E", "-b", "html", "-w", str(warnings), str(site), str(out)])
    assert code == 0, warnings.read_text("utf8")
    page = (out / "index.html").read_text("utf8")
    text = norm_text(html.unescape(re.sub(r"<[^>]+>", " ", page.split("<body", 1)[1])))
    for entry in entries(data):
        main = next((entry[k] for k in MAIN if entry.get(k)), None)
        assert main, entry
        # As shown: a Markdown link's text, no emphasis marks.
        shown = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", str(main)).replace("*", "")
        assert norm_text(shown) in text, main
    return text


def entries(data: dict[str, Any]) -> list[dict[str, Any]]:
    out = [e for k in (*LISTS, "publications") for e in data.get(k) or []]
    for section in (data.get("sections") or {}).values():
        out += section["entries"] if isinstance(section, dict) else section
    return out
