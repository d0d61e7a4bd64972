"""Nothing lost, value by value: every value of a structured sample (YAML or JSON) is
found in the imported profile, in its field or under ``x-FORMAT``; the few that are not
are listed here, each with the reason it is not CV content or is said another way."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from clitools import DATA

from sphinx_cv.formats import IMPORTERS
from sphinx_cv.formats.merge import norm_text

NOT_COPIED: dict[str, dict[str, str]] = {
    "rendercv": {},
    "csl": {r"\[\d+\]\.type": "a CSL type is mapped to the profile's (article-journal is journal)"},
    "orcid": {
        r".*(created|last-modified)-date\.value": "when the record was edited",
        r".*external-id-relationship": "'self': the id is the work's own",
        r".*external-id-url\.value": "the DOI's address, made from the DOI",
        r".*work-summary\[0\]\.type": "mapped (conference-paper is conference)",
        r".*\.path": "the API address of the work: the iD and put-code, both kept",
    },
    "hugoblox": {
        r"\.schema": "the author file's format version",
        r"\.links\[0\]\.url": "mailto: the address is person.email",
    },
}
SOURCES = {
    "rendercv": ("rendercv/John_Doe_ClassicTheme_CV.yaml", None),
    "csl": ("csl/zotero.json", None),
    "orcid": ("orcid/works.json", None),
    "hugoblox": ("hugoblox/data/authors/me.yaml", "hugoblox"),
}


def leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield from leaves(child, f"{path}.{key}")
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from leaves(child, f"{path}[{i}]")
    elif value is not None and not isinstance(value, bool) and value != "":
        yield path, value


@pytest.mark.parametrize("fmt", sorted(SOURCES))
def test_every_value_reaches_the_profile(fmt: str) -> None:
    file, folder = SOURCES[fmt]
    path = DATA / file
    text = path.read_text("utf8")
    source = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    imported = IMPORTERS[fmt].load(str(DATA / (folder or file)))
    shown = norm_text(yaml.safe_dump(imported.data, allow_unicode=True, width=10**6))
    missing = {p for p, v in leaves(source) if norm_text(str(v).replace("*", "")) not in shown}
    allowed = {p for p in missing if any(re.fullmatch(rule, p) for rule in NOT_COPIED[fmt])}
    assert missing == allowed, sorted(missing - allowed)
    for rule in NOT_COPIED[fmt]:  # each reason still applies to some value
        assert any(re.fullmatch(rule, p) for p in missing), rule
