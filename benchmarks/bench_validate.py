"""Validate a 100,000-row catalog: klisting vs frictionless on the same CSV, in the same run.

Each round runs klisting, then frictionless, on the same file (interleaved, so load from other
jobs falls on both alike); the table shows the best of the rounds for each (noise only ever
adds time) and the ratio as the median of the rounds' own ratios, in wall and in CPU time.
Peak memory is each child's maximum RSS (os.wait4). frictionless validates the whole file
against the schema it infers (``"rows": N`` in its report is checked); klisting runs its ~50
checks without a target (``"products": N`` is checked). The XLSX version of the same catalog
is timed too (klisting only: frictionless has no fast XLSX path). Then klisting validates a CSV
of --memory-rows rows (1,000,000 by default): peak RSS there against the --rows run shows
whether memory is flat in the rows.

Both programs start from compiled bytecode, as an installed package does: frictionless's
site-packages hold theirs, and klisting's source tree gets its own with compileall first (a
shell with PYTHONDONTWRITEBYTECODE=1 would otherwise recompile klisting at every start, about
0.3 s that no installed copy pays).
CPU time is reported beside wall time because the benchmark machine is shared: under load,
wall time of a multi-threaded program (polars) suffers more than that of a single-threaded one.
Usage: python benchmarks/bench_validate.py [--rows N] [--runs R] [--memory-rows M]
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BIN, DATA, run_measured  # noqa: E402

HEADER = [
    "상품코드",
    "상품명",
    "판매가",
    "정가",
    "재고수량",
    "카테고리",
    "브랜드",
    "바코드",
    "무게",
    "용량",
    "옵션",
    "대표이미지",
    "상세설명",
]
WORDS = [
    "수분",
    "진정",
    "토너",
    "세럼",
    "크림",
    "국내산",
    "유기농",
    "니트",
    "가디건",
    "텀블러",
    "이불",
    "누룽지",
    "대용량",
    "1+1",
]


def gtin13(body: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def make_rows(count: int) -> Iterator[list[str]]:
    """The rows, generated one at a time (the same rows on every call): a list of a million rows
    in this process would be counted in the children's peak memory (see ``write_csv``)."""
    rng = random.Random(7)
    for i in range(count):
        title = " ".join(rng.sample(WORDS, 4)) + f" {rng.choice([50, 100, 500])}ml"
        price = f"{rng.randrange(5, 200) * 100:,}원" if i % 997 else "가격문의"  # a few bad prices
        yield (
            [
                f"SKU-{i:06d}",
                title,
                price,
                str(rng.randrange(200, 400) * 100),
                str(rng.randrange(0, 500)),
                "화장품/미용>스킨케어",
                "하루담",
                gtin13(f"880{i:09d}"),
                f"{rng.randrange(1, 30) / 10}kg",
                f"{rng.choice([50, 100, 500])}ml",
                "색상:블랙,화이트/사이즈:S,M,L",
                f"https://shop.example.com/img/{i}.jpg",
                f"<p>{title} 상세 설명입니다.</p>",
            ]
        )


def write_csv(count: int) -> Path:
    """The CSV of ``count`` rows, written as the rows are generated. Linux reports a child's
    peak RSS as at least this process's size when it started the child, so this process must
    stay small: building the 1,000,000 rows as a list made the 1M-row klisting run "peak" at
    1,000 MiB instead of its own 338."""
    DATA.mkdir(exist_ok=True)
    path = DATA / f"catalog_{count}.csv"
    if not path.exists():
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            writer.writerows(make_rows(count))
    return path


def measured(args: list[str], **kwargs) -> tuple[float, float, float]:
    """Wall time, CPU time (user + sys of the child) and peak RSS of one run of ``args``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, peak = run_measured(args, **kwargs)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, peak


def best(results: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Fastest wall time, fastest CPU time and largest peak RSS of several runs."""
    return min(r[0] for r in results), min(r[1] for r in results), max(r[2] for r in results)


def compile_klisting() -> None:
    """Bytecode for klisting's own modules (see the module docstring)."""
    import compileall

    import klisting

    compileall.compile_dir(Path(klisting.__file__).parent, quiet=1)


def write_files(count: int) -> tuple[Path, Path]:
    DATA.mkdir(exist_ok=True)
    csv_path, xlsx_path = DATA / f"catalog_{count}.csv", DATA / f"catalog_{count}.xlsx"
    if csv_path.exists() and xlsx_path.exists():
        return csv_path, xlsx_path
    write_csv(count)
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("products")
    sheet.append(HEADER)
    for row in make_rows(count):
        sheet.append(row)
    book.save(xlsx_path)
    return csv_path, xlsx_path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--memory-rows", type=int, default=1_000_000)
    args = parser.parse_args()
    csv_path, xlsx_path = write_files(args.rows)
    klisting = [str(BIN / "klisting"), "validate", "--format", "json"]
    # frictionless refuses absolute paths as "not safe": run it beside the file.
    frictionless = [str(BIN / "frictionless"), "validate", "--json", csv_path.name]
    rows_seen = f'"products": {args.rows}'

    compile_klisting()
    frictionless_kw = {"cwd": csv_path.parent, "ok_codes": (0,), "expect": f'"rows": {args.rows}'}
    measured([*klisting, str(csv_path)], expect=rows_seen)  # warm-up: page cache, imports
    measured(frictionless, **frictionless_kw)
    k_runs, f_runs = [], []
    for _ in range(args.runs):
        k_runs.append(measured([*klisting, str(csv_path)], expect=rows_seen))
        f_runs.append(measured(frictionless, **frictionless_kw))
    k_csv, f_csv = best(k_runs), best(f_runs)
    wall_ratios = sorted(f[0] / k[0] for k, f in zip(k_runs, f_runs, strict=True))
    cpu_ratios = sorted(f[1] / k[1] for k, f in zip(k_runs, f_runs, strict=True))
    k_xlsx = best(
        [measured([*klisting, str(xlsx_path)], expect=rows_seen) for _ in range(args.runs)]
    )

    rows = args.rows
    print(f"validate {rows:,} rows (best of {args.runs} interleaved rounds)")
    for name, (wall, cpu, peak) in (
        ("klisting CSV", k_csv),
        ("frictionless CSV", f_csv),
        ("klisting XLSX", k_xlsx),
    ):
        print(
            f"  {name:<17} {wall:6.2f} s  cpu {cpu:5.2f} s  {rows / wall:9,.0f} rows/s  peak {peak:6.0f} MiB"
        )
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  (this process peaked at {own:.0f} MiB: Linux reports no child's peak below that)")
    median = len(wall_ratios) // 2
    print(
        f"  ratio: klisting is {wall_ratios[median]:.1f}x faster than frictionless on the CSV in wall "
        f"time (rounds {wall_ratios[0]:.1f}-{wall_ratios[-1]:.1f}x), {cpu_ratios[median]:.1f}x in CPU "
        f"time (rounds {cpu_ratios[0]:.1f}-{cpu_ratios[-1]:.1f}x); goal >= 3x"
    )
    if args.memory_rows:
        big = write_csv(args.memory_rows)
        wall, cpu, peak = measured([*klisting, str(big)], expect=f'"products": {args.memory_rows}')
        print(
            f"  klisting CSV {args.memory_rows:,} rows: {wall:.2f} s, cpu {cpu:.2f} s, peak {peak:.0f} MiB "
            f"({peak / k_csv[2]:.2f}x the peak at {rows:,} rows; goal < 1024 MiB)"
        )


if __name__ == "__main__":
    main()
