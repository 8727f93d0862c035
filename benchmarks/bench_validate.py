"""Validate a 100,000-row catalog: klisting vs frictionless on the same CSV, in the same run.

Prints wall time, rows per second and peak memory for each, and the speed ratio. The XLSX
version of the same catalog is timed too (klisting only: frictionless has no fast XLSX path).
Usage: python benchmarks/bench_validate.py [--rows N] [--runs R]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BIN, DATA, best_of  # noqa: E402

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


def make_rows(count: int) -> list[list[str]]:
    rng = random.Random(7)
    rows = []
    for i in range(count):
        title = " ".join(rng.sample(WORDS, 4)) + f" {rng.choice([50, 100, 500])}ml"
        price = f"{rng.randrange(5, 200) * 100:,}원" if i % 997 else "가격문의"  # a few bad prices
        rows.append(
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
    return rows


def write_files(count: int) -> tuple[Path, Path]:
    DATA.mkdir(exist_ok=True)
    csv_path, xlsx_path = DATA / f"catalog_{count}.csv", DATA / f"catalog_{count}.xlsx"
    if csv_path.exists() and xlsx_path.exists():
        return csv_path, xlsx_path
    rows = make_rows(count)
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("products")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(xlsx_path)
    return csv_path, xlsx_path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    csv_path, xlsx_path = write_files(args.rows)
    klisting = [str(BIN / "klisting"), "validate", "--format", "json"]
    # frictionless refuses absolute paths as "not safe": run it beside the file.
    frictionless = [str(BIN / "frictionless"), "validate", "--json", csv_path.name]
    rows_seen = f'"products": {args.rows}'

    k_csv, k_csv_mem = best_of(args.runs, [*klisting, str(csv_path)], expect=rows_seen)
    f_csv, f_csv_mem = best_of(
        args.runs, frictionless, cwd=csv_path.parent, ok_codes=(0,), expect=f'"rows": {args.rows}'
    )
    k_xlsx, k_xlsx_mem = best_of(args.runs, [*klisting, str(xlsx_path)], expect=rows_seen)

    rows = args.rows
    print(f"validate {rows:,} rows (best of {args.runs})")
    print(
        f"  klisting CSV      {k_csv:6.2f} s  {rows / k_csv:9,.0f} rows/s  peak {k_csv_mem:6.0f} MiB"
    )
    print(
        f"  frictionless CSV  {f_csv:6.2f} s  {rows / f_csv:9,.0f} rows/s  peak {f_csv_mem:6.0f} MiB"
    )
    print(
        f"  klisting XLSX     {k_xlsx:6.2f} s  {rows / k_xlsx:9,.0f} rows/s  peak {k_xlsx_mem:6.0f} MiB"
    )
    print(
        f"  ratio: klisting is {f_csv / k_csv:.1f}x faster than frictionless on the CSV (goal >= 3x)"
    )


if __name__ == "__main__":
    main()
