"""``sphinx-cv serve``: the files it watches, and short real runs that serve the site and
rebuild it in process when the profile, a BibTeX file or conf.py changes."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from clitools import assert_one_line_error, run

from sphinx_cv.commands.serve import watched_files

SERVE_TIMEOUT = 90


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A quickstart site whose profile also reads a BibTeX file in a subfolder (files
    outside the site are refused)."""
    path = tmp_path / "site"
    assert run("quickstart", path, "--name", "Ada Lovelace").code == 0
    (path / "bib").mkdir()
    (path / "bib" / "refs.bib").write_text(
        "@article{extra2024,\n  title = {An Entry from BibTeX},\n  author = {Ada Lovelace},"
        "\n  journal = {Journal of Tests},\n  year = {2024}\n}\n",
        encoding="utf-8",
    )
    (path / "more.bib").write_text("", encoding="utf-8")
    profile = path / "profile.yaml"
    profile.write_text(profile.read_text("utf-8") + "\nbibtex: [bib/refs.bib]\n", "utf-8")
    with (path / "conf.py").open("a", encoding="utf-8") as fh:
        fh.write('cv_bibtex_files = ["more.bib"]\n')
    return path


def test_watched_files_are_the_profile_and_every_bibtex_file(site: Path) -> None:
    assert watched_files(str(site)) == [
        str((site / "profile.yaml").resolve()),
        str((site / "bib" / "refs.bib").resolve()),
        str((site / "more.bib").resolve()),
    ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, server: subprocess.Popen[str]) -> str:
    deadline = time.monotonic() + SERVE_TIMEOUT
    while time.monotonic() < deadline:
        assert server.poll() is None, "the server stopped"
        page = fetch(url)
        if page is not None and text in page:
            return page
        time.sleep(0.3)
    raise AssertionError(f"{text!r} not served at {url} within {SERVE_TIMEOUT} s")


@contextlib.contextmanager
def serving(site: Path, tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``sphinx-cv serve`` on a free port: (its address, the process); stopped with
    Ctrl+C after, and its output must hold no traceback."""
    port = free_port()
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "sphinx_cv", "serve", str(site), "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        yield f"http://127.0.0.1:{port}", server
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.seek(0)
        output = log.read()
        log.close()
    assert "Traceback" not in output, output


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def test_serve_rebuilds_when_the_profile_or_conf_changes(site: Path, tmp_path: Path) -> None:
    with serving(site, tmp_path) as (base, server):
        page = wait_for(f"{base}/publications.html", "A First Paper Title", server)
        assert "/websocket-reload" in page  # the browser is told to reload
        edit(site / "profile.yaml", "A First Paper Title", "A Title Edited While Serving")
        page = wait_for(f"{base}/publications.html", "A Title Edited While Serving", server)
        assert "A First Paper Title" not in page
        # A broken conf.py fails the build, not the server; the fix is built again.
        conf = (site / "conf.py").read_text("utf-8")
        (site / "conf.py").write_text(conf + "raise ValueError('broken conf')\n", "utf-8")
        time.sleep(2)
        assert server.poll() is None
        assert "A Title Edited While Serving" in (fetch(f"{base}/publications.html") or "")
        (site / "conf.py").write_text(conf + "html_title = 'A Title From conf.py'\n", "utf-8")
        wait_for(f"{base}/index.html", "A Title From conf.py", server)


def test_serve_reimports_a_module_of_the_site_that_conf_imports(site: Path, tmp_path: Path) -> None:
    """A module in the site folder that conf.py imports is imported again as saved: the
    server keeps one Python process, which would otherwise keep the first import."""
    (site / "site_helper.py").write_text('TITLE = "Helper One"\n', "utf-8")
    conf = (site / "conf.py").read_text("utf-8")
    (site / "conf.py").write_text(
        "import os, sys\nsys.path.insert(0, os.path.dirname(__file__))\n"
        + conf
        + "from site_helper import TITLE\nhtml_title = TITLE\n",
        "utf-8",
    )
    with serving(site, tmp_path) as (base, server):
        wait_for(f"{base}/index.html", "Helper One", server)
        (site / "site_helper.py").write_text('TITLE = "Helper Two"\n', "utf-8")
        wait_for(f"{base}/index.html", "Helper Two", server)


def test_serve_rebuilds_when_a_bibtex_file_changes(site: Path, tmp_path: Path) -> None:
    with serving(site, tmp_path) as (base, server):
        home = wait_for(f"{base}/index.html", "Ada Lovelace", server)
        assert "A First Paper Title" in home
        wait_for(f"{base}/publications.html", "An Entry from BibTeX", server)
        edit(site / "bib" / "refs.bib", "An Entry from BibTeX", "A Title Changed While Serving")
        page = wait_for(f"{base}/publications.html", "A Title Changed While Serving", server)
        assert "An Entry from BibTeX" not in page


def test_serve_bad_inputs(site: Path, tmp_path: Path) -> None:
    assert_one_line_error(run("serve", tmp_path / "nowhere"), 2, "no such folder")
    assert_one_line_error(run("serve", tmp_path), 2, "has no conf.py")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert_one_line_error(
            run("serve", site, "--port", str(port)),
            1,
            f"cannot serve on 127.0.0.1:{port}",
            "--port",
        )
    (site / "conf.py").write_text("raise ValueError('broken conf')\n", encoding="utf-8")
    assert_one_line_error(
        run("serve", site, "--port", str(free_port())),
        1,
        "Configuration error",
        "ValueError: broken conf",
    )
