"""Benchmark: wrong facts in exported listings, klisting vs a word-by-word termbase lookup.

A Smartstore catalog is generated (fact_corpus.py: fashion, food, cosmetics, electronics,
furniture; negations written many ways, lists, seller mistakes), ``klisting run`` exports it
text-only for amazon:us, shopee:tw, qoo10:jp and miravia:es with the offline glossary engine,
and the oracle (fact_oracle.py, written apart from klisting, conversions checked with pint)
compares every exported title, description and option value with its source: numbers missing
or added, wrong conversions, units lost, temperatures, negations lost or added, sizes,
certifications, battery declarations. ``klisting units scan`` output is checked the same way.

Baseline in the same run: every product's fields translated word by word with the bundled
termbase (particles stripped, no guard, no unit handling), as a lookup tool would, scored by
the same oracle. Products klisting refuses or leaves in Korean are not wrong facts: they go to
review; the number of fields with Korean left is printed beside.

Usage: python benchmarks/bench_facts.py [--rows 300] [--seed 7] [--show 5] [--src OLD/src]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fact_corpus import generate, write_csv  # noqa: E402
from fact_oracle import (  # noqa: E402
    TAG,
    Exported,
    Score,
    number_problems,
    read_bundles,
    read_source,
    score_exports,
)

ROOT = Path(__file__).resolve().parents[1]
TARGETS = ["amazon:us", "shopee:tw", "qoo10:jp", "miravia:es"]
LANGS = {"amazon:us": "en", "shopee:tw": "zh-Hant", "qoo10:jp": "ja", "miravia:es": "es"}


#: the klisting source measured (--src: e.g. an older checkout, for before/after figures)
SRC_IN_USE = [ROOT / "src"]


def klisting(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC_IN_USE[0])}
    command = [sys.executable, "-c", "from klisting.cli.app import main; main()", *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def run_klisting(work: Path, catalog: Path) -> Path:
    init = klisting(
        "init", "proj", "--no-input", "--name", "한빛상사", "--name-en", "Hanbit Trading",
        "--brn", "220-81-62517", "--email", "shop@hanbit.kr", "--phone", "02-123-4567",
        *[a for t in TARGETS for a in ("--target", t)],
        "--eu-rp-name", "EU Rep GmbH", "--eu-rp-address", "Hauptstr. 1, 10115 Berlin",
        "--eu-rp-country", "DE", "--eu-rp-email", "rp@eurep.de", cwd=work,
    )  # fmt: skip
    if init.returncode != 0:
        raise SystemExit(f"klisting init failed: {init.stderr[-2000:]}")
    targets = [a for t in TARGETS for a in ("-t", t)]
    result = klisting(
        "run", str(catalog), "-c", "proj/klisting.yaml", *targets, "--no-images",
        "-o", "bundles", "--work-dir", "work", cwd=work,
    )  # fmt: skip
    if result.returncode not in (0, 1) or not (work / "bundles").is_dir():
        raise SystemExit(f"klisting run failed ({result.returncode}): {result.stderr[-2000:]}")
    return work / "bundles"


def score_scan(work: Path, catalog: Path, score: Score) -> None:
    """``klisting units scan`` per market: each converted field against its source."""
    for market, lang in (("us", "en"), ("es", "es")):
        scan = klisting("units", "scan", str(catalog), "-m", market, "-f", "json", cwd=work)
        for product in json.loads(scan.stdout)["products"]:
            for field in product["fields"]:
                score.fields += 1
                where = f"units scan {market} {product['sku']} {field['field']}"
                for problem in number_problems(
                    TAG.sub(" ", field["source"]), TAG.sub(" ", field["converted"]), lang
                ):
                    score.add(problem.split(":")[0], f"{where}: {problem}")


def naive_exports(catalog: Path) -> list[Exported]:
    """Every product in every target language, word by word through the termbase."""
    sys.path.insert(0, str(ROOT / "src"))
    from klisting.translate.termbase import load_termbase

    termbase = load_termbase()
    source = read_source(catalog)
    out = []
    for target in TARGETS:
        lang = LANGS[target]
        for sku, product in source.items():
            paragraphs = re.findall(r"<p>(.*?)</p>", product.description) or [product.description]
            description = "".join(f"<p>{_naive(p, lang, termbase)}</p>" for p in paragraphs)
            item = Exported(target, lang, sku, _naive(product.title, lang, termbase), description)
            for axis, values in product.axes:
                item.options += [(axis, v, _naive(v, lang, termbase)) for v in values]
            out.append(item)
    return out


def _naive(text: str, lang: str, termbase) -> str:  # type: ignore[no-untyped-def]
    words = []
    for word in text.split():
        bare = re.sub(r"(을|를|이|가|은|는|에|의|입니다|합니다)$", "", word)
        term = termbase.lookup(bare) or termbase.lookup(word)
        words.append((term.get(lang) or term.get("en")) if term else word)
    return " ".join(w for w in words if w)


def report(name: str, score: Score, show: int) -> None:
    print(
        f"{name}: wrong facts: {score.wrong_fields} of {score.fields} fields "
        f"({score.wrong_fields / max(score.fields, 1):.2%}); Korean left in {score.korean_left}"
    )
    for kind, items in sorted(score.wrong.items(), key=lambda kv: -len(kv[1])):
        print(f"   {kind}: {len(items)}")
        for where in list(dict.fromkeys(items))[:show]:
            print(f"      {where}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=3, help="examples printed per kind")
    parser.add_argument(
        "--src", type=Path, default=ROOT / "src", help="klisting source folder to measure"
    )
    args = parser.parse_args()
    SRC_IN_USE[0] = args.src.resolve()
    work = Path(tempfile.mkdtemp(prefix="bench-facts-"))
    try:
        catalog = write_csv(work / "catalog.csv", generate(args.rows, args.seed))
        start = time.perf_counter()
        bundles = run_klisting(work, catalog)
        seconds = time.perf_counter() - start
        source = read_source(catalog)
        ours = score_exports(source, read_bundles(bundles, source))
        score_scan(work, catalog, ours)
        theirs = score_exports(source, naive_exports(catalog))
        print(
            f"{args.rows} generated products, {len(TARGETS)} targets, klisting run {seconds:.1f} s"
        )
        report("klisting", ours, args.show)
        report("naive termbase lookup", theirs, args.show)
        ours_rate = ours.wrong_fields / max(ours.fields, 1)
        theirs_rate = theirs.wrong_fields / max(theirs.fields, 1)
        if not ours_rate:
            ratio = f"none wrong vs {theirs.wrong_fields}"
        elif ours_rate <= theirs_rate:
            ratio = f"{theirs_rate / ours_rate:.1f}x fewer"
        else:
            ratio = f"{ours_rate / theirs_rate:.1f}x MORE"
        print(f"wrong-fact rate, klisting vs naive: {ours_rate:.2%} vs {theirs_rate:.2%}: {ratio}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if ours.wrong_fields:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
