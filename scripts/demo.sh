#!/usr/bin/env bash
# The demo: what klisting sees in the bundled sample catalogs, and what validation finds.
set -uo pipefail
cd "$(dirname "$0")/.."
K=.venv/bin/klisting
for catalog in sample_catalogs/smartstore_products.xlsx sample_catalogs/wing_products.csv sample_catalogs/catalog.json; do
  echo "== klisting inspect $catalog"
  $K inspect "$catalog" --rows 1 || exit $?
done
for catalog in sample_catalogs/smartstore_products.xlsx sample_catalogs/wing_products.csv sample_catalogs/catalog.json; do
  echo "== klisting validate $catalog --target shopee:tw --target amazon:us"
  $K validate "$catalog" --target shopee:tw --target amazon:us
  status=$?; [ $status -le 1 ] || exit $status
done
echo "== klisting validate sample_catalogs/broken_catalog.csv (a catalog with mistakes on purpose)"
$K validate sample_catalogs/broken_catalog.csv
status=$?; [ $status -le 1 ] || exit $status
exit 0
