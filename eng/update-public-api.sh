#!/usr/bin/env bash
# Rewrites PublicAPI.Unshipped.txt of every library with a locked public API (src/Directory.Build.targets) from its
# public surface as it is now: run it after a deliberate change to the API, then review the diff of the .txt files.
# PublicAPI.Shipped.txt is left alone (on a release, move the Unshipped lines into it by hand).
#
#   bash eng/update-public-api.sh            # every library under src/ that has a PublicAPI.Shipped.txt
#   bash eng/update-public-api.sh src/X/X.csproj ...
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$#" -gt 0 ]; then
  projects=("$@")
else
  mapfile -t projects < <(for shipped in src/*/PublicAPI.Shipped.txt; do ls "$(dirname "$shipped")"/*.csproj; done)
fi

for project in "${projects[@]}"; do
  dir=$(dirname "$project")
  echo "== $project"
  # Start from the header alone, so symbols that are gone (RS0017) leave the file too; the code fix of RS0016 then
  # adds every public symbol (RS0037 adds the nullable header where it is missing).
  printf '#nullable enable\n' > "$dir/PublicAPI.Unshipped.txt"
  dotnet format analyzers "$project" --diagnostics RS0016 RS0037 --severity warn --verbosity quiet || true
  # Sorted, header first: the order the analyzer's own fixes keep, so diffs stay small.
  { head -n 1 "$dir/PublicAPI.Unshipped.txt"; tail -n +2 "$dir/PublicAPI.Unshipped.txt" | LC_ALL=C sort -u; } > "$dir/PublicAPI.Unshipped.txt.new"
  mv "$dir/PublicAPI.Unshipped.txt.new" "$dir/PublicAPI.Unshipped.txt"
done

# The build is the check: RS0016/RS0017 are errors under TreatWarningsAsErrors.
dotnet build ImportErrorAnalytics.sln --verbosity quiet
