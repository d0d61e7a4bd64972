"""The profile format as JSON Schema (draft-07, what yaml-language-server reads best)."""

from __future__ import annotations

from .converter import JSONSchema
from .profile import PROFILE

SCHEMA_ID = "https://sphinx-cv.readthedocs.io/profile.schema.json"


def profile_schema() -> JSONSchema:
    definitions: dict[str, JSONSchema] = {}
    ref = PROFILE.json_schema(definitions)
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "sphinx-cv profile",
        "description": "A researcher's profile: the data behind the homepage and the CV.",
        **ref,
        "definitions": definitions,
    }
