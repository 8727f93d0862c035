"""Helpers shared by the benchmarks: timing a command in a child process with its peak memory."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parent / ".data"
BIN = Path(sys.executable).parent


def run_measured(
    args: list[str],
    ok_codes: tuple[int, ...] = (0, 1),
    cwd: Path | None = None,
    expect: str | None = None,
) -> tuple[float, float]:
    """Run ``args``; return (wall seconds, peak RSS in MiB) of that child alone (os.wait4).

    ``expect``: text that must appear in the child's stdout, so a baseline that silently did
    nothing (an error report, an empty run) can never pass as fast.
    """
    out_path = DATA / f".stdout-{os.getpid()}"
    DATA.mkdir(exist_ok=True)
    with out_path.open("wb") as out, open(os.devnull, "wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(args, stdout=out, stderr=err, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    output = out_path.read_text(encoding="utf-8", errors="replace")
    out_path.unlink()
    if code not in ok_codes:
        raise SystemExit(f"{' '.join(args)} exited {code}: {output[-2000:]}")
    if expect is not None and expect not in output:
        raise SystemExit(
            f"{' '.join(args)}: output lacks {expect!r}; the run did not do the work: {output[:800]}"
        )
    return elapsed, usage.ru_maxrss / 1024


def best_of(runs: int, args: list[str], **kwargs) -> tuple[float, float]:
    """Fastest of ``runs`` runs (noise only ever adds time) and the largest peak memory."""
    results = [run_measured(args, **kwargs) for _ in range(runs)]
    return min(r[0] for r in results), max(r[1] for r in results)
