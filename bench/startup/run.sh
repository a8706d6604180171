#!/usr/bin/env bash
# Start-up time to healthy with an unchanged index, as an operator runs Baton.
# Usage (from the repository root): bench/startup/run.sh [runs=5] [command...]
#   command defaults to ./baton (the script: class-data archive included); for a jar without it, e.g.
#   bench/startup/run.sh 5 java -Xmx1g -jar /path/to/baton.jar
# In an empty temporary folder (bundled example config, port 8080): `index` once, then per run `serve`, polling
# /healthz every 50 ms; prints the wall time from launch to the first 200, the JVM's CPU time (user + system) at
# that moment and the load average, then stops it (SIGTERM) and prints the medians.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
shift || true
if [ $# -eq 0 ]; then set -- "$PWD/baton"; fi
work=$(mktemp -d /tmp/baton-startup-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$@" index >/dev/null 2>&1
tck=$(getconf CLK_TCK)
walls=(); cpus=()
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  "$@" serve >serve.log 2>&1 &
  pid=$!
  until curl -sf localhost:8080/healthz >/dev/null 2>&1; do
    sleep 0.05
    kill -0 "$pid" 2>/dev/null || { cat serve.log; exit 1; }
  done
  end=$(date +%s%N)
  cpu=$(awk -v t="$tck" '{print int(($14 + $15) * 1000 / t)}' "/proc/$pid/stat")
  wall=$(( (end - start) / 1000000 ))
  walls+=("$wall"); cpus+=("$cpu")
  echo "run $i: healthy after ${wall} ms, CPU ${cpu} ms, load $(cut -d' ' -f1 /proc/loadavg)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
echo "median: healthy after $(median "${walls[@]}") ms, CPU $(median "${cpus[@]}") ms"
