#!/usr/bin/env bash
# Whole-process benchmark: iea report against DuckDB and jq, as a user would run each, on the same page files.
#
#   benchmarks/whole-process.sh                       # 200k and 1M errors, 5 timed runs of each tool per corpus
#   SIZES="200000" RUNS=3 benchmarks/whole-process.sh # fewer
#   RUNS_LARGE=3 benchmarks/whole-process.sh          # 3 runs for corpora of 1M errors and more
#
# 1. Builds the CLI (Release) and benchmarks/ImportErrorAnalytics.Peers (Release), and runs `iea-peers selfcheck`:
#    DuckDB's SQL must answer as iea on hand-written edge cases before anything is timed.
# 2. Generates each corpus with the synthetic generator (`iea-peers generate`: seed 14, HubSpot's full 2026-03 record
#    shape, pages of 500, one compact JSON file per page, at most 50,000 errors per import file), once per generator
#    version (kept under WORK, default ${TMPDIR:-/tmp}/iea-whole-process).
# 3. Runs every tool once untimed (warms the page cache) and cross-checks: every aggregate of DuckDB's answers and
#    jq's error-type counts against iea's report (`iea-peers compare`).
# 4. Times RUNS rounds, each round iea, DuckDB, jq one after another (alternating, so machine load hits all three
#    alike), with /usr/bin/time (wall seconds, peak RSS), and cross-checks every timed run's answers too.
# 5. Prints medians, ratios and peak RSS. Exits non-zero on any difference between the answers.
#
# The tools, as timed:
#   iea:    IEA report --input DIR --out FILE      (IEA: this checkout published for linux-x64 as its tool package is
#           built, ReadyToRun with the tool's runtime settings; or set IEA=... to time another build or installed tool)
#   DuckDB: iea-peers duckdb --input DIR --out FILE (DuckDB 1.5 embedded through DuckDB.NET: read_json with an
#           explicit schema into a table, then every aggregate of the report in SQL, see DuckDb/ReportSql.cs)
#   jq:     jq -r '.results[].errorType' DIR/*.json | sort | uniq -c   (error types only; skipped when jq is absent)
set -euo pipefail
cd "$(dirname "$0")/.."

read -r -a sizes <<< "${SIZES:-200000 1000000}"
runs=${RUNS:-5}
runs_large=${RUNS_LARGE:-$runs}
work=${WORK:-${TMPDIR:-/tmp}/iea-whole-process}
mkdir -p "$work"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== build (Release)"
if [ -z "${IEA:-}" ]; then
  rm -rf "$work/iea-publish"
  dotnet publish src/ImportErrorAnalytics.Cli -c Release -r linux-x64 -v quiet -nologo -o "$work/iea-publish" > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 3; }
fi
dotnet build benchmarks/ImportErrorAnalytics.Peers -c Release -v quiet -nologo >> "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 3; }
iea=${IEA:-$work/iea-publish/iea}
peers=benchmarks/ImportErrorAnalytics.Peers/bin/Release/net10.0/linux-x64/iea-peers
timer=/usr/bin/time
[ -x "$timer" ] || { echo "whole-process: /usr/bin/time (GNU time) is needed" >&2; exit 3; }
have_jq=0
if command -v jq > /dev/null; then have_jq=1; else echo "whole-process: jq is not installed: its runs are skipped"; fi

echo "== selfcheck: DuckDB's SQL against iea on edge cases"
"$peers" selfcheck

