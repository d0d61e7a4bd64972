"""Issue 11: a profile, a ``.bib`` or an imported file is untrusted data.

Each case of the issue on real builds and real command lines: no script link reaches a
page, no file from outside the site is published, no input is overwritten, no command
hangs on a FIFO or a device, and every refusal is one located message.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from clitools import Result, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_cv.data.links import ALLOWED_SCHEMES, link_scheme
from sphinx_cv.data.loader import load_profile

SECRET = "s3cret-outside-the-site"
SCRIPT_LINKS = ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "\tjavascript:alert(1)",
                "\x01javascript:alert(1)", "java\nscript:alert(1)", "VBScript:msgbox(1)",
                "data:text/html,<script>alert(1)</script>"]


CLICKABLE = ("a", "area", "img", "iframe", "form", "button", "object", "embed", "source")


class Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in CLICKABLE:
            return  # the theme's own <link rel="icon" href="data:..."> is not user data
        for name, value in attrs:
            if name in ("href", "src", "action", "formaction", "data") and value is not None:
                self.hrefs.append(value)


def hrefs(folder: Path) -> list[str]:
    parser = Hrefs()
    for page in folder.rglob("*.html"):
        parser.feed(page.read_text(encoding="utf-8"))
    return parser.hrefs


def bad_hrefs(folder: Path) -> list[str]:
    return [h for h in hrefs(folder) if link_scheme(h) not in (None, *ALLOWED_SCHEMES)]


def quickstart(path: Path) -> Path:
    made = run("quickstart", path, "--name", "Ada Lovelace")
    assert made.code == 0, made.err
    return path


def edit_profile(site: Path, old: str, new: str) -> None:
    profile = site / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    assert old in text, old
    profile.write_text(text.replace(old, new, 1), encoding="utf-8")


def q(text: str) -> str:
    """``text`` as a YAML double-quoted scalar."""
    return json.dumps(text)


# --- one site with every attack at once ----------------------------------------------------

@pytest.fixture(scope="module")
def attacked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    root = tmp_path_factory.mktemp("sec")
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.jpg").write_text(SECRET, encoding="utf-8")
    (outside / "secret.bib").write_text(
        "@article{leak, title={" + SECRET + "}, author={A B}, journal={J}, year=2020}\n",
        encoding="utf-8")
    site = quickstart(root / "site")
    (site / "escape.jpg").symlink_to(outside / "secret.jpg")
    (site / "escape.bib").symlink_to(outside / "secret.bib")
    (site / "adir.bib").mkdir()
    os.mkfifo(site / "fifo.bib")
    (site / "refs.bib").write_text(
        "@article{refs1, title={From BibTeX}, author={Ada Lovelace}, journal={J},\n"
        "  year=2020, url={ javascript:alert(4)}, pdf={vbscript:x},\n"
        "  file={:/home/ada/private/paper.pdf:PDF}, annote={my private notes},\n"
        "  owner={ada}, timestamp={2024-01-01}, mendeley-tags={secret-tag},\n"
        "  x-review={my private review}}\n", encoding="utf-8")
    links = "".join(f"    Bad{i}: {q(url)}\n" for i, url in enumerate(SCRIPT_LINKS))
    edit_profile(site, "  website: https://example.org\n",
                 f"  website: {q(SCRIPT_LINKS[1])}\n  photo: escape.jpg\n")
    edit_profile(site, "    GitHub: https://github.com/\n",
                 "    GitHub: https://github.com/\n" + links)
    edit_profile(site, "    sentences about your work",
                 "    sentences [click](javascript:alert(2)) [mail](mailto:a@b.org) about"
                 " your work")
    edit_profile(site, "    code: https://github.com/\n",
                 "    code: \"javascript:alert(3)\"\n    slides: \"data:text/html,x\"\n")
    edit_profile(site, "publications:\n  - id",
                 "bibtex: [refs.bib, missing.bib, adir.bib, escape.bib, fifo.bib, /dev/zero,"
                 " ../outside/secret.bib]\npublications:\n  - id")
    with (site / "publications.rst").open("a", encoding="utf-8") as fh:
        fh.write("   :bibtex: yes\n")
    return site, run("build", site, "--no-pdf", timeout=240)


def test_attacked_site_builds_the_rest(attacked: tuple[Path, Result]) -> None:
    site, built = attacked
    assert built.code == 0, built.err
    assert "Traceback" not in built.err
    html = site / "_build" / "html"
    assert built.out.splitlines()[-1] == f"Done: {html / 'index.html'}"
    page = (html / "publications.html").read_text(encoding="utf-8")
    assert "From BibTeX" in page and "A First Paper Title" in page


def test_no_script_link_in_any_page(attacked: tuple[Path, Result]) -> None:
    site, _built = attacked
    html = site / "_build" / "html"
    assert bad_hrefs(html) == []
    assert "mailto:a@b.org" in [unquote(h) for h in hrefs(html)]  # safe links stay
    for page in html.rglob("*.html"):
        text = page.read_text(encoding="utf-8").lower()
        assert "javascript:alert" not in text.replace("[click](javascript:alert(2))", "")
        assert "vbscript:" not in text


def test_each_script_link_is_a_located_warning(attacked: tuple[Path, Result]) -> None:
    site, built = attacked
    profile = str(site / "profile.yaml")
    warned = [line for line in built.err_lines if "[cv.value]" in line]
    for field in ["person.website", *(f"person.links.Bad{i}" for i in
                                      range(len(SCRIPT_LINKS))),
                  "person.bio", "publications[0].code", "publications[0].slides"]:
        assert any(re.match(rf"{re.escape(profile)}:\d+:\d+: WARNING: {re.escape(field)}: ",
                            line) for line in warned), field
    bib = str(site / "refs.bib")
    assert any(line.startswith(f"{bib}:") and "refs1.url" in line for line in warned)
    assert any(line.startswith(f"{bib}:") and "refs1.pdf" in line for line in warned)


def test_no_file_from_outside_the_site_is_published(attacked: tuple[Path, Result]) -> None:
    site, _built = attacked
    out = site / "_build"
    for path in out.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
    real_site = str(site.resolve())
    for path in out.rglob("*"):
        assert os.path.realpath(path).startswith(real_site), path


def test_files_outside_or_not_regular_are_located_warnings(
        attacked: tuple[Path, Result]) -> None:
    site, built = attacked
    profile = str(site / "profile.yaml")
    files = [line for line in built.err_lines if "[cv.file]" in line]
    expect = {"person.photo": "outside the site", "missing.bib": "not found",
              "adir.bib": "folder", "escape.bib": "outside the site",
              "fifo.bib": "FIFO", "/dev/zero": "outside the site",
              "secret.bib": "outside the site"}
    for what, why in expect.items():
        hit = [line for line in files if what in line and why in line]
        assert hit, (what, files)
        assert re.match(rf"{re.escape(profile)}:\d+:\d+: WARNING: ", hit[0]), hit[0]
    assert not any("has no attribute" in line for line in built.err_lines)


def test_bibtex_block_leaves_out_private_fields(attacked: tuple[Path, Result]) -> None:
    site, _built = attacked
    page = (site / "_build" / "html" / "publications.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", page)
    assert "@article{refs1," in text
    for private in ("/home/ada/private", "my private notes", "secret-tag",
                    "my private review", "timestamp", "owner"):
        assert private not in text, private


# --- validate: the same problems, and never a hang -------------------------------------------

def test_validate_reports_links_and_files(attacked: tuple[Path, Result]) -> None:
    site, _ = attacked
    result = run("validate", site / "profile.yaml", timeout=60)
    assert result.code == 1
    for fragment in ("person.website: link scheme 'javascript:'",
                     "person.photo: photo is outside the site",
                     "BibTeX file is a FIFO", "BibTeX file not found"):
        assert fragment in result.out, fragment


@pytest.mark.parametrize("command", [
    ["validate", "{path}"], ["import", "bibtex", "{path}"],
    ["import", "jsonresume", "{path}"], ["import", "csl", "{path}"],
    ["export", "bibtex", "{path}"]])
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_commands_do_not_hang_on_a_fifo_or_a_device(tmp_path: Path, command: list[str],
                                                    kind: str) -> None:
    path = "/dev/zero"
    if kind == "fifo":
        os.mkfifo(tmp_path / "input")
        path = str(tmp_path / "input")
    result = run(*(a.format(path=path) for a in command), timeout=30)
    assert result.code != 0
    assert "Traceback" not in result.err
    assert "not a regular file" in result.out + result.err


# --- import ---------------------------------------------------------------------------------

def test_import_jsonresume_drops_script_links(tmp_path: Path) -> None:
    resume = {"basics": {"name": "Ada", "url": "javascript:alert(1)",
                         "image": "data:image/png;base64,AAAA",
                         "profiles": [{"network": "GitHub", "url": " vbscript:x"},
                                      {"network": "Web", "url": "https://ada.org"}]},
              "work": [{"name": "Co", "position": "P", "url": "JAVASCRIPT:alert(2)",
                        "startDate": "2020"}]}
    (tmp_path / "resume.json").write_text(json.dumps(resume), encoding="utf-8")
    result = run("import", "jsonresume", tmp_path / "resume.json", "-o", tmp_path / "p.yaml")
    assert result.code == 1
    written = (tmp_path / "p.yaml").read_text(encoding="utf-8")
    assert "https://ada.org" in written
    for bad in ("javascript", "vbscript", "data:", "JAVASCRIPT"):
        assert bad not in written, bad
    for field in ("basics.url", "basics.image", "basics.profiles[0].url", "work[0].url"):
        assert any(field in line and "not allowed" in line for line in result.err_lines), field


def test_import_bibtex_drops_script_links(tmp_path: Path) -> None:
    (tmp_path / "a.bib").write_text(
        "@misc{k, title={T}, author={A B}, year=2020, url={javascript:alert(1)},\n"
        " code={https://example.org/code}}\n", encoding="utf-8")
    result = run("import", "bibtex", tmp_path / "a.bib")
    assert "javascript" not in result.out
    assert any(re.match(rf"sphinx-cv: {re.escape(str(tmp_path / 'a.bib'))}:\d+:\d+: k\.url: ",
                        line)
               for line in result.err_lines), result.err


# --- the link policy, generated -------------------------------------------------------------

SCHEMES = st.sampled_from(["javascript", "JavaScript", "vbscript", "data", "file", "http",
                           "https", "mailto", "tel", "ftp", "blob", "about", "", "x-y"])
PREFIX = st.sampled_from(["", " ", "\t", "\x00", "\x1f", "\n", " \x0b"])
INSIDE = st.sampled_from(["", "\t", "\n", "\r"])


@st.composite
def link_values(draw: st.DrawFn) -> str:
    scheme = draw(SCHEMES)
    head = draw(PREFIX)
    if scheme:
        cut = draw(st.integers(0, len(scheme)))
        scheme = scheme[:cut] + draw(INSIDE) + scheme[cut:] + ":"
    rest = draw(st.text(alphabet="abc/#?:.()=-% \x00", max_size=12))
    return head + scheme + rest


@pytest.fixture(scope="module")
def link_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = quickstart(tmp_path_factory.mktemp("links") / "site")
    (site / "index.rst").write_text("Home\n====\n\n.. profile-card::\n\n.. news::\n",
                                    encoding="utf-8")
    return site


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(link_values(), min_size=3, max_size=3))
def test_generated_links_never_become_unsafe_hrefs(link_site: Path, values: list[str]) -> None:
    website, link, inline = values
    profile = (
        "person:\n  name: Ada\n"
        f"  website: {q(website)}\n"
        f"  links:\n    Other: {q(link)}\n"
        f"  bio: {q(f'see [here]({inline}) and [there](<{inline}>)')}\n"
        f"news:\n  - date: 2025\n    text: {q(f'[x]({link})')}\n")
    (link_site / "profile.yaml").write_text(profile, encoding="utf-8")
    # Validation and the build use one policy: whatever validates stays safe.
    load_profile(str(link_site / "profile.yaml"))
    built = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-E", "-b", "html",
                            str(link_site), str(link_site / "_out")],
                           capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stderr
    assert "Traceback" not in built.stderr
    assert bad_hrefs(link_site / "_out") == []
