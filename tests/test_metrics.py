"""Citation counts: ``sphinx-cv metrics update`` against a local HTTP server on
127.0.0.1 answering as OpenAlex, Semantic Scholar and Crossref do (the answers below
have the shape their API documentation gives: OpenAlex ``/works/doi:...`` ->
``cited_by_count``, Semantic Scholar ``/graph/v1/paper/DOI:...`` -> ``citationCount``,
Crossref ``/works/<doi>`` -> ``message.is-referenced-by-count``), and the build, which
reads metrics.yaml and never the network."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import socket
import stat
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml
from clitools import cli

from sphinx_cv.data.metrics import Client, h_index, read_metrics

ROOT = Path(__file__).parent / "roots" / "test-web"
NOTES = "/works/doi:10.1000/xyz123"
BIG = "/works/doi:10.48550/arXiv.2401.00002"
BYRON = "/works/doi:10.48550/arXiv.2001.00001"
WORK = {
    "id": "https://openalex.org/W2741809807",
    "doi": "https://doi.org/10.1000/xyz123",
    "cited_by_count": 50,
}


@dataclass
class Answer:
    status: int = 200
    body: Any = None
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Seen:
    path: str
    query: dict[str, list[str]]
    agent: str
    at: float


class Server:
    """Answers by path (a list is answered in turn, its last answer repeated); unknown
    paths get 404, as the services answer for a DOI they do not know."""

    def __init__(self) -> None:
        self.answers: dict[str, Answer | list[Answer]] = {}
        self.seen: list[Seen] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                url = urlsplit(self.path)
                path = unquote(url.path)
                server.seen.append(
                    Seen(
                        path,
                        parse_qs(url.query),
                        self.headers.get("User-Agent", ""),
                        time.monotonic(),
                    )
                )
                answer = server.answers.get(path, Answer(404, {"error": "not found"}))
                if isinstance(answer, list):
                    answer = answer.pop(0) if len(answer) > 1 else answer[0]
                time.sleep(answer.delay)
                data = json.dumps(answer.body).encode()
                try:
                    self.send_response(answer.status)
                    for key, value in answer.headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:  # the client gave up (timeout test)
                    pass

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def paths(self) -> list[str]:
        return [s.path for s in self.seen]


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    srv.thread.start()
    try:
        yield srv
    finally:
        srv.httpd.shutdown()
        srv.httpd.server_close()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    src = tmp_path / "site"
    shutil.copytree(ROOT, src)
    return src


def update(site: Path, server: Server, *args: str) -> Any:
    return cli("metrics", "update", site, "--base-url", server.url, "--delay", "0", *args)


def counts(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((site / "metrics.yaml").read_text())
    return data


def test_update_fetches_counts_politely(site: Path, server: Server) -> None:
    server.answers[NOTES] = Answer(body=WORK)
    result = cli(
        "metrics", "update", site, "--base-url", server.url, "--delay", "0.3", "--max-age", "0"
    )
    assert result.code == 0, result.err
    today = dt.date.today().isoformat()
    data = counts(site)
    assert data["lovelace1843notes"] == {"citations": 50, "source": "OpenAlex", "date": today}
    # A hand edit (source: manual) is kept and not even asked for.
    assert data["byron2020"] == {"citations": 7, "source": "manual", "date": "2025-01-01"}
    assert BYRON not in server.paths()
    # A paper the service does not know keeps its count.
    assert data["big2024"]["citations"] == 3
    assert server.paths() == [NOTES, BIG]
    for seen in server.seen:
        assert seen.query["mailto"] == ["ada@example.org"]  # the profile's e-mail
        assert "mailto:ada@example.org" in seen.agent
    assert server.seen[1].at - server.seen[0].at >= 0.3  # the pause between requests
    assert "1 updated" in result.err and "1 kept as edited" in result.err
    assert "big2024: not found" in result.err
    assert "Traceback" not in result.err


def test_recent_counts_are_not_asked_again(site: Path, server: Server) -> None:
    server.answers[NOTES] = Answer(body=WORK)
    assert update(site, server).code == 0
    asked = len(server.seen)
    result = update(site, server)
    assert result.code == 0 and "1 recent" in result.err
    assert server.paths()[asked:] == [BIG]  # the unknown one is asked again


def test_force_replaces_hand_edits(site: Path, server: Server) -> None:
    server.answers[NOTES] = Answer(body=WORK)
    server.answers[BYRON] = Answer(body={**WORK, "cited_by_count": 9})
    result = update(site, server, "--force", "--mailto", "me@example.org")
    assert result.code == 0, result.err
    assert counts(site)["byron2020"]["citations"] == 9
    assert counts(site)["byron2020"]["source"] == "OpenAlex"
    assert all(s.query["mailto"] == ["me@example.org"] for s in server.seen)


def test_rate_limit_answer_is_waited_for(site: Path, server: Server) -> None:
    server.answers[NOTES] = [
        Answer(429, {"error": "slow down"}, headers={"Retry-After": "1"}),
        Answer(body=WORK),
    ]
    result = update(site, server, "--max-age", "0")
    assert result.code == 0, result.err
    assert server.paths()[:2] == [NOTES, NOTES]
    assert server.seen[1].at - server.seen[0].at >= 1
    assert counts(site)["lovelace1843notes"]["citations"] == 50


def test_still_limited_stops_and_keeps_what_was_fetched(site: Path, server: Server) -> None:
    server.answers[NOTES] = Answer(body=WORK)
    server.answers[BIG] = Answer(429, {"error": "slow down"}, headers={"Retry-After": "0"})
    result = update(site, server, "--max-age", "0")
    assert result.code == 1
    assert "Traceback" not in result.err
    last = result.err_lines[-1]
    assert last.startswith("sphinx-cv: ") and "429" in last and "saved" in last
    assert counts(site)["lovelace1843notes"]["citations"] == 50


def test_timeout_is_one_line_and_leaves_the_file(site: Path, server: Server) -> None:
    before = (site / "metrics.yaml").read_bytes()
    server.answers[NOTES] = Answer(body=WORK, delay=2)
    started = time.monotonic()
    result = update(site, server, "--max-age", "0", "--timeout", "0.5")
    assert time.monotonic() - started < 1.8
    assert result.code == 1
    assert "Traceback" not in result.err
    assert result.err_lines[-1].startswith("sphinx-cv: ")
    assert "timed out" in result.err_lines[-1]
    assert (site / "metrics.yaml").read_bytes() == before
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".")) == []


def test_write_is_atomic_and_keeps_permissions(site: Path, server: Server) -> None:
    server.answers[NOTES] = Answer(body=WORK)
    target = site / "metrics.yaml"
    os.chmod(target, 0o640)
    inode = target.stat().st_ino
    assert update(site, server, "--max-age", "0").code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.stat().st_ino != inode  # replaced, not rewritten in place
    assert [p.name for p in site.iterdir() if p.name.endswith(".tmp")] == []
    metrics, problems = read_metrics(str(target))
    assert problems == [] and metrics["lovelace1843notes"].citations == 50


def test_a_broken_metrics_file_is_not_overwritten(site: Path, server: Server) -> None:
    target = site / "metrics.yaml"
    target.write_text("lovelace1843notes: {citations: lots}\n")
    result = update(site, server)
    assert result.code == 1 and "Traceback" not in result.err
    assert "metrics.yaml:1:" in result.err and "bad citation count" in result.err
    assert server.seen == []
    assert target.read_text() == "lovelace1843notes: {citations: lots}\n"


def test_unreachable_service(site: Path) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = cli(
        "metrics", "update", site, "--base-url", f"http://127.0.0.1:{port}", "--max-age", "0"
    )
    assert result.code == 1 and "Traceback" not in result.err
    assert "cannot reach" in result.err_lines[-1]


def test_answers_are_cached_for_the_run(server: Server) -> None:
    server.answers[NOTES] = Answer(body=WORK)
    client = Client(base_url=server.url, delay=0)
    assert client.citations("10.1000/xyz123") == 50
    assert client.citations("https://doi.org/10.1000/xyz123".removeprefix("https://doi.org/")) == 50
    assert server.paths() == [NOTES]


@pytest.mark.parametrize(
    ("source", "path", "body", "mailto"),
    [
        ("semanticscholar", "/graph/v1/paper/DOI:10.1000/xyz123", {"citationCount": 12}, False),
        (
            "crossref",
            "/works/10.1000/xyz123",
            {"status": "ok", "message": {"DOI": "10.1000/xyz123", "is-referenced-by-count": 12}},
            True,
        ),
    ],
)
def test_other_sources(server: Server, source: str, path: str, body: Any, mailto: bool) -> None:
    server.answers[path] = Answer(body=body)
    client = Client(source=source, base_url=server.url, delay=0, mailto="a@example.org")
    assert client.citations("10.1000/xyz123") == 12
    assert ("mailto" in server.seen[0].query) == mailto


def test_a_count_that_is_not_a_number_is_an_error(server: Server) -> None:
    from sphinx_cv.data.metrics import FetchError

    server.answers[NOTES] = Answer(body={"cited_by_count": "many"})
    with pytest.raises(FetchError, match="no citation count"):
        Client(base_url=server.url, delay=0).citations("10.1000/xyz123")


def test_h_index() -> None:
    assert h_index([]) == 0
    assert h_index([42, 7, 3]) == 3
    assert h_index([10, 8, 5, 4, 3]) == 4
    assert h_index([0, 0]) == 0


def test_the_build_never_uses_the_network(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_theme import build

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the build opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    out, warnings, _ = build(site, tmp_path / "build")
    assert warnings == ""
    assert "Cited by 42" in (out / "publications.html").read_text(encoding="utf8")
