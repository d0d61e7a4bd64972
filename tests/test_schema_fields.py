"""The JSON Schema the field declarations produce (draft-07, for editors)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from sphinx_cv.data.fields import Record, record_fields, record_types
from sphinx_cv.data.profile import PROFILE, Profile
from sphinx_cv.data.schema import profile_schema

FULL = Path(__file__).parent / "data" / "profiles" / "full.yaml"

RECORD_CLASSES = sorted(record_types(PROFILE).values(), key=lambda cls: cls.__name__)


@pytest.fixture(scope="module")
def definitions() -> dict[str, Any]:
    defs: dict[str, Any] = {}
    ref = PROFILE.json_schema(defs)
    assert ref == {"$ref": "#/definitions/Profile"}
    return defs


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return profile_schema()


def body(definition: dict[str, Any]) -> dict[str, Any]:
    """The object schema of a record (records with a short form are anyOf string/object)."""
    if "anyOf" in definition:
        (obj,) = [d for d in definition["anyOf"] if d.get("type") == "object"]
        return obj
    return definition


def test_every_record_class_is_defined(definitions: dict[str, Any]) -> None:
    assert len(RECORD_CLASSES) >= 14
    # Besides the records: the shape of a text given per language.
    assert set(definitions) == {cls.__name__ for cls in RECORD_CLASSES} | {"Translations"}


@pytest.mark.parametrize("cls", RECORD_CLASSES, ids=lambda cls: cls.__name__)
def test_every_field_and_alias_is_a_property(definitions: dict[str, Any], cls: type) -> None:
    definition = body(definitions[cls.__name__])
    assert definition["type"] == "object"
    assert definition["additionalProperties"] is False
    props = definition["properties"]
    for name, fs in record_fields(cls):
        assert name in props
        assert props[name]["description"] == fs.help
        for alias in fs.aliases:
            assert alias in props, f"{cls.__name__}.{alias}"
            assert props[alias]["description"] == f"Alias of `{name}`."
    expected = {n for name, fs in record_fields(cls) for n in (name, *fs.aliases)}
    assert set(props) == expected
    # A required field may be written under any of its names.
    for name, fs in record_fields(cls):
        if not fs.required:
            continue
        if fs.aliases:
            assert {"anyOf": [{"required": [n]} for n in (name, *fs.aliases)]} in (
                definition["allOf"]
            )
        else:
            assert name in definition["required"]


def test_short_forms(definitions: dict[str, Any]) -> None:
    for cls in RECORD_CLASSES:
        short = hasattr(cls, "from_scalar")
        assert ("anyOf" in definitions[cls.__name__]) is short, cls.__name__


def test_schema_is_json_and_draft_07(schema: dict[str, Any]) -> None:
    text = json.dumps(schema, allow_nan=False)
    assert json.loads(text) == schema
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["$ref"] == "#/definitions/Profile"
    assert schema["title"]


def refs_in(value: Any) -> list[str]:
    if isinstance(value, dict):
        found = [value["$ref"]] if "$ref" in value else []
        for item in value.values():
            found += refs_in(item)
        return found
    if isinstance(value, list):
        return [r for item in value for r in refs_in(item)]
    return []


def test_refs_resolve_and_stand_alone(schema: dict[str, Any]) -> None:
    refs = refs_in(schema)
    assert refs
    for ref in refs:
        assert ref.startswith("#/definitions/")
        assert ref.removeprefix("#/definitions/") in schema["definitions"]

    def check(value: Any) -> None:  # draft-07 ignores keywords beside $ref
        if isinstance(value, dict):
            if "$ref" in value:
                assert set(value) == {"$ref"}, value
            for item in value.values():
                check(item)
        elif isinstance(value, list):
            for item in value:
                check(item)

    check(schema["definitions"])


def test_schema_is_deterministic() -> None:
    assert json.dumps(profile_schema()) == json.dumps(profile_schema())


def test_profile_properties(schema: dict[str, Any]) -> None:
    props = schema["definitions"]["Profile"]["properties"]
    for name in (
        "person",
        "basics",
        "publications",
        "papers",
        "interests",
        "sections",
        "education",
        "work",
        "updated",
    ):
        assert name in props
    assert Record(Profile).known == [name for name, _ in record_fields(Profile)]


# --- validating real profiles with the jsonschema package ----------------------------------


class _EditorLoader(yaml.SafeLoader):
    """Reads YAML as an editor's language server does: dates stay text."""


_EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_EditorLoader)


def test_full_profile_validates(schema: dict[str, Any]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft7Validator.check_schema(schema)
    data = read_yaml(FULL.read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(data), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


@pytest.mark.parametrize(
    "text",
    [
        "publications:\n  - key: a\n    title: A\n",  # required id under an alias
        "education:\n  - school: MIT\n    startDate: 2015.09\n",  # a date YAML reads as a number
        "person:\n  name: Ada\n  links:\n    - {network: GitHub, username: ada}\n",
        "$schema: ./profile.schema.json\nx-anything: [1, 2]\n",
        "interests: [Topic one, {name: Topic two, publications: a}]\n",
        "service: ['Reviewer: ICML']\n",
    ],
)
def test_valid_variants_validate(schema: dict[str, Any], text: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(read_yaml(text), schema, cls=jsonschema.Draft7Validator)


@pytest.mark.parametrize(
    "text",
    [
        "publications:\n  - title: A\n",  # no id at all
        "person:\n  nmae: Ada\n",  # unknown key
        "publications:\n  - {id: a, title: A, type: jornal}\n",
        "publications:\n  - {id: a, title: A, year: 20x5}\n",
        "education: {institution: MIT}\n",
    ],
)
def test_invalid_profiles_do_not_validate(schema: dict[str, Any], text: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    assert list(jsonschema.Draft7Validator(schema).iter_errors(read_yaml(text)))
