"""Reading a file a user named, safely: the one way the data layer and the commands do it.

A profile, a ``.bib`` or an imported file may come from anywhere, and so may the paths
in it. A file they name (``photo``, ``bibtex``) must, after symlinks, lie inside the
site (:func:`check_file` with ``roots``); every file read must be a regular file (a FIFO
or a device would block or never end) of at most :data:`MAX_FILE_SIZE` bytes.

The checks come before the file is opened (``os.stat``), and the file is opened
non-blocking and checked again through its descriptor, so a file swapped for a FIFO in
between cannot hang the build either.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

MAX_FILE_SIZE = 50 * 1024 * 1024
"""The largest file read (50 MB): a profile or a ``.bib`` is a few hundred KB."""

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class FileRefused(OSError):
    """A file that is not read: outside the site, not a regular file, or too large.

    ``str(err)`` and ``err.strerror`` say why (``"is a FIFO (named pipe), not a regular
    file"``); ``expected`` says what would do.
    """

    def __init__(self, why: str, expected: str = "a regular file") -> None:
        super().__init__(why)
        self.strerror = why
        self.expected = expected

    def __str__(self) -> str:
        return str(self.strerror)


def is_inside(path: str, root: str) -> bool:
    """Whether ``path`` is ``root`` or under it (both already resolved)."""
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:  # another drive on Windows
        return False


def resolve_inside(path: str, roots: Iterable[str]) -> str:
    """``path`` with symlinks resolved; :class:`FileRefused` unless it lies in a root."""
    real = os.path.realpath(path)
    real_roots = list(dict.fromkeys(os.path.realpath(r) for r in roots))
    if not any(is_inside(real, r) for r in real_roots):
        shown = " or ".join(real_roots) or "the site"
        raise FileRefused(f"is outside the site folder (it is {real})", f"a file inside {shown}")
    return real


def _check_stat(st: os.stat_result, limit: int) -> None:
    if not stat.S_ISREG(st.st_mode):
        kind = next((name for test, name in _KINDS if test(st.st_mode)), "not a file")
        raise FileRefused(f"is {kind}, not a regular file")
    if st.st_size > limit:
        raise FileRefused(
            f"is too large ({_size(st.st_size)}; the limit is {_size(limit)})",
            f"a file of at most {_size(limit)}",
        )


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def check_file(path: str, roots: Iterable[str] | None = None, limit: int = MAX_FILE_SIZE) -> str:
    """The real path of ``path`` if it may be read, without opening it.

    Raises :class:`FileNotFoundError` (or another :class:`OSError`) when it cannot be
    reached, :class:`FileRefused` when it is outside every one of ``roots`` (if given),
    not a regular file, or larger than ``limit`` bytes.
    """
    real = resolve_inside(path, roots) if roots is not None else os.path.realpath(path)
    _check_stat(os.stat(real), limit)
    return real


def unreadable(
    path: str, roots: Iterable[str] | None, subject: str, noun: str, shown: str = ""
) -> tuple[str, str] | None:
    """Why the file ``subject`` names may not be read, and what was expected, or None when
    it may: ``("photo not found (x.jpg)", "an existing image file")``. The loader reports
    it where the profile names the file."""
    try:
        check_file(path, roots)
        return None
    except FileNotFoundError:
        return f"{subject} not found{shown}", f"an existing {noun}"
    except FileRefused as err:
        return f"{subject} {err}", err.expected
    except OSError as err:
        return f"cannot read the {subject}: {err.strerror}", f"a readable {noun}"


def read_file(path: str, roots: Iterable[str] | None = None, limit: int = MAX_FILE_SIZE) -> bytes:
    """The bytes of ``path``, after :func:`check_file`. Never blocks on a FIFO or a
    device and never reads more than ``limit`` bytes."""
    real = check_file(path, roots, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(real, flags)
    try:
        _check_stat(os.fstat(fd), limit)  # the file opened is the file checked
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # it grew since the check
            raise FileRefused(
                f"is too large (over {_size(limit)})", f"a file of at most {_size(limit)}"
            )
        return b"".join(chunks)
    finally:
        os.close(fd)


def write_atomically(path: str, text: str) -> None:
    """Replace ``path`` with ``text`` at once: a temporary file in the same folder, then
    ``os.replace``, so a reader never sees half a file and a crash or a full disk leaves
    the old one. The file keeps its permissions."""
    folder = str(Path(path).absolute().parent)
    mode = os.stat(path).st_mode & 0o7777 if os.path.exists(path) else None
    fd, tmp = tempfile.mkstemp(prefix=".sphinx-cv-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
