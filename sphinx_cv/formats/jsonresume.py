"""JSON Resume: a whole profile in and out (the mapping is in :mod:`sphinx_cv.data.jsonresume`)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from . import Exported, Imported
from .common import SourceError, load_json

if TYPE_CHECKING:
    from ..data.profile import Profile


def load(path: str) -> Imported:
    from ..data.jsonresume import from_jsonresume

    resume = load_json(path)
    converted = from_jsonresume(resume)
    if not isinstance(resume, dict):
        raise SourceError(f"{path}: {converted.problems[0]}")
    imp = Imported(converted.data, kept=converted.kept)
    imp.entries = sum(len(v) for v in resume.values() if isinstance(v, list))
    for message in converted.problems:
        imp.problem(path, message)
    imp.notes += [f"{path}: {message}" for message in converted.notes]
    return imp


def dump(profile: Profile) -> Exported:
    from ..data.jsonresume_export import to_jsonresume

    converted = to_jsonresume(profile)
    return Exported(
        json.dumps(converted.data, indent=2, ensure_ascii=False) + "\n", converted.summary()
    )
