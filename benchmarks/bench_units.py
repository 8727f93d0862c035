"""Benchmark: quantity extraction + conversion over generated Korean product titles.

klisting (one precompiled regex, factor table derived from pint, cached formatting) against a
naive baseline in the same run: a plain regex plus a fresh pint parse and conversion for every
match. Prints titles/s for both and the ratio. Run: .venv/bin/python benchmarks/bench_units.py [N]
"""

from __future__ import annotations

import random
import re
import sys
import time

from klisting.units.convert import convert_match
from klisting.units.extract import extract_quantities
from klisting.units.registry import ureg

TEMPLATES = [
    "[무료배송] 국내산 {food} {mass} 가정용", "제주 생수 {vol} x {n}병", "{brand} 스킨케어 토너 {vol} 대용량",
    "원목 수납박스 {l1}x{l2}x{l3}cm 화이트", "{brand} 러그 {l1} x {l2} cm 거실용", "비타민C {mg}mg x {n}정 {brand}",
    "유산균 {g}g x {n}포 2개월분", "모니터 받침대 가로 {l1}cm 세로 {l2}cm", "의자 높이 {l1}~{l2}cm 조절 가능",
    "{brand} 샴푸 {vol} 2개 SPF50+ 아님", "캠핑 텐트 {l1}x{l2}cm 무게 {kg}kg", "{food} {kg}kg 산지직송 {n}박스",
]  # fmt: skip
FOODS = ["사과", "감귤", "한우 등심", "고구마", "멸치", "현미", "귀리", "김치"]
BRANDS = ["라온", "모아", "하늘", "BRAND-X", "3M", "Nature"]


def make_titles(count: int, seed: int = 7) -> list[str]:
    """Realistic titles: values drawn from typical pack sizes plus random decimals."""
    rng = random.Random(seed)
    titles = []
    for _ in range(count):
        template = rng.choice(TEMPLATES)
        titles.append(template.format(
            food=rng.choice(FOODS), brand=rng.choice(BRANDS), n=rng.choice([2, 6, 10, 12, 20, 24, 30, 60, 100]),
            mass=rng.choice(["500g", "1kg", "1.5kg", "2kg", "3kg", "5kg", "10kg", f"{rng.randint(100, 3000)}g"]),
            vol=rng.choice(["150ml", "200ml", "500ml", "1L", "1.5L", "2L", f"{rng.randint(30, 2000)}ml"]),
            l1=rng.randint(10, 250), l2=rng.randint(10, 250), l3=rng.randint(5, 100), mg=rng.choice([500, 1000, 1200]),
            g=rng.choice(["1.5", "2", "3"]), kg=f"{rng.randint(1, 200) / 10:g}",
        ))  # fmt: skip
    return titles


def run_klisting(titles: list[str], market: str) -> int:
    converted = 0
    for title in titles:
        for match in extract_quantities(title):
            convert_match(match, market, keep_counts=True, context_text=title)
            converted += 1
    return converted


_NAIVE = re.compile(r"(\d+(?:\.\d+)?)\s*(kg|g|mg|ml|L|cm)\b")
_TARGET = {
    "kg": "pound",
    "g": "ounce",
    "mg": "milligram",
    "ml": "fluid_ounce",
    "L": "fluid_ounce",
    "cm": "inch",
}
_PINT_NAME = {
    "kg": "kilogram",
    "g": "gram",
    "mg": "milligram",
    "ml": "milliliter",
    "L": "liter",
    "cm": "centimeter",
}


def run_naive(titles: list[str]) -> int:
    """Baseline: regex, then a fresh pint parse of each match and a conversion, formatted."""
    registry = ureg()
    converted = 0
    for title in titles:
        for number, unit in _NAIVE.findall(title):
            quantity = registry(f"{number} {_PINT_NAME[unit]}")
            f"{quantity.to(_TARGET[unit]).magnitude:.3g}"
            converted += 1
    return converted


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    titles = make_titles(count)
    run_klisting(titles[:200], "us")  # load the registry and caches outside the timing
    run_naive(titles[:200])
    ours, ours_wall, ours_cpu = _timed(run_klisting, titles, "us")
    theirs, naive_wall, naive_cpu = _timed(run_naive, titles)
    print(
        f"titles: {count:,} (wall clock and process CPU time; CPU time is steadier on a busy machine)"
    )
    print(
        f"klisting: {ours:,} quantities, wall {ours_wall:.2f} s = {count / ours_wall:,.0f} titles/s, "
        f"CPU {ours_cpu:.2f} s = {count / ours_cpu:,.0f} titles/s"
    )
    print(
        f"naive regex + pint parse: {theirs:,} quantities, wall {naive_wall:.2f} s = {count / naive_wall:,.0f} titles/s, "
        f"CPU {naive_cpu:.2f} s = {count / naive_cpu:,.0f} titles/s"
    )
    print(
        f"ratio: {naive_wall / ours_wall:.1f}x (wall), {naive_cpu / ours_cpu:.1f}x (CPU); goal >= 5x and >= 50,000 titles/s"
    )


def _timed(function, *args):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return result, time.perf_counter() - wall, time.process_time() - cpu


if __name__ == "__main__":
    main()
