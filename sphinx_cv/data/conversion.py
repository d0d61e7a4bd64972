"""What a conversion between the profile and another format returns."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Generic, TypeVar

D = TypeVar("D")
"""The converted data's type (a JSON object, a list of CSL items...)."""


@dataclass
class Converted(Generic[D]):
    """The converted data, and what had no place in the other format, by field path:
    kept under an ``x-`` key on import, left out on export (and said so)."""

    data: D
    kept: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    """Input that could not be read as the format says, one message each."""
    notes: list[str] = field(default_factory=list)
    """Read, but not as the reader may expect (kept under the ``x-`` key), one each."""

    def summary(self) -> str:
        """``work[].description (2), basics.location.address``."""
        return ", ".join(
            f"{path} ({n})" if n > 1 else path for path, n in sorted(self.kept.items()) if n > 0
        )
