"""Run one build in a child process: wall time, CPU time, peak memory, pages re-read."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

_READING = re.compile(r"^reading sources\.\.\. \[\s*\d+%\] (\S+)", re.M)
_WARNING = re.compile(r"^.*(?:WARNING|ERROR):.*$", re.M)


@dataclass
class Run:
    wall: float
    """Seconds from start to exit."""
    cpu: float
    """User plus system CPU seconds of the child (and anything it waited for)."""
    rss_mb: float
    """Peak resident memory of the child, in MiB."""
    reread: list[str] = field(default_factory=list)
    """Documents Sphinx read (re-read) in this build."""
    warnings: list[str] = field(default_factory=list)


class BuildError(RuntimeError):
    pass


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a build: this one, with bytecode caching on (as in a normal
    install), so no build pays for compiling Sphinx's or sphinx-cv's modules again."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, **extra}


def run(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run ``cmd``; its output is parsed for the documents read and for warnings."""
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"sphinx-cv-bench-{os.getpid()}.log"
    with open(log, "w+b") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            cwd=cwd,
            env=env or child_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    log.unlink()
    if proc.returncode:
        tail = "\n".join(text.splitlines()[-25:])
        raise BuildError(f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{tail}")
    # ru_maxrss is in KiB on Linux (bytes on macOS).
    scale = 1 / 1024 if sys.platform != "darwin" else 1 / 2**20
    return Run(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        rss_mb=usage.ru_maxrss * scale,
        reread=_READING.findall(text),
        warnings=_WARNING.findall(text),
    )


def sphinx_cmd(builder: str, src: Path, out: Path, make_mode: bool = False) -> list[str]:
    """``python -m sphinx`` with this interpreter, serial, no colour, verbose enough to
    list every document read."""
    if make_mode:
        return [sys.executable, "-m", "sphinx", "-M", builder, str(src), str(out), "-N"]
    return [sys.executable, "-m", "sphinx", "-b", builder, "-N", str(src), str(out)]


def html_build(src: Path, out: Path, clean: bool = False) -> Run:
    if clean and out.exists():
        shutil.rmtree(out)
    result = run(sphinx_cmd("html", src, out))
    if result.warnings:
        raise BuildError(f"{src}: the build warned:\n" + "\n".join(result.warnings[:10]))
    return result
