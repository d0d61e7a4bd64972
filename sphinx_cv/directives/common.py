"""What every sphinx-cv directive shares: the profile, dependencies, option parsers."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from typing import ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import OptionSpec as OptionSpec  # what option_spec holds

from ..config import CvConfig, get_config
from ..data.digests import WHOLE
from ..data.problems import Subtype
from ..data.profile import Profile
from ..data.scalars import yes_no_word
from ..domain import CvDomain
from ..logging_ import warn
from ..smartquotes import mark_plain


class CvDirective(SphinxDirective):
    """Base class: reads the profile and declares the parts of it the page shows.

    ``option_help`` says in one line what each option does and ``argument_help`` what the
    argument is; the docs' directive reference is generated from them.
    """

    option_help: ClassVar[dict[str, str]] = {
        "class": "Extra CSS class names for the outer container.",
    }
    argument_help: ClassVar[str] = ""
    profile_parts: ClassVar[tuple[str, ...]] = (WHOLE,)
    """The top-level parts of the profile this directive shows (``publications``,
    ``person``...): the page is read again when one of them changes."""

    def parts(self) -> tuple[str, ...]:
        return self.profile_parts

    @functools.cached_property  # asked for in every entry of a long list
    def cv(self) -> CvConfig:
        return get_config(self.config)

    @property
    def domain(self) -> CvDomain:
        return self.env.get_domain("cv")  # type: ignore[return-value]

    def warn(self, message: str, subtype: Subtype = Subtype.DIRECTIVE) -> None:
        warn(f"{self.name}: {message}", subtype, self.get_location())

    def profile(self) -> Profile | None:
        path = self.cv.profile_path
        if not os.path.exists(path):
            # Declared as a file: creating it must rebuild this page.
            self.env.note_dependency(path)
            self.warn(f"profile not found: {path} (set cv_profile in conf.py)", Subtype.FILE)
            return None
        result = self.domain.load()
        self.domain.note_use(self.env.docname, result, self.parts())
        return result.profile

    def adopt(self, result: list[nodes.Node]) -> list[nodes.Node]:
        """Tell every node built here which document it belongs to, as the parser does
        for its own nodes. Otherwise each later lookup of ``node.document`` (Sphinx's
        smart quotes replace every text node) climbs the tree to the top. Blocks of
        text that smart quotes would leave unchanged are marked so that they are
        skipped (:mod:`sphinx_cv.smartquotes`)."""
        document = self.state.document
        # A plain walk, in no particular order: findall()'s nested generators cost more
        # than the work on each node (a list of a thousand entries has 50,000 nodes).
        stack = list(result)
        while stack:
            node = stack.pop()
            if isinstance(node, nodes.Element):
                node.document = document
                if isinstance(node, nodes.TextElement) and not isinstance(
                    node.parent, nodes.TextElement
                ):
                    mark_plain(node, document)  # and what is inside it
                else:
                    stack.extend(node.children)
        return result

    def next_id(self, base: str) -> str:
        """An HTML id unique within this document."""
        used: set[str] = self.env.temp_data.setdefault("cv_ids", set())  # type: ignore[assignment]
        anchor = nodes.make_id(base)
        candidate, n = anchor, 1
        while candidate in used or candidate in self.state.document.ids:
            n += 1
            candidate = f"{anchor}-{n}"
        used.add(candidate)
        return candidate


# -- option converters (raise ValueError with a message docutils shows) ----------------


def words(arg: str | None) -> list[str]:
    """``a, b c`` -> ``['a', 'b', 'c']``."""
    return [w for w in re.split(r"[,\s]+", arg or "") if w]


def items(arg: str | None) -> list[str]:
    """Comma-separated items that may contain spaces."""
    return [w.strip() for w in (arg or "").split(",") if w.strip()]


def mapping(arg: str | None) -> dict[str, str]:
    """``preprint=In submission, conference=Conference Proceedings``."""
    out = {}
    for part in items(arg):
        key, sep, value = part.partition("=")
        if not sep:
            raise ValueError(f"expected key=value pairs separated by commas, got {part!r}")
        out[key.strip()] = value.strip()
    return out


class OneOf:
    """Option converter: one of ``values``, case-insensitive."""

    def __init__(self, values: tuple[str, ...]) -> None:
        self.values = values

    def __call__(self, arg: str | None) -> str:
        value = (arg or "").strip().lower()
        if value not in self.values:
            raise ValueError(f"expected one of {', '.join(self.values)}, got {arg!r}")
        return value


def choice(*values: str) -> OneOf:
    return OneOf(values)


def yes_no(arg: str | None) -> bool:
    value = yes_no_word(arg or "yes")
    if value is not None:
        return value
    raise ValueError(f"expected yes or no, got {arg!r}")


def year_range(arg: str | None) -> tuple[int | None, int | None]:
    """``2020``, ``2020-2024``, ``2020-`` or ``-2019``."""
    text = (arg or "").strip()
    match = re.fullmatch(r"(\d{4})?\s*(?:(-|–|\.\.)\s*(\d{4})?)?", text)
    if not text or not match or not (match.group(1) or match.group(3)):
        raise ValueError(f"expected a year or a range such as 2020-2024, got {arg!r}")
    lo = int(match.group(1)) if match.group(1) else None
    hi = int(match.group(3)) if match.group(3) else (lo if not match.group(2) else None)
    if lo is not None and hi is not None and hi < lo:
        raise ValueError(f"range ends before it starts: {arg!r}")
    return lo, hi


def positive_int(arg: str | None) -> int:
    try:
        value = int((arg or "").strip())
    except ValueError:
        raise ValueError(f"expected a whole number, got {arg!r}") from None
    if value < 1:
        raise ValueError(f"expected a number of at least 1, got {arg!r}")
    return value


VALUE_KINDS: dict[Callable[[str], object], str] = {
    words: "names separated by commas or spaces",
    items: "a comma-separated list",
    mapping: "key=value pairs separated by commas",
    yes_no: "yes or no; the option alone means yes",
    year_range: "a year or a range: 2020, 2020-2024, 2020-, -2019",
    positive_int: "a whole number, 1 or more",
    str: "text",
}


def value_kind(converter: Callable[[str], object]) -> str:
    """What an option's value looks like, for the reference docs."""
    if isinstance(converter, OneOf):
        return "one of " + ", ".join(converter.values)
    return VALUE_KINDS.get(converter, "text")
