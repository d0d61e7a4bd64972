"""The same content as a sphinx-cv site, as a minimal Jekyll site and a minimal Hugo site.

Both peers are written the way their users' sites work (academicpages for Jekyll,
HugoBlox for Hugo): the profile is a data file (the sphinx-cv profile's own data, each
publication given a ``date`` to sort on) and hand-written templates lay it out: a
homepage (bio, interests, selected publications), a publications page (interests, then
the publications grouped by type, newest first, numbered in reverse within each group,
with abstracts), a CV (header, timelines, the publications with prefixed labels) and,
for the synthetic sites, the teaching and contact pages. The templates are in
``jekyll/`` and ``hugo/`` beside this file; no theme, no plugin, nothing downloaded.
"""

from __future__ import annotations

import html
import re
import shutil
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from .. import generate

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Engine:
    """One static-site generator: its templates, where its data goes, how it is run."""

    name: str
    """As the report shows it (``Jekyll``)."""
    command: str
    """The program (``jekyll``)."""
    data_dir: str
    ext: str
    """Extension of its data files (``yml``)."""

    @property
    def profile_file(self) -> str:
        return f"{self.data_dir}/profile.{self.ext}"

    def build_cmd(self, src: Path, out: Path) -> list[str]:
        """A build with default settings, in a fresh process: Jekyll's is a full build
        (``--incremental`` is opt-in), as is Hugo's."""
        if self.command == "jekyll":
            return ["jekyll", "build", "--source", str(src), "--destination", str(out)]
        return ["hugo", "--source", str(src), "--destination", str(out)]

    def serve_cmd(self, src: Path, port: int, reload_port: int) -> list[str]:
        """Its live preview: ``jekyll serve --livereload`` (em-websocket, which Debian's
        jekyll package brings) or ``hugo server`` (live reload built in)."""
        if self.command == "jekyll":
            return [
                "jekyll",
                "serve",
                "--source",
                str(src),
                "--destination",
                str(src / "_site"),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--livereload",
                "--livereload-port",
                str(reload_port),
            ]
        return ["hugo", "server", "--source", str(src), "--bind", "127.0.0.1", "--port", str(port)]

    def url(self, page: str) -> str:
        """The path a page is served at."""
        if page == "index":
            return "/"
        return f"/{page}.html" if self.command == "jekyll" else f"/{page}/"

    def output(self, out: Path, page: str) -> Path:
        """The HTML file a build writes for ``page``."""
        if page == "index":
            return out / "index.html"
        return out / (f"{page}.html" if self.command == "jekyll" else f"{page}/index.html")


JEKYLL = Engine("Jekyll", "jekyll", "_data", "yml")
HUGO = Engine("Hugo", "hugo", "data", "yaml")
ENGINES = (JEKYLL, HUGO)

TITLES = {
    "index": "Home",
    "publications": "Publications",
    "cv": "Curriculum Vitae",
    "teaching": "Teaching and talks",
    "contact": "Contact",
}
CONTACT = "Write to me at the School of Informatics; visitors are welcome on weekdays.\n"


def pubtypes() -> list[dict[str, str]]:
    """sphinx-cv's publication types in its default group order, with the group titles
    and label prefixes its publications page and CV use (the generated CV page sets
    ``preprint=A`` and ``In submission``)."""
    from sphinx_cv.data.pubtypes import BY_NAME, DEFAULT_ORDER

    rows = []
    for name in DEFAULT_ORDER:
        kind = BY_NAME[name]
        cv = name == "preprint"
        rows.append(
            {
                "name": name,
                "title": kind.title,
                "prefix": kind.prefix,
                "cv_title": "In submission" if cv else kind.title,
                "cv_prefix": "A" if cv else kind.prefix,
            }
        )
    return rows


def peer_profile(data: dict[str, Any]) -> dict[str, Any]:
    """The profile's data with a sortable ``date`` (``YYYY-MM``) on every publication:
    academicpages and HugoBlox sort on a date, sphinx-cv on year and month."""
    pubs = []
    for pub in data.get("publications", []):
        pub = dict(pub)
        pub["date"] = f"{int(pub.get('year') or 0):04d}-{int(pub.get('month') or 1):02d}"
        pubs.append(pub)
    return {**data, "publications": pubs}


