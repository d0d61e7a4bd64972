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
SCRIPT_LINKS = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "\tjavascript:alert(1)",
    "\x01javascript:alert(1)",
    "java\nscript:alert(1)",
    "VBScript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
]


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
        encoding="utf-8",
    )
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
        "  x-review={my private review}}\n",
        encoding="utf-8",
    )
    links = "".join(f"    Bad{i}: {q(url)}\n" for i, url in enumerate(SCRIPT_LINKS))
    edit_profile(
        site,
        "  website: https://example.org\n",
        f"  website: {q(SCRIPT_LINKS[1])}\n  photo: escape.jpg\n",
    )
    edit_profile(
        site, "    GitHub: https://github.com/\n", "    GitHub: https://github.com/\n" + links
    )
    edit_profile(
        site,
        "    sentences about your work",
        "    sentences [click](javascript:alert(2)) [mail](mailto:a@b.org) about your work",
    )
    edit_profile(
        site,
        "    code: https://github.com/\n",
        '    code: "javascript:alert(3)"\n    slides: "data:text/html,x"\n',
    )
    edit_profile(
        site,
        "publications:\n  - id",
        "bibtex: [refs.bib, missing.bib, adir.bib, escape.bib, fifo.bib, /dev/zero,"
        " ../outside/secret.bib]\npublications:\n  - id",
    )
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
    for field in [
        "person.website",
        *(f"person.links.Bad{i}" for i in range(len(SCRIPT_LINKS))),
        "person.bio",
        "publications[0].code",
        "publications[0].slides",
    ]:
        assert any(
            re.match(rf"{re.escape(profile)}:\d+:\d+: WARNING: {re.escape(field)}: ", line)
            for line in warned
        ), field
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


def test_files_outside_or_not_regular_are_located_warnings(attacked: tuple[Path, Result]) -> None:
    site, built = attacked
    profile = str(site / "profile.yaml")
    files = [line for line in built.err_lines if "[cv.file]" in line]
    expect = {
        "person.photo": "outside the site",
        "missing.bib": "not found",
        "adir.bib": "folder",
        "escape.bib": "outside the site",
        "fifo.bib": "FIFO",
        "/dev/zero": "outside the site",
        "secret.bib": "outside the site",
    }
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
    for private in (
        "/home/ada/private",
        "my private notes",
        "secret-tag",
        "my private review",
        "timestamp",
        "owner",
    ):
        assert private not in text, private


# --- validate: the same problems, and never a hang -------------------------------------------


def test_validate_reports_links_and_files(attacked: tuple[Path, Result]) -> None:
    site, _ = attacked
    result = run("validate", site / "profile.yaml", timeout=60)
    assert result.code == 1
    for fragment in (
        "person.website: link scheme 'javascript:'",
        "person.photo: photo is outside the site",
        "BibTeX file fifo.bib is a FIFO",
        "BibTeX file missing.bib not found",
    ):
        assert fragment in result.out, fragment


