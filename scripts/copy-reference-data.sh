#!/usr/bin/env bash
# Refreshes data/ from the shared reference folder that sits beside the repository.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
src="$here/../shared/data"
for f in seed-divisions-5places.json census-5places.json course-taxonomy.json indicators.csv; do
  cp "$src/$f" "$here/data/$f"
done
echo "copied reference data from $src"
