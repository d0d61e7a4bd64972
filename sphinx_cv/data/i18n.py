"""Text in several languages: ``position: {en: Assistant Professor, zh_CN: 助理教授}``.

The loader keeps every translation (a :class:`Translated` string), so the profile is
parsed once; :func:`localize` then gives the profile as one language shows it. Language
codes are Sphinx's (``en``, ``zh_CN``, ``de``); ``zh-CN`` and ``zh_cn`` are read as
``zh_CN``, and a text written for ``zh`` serves ``zh_CN`` and ``zh_TW``.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import re
from typing import TypeAlias, TypeVar, cast

from .problems import Location, Problem, Subtype

LANGUAGE_CODE = re.compile(r"^[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*$")
LANGUAGE_EXPECTED = "a language code such as en, zh_CN or de"


@functools.lru_cache(maxsize=256)
def is_language_code(code: str) -> bool:
    """Whether ``code`` names a language Babel (and so Sphinx) knows: ``zh_CN`` and
    ``de`` do, ``url`` does not."""
    if not LANGUAGE_CODE.match(code.strip()):
        return False
    from babel import localedata  # Babel comes with Sphinx

    return bool(localedata.exists(normalize_language(code).split("_")[0]))


def normalize_language(code: str) -> str:
    """``zh-cn`` -> ``zh_CN``, ``EN`` -> ``en``, ``zh-Hant`` -> ``zh_Hant``."""
    parts = re.split(r"[_-]", code.strip())
    out = [parts[0].lower()]
    for part in parts[1:]:
        out.append(part.upper() if len(part) == 2 else part.capitalize())
    return "_".join(out)


class Translated(str):
    """A text with translations. As a plain string it is the first text written, so code
    that does not choose a language still sees a sensible value."""

    translations: dict[str, str]
    location: Location | None

    def __new__(cls, translations: dict[str, str], location: Location | None = None) -> Translated:
        self = super().__new__(cls, next(iter(translations.values())))
        self.translations = translations
        self.location = location
        return self

    def __reduce__(self) -> tuple[type[Translated], tuple[dict[str, str], Location | None]]:
        return (Translated, (self.translations, self.location))

    def lookup(self, language: str) -> str | None:
        """The text for ``language`` (or its base language: ``zh`` for ``zh_CN``)."""
        found = self.translations.get(language)
        if found is None and "_" in language:
            found = self.translations.get(language.split("_")[0])
        return found

    def text_in(self, language: str, main: str) -> str:
        """The text for ``language``, else the main language's, else the first written."""
        return self.lookup(language) or self.lookup(main) or str.__str__(self)


@dataclasses.dataclass
class Localized:
    """Missing translations found while localizing, as problems of subtype ``i18n``."""

    language: str
    main: str
    problems: list[Problem] = dataclasses.field(default_factory=list)

    def text(self, value: Translated, path: Path) -> str:
        if value.lookup(self.language) is None:
            fallback = value.lookup(self.main)
            shown = self.main if fallback is not None else next(iter(value.translations))
            self.problems.append(
                Problem(
                    Subtype.I18N,
                    f"no '{self.language}' text (only {', '.join(value.translations)})"
                    f"; the '{shown}' text is shown",
                    value.location or Location(""),
                    _path_text(path),
                    None,
                    f"a '{self.language}' key",
                )
            )
        return value.text_in(self.language, self.main)


Path: TypeAlias = tuple[()] | tuple["Path", str | int]
"""A field path as nested (parent, key) pairs: made into text only for a problem."""
_T = TypeVar("_T")


def _path_text(path: Path) -> str:
    keys: list[str | int] = []
    while len(path) == 2:  # (parent, key); () at the top
        path, key = path
        keys.append(key)
    out = ""
    for key in reversed(keys):
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def localize(obj: _T, language: str, main: str) -> tuple[_T, list[Problem]]:
    """``obj`` (a profile or any record) with each :class:`Translated` text replaced by
    its text in ``language``, and the problems of missing translations. ``obj`` is not
    changed: records holding translated text are copied."""
    state = Localized(normalize_language(language), normalize_language(main))
    out = cast(_T, _walk(obj, state, ()))  # obj itself, or a copy of it
    person = getattr(obj, "person", None)
    if person is not None and isinstance(person.name, Translated):
        # The person's name in the other languages is theirs too: bold in author lists.
        shown = getattr(out, "person", person)
        others = [n for n in translations_of(person.name) if n != shown.name]
        shown.name_variants = list(dict.fromkeys([*shown.name_variants, *others]))
    return out, state.problems


def _walk(obj: object, state: Localized, path: Path) -> object:
    # Called for every record of the profile: the common cases return first (and
    # compare types with `is`, faster than isinstance; cast says what that found).
    kind = type(obj)
    if kind is str or obj is None or kind is int or kind is bool:
        return obj
    if kind is Translated:
        return state.text(cast(Translated, obj), path)
    if kind is list:
        values = cast(list[object], obj)
        if all(type(v) is str for v in values):
            return obj
        items = [_walk(v, state, (path, i)) for i, v in enumerate(values)]
        return obj if all(a is b for a, b in zip(items, values, strict=True)) else items
    if kind is dict:
        mapping = cast(dict[str, object], obj)
        out = {k: _walk(v, state, (path, k)) for k, v in mapping.items()}
        return obj if all(out[k] is v for k, v in mapping.items()) else out
    record_class: type = obj.__class__
    names = _text_fields(record_class)
    if not names:
        return obj
    changes: dict[str, object] = {}
    own_path = getattr(obj, "path", "")
    if own_path:
        path = ((), str(own_path))  # the record knows its own path (publications[3])
    for name in names:
        value = getattr(obj, name)
        kind = type(value)
        if kind is str or value is None or kind is int or kind is bool:
            continue
        new = _walk(value, state, (path, name))
        if new is not value:
            changes[name] = new
    if not changes:
        return obj
    # A shallow copy: the record's other fields (and its locations) are shared.
    twin = copy.copy(obj)
    for name, new in changes.items():
        object.__setattr__(twin, name, new)
    return twin


@functools.cache
def _text_fields(cls: type) -> tuple[str, ...]:
    """The fields of a profile record (only those may hold the user's text); none for
    anything else."""
    if not dataclasses.is_dataclass(cls):
        return ()
    return tuple(f.name for f in dataclasses.fields(cls) if "cv" in f.metadata)


def translations_of(value: str) -> list[str]:
    """Every text ``value`` stands for (all its translations, or itself)."""
    if isinstance(value, Translated):
        return list(dict.fromkeys(value.translations.values()))
    return [value]
