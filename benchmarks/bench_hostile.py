"""Hostile-input guards: linear parsing of long cells, and what the reader limits cost.

1. Long cells: ``split_values`` / ``parse_combined_options`` on 20,000-character option cells
   (commas, no closing bracket; text without braces) vs the regexes they replaced, which
   retried from every position (quadratic).
2. Reader limits on an ordinary catalog: ``read_table`` over a 50,000-row CSV and a 20,000-row
   XLSX with the cell caps and the zip check, vs the same read with both switched off.

Run: ``python benchmarks/bench_hostile.py``. Prints the ratios.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from klisting.catalog import limits, tables  # noqa: E402
from klisting.catalog import values as v  # noqa: E402

OLD_SPLIT = re.compile(r"[,|](?![^()（）\[\]]*[)）\]])")
OLD_BRACED = re.compile(r"([^{}]+?)\{([^{}]*)\}")


def _best(fn: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def long_cells() -> None:
    commas = "블랙(" + ",화이트" * 4_000  # 20,000 characters, a bracket that never closes
    plain = "색상블랙화이트" * 3_000  # no braces at all
    new = _best(lambda: (v.split_values(commas), v._braced_axes(plain)))
    old = _best(lambda: (OLD_SPLIT.split(commas), OLD_BRACED.findall(plain)), runs=1)
    assert v.split_values(commas) == [p.strip() for p in OLD_SPLIT.split(commas) if p.strip()]
    print(
        f"long cells (20,000 chars): {new * 1000:.1f} ms vs old regexes {old:.1f} s: {old / new:,.0f}x"
    )


def reader_overhead(folder: Path) -> None:
    csv_path = folder / "catalog.csv"
    rows = ["상품코드,상품명,판매가,재고수량,옵션,상세설명"]
    rows += [
        f"S-{n},순면 티셔츠 {n},{12000 + n},5,색상:블랙,<p>부드러운 면 {n}</p>"
        for n in range(50_000)
    ]
    csv_path.write_text("\n".join(rows), encoding="utf-8")
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["상품코드", "상품명", "판매가", "재고수량"])
    for n in range(20_000):
        sheet.append([f"S-{n}", f"순면 티셔츠 {n}", 12000 + n, 5])
    xlsx_path = folder / "catalog.xlsx"
    book.save(xlsx_path)

    def read(path: Path) -> int:
        return sum(1 for _ in tables.read_table(path).rows)

    guarded = {p.suffix: _best(lambda p=p: read(p)) for p in (csv_path, xlsx_path)}
    originals = (tables.cap_cells, tables.check_workbook_zip)
    tables.cap_cells = lambda cells, *_: cells
    tables.check_workbook_zip = lambda path: None
    try:
        bare = {p.suffix: _best(lambda p=p: read(p)) for p in (csv_path, xlsx_path)}
    finally:
        tables.cap_cells, tables.check_workbook_zip = originals
    for suffix, label in ((".csv", "CSV 50,000 rows"), (".xlsx", "XLSX 20,000 rows")):
        print(
            f"reader limits, {label}: {guarded[suffix]:.2f} s vs {bare[suffix]:.2f} s without: "
            f"{guarded[suffix] / bare[suffix]:.2f}x (cap {limits.MAX_CELL_CHARS:,} chars)"
        )


if __name__ == "__main__":
    long_cells()
    with tempfile.TemporaryDirectory() as tmp:
        reader_overhead(Path(tmp))
