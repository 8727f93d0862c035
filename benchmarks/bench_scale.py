"""Scaling of ``klisting run``: per-product cost at 1k, 10k and 50k products; 1 vs 2 workers.

Part 1, text only: generated catalogs (benchmarks/bench_run.py's generator, three targets, the
instant engine so klisting's own cost is measured, --no-images). For each size: total seconds,
milliseconds per product and per stage, and the ratio of the per-product cost to the smallest
size's (the goal: within 1.2x at 50k, i.e. linear). The baseline is the smallest run.

Part 2, image work on Dask: --images N generated photos fitted to three platforms' image specs
(the "fit images" stage's task) on a local cluster of 1 worker process, then of 2: the speed-up
of the second worker (the baseline is the 1-worker run, same tasks, fresh cache each time).
Usage: .venv/bin/python benchmarks/bench_scale.py [--sizes 1000,10000,50000] [--images 24]
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


def timed(catalog: Path, work: Path) -> tuple[float, float, dict[str, float], int]:
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
    start, cpu = time.perf_counter(), time.process_time()
    result = run(options)
    total, cpu = time.perf_counter() - start, time.process_time() - cpu
    stages: dict[str, float] = {}
    for stage in result.stages:
        stages[stage.name] = stages.get(stage.name, 0.0) + stage.seconds
    return total, cpu, stages, result.exported


def fit_on_workers(folder: Path, count: int, workers: int) -> float:
    """Seconds to fit ``count`` generated photos to three image specs on ``workers`` processes."""
    from klisting.images.tasks import fit_task
    from klisting.infra.dask_executor import DaskExecutor
    from klisting.infra.store import Store
    from klisting.markets.targets import parse_target
    from klisting.pipeline.image_stage import fit_job

    photos = _photos(folder / "photos", count)
    specs = [parse_target(t).platform.images for t in ("amazon:us", "shopee:tw", "qoo10:jp")]
    root = folder / f"work-{workers}"
    store = Store(root)
    # the run's own fit tasks (image key in the store + spec), as `klisting run` submits them
    jobs = [fit_job(photo, spec, store, root) for photo in photos for spec in specs]
    with DaskExecutor.start(workers=workers, processes=True) as executor:
        executor.client.run(_warm)  # every worker imports the fitting code before the timing
        start = time.perf_counter()
        executor.map(fit_task, jobs)
        return time.perf_counter() - start


def _warm() -> None:
    import klisting.images.fit  # noqa: F401
    import klisting.images.tasks  # noqa: F401


def _photos(folder: Path, count: int) -> list[Path]:
    import numpy as np
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(7)
    paths = []
    for n in range(count):
        path = folder / f"{n}.jpg"
        if not path.exists():
            base = rng.integers(0, 255, (3, 1, 1), dtype=np.uint8)
            noise = rng.integers(0, 40, (1500, 1200, 3), dtype=np.uint8)
            pixels = (base.reshape(1, 1, 3) + noise).astype(np.uint8)
            Image.fromarray(pixels).save(path, "JPEG", quality=90)
        paths.append(path)
    return paths


def workers_part(tmp: Path, count: int) -> None:
    one = fit_on_workers(tmp, count, 1)
    two = fit_on_workers(tmp, count, 2)
    print(f"fit images on Dask: {count} photos x 3 specs")
    print(f"  1 worker {one:7.2f} s   2 workers {two:7.2f} s   speed-up {one / two:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--images", type=int, default=24, help="photos for part 2 (0: skip)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    tmp = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    try:
        if args.images:
            workers_part(tmp, args.images)
        if not sizes:
            return
        timed(generate(tmp / "warm", 50), tmp / "warm")  # imports and config loads, untimed
        rows = []
        for size in sizes:
            catalog = generate(tmp, size)
            rows.append((size, *timed(catalog, tmp / f"run-{size}")))
        base_wall, base_cpu = rows[0][1] / rows[0][0], rows[0][2] / rows[0][0]
        names = list(rows[-1][3])
        print(f"klisting run, text only, {len(TEXT_TARGETS)} targets, instant engine")
        header = f"{'products':>9}{'wall s':>9}{'ms/prod':>9}{'vs first':>9}{'cpu ms/p':>10}{'vs first':>9}  "
        print(header + "".join(f"{n[:12]:>13}" for n in names))
        for size, wall, cpu, stages, exported in rows:
            cells = "".join(f"{stages.get(n, 0.0) / size * 1000:>13.3f}" for n in names)
            print(
                f"{size:>9}{wall:>9.2f}{wall / size * 1000:>9.3f}{wall / size / base_wall:>8.2f}x"
                f"{cpu / size * 1000:>10.3f}{cpu / size / base_cpu:>8.2f}x  {cells}"
            )
            if exported != size * len(TEXT_TARGETS):
                print(f"          exported {exported} of {size * len(TEXT_TARGETS)} listings")
        print(
            f"  (stage columns: wall ms per product; goal: 'vs first' <= 1.2x at {sizes[-1]:,}; "
            "CPU time beside wall time because the machine is shared)"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