@pytest.mark.parametrize(
    "photo",
    [
        "../../../../../../etc/passwd",
        "/../../../etc/passwd",
        "/etc/passwd",
        "{outside}",
        "link.jpg",
        "/dev/zero",
        "fifo.jpg",
    ],
)
def test_photo_outside_or_not_a_file_is_left_out(tmp_path: Path, photo: str) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "conf.py").write_text("", encoding="utf-8")
    (tmp_path / "secret.jpg").write_text(SECRET, encoding="utf-8")
    (site / "link.jpg").symlink_to(tmp_path / "secret.jpg")
    os.mkfifo(site / "fifo.jpg")
    value = photo.format(outside=tmp_path / "secret.jpg")
    (site / "profile.yaml").write_text(
        f"person:\n  name: Ada\n  photo: {q(value)}\n", encoding="utf-8"
    )
    result = run("validate", site / "profile.yaml", timeout=30)
    assert result.code == 1
    assert re.search(
        r"profile\.yaml:3:10: person\.photo: (photo is outside the site|"
        r"photo not found|photo is a FIFO)",
        result.out,
    ), result.out
    loaded = load_profile(str(site / "profile.yaml"))
    assert loaded.profile.person is not None and loaded.profile.person.photo is None


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "{path}"],
        ["import", "bibtex", "{path}"],
        ["import", "jsonresume", "{path}"],
        ["import", "csl", "{path}"],
        ["export", "bibtex", "{path}"],
    ],
)
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_commands_do_not_hang_on_a_fifo_or_a_device(
    tmp_path: Path, command: list[str], kind: str
) -> None:
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
    resume = {
        "basics": {
            "name": "Ada",
            "url": "javascript:alert(1)",
            "image": "data:image/png;base64,AAAA",
            "profiles": [
                {"network": "GitHub", "url": " vbscript:x"},
                {"network": "Web", "url": "https://ada.org"},
            ],
        },
        "work": [
            {"name": "Co", "position": "P", "url": "JAVASCRIPT:alert(2)", "startDate": "2020"}
        ],
    }
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
        " code={https://example.org/code}}\n",
        encoding="utf-8",
    )
    result = run("import", "bibtex", tmp_path / "a.bib")
    assert "javascript" not in result.out
    assert any(
        re.match(rf"sphinx-cv: {re.escape(str(tmp_path / 'a.bib'))}:\d+:\d+: k\.url: ", line)
        for line in result.err_lines
    ), result.err


def test_import_csl_drops_script_links(tmp_path: Path) -> None:
    items = [
        {
            "id": "a",
            "type": "article-journal",
            "title": "T",
            "URL": " javascript:x()",
            "issued": {"date-parts": [[2020]]},
        },
        {
            "id": "b",
            "type": "article-journal",
            "title": "U",
            "URL": "https://ok.org/b",
            "issued": {"date-parts": [[2021]]},
        },
    ]
    (tmp_path / "c.json").write_text(json.dumps(items), encoding="utf-8")
    result = run("import", "csl", tmp_path / "c.json")
    assert "javascript" not in result.out and "https://ok.org/b" in result.out
    assert any(
        "URL: link scheme 'javascript:' is not allowed; dropped" in line
        for line in result.err_lines
    ), result.err


# --- the link policy, generated -------------------------------------------------------------

