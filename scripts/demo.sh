#!/usr/bin/env bash
# The demo: inspect and validate a sample catalog, then `klisting run` it for nine targets with
# the offline defaults, and print where the bundles and their reports are.
set -uo pipefail
cd "$(dirname "$0")/.."
K=.venv/bin/klisting
CATALOG=sample_catalogs/catalog.json
TARGETS=(shopify:us amazon:us shopee:tw lazada:sg coupang-tw:tw alibaba:global daraz:pk miravia:es qoo10:jp)

echo "== klisting inspect $CATALOG"
$K inspect "$CATALOG" --rows 1 || exit $?

echo "== klisting validate $CATALOG --target shopee:tw --target amazon:us"
$K validate "$CATALOG" --target shopee:tw --target amazon:us
status=$?; [ $status -le 1 ] || exit $status

# A demo project file: the seller profile that exports need (Miravia and Amazon EU ask for an
# EU responsible person under GPSR). An agency keeps one of these per client.
DEMO=bundles/demo
mkdir -p "$DEMO"
cat > "$DEMO/klisting.yaml" <<YAML
# klisting demo project (written by scripts/demo.sh)
version: 1
catalog: $(pwd)/$CATALOG
targets: [$(IFS=,; echo "${TARGETS[*]}")]
engine: auto
output_dir: out
work_dir: $(pwd)/.klisting/demo
seller:
  business_name_ko: 하루담
  business_name_en: Harudam
  email: export@harudam.example
  brands: [{name: 하루담}, {name: 산들농원}]
  eu_responsible_person:
    name: Demo EU Representative GmbH
    email: gpsr@eu-rep.example
    address: {line1: Musterstrasse 1, city: Berlin, postal_code: "10115", country: DE}
YAML

# The offline engine alone gives draft text, and the platform gates refuse listings that still
# hold Korean. A seller fixes that by reviewing the drafts (`klisting translate --review`) or by
# installing a model; the demo applies the reviewed sheets shipped in sample_catalogs/reviewed/
# (the seller's translator filled their "final" column) into the project's translation memory.
for lang in en zh-Hant ja es; do
  echo "== klisting translate $CATALOG --to $lang --apply-review sample_catalogs/reviewed/catalog_$lang.xlsx"
  $K translate "$CATALOG" --to "$lang" --work-dir "$(pwd)/.klisting/demo" \
    --apply-review "sample_catalogs/reviewed/catalog_$lang.xlsx" -o "$DEMO/reviewed_$lang.jsonl" || exit $?
done

echo "== klisting run -c $DEMO/klisting.yaml   (targets: ${TARGETS[*]})"
$K run -c "$DEMO/klisting.yaml"
status=$?
# exit 1 = some products were refused by a platform's rules (listed above, and in each report.html)
[ $status -le 1 ] || exit $status

echo
echo "== bundles (folder + zip per target), each with manifest.json and report.html:"
for target in "${TARGETS[@]}"; do
  folder="$DEMO/out/${target/:/-}"
  [ -d "$folder" ] && echo "   $folder/   report: $folder/report.html   zip: $folder.zip"
done
echo "   a rerun finishes from the cache in .klisting/demo: run 'make demo' again to see"
exit 0
