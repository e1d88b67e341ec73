"""Run a program on a pseudo-terminal, as a facilitator's terminal would: time to first frame,
CPU while idle, peak memory."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import sys
import tempfile
import termios
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
LAUNCH = HERE / "launch.py"


@dataclass
class Run:
    ready_ms: float | None  # process start → on_ready (first frame)
    seen_ms: float | None  # process start → the expected text first written to the terminal
    maxrss_kb: int
    cpu_samples: list[tuple[float, float]] = field(default_factory=list)  # (monotonic, cpu seconds)
    status: int = 0
    output: bytes = b""


def _cpu_seconds(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime


def run(args: list[str], *, expect: str | None = None, exit_after: float = 0.0, sample_cpu: bool = False,
        size: tuple[int, int] = (120, 40), timeout: float = 60.0, env: dict | None = None) -> Run:
    """Run `python bench/launch.py ARGS…` on a pty of `size` (columns, rows) until it exits."""
    with tempfile.NamedTemporaryFile(prefix="bench-ready-", delete=False) as ready_file:
        pass  # only its name: the app writes it at its first frame
    os.unlink(ready_file.name)
    environment = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8",
                       COLUMNS=str(size[0]), LINES=str(size[1]), BENCH_READY_FILE=ready_file.name,
                       BENCH_EXIT_AFTER=str(exit_after), **(env or {}))
    environment.pop("TEXTUAL", None)
    # As installed for a user, yiting's bytecode is cached (pip compiles it); a session that sets
    # PYTHONDONTWRITEBYTECODE would recompile every module on every start (+30-40 ms).
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: the pty is its terminal
        try:
            os.setsid()
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
            for fd in (0, 1, 2):
                os.dup2(slave, fd)
            os.close(master)
            os.execve(sys.executable, [sys.executable, str(LAUNCH), *args], environment)
        finally:
            os._exit(127)
    os.close(slave)
    output = bytearray()
    seen_at = None
    wanted = expect.encode("utf-8") if expect else None
    samples: list[tuple[float, float]] = []
    next_sample = started
    status = rusage = None
    while True:
        readable, _, _ = select.select([master], [], [], 0.02)
        if readable:
            try:
                data = os.read(master, 1 << 16)
            except OSError:
                data = b""
            if data:
                output += data
                if wanted is not None and seen_at is None and wanted in output:
                    seen_at = time.monotonic()
        now = time.monotonic()
        if sample_cpu and now >= next_sample:
            cpu = _cpu_seconds(pid)
            if cpu is not None:
                samples.append((now, cpu))
            next_sample = now + 0.5
        done, status_word, usage = os.wait4(pid, os.WNOHANG)
        if done:
            status, rusage = status_word, usage
            break
        if now - started > timeout:
            os.kill(pid, 9)
            _, status, rusage = os.wait4(pid, 0)
            break
    os.close(master)
    ready = None
    try:
        ready = float(Path(ready_file.name).read_text())
        os.unlink(ready_file.name)
    except (OSError, ValueError):
        pass
    return Run(ready_ms=(ready - started) * 1000 if ready else None,
               seen_ms=(seen_at - started) * 1000 if seen_at else None,
               maxrss_kb=rusage.ru_maxrss, cpu_samples=samples, status=status, output=bytes(output))