SCHEMES = st.sampled_from(
    [
        "javascript",
        "JavaScript",
        "vbscript",
        "data",
        "file",
        "http",
        "https",
        "mailto",
        "tel",
        "ftp",
        "blob",
        "about",
        "",
        "x-y",
    ]
)
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
    (site / "index.rst").write_text(
        "Home\n====\n\n.. profile-card::\n\n.. news::\n", encoding="utf-8"
    )
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
        f"news:\n  - date: 2025\n    text: {q(f'[x]({link})')}\n"
    )
    (link_site / "profile.yaml").write_text(profile, encoding="utf-8")
    # Validation and the build use one policy: whatever validates stays safe.
    load_profile(str(link_site / "profile.yaml"))
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-q",
            "-E",
            "-b",
            "html",
            str(link_site),
            str(link_site / "_out"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert built.returncode == 0, built.stderr
    assert "Traceback" not in built.stderr
    assert bad_hrefs(link_site / "_out") == []


# --- never overwrite input ------------------------------------------------------------------


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return quickstart(tmp_path_factory.mktemp("plain") / "site")


@pytest.mark.parametrize(
    "command",
    [
        ["export", "bibtex", "{profile}", "-o", "{profile}"],
        ["export", "bibtex", "{profile}", "-o", "{profile}", "--force"],
        ["export", "jsonresume", "{site}", "-o", "{profile}", "--force"],
        ["export", "csl", "{profile}", "--bib", "{bib}", "-o", "{bib}", "--force"],
        ["export", "bibtex", "{profile}", "-o", "{named_bib}", "--force"],
        ["import", "bibtex", "{bib}", "-o", "{bib}", "--force"],
        ["import", "jsonresume", "{json}", "-o", "{json}", "--force"],
    ],
)
def test_output_is_never_an_input(plain_site: Path, tmp_path: Path, command: list[str]) -> None:
    site = tmp_path / "site"
    import shutil

    shutil.copytree(plain_site, site)
    (site / "refs.bib").write_text("@misc{k, title={T}, year=2020}\n", encoding="utf-8")
    (site / "named.bib").write_text("@misc{n, title={N}, year=2020}\n", encoding="utf-8")
    edit_profile(site, "publications:\n  - id", "bibtex: [named.bib]\npublications:\n  - id")
    (site / "r.json").write_text('{"basics": {"name": "Ada"}}', encoding="utf-8")
    names = {
        "profile": site / "profile.yaml",
        "site": site,
        "bib": site / "refs.bib",
        "named_bib": site / "named.bib",
        "json": site / "r.json",
    }
    before = {p: p.read_bytes() for p in site.iterdir() if p.is_file()}
    result = run(*(a.format(**names) for a in command))
    assert result.code == 1
    assert result.err_lines[-1].startswith("sphinx-cv: error: ")
    assert "is an input of this command; nothing written" in result.err_lines[-1]
    assert {p: p.read_bytes() for p in site.iterdir() if p.is_file()} == before


@pytest.mark.parametrize(
    "command", [["schema"], ["export", "bibtex", "{profile}"], ["import", "bibtex", "{bib}"]]
)
def test_existing_output_needs_force(plain_site: Path, tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "a.bib").write_text(
        "@misc{k, title={T}, author={A. B}, year=2020}\n", encoding="utf-8"
    )
    out = tmp_path / "out.txt"
    out.write_text("mine", encoding="utf-8")
    args = [a.format(profile=plain_site / "profile.yaml", bib=tmp_path / "a.bib") for a in command]
    refused = run(*args, "-o", out)
    assert refused.code == 1 and out.read_text(encoding="utf-8") == "mine"
    assert refused.err_lines == [
        f"sphinx-cv: error: {out} already exists; nothing written (use --force to replace it)"
    ]
    forced = run(*args, "-o", out, "--force")
    assert forced.code == 0, forced.err
    assert out.read_text(encoding="utf-8") != "mine"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".sphinx-cv-")] == []


def test_quickstart_never_writes_through_a_symlink_outside(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("precious", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "conf.py").symlink_to(outside)
    (site / ".github").symlink_to(tmp_path)  # a folder on the way, leading out
    result = run("quickstart", site, "--force")
    assert result.code == 1 and "leads outside" in result.err, result.err
    assert outside.read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in site.iterdir()) == [".github", "conf.py"]
    assert not (tmp_path / "workflows").exists()


def test_quickstart_is_all_or_nothing(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / ".github").write_text("a file where a folder must go", encoding="utf-8")
    result = run("quickstart", site, "--force")
    assert result.code == 1 and "nothing written" in result.err, result.err
    assert "Traceback" not in result.err
    assert sorted(p.name for p in site.iterdir()) == [".github"]


def test_build_without_pdf_keeps_a_pdf_it_did_not_make(plain_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "html").mkdir(parents=True)
    mine = out / "html" / "cv.pdf"
    mine.write_bytes(b"%PDF-1.5 the user's own")
    result = run("build", plain_site, "--no-pdf", "-o", out)
    assert result.code == 0, result.err
    assert mine.read_bytes() == b"%PDF-1.5 the user's own"


# --- no tracebacks, honest exit status -------------------------------------------------------


def test_serve_on_an_impossible_port_is_one_line(plain_site: Path) -> None:
    result = run("serve", plain_site, "--port", "99999", timeout=30)
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err_lines == [
        "sphinx-cv: error: --port 99999: a port is a number from 0 to 65535"
    ]