def write_site(engine: Engine, root: Path, data: dict[str, Any], pages: list[str]) -> Path:
    """The ``engine`` site for the profile ``data`` showing ``pages`` (of index,
    publications, cv, teaching, contact); returns its data file."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(HERE / engine.command, root)
    nav = [{"title": TITLES[p], "url": engine.url(p)} for p in pages if p != "index"]
    data_dir = root / engine.data_dir
    data_dir.mkdir(exist_ok=True)
    files: dict[str, Any] = {"nav": nav, "pubtypes": pubtypes(), "profile": peer_profile(data)}
    for name, value in files.items():
        (data_dir / f"{name}.{engine.ext}").write_text(generate.dump(value), encoding="utf-8")
    if engine is JEKYLL:
        if "teaching" not in pages:
            (root / "teaching.html").unlink()
        if "contact" in pages:
            (root / "contact.md").write_text(
                "---\nlayout: default\ntitle: Contact\n---\n# Contact\n\n" + CONTACT,
                encoding="utf-8",
            )
    else:
        content = root / "content"
        content.mkdir(exist_ok=True)
        for page in pages:
            name = "_index" if page == "index" else page
            layout = "" if page in ("index", "contact") else f"layout: {page}\n"
            body = CONTACT if page == "contact" else ""
            (content / f"{name}.md").write_text(
                f"---\ntitle: {TITLES[page]}\n{layout}---\n{body}", encoding="utf-8"
            )
    return root / engine.profile_file


# -- the same edit on every side -----------------------------------------------------------


def pick_title(data: dict[str, Any], texts: list[str]) -> str:
    """A publication title (from the middle of the list) that is plain text and stands
    on one line ``title: ...`` exactly once in each of ``texts`` (the YAML files edited),
    so one string replacement is the same edit everywhere."""
    pubs = data["publications"]
    middle = len(pubs) // 2
    for pub in pubs[middle:] + pubs[:middle]:
        title = str(pub.get("title", ""))
        if not re.fullmatch(r"[\w :-]+", title):
            continue
        if all(text.count(f"title: {title}\n") == 1 for text in texts):
            return title
    raise RuntimeError("no publication title can be edited unambiguously")


def retitle(path: Path, old: str, new: str) -> None:
    """Change one publication's title in the YAML file ``path``, in place (as an editor
    saves)."""
    text = path.read_text(encoding="utf-8")
    if text.count(f"title: {old}\n") != 1:
        raise RuntimeError(f"{path}: title {old!r} not found once")
    path.write_text(text.replace(f"title: {old}\n", f"title: {new}\n"), encoding="utf-8")


# -- checking that every side shows the same publications ----------------------------------

_BLOCKS = frozenset(
    (
        "p",
        "li",
        "div",
        "br",
        "td",
        "th",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "summary",
        "details",
        "section",
        "nav",
        "header",
        "main",
    )
)


class _Text(HTMLParser):
    """The text of a page as a reader sees it: inline markup joins its words, blocks
    are apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skip += tag in ("script", "style")
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("script", "style") and self.skip > 0
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


_TYPOGRAPHY = str.maketrans(
    {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "--", "—": "---", "…": "...", "\u00a0": " "}
)


def normal(text: str) -> str:
    """Text as compared across engines: typographic quotes and dashes (each engine's
    smart quotes) as typed, whitespace collapsed."""
    text = unicodedata.normalize("NFC", html.unescape(text)).translate(_TYPOGRAPHY)
    return " ".join(text.split())


def page_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return normal("".join(parser.parts))


def plain_title(title: str) -> str:
    """A title's text without its inline Markdown (emphasis and code marks)."""
    return normal(re.sub(r"[*`]", "", title))


def missing_titles(path: Path, data: dict[str, Any]) -> list[str]:
    """The publication titles of ``data`` that the page at ``path`` does not show."""
    text = page_text(path)
    return [
        t
        for t in (plain_title(str(p.get("title", ""))) for p in data["publications"])
        if t not in text
    ]
