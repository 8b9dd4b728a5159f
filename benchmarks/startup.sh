#!/usr/bin/env bash
# Whole-process timings of `iea` (issue 14): start-up (`iea --version`), a report of one small page, and a report of
# 200,000 errors (1,000,000 more with BIG=1), as a user runs them.
#
# usage: benchmarks/startup.sh [LABEL=PATH_TO_IEA ...]
#
#   Each argument names an `iea` executable to time (an installed tool's `iea`, or a folder's `iea` from
#   `dotnet publish`). With none, this checkout is published for linux-x64 as its tool package is built (the native
#   `iea`, with the JIT build in `jit/`) into a temporary folder and timed alone. The executables run alternately,
#   RUNS times each (default 5); the script prints each one's median wall time, its ratio to the first one's, median CPU time (user + system: on a loaded
#   machine the steadier figure) and median peak memory (`/usr/bin/time`).
#   Each run's report goes to a file (`--out`), which is compared with the first executable's: the script stops when
#   two reports differ.
#
# Deterministic and offline: the corpora are written once by `write-pages` (SyntheticImport, seed 2026; pages of 500
# errors with row data and error messages, one file per page, about 0.9 KB per error) and kept in
# ${IEA_BENCH_DIR:-${TMPDIR:-/tmp}/iea-bench}. The machine's load average is printed before and after: on a shared
# machine read the ratios and medians, not single runs.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-5}
work=${IEA_BENCH_DIR:-${TMPDIR:-/tmp}/iea-bench}
mkdir -p "$work"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

corpus() { # name errors
  local dir="$work/$1"
  if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir"
    dotnet run -c Release --project benchmarks/ImportErrorAnalytics.Benchmarks -- write-pages --errors "$2" --page-size 500 --out "$dir" >&2
    touch "$dir/.complete"
  fi
  echo "$dir"
}

labels=()
paths=()
if [ $# -eq 0 ]; then
  rm -rf "$work/publish"
  dotnet publish src/ImportErrorAnalytics.Cli -c Release -r linux-x64 -o "$work/publish" >&2
  labels+=("this-checkout")
  paths+=("$work/publish/iea")
else
  for arg in "$@"; do
    labels+=("${arg%%=*}")
    paths+=("${arg#*=}")
  done
fi

small=$(corpus page-500 500)
medium=$(corpus errors-200k 200000)
cases=("version|--version" "one-page|report --input $small --out" "200k|report --input $medium --out")
if [ "${BIG:-0}" = 1 ]; then
  large=$(corpus errors-1m 1000000)
  cases+=("1m|report --input $large --out")
fi

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $runs runs each, alternating; $(nproc) cores"
printf '%-10s %-16s %12s %10s %12s %14s\n' case iea "median wall" ratio "median CPU" "median peak"
for case in "${cases[@]}"; do
  name=${case%%|*}
  args=${case#*|}
  declare -A walls=() rss=() cpus=()
  for ((run = 1; run <= runs; run++)); do
    for i in "${!paths[@]}"; do
      out=()
      if [[ $args == *"--out" ]]; then
        out=("$work/report-$i.json")
      fi
      # shellcheck disable=SC2086 # the case's arguments are words
      /usr/bin/time -o "$work/time.txt" -f '%e %M %U %S' "${paths[$i]}" $args "${out[@]}" > /dev/null 2> "$work/stderr-$i.txt" || {
        echo "${labels[$i]} failed on $name:" >&2
        cat "$work/stderr-$i.txt" >&2
        exit 1
      }
      measured=$(tail -n 1 "$work/time.txt")
      read -r wall_s peak_kb user_s system_s <<< "$measured"
      walls[$i]+="$wall_s "
      rss[$i]+="$peak_kb "
      cpus[$i]+="$(awk -v u="$user_s" -v s="$system_s" 'BEGIN { print u + s }') "
      if [ ${#out[@]} -gt 0 ] && [ "$i" -gt 0 ] && ! cmp -s "$work/report-0.json" "$work/report-$i.json"; then
        echo "the reports of ${labels[0]} and ${labels[$i]} differ on $name" >&2
        exit 1
      fi
    done
  done
  first=""
  for i in "${!paths[@]}"; do
    wall=$(tr ' ' '\n' <<< "${walls[$i]}" | grep . | median)
    peak=$(tr ' ' '\n' <<< "${rss[$i]}" | grep . | median)
    cpu=$(tr ' ' '\n' <<< "${cpus[$i]}" | grep . | median)
    first=${first:-$wall}
    printf '%-10s %-16s %10.3f s %9.2fx %10.3f s %11.1f MB\n' "$name" "${labels[$i]}" "$wall" "$(awk -v a="$wall" -v b="$first" 'BEGIN { print a / b }')" "$cpu" "$(awk -v k="$peak" 'BEGIN { print k / 1024 }')"
  done
  unset walls rss cpus
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
