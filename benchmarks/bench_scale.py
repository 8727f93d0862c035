"""Scaling of ``klisting run``, text only: per-product cost at 1k, 10k and 50k products.

Generated catalogs (benchmarks/bench_run.py's generator, three targets, the instant engine so
klisting's own cost is measured, --no-images). For each size: total seconds, milliseconds per
product and per stage, and the ratio of the per-product cost to the smallest size's (the goal:
within 1.2x at 50k, i.e. linear). The baseline is the smallest run, measured in the same run.
Usage: .venv/bin/python benchmarks/bench_scale.py [--sizes 1000,10000,50000]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "src"))
from bench_run import TEXT_TARGETS, InstantEngine, generate  # noqa: E402


def timed(catalog: Path, work: Path) -> tuple[float, dict[str, float], int]:
    from klisting.pipeline.run import RunOptions, run

    options = RunOptions(
        catalog=catalog,
        targets=TEXT_TARGETS,
        out_dir=work / "out",
        work_dir=work / "work",
        engine=InstantEngine(),
        images=False,
        profile={"eu_responsible_person": "EU Rep", "eu_responsible_name": "EU Rep"},
    )
    start = time.perf_counter()
    result = run(options)
    total = time.perf_counter() - start
    stages: dict[str, float] = {}
    for stage in result.stages:
        stages[stage.name] = stages.get(stage.name, 0.0) + stage.seconds
    return total, stages, result.exported


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    tmp = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    try:
        rows = []
        for size in sizes:
            catalog = generate(tmp, size)
            total, stages, exported = timed(catalog, tmp / f"run-{size}")
            rows.append((size, total, stages, exported))
        base = rows[0][1] / rows[0][0]
        names = list(rows[-1][2])
        print(f"klisting run, text only, {len(TEXT_TARGETS)} targets, instant engine")
        print(f"{'products':>9}{'total s':>9}{'ms/prod':>9}{'vs first':>9}  " + "".join(f"{n[:12]:>13}" for n in names))
        for size, total, stages, exported in rows:
            per = total / size
            cells = "".join(f"{stages.get(n, 0.0) / size * 1000:>13.3f}" for n in names)
            print(f"{size:>9}{total:>9.2f}{per * 1000:>9.3f}{per / base:>8.2f}x  {cells}")
            if exported != size * len(TEXT_TARGETS):
                print(f"          exported {exported} of {size * len(TEXT_TARGETS)} listings")
        print(f"  (per-stage columns: ms per product; goal: 'vs first' <= 1.2x at {sizes[-1]:,})")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