# The generator's version: its sources. A corpus is regenerated when they change.
generator=$(cat src/ImportErrorAnalytics.Testing/*.cs benchmarks/ImportErrorAnalytics.Peers/Program.cs | sha256sum | cut -c1-16)

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# time_run NAME LOG -- command...: one timed run; appends "seconds peak-KB" to LOG.
time_run() {
  local log=$1; shift
  "$timer" -f '%e %M' -o "$work/time.out" "$@"
  cat "$work/time.out" >> "$log"
}

status=0
for size in "${sizes[@]}"; do
  dir=$work/pages-$size
  if [ "$(cat "$dir/.generator" 2> /dev/null)" != "$generator" ]; then
    echo "== generate $size errors into $dir"
    rm -rf "$dir"
    "$peers" generate --errors "$size" --page-size 500 --seed 14 --max-errors-per-file 50000 --out "$dir"
    echo "$generator" > "$dir/.generator"
  fi
  files=$(find "$dir" -name '*.json' | wc -l)
  mb=$(du -sm --apparent-size "$dir" | cut -f1)
  n=$runs
  [ "$size" -ge 1000000 ] && n=$runs_large

  echo "== $size errors: $files files, $mb MB; untimed pass and cross-check"
  out=$work/out-$size
  rm -rf "$out" && mkdir -p "$out"
  "$iea" report --input "$dir" --out "$out/iea-0.json"
  "$peers" duckdb --input "$dir" --out "$out/duckdb-0.json"
  jq_args=()
  if [ $have_jq = 1 ]; then
    jq -r '.results[].errorType' "$dir"/*.json | sort | uniq -c > "$out/jq-0.txt"
    jq_args=(--jq "$out/jq-0.txt")
  fi
  "$peers" compare --report "$out/iea-0.json" --duckdb "$out/duckdb-0.json" "${jq_args[@]}" || { status=1; continue; }

  rm -f "$out"/*.times
  for run in $(seq 1 "$n"); do
    time_run "$out/iea.times" "$iea" report --input "$dir" --out "$out/iea-$run.json"
    time_run "$out/duckdb.times" "$peers" duckdb --input "$dir" --out "$out/duckdb-$run.json"
    if [ $have_jq = 1 ]; then
      time_run "$out/jq.times" bash -c 'jq -r ".results[].errorType" "$1"/*.json | sort | uniq -c > "$2"' jq "$dir" "$out/jq-$run.txt"
    fi
    echo "   round $run: iea $(tail -1 "$out/iea.times" | cut -d' ' -f1) s, DuckDB $(tail -1 "$out/duckdb.times" | cut -d' ' -f1) s$([ $have_jq = 1 ] && echo ", jq $(tail -1 "$out/jq.times" | cut -d' ' -f1) s")"
  done
  for run in $(seq 1 "$n"); do
    jq_args=()
    [ $have_jq = 1 ] && jq_args=(--jq "$out/jq-$run.txt")
    "$peers" compare --report "$out/iea-$run.json" --duckdb "$out/duckdb-$run.json" "${jq_args[@]}" > /dev/null || { echo "whole-process: run $run's answers differ" >&2; status=1; }
  done

  iea_s=$(cut -d' ' -f1 "$out/iea.times" | median)
  duck_s=$(cut -d' ' -f1 "$out/duckdb.times" | median)
  iea_mb=$(cut -d' ' -f2 "$out/iea.times" | median | awk '{ printf "%.0f", $1 / 1024 }')
  duck_mb=$(cut -d' ' -f2 "$out/duckdb.times" | median | awk '{ printf "%.0f", $1 / 1024 }')
  echo "-- $size errors ($files files, $mb MB), medians of $n alternating runs:"
  printf '   %-8s %8s s   peak RSS %5s MB\n' iea "$iea_s" "$iea_mb" DuckDB "$duck_s" "$duck_mb"
  if [ $have_jq = 1 ]; then
    jq_s=$(cut -d' ' -f1 "$out/jq.times" | median)
    jq_mb=$(cut -d' ' -f2 "$out/jq.times" | median | awk '{ printf "%.0f", $1 / 1024 }')
    printf '   %-8s %8s s   peak RSS %5s MB (error types only)\n' jq "$jq_s" "$jq_mb"
  fi
  echo "   iea / DuckDB time: $(ratio "$iea_s" "$duck_s") (DuckDB / iea: $(ratio "$duck_s" "$iea_s"))"
  [ $have_jq = 1 ] && echo "   iea / jq time:     $(ratio "$iea_s" "$jq_s") (jq / iea: $(ratio "$jq_s" "$iea_s"))"
done

if [ $status -ne 0 ]; then
  echo "whole-process: the answers differ (see above): the timings compare different work" >&2
fi
exit $status
