"""Benchmark: `klisting readiness` catalog checks vs a naive per-rule keyword scan.

Generates a synthetic Korean catalog (categories, titles, barcodes, some battery products),
then times ``check_project`` over three targets against a naive baseline that, for every rule
and product, tries each group keyword with its own regex (what a first implementation does).
Both must agree on which products each rule flags. Prints products/second and the ratio.

Run: .venv/bin/python benchmarks/bench_readiness.py [PRODUCTS]
"""

from __future__ import annotations

import csv
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from klisting.catalog import read_catalog
from klisting.markets.targets import parse_targets
from klisting.onboarding.groups import GroupIndex
from klisting.onboarding.readiness import check_project
from klisting.onboarding.rules import groups, rules_for
from klisting.project import ProjectConfig

CATEGORIES = [
    "뷰티>스킨케어>크림",
    "식품>과자",
    "의류>상의",
    "디지털>블루투스 이어폰",
    "생활>주방",
    "완구>블록",
]
TITLES = [
    "수분 크림 50ml",
    "버터 쿠키 선물세트",
    "면 티셔츠",
    "무선 이어폰",
    "스텐 냄비 20cm",
    "어린이 블록 100pcs",
]
TARGETS = ["amazon:de", "shopee:tw", "amazon:us"]


def make_catalog(path: Path, count: int) -> None:
    rng = random.Random(7)
    rows = [["상품코드", "상품명", "판매가", "카테고리", "바코드", "batteries_included"]]
    for index in range(count):
        kind = rng.randrange(len(CATEGORIES))
        battery = "lithium-ion" if kind == 3 and index % 2 else ""
        rows.append(
            [
                f"S{index}",
                f"{TITLES[kind]} {index}",
                "10000",
                CATEGORIES[kind],
                "8801234567893",
                battery,
            ]
        )
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


def naive_flags(products, rule_groups: list[str]) -> set[int]:
    """Rows whose text matches any keyword of the groups, one regex per keyword and product."""
    table = groups()
    flagged: set[int] = set()
    for product in products:
        text = " ".join((product.category, product.title, *product.attributes)).lower()
        for group in rule_groups:
            for word in table.get(group, []):
                pattern = (
                    rf"(?<![a-z0-9]){re.escape(word.lower())}(?![a-z0-9])"
                    if word.isascii()
                    else re.escape(word)
                )
                if re.search(pattern, text):
                    flagged.add(product.row)
    return flagged


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "catalog.csv"
        make_catalog(path, count)
        catalog = read_catalog(path)
    project = ProjectConfig.model_validate({"seller": {"business_name_ko": "벤치"}})
    targets = parse_targets(TARGETS)
    check_project(project, targets[:1])  # warm caches (fc-list, tesseract probes, rules)

    start = time.perf_counter()
    items = check_project(project, targets, catalog)
    fast = time.perf_counter() - start

    group_rules = [
        rule
        for target in targets
        for rule in rules_for(target.platform.name)
        if rule.groups and rule.applies_to(target.market)
    ]
    start = time.perf_counter()
    naive = [naive_flags(catalog.products, rule.groups) for rule in group_rules]
    slow = time.perf_counter() - start

    index = GroupIndex(catalog.products)
    ours = [{match.row for match in index.matching(rule.groups)} for rule in group_rules]
    agree = sum(a == b for a, b in zip(ours, naive, strict=True))
    print(
        f"products: {count}, targets: {len(targets)}, group rules: {len(group_rules)}, items: {len(items)}"
    )
    print(
        f"klisting readiness: {fast:.2f} s ({count * len(targets) / fast:,.0f} product-targets/s)"
    )
    print(
        f"naive keyword scan: {slow:.2f} s ({count * len(targets) / slow:,.0f} product-targets/s)"
    )
    print(
        f"speed-up: {slow / fast:.1f}x; rules with identical flagged rows: {agree}/{len(group_rules)}"
    )


if __name__ == "__main__":
    main()
