#!/usr/bin/env bash
# Runs one of the tools (see tools/README.md) from the repository root, after building the modules it needs
# (offline, compile only; nothing is installed). Java options go before the class, arguments after it:
#   tools/run.sh triage.TriageBench 20 tuned
#   tools/run.sh -Xmx2g triage.SentimentTrain --cv
set -euo pipefail
cd "$(dirname "$0")/.."
java_opts=()
while [ $# -gt 0 ] && [ "${1#-}" != "$1" ]; do java_opts+=("$1"); shift; done
if [ $# -eq 0 ]; then
  echo "usage: tools/run.sh [java options] agent.AgentBench|triage.TriageBench|triage.EvalMain|triage.SentimentTune|triage.SentimentTrain [args]" >&2
  exit 2
fi
main=$1; shift
cp_file="$PWD/tools/target/tools.classpath"
mkdir -p tools/target
mvn -q -o -pl tools -am compile dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime >/dev/null
exec java "${java_opts[@]+"${java_opts[@]}"}" -cp "tools/target/classes:$(cat "$cp_file")" "dev.baton.tools.$main" "$@"
