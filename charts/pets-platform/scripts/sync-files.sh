#!/usr/bin/env bash
# Refreshes the chart's copies of files that live elsewhere in the repository. Helm can only
# read files inside the chart, so the chart carries copies:
#   k6/*.js, k6/lib/*.js        -> files/k6/       (the bench Job's scripts)
#   docker/nginx/upstream.conf  -> files/nginx/nginx.conf
#   docker/nginx/index.html     -> files/nginx/index.html
# charts/pets-platform/tests/files-sync.spec.ts fails while a copy differs from its source.
# With no k6 script yet, files/k6/ gets a placeholder bench.js that fails loudly when run.
set -euo pipefail
chart="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo="$(cd "$chart/../.." && pwd)"

# --- k6: an exact mirror of the *.js files (type declarations and tests stay behind)
rm -rf "$chart/files/k6"
mkdir -p "$chart/files/k6"
shopt -s nullglob
copied=0
for src in "$repo"/k6/*.js "$repo"/k6/lib/*.js; do
  rel="${src#"$repo/k6/"}"
  mkdir -p "$chart/files/k6/$(dirname "$rel")"
  cp "$src" "$chart/files/k6/$rel"
  copied=$((copied + 1))
done
if [[ $copied -eq 0 ]]; then
  cat > "$chart/files/k6/bench.js" <<'JS'
// placeholder: k6/ had no scripts when charts/pets-platform/scripts/sync-files.sh last ran.
export default function () {
  throw new Error('k6/bench.js was not synced into the chart: run charts/pets-platform/scripts/sync-files.sh');
}
JS
fi

# --- nginx upstream
mkdir -p "$chart/files/nginx"
cp "$repo/docker/nginx/upstream.conf" "$chart/files/nginx/nginx.conf"
cp "$repo/docker/nginx/index.html" "$chart/files/nginx/index.html"

echo "synced $copied k6 script(s) and the nginx files into ${chart#"$repo/"}/files"
