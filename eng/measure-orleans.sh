#!/usr/bin/env bash
# Issue 17 §5's figures: the sample fleet on 1, 2 and 3 iea-silo processes on PostgreSQL against fake HubSpot servers.
# For 2, ACCOUNTS and twice ACCOUNTS accounts (no kill) it prints per run the imports per minute, PostgreSQL rows written
# per page (pg_stat_user_tables, n_tup_ins + n_tup_upd per iea_* table) and each account's most requests in 10 s; then,
# on 2 and 3 processes, the time from a kill -9 of the busiest silo to each of its imports' next page answered.
#
#   bash eng/measure-orleans.sh [ACCOUNTS] [IMPORTS] [ERRORS] [BUDGET] [KILL_AFTER_SECONDS]
#   (defaults 4 2 3000 50 8)
#
# Needs IEA_POSTGRES (a database the role may create tables in), or runs .ci/postgres (as root) and uses a database
# iea_measure of the test role. Each run uses a service id of its own, so runs do not see each other's state.
set -euo pipefail
cd "$(dirname "$0")/.."

accounts=${1:-4} imports=${2:-2} errors=${3:-3000} budget=${4:-50} kill_after=${5:-8}

if [ -z "${IEA_POSTGRES:-}" ]; then
  eval "$(bash .ci/postgres)"
  runuser -u postgres -- psql -qc "CREATE DATABASE iea_measure OWNER iea_test" 2>/dev/null || true
  IEA_POSTGRES=$(printf '%s' "$IEA_TEST_POSTGRES" | sed 's/Database=[^;]*/Database=iea_measure/')
  export IEA_POSTGRES
fi

dotnet build samples/OrleansFleet -c Release -v q -nologo >/dev/null
sample=samples/OrleansFleet/bin/Release/net10.0/OrleansFleet.dll

# Throughput: budget-bound, so it should grow with the accounts and not with the silo processes. No kill here.
for n in 2 "$accounts" $((accounts * 2)); do
  for processes in 1 2 3; do
    echo "== dotnet $sample --processes $processes --accounts $n --imports $imports --errors $errors --budget $budget"
    dotnet "$sample" --processes "$processes" --accounts "$n" --imports "$imports" --errors "$errors" --budget "$budget" \
      | grep -E '^(measure:|  kill -9)|at most'
  done
done

# Resume after kill -9 of the busiest silo, on 2 and 3 processes.
for processes in 2 3; do
  echo "== dotnet $sample --processes $processes --accounts $accounts --imports $imports --errors $errors --budget $budget --kill-after $kill_after"
  dotnet "$sample" --processes "$processes" --accounts "$accounts" --imports "$imports" --errors "$errors" --budget "$budget" --kill-after "$kill_after" \
    | grep -E '^(measure:|  kill -9)|at most'
done
