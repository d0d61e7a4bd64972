"""Load a profile: YAML, the BibTeX files it names, overlays, and cross-checks.

``load_profile`` never raises for bad input: every problem is returned, bad entries are
skipped, and the rest of the profile loads.
"""

from __future__ import annotations

import codecs
import difflib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..gcpause import paused_gc
from . import yamlsource as ys
from .converter import INVALID, Context
from .digests import part_digests
from .files import FileRefused, read_file, unreadable
from .i18n import localize
from .links import link_scheme
from .problems import Location, Problem, Subtype
from .profile import PROFILE, Profile
from .publication import Publication
from .stamps import Stamp, stamp


@dataclass
class LoadResult:
    profile: Profile
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    """Every file read (profile first, then BibTeX files), for rebuild dependencies."""
    digests: dict[str, str] = field(default_factory=dict)
    """A digest of each part of the profile (see :mod:`.digests`)."""
    stamp: Stamp = ()
    """The files' stamps taken before they were read, set by
    :class:`~.store.ProfileStore` (stale by the rule of :mod:`.stamps`)."""
    translated: bool = False
    """Whether some text is given per language (see :mod:`.i18n`)."""
    missing: list[str] = field(default_factory=list)
    """BibTeX files the profile names that are not there: stamped with the files read,
    so that one appearing makes the result (and the pages showing it) stale."""
    _localized: dict[tuple[str, str], tuple[Profile, list[Problem]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def localized(self, language: str, main: str) -> tuple[Profile, list[Problem]]:
        """The profile as ``language`` shows it (texts missing in it in the ``main``
        language) and the missing translations; computed once per language."""
        if not self.translated:
            return self.profile, []
        key = (language, main)
        if key not in self._localized:
            self._localized[key] = localize(self.profile, language, main)
        return self._localized[key]


def read_text(path: str, ctx: Context, what: str) -> str | None:
    try:
        data = read_file(path)
    except FileNotFoundError:
        ctx.report(
            Subtype.FILE, Location(path), "", f"{what} not found", expected="an existing file"
        )
        return None
    except FileRefused as err:
        ctx.report(
            Subtype.FILE, Location(path), "", f"{what} {err}; not read", expected=err.expected
        )
        return None
    except OSError as err:
        ctx.report(
            Subtype.FILE,
            Location(path),
            "",
            f"cannot read {what}: {err.strerror}",
            expected="a readable file",
        )
        return None
    # Decoded whole, so an error's offset is from the start of the file, not of a chunk.
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as err:
        ctx.problems.append(
            Problem(
                Subtype.FILE,
                f"{what} is not UTF-8 text ({err.reason} at byte {bom + err.start})",
                _byte_location(path, err.object, err.start),
                value=repr(err.object[err.start : err.end]),
                expected="a UTF-8 encoded file",
            )
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")  # as open() in text mode


def _byte_location(path: str, data: bytes, offset: int) -> Location:
    """Line and column (in characters) of byte ``offset`` in ``data``."""
    start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8", "replace")) + 1
    return Location(path, data.count(b"\n", 0, offset) + 1, column)


def load_profile(
    path: str, bibtex_files: Sequence[str] = (), text: str | None = None, site: str | None = None
) -> LoadResult:
    """Load the profile at ``path`` and the BibTeX files it names plus ``bibtex_files``.

    Relative BibTeX paths inside the profile are resolved against the profile's folder;
    ``bibtex_files`` should already be absolute (or relative to the working directory).
    ``text``, when given, is read instead of the file (a profile about to be written).
    Files the profile names (BibTeX files, the photo) must lie inside ``site`` (the
    site's source folder; by default the nearest folder above the profile holding a
    ``conf.py``) or the profile's own folder; those that do not are reported and left out.
    """
    with paused_gc():
        return _load_profile(path, bibtex_files, text, site)


def site_folder(profile: str) -> str:
    """The site's source folder for a profile read on its own: the nearest folder
    holding a ``conf.py``, from the profile's folder up to three levels above; else the
    profile's folder."""
    folder = start = str(Path(profile).absolute().parent)
    for _ in range(4):
        if os.path.isfile(os.path.join(folder, "conf.py")):
            return folder
        folder = os.path.dirname(folder)
    return start


def _load_profile(
    path: str, bibtex_files: Sequence[str], text: str | None, site: str | None
) -> LoadResult:
    ctx = Context(path)
    if text is None:
        text = read_text(path, ctx, "profile")
    profile = Profile()
    root = None
    if text is not None:
        root, problems = ys.compose(text, path)
        ctx.problems.extend(problems)
        if root is not None and not ys.is_null(root):
            converted = PROFILE.convert(root, ctx, "")
            if converted is not INVALID:
                profile = converted
        elif not problems and not bibtex_files:  # blank: not "OK (0 publications)"
            ctx.report(
                Subtype.REQUIRED,
                Location(path, 1, 1),
                "",
                "the profile is empty; pages would show nothing",
                expected="person: {name: ...} and the sections you want shown",
            )
    profile.source = profile.source or Location(path)
    base = str(Path(path).resolve().parent)
    site = site if site is not None else site_folder(path)
    roots = (site, base)
    named = [os.path.join(base, name) for name in profile.bibtex]
    bibs = [b for i, path in enumerate(named) if (b := _named_bibtex(profile, i, path, roots, ctx))]
    missing = [path for path in named if path not in bibs and not os.path.lexists(path)]
    bibs += list(bibtex_files)
    _check_photo(profile, site, base, roots, ctx)
    files = [path]
    bib_pubs: list[Publication] = []
    bibs = list(dict.fromkeys(bibs))  # each file once, order kept
    files.extend(bibs)
    if bibs:  # read together: @string macros and crossref span the files, as in BibTeX
        bib_pubs, problems = load_bibtex_file(bibs)
        ctx.problems.extend(problems)
    profile.publications = merge_publications(bib_pubs, profile.publications, ctx)
    check_references(profile, ctx)
    # Report in file order (stable: problems at one place keep their order).
    problems = sorted(
        ctx.problems,
        key=lambda p: (
            p.location.file != path,
            p.location.file,
            p.location.line,
            p.location.column,
        ),
    )
    return LoadResult(
        profile,
        problems,
        files,
        part_digests(text, root, stamp(files[1:] + missing)),
        translated=ctx.translated,
        missing=missing,
    )


def _named_bibtex(
    profile: Profile, index: int, path: str, roots: tuple[str, ...], ctx: Context
) -> str | None:
    """``path`` if the profile may name it; a file missing, outside the site or not a
    regular file is reported where the profile names it, and the rest still loads."""
    name = profile.bibtex[index]  # named as the user wrote it: the value may be cut short
    refused = unreadable(path, roots, f"BibTeX file {name}", ".bib file")
    if refused is None:
        return path
    why, expected = refused
    ctx.report(
        Subtype.FILE,
        profile.loc_of("bibtex") or Location(ctx.filename),
        f"bibtex[{index}]",
        f"{why}; not read",
        value=path,
        expected=expected,
    )
    return None


def local_path(value: str, site: str, base: str) -> str | None:
    """The file a path in the profile names (``/x.jpg`` from the site's folder, as
    Sphinx reads images; other paths from the profile's folder), or None for a URL."""
    if link_scheme(value) is not None or value.startswith("//"):
        return None
    if value.startswith("/"):
        return os.path.join(site, value.lstrip("/"))
    return os.path.join(base, value)


IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg")
"""Files a publication's ``image`` may be: what browsers show in ``<img>``."""


def _check_photo(
    profile: Profile, site: str, base: str, roots: tuple[str, ...], ctx: Context
) -> None:
    """A photo or thumbnail file outside the site, missing or not a regular file is
    reported and left out (pages show initials or no thumbnail; the CV has neither)."""
    person = profile.person
    if (
        person is not None
        and person.photo
        and not _image_ok(
            person.photo, site, base, roots, ctx, person.loc_of("photo"), "person.photo", "photo"
        )
    ):
        person.photo = None
    for i, pub in enumerate(profile.publications):
        if pub.image and not _image_ok(
            pub.image,
            site,
            base,
            roots,
            ctx,
            pub.loc_of("image"),
            f"publications[{i}].image",
            "image",
            IMAGE_EXTENSIONS,
        ):
            pub.image = None


def _image_ok(
    value: str,
    site: str,
    base: str,
    roots: tuple[str, ...],
    ctx: Context,
    where: Location | None,
    path: str,
    what: str,
    extensions: tuple[str, ...] = (),
) -> bool:
    local = local_path(value, site, base)
    if local is None:
        return True
    if extensions and not local.lower().endswith(extensions):
        why, expected = f"{what} is not an image file", "a " + ", ".join(extensions) + " file"
    else:
        refused = unreadable(local, roots, what, "image file", f" ({local})")
        if refused is None:
            return True
        why, expected = refused
    ctx.report(
        Subtype.FILE,
        where or Location(ctx.filename),
        path,
        f"{why}; left out",
        value=value,
        expected=expected,
    )
    return False


def load_bibtex_file(paths: str | Sequence[str]) -> tuple[list[Publication], list[Problem]]:
    from .bibtex import load_bibtex  # pybtex is only imported when BibTeX is used

    return load_bibtex(paths)


def merge_publications(
    from_bib: Iterable[Publication], from_yaml: Iterable[Publication], ctx: Context
) -> list[Publication]:
    """BibTeX entries in file order (YAML entries with the same id overlay them), then the
    YAML-only entries. A repeated id is reported and the later entry skipped."""
    merged: dict[str, Publication] = {}
    for pub in from_bib:
        first = merged.get(pub.id)
        if first is not None:
            _duplicate(ctx, pub, first)
            continue
        merged[pub.id] = pub
    bib_ids = set(merged)
    yaml_seen: dict[str, Publication] = {}
    for pub in from_yaml:
        first = yaml_seen.get(pub.id)
        if first is not None:
            _duplicate(ctx, pub, first)
            continue
        yaml_seen[pub.id] = pub
        if pub.id in bib_ids:
            merged[pub.id].overlay(pub)
            continue
        if not pub.title:
            where = pub.loc_of("id") or Location(ctx.filename)
            ctx.report(
                Subtype.REQUIRED,
                pub.source or where,
                _pub_path(pub) + ".title",
                f"publication '{pub.id}' has no title and no BibTeX entry with that id;"
                " entry skipped",
                expected="a title, or the id of a BibTeX entry",
            )
            continue
        if not (pub.authors or pub.editors or {"authors", "editors"} & set(pub.locations)):
            # As for a BibTeX entry (bibtex/entries.py): kept, but an author list is
            # what a reader looks for first, so its absence is usually a slip. One
            # written (empty, or reported as bad) says enough.
            ctx.report(
                Subtype.REQUIRED,
                pub.source or pub.loc_of("id") or Location(ctx.filename),
                _pub_path(pub) + ".authors",
                "entry has no author; shown without one",
                expected="an author (or editor) field",
            )
        merged[pub.id] = pub
    return list(merged.values())


def _pub_path(pub: Publication) -> str:
    return getattr(pub, "path", "") or "publications"


def _duplicate(ctx: Context, pub: Publication, first: Publication) -> None:
    where = pub.loc_of("id") or pub.source or Location(ctx.filename)
    ctx.report(
        Subtype.DUPLICATE_ID,
        where,
        _pub_path(pub) + ".id",
        f"duplicate publication id (first at {first.source}); this entry is skipped",
        value=pub.id,
        expected="a unique id",
    )


def check_references(profile: Profile, ctx: Context) -> None:
    """Interest tags must name publications; unknown ones are reported and dropped."""
    ids = profile.by_id
    for group_name, group in profile.interests.items():
        for ti, topic in enumerate(group.topics):
            kept = []
            for ri, ref in enumerate(topic.publications):
                if ref.id in ids:
                    kept.append(ref)
                    continue
                close = difflib.get_close_matches(ref.id, list(ids), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                ctx.report(
                    Subtype.UNKNOWN_REF,
                    ref.location,
                    f"{topic.path or f'interests.{group_name}[{ti}]'}.publications[{ri}]",
                    "no publication has this id" + hint,
                    value=ref.id,
                    expected="the id of a publication in the profile or BibTeX",
                )
            topic.publications = kept