def test_label_format_with_an_attribute_is_a_warning(plain_site: Path, tmp_path: Path) -> None:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(plain_site, site)
    with (site / "publications.rst").open("a", encoding="utf-8") as fh:
        fh.write("   :label-format: {number.real}{label.__class__}\n")
    result = run("build", site, "--no-pdf")
    assert result.code == 0 and "Traceback" not in result.err
    assert any("bad :label-format:" in line for line in result.err_lines), result.err
    assert "__class__" not in (site / "_build" / "html" / "publications.html").read_text(
        encoding="utf-8"
    ).split("<main", 1)[-1].replace(":label-format:", "")


def test_an_unexpected_error_is_one_line_and_debug_shows_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from clitools import cli

    from sphinx_cv.commands import schema

    def broken() -> str:
        raise RuntimeError("a bug")

    monkeypatch.setattr(schema, "schema_text", broken)
    result = cli("schema")
    assert result.code == 1
    assert result.err_lines == [
        "sphinx-cv: error: unexpected RuntimeError: a bug (run "
        "'sphinx-cv --debug ...' for the traceback, and please report it)"
    ]
    with pytest.raises(RuntimeError):
        cli("--debug", "schema")


@pytest.mark.parametrize("damage", ["missing", "folder", "not yaml"])
def test_build_fails_when_the_profile_cannot_be_read(
    plain_site: Path, tmp_path: Path, damage: str
) -> None:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(plain_site, site)
    profile = site / "profile.yaml"
    profile.unlink()
    if damage == "folder":
        profile.mkdir()
    elif damage == "not yaml":
        profile.write_text("person: [\n", encoding="utf-8")
    result = run("build", site, "--no-pdf")
    assert result.code == 1
    assert not any(line.startswith("Done") for line in result.out.splitlines())
    assert result.err_lines[-1].startswith("sphinx-cv: the profile "), result.err_lines[-1]
    assert str(profile) in result.err_lines[-1]


# --- what validates, typesets ---------------------------------------------------------------


@pytest.mark.skipif(not __import__("shutil").which("latexmk"), reason="needs TeX")
def test_odd_text_typesets_and_is_told(plain_site: Path, tmp_path: Path) -> None:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(plain_site, site)
    edit_profile(site, "  location: City, Country", '  location: "City\\0 Nul\\x07 Bell"')
    edit_profile(
        site,
        "  position: Ph.D. Student\n",
        '  position: "Ph.D.\\u2028Student \\U0001F600 \\u2603"\n',
    )
    edit_profile(
        site,
        "    GitHub: https://github.com/",
        '    GitHub: https://github.com/\n    Tick: "https://example.org/a`b%c#d"',
    )
    edit_profile(
        site,
        "    publications: [doe2023workshop]",
        "    publications: [doe2023workshop]\n  - name: A Group Without Topics",
    )
    edit_profile(site, "  # photo: photo.jpg", "  photo: nophoto.jpg")
    cv = site / "cv.rst"
    cv.write_text(
        cv.read_text(encoding="utf-8").replace(
            ".. cv-header::\n", ".. cv-header::\n   :photo: yes\n"
        ),
        encoding="utf-8",
    )
    profile = str(site / "profile.yaml")

    checked = run("validate", profile)
    assert checked.code == 1
    assert re.search(
        r"profile\.yaml:\d+:\d+: person\.location: control character U\+0000", checked.out
    ), checked.out

    built = run("build", site, timeout=600)
    assert built.code == 0, built.err
    assert (site / "_build" / "html" / "cv.pdf").read_bytes().startswith(b"%PDF")
    warned = built.err_lines
    assert any(
        re.match(
            rf"{re.escape(profile)}:\d+:\d+: WARNING: person\.location: "
            r"control character U\+0000 removed",
            line,
        )
        for line in warned
    )
    font = [line for line in warned if "has no glyph" in line]
    assert len(font) == 1 and "person.position" in font[0] and "U+1F600" in font[0], warned
    assert any("person.photo: photo not found" in line for line in warned)
    for page in (site / "_build" / "html").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "\x00" not in text and "\x07" not in text and "\u2028" not in text, page
