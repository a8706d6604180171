#!/usr/bin/env bash
# Knowledge benchmarks. Usage (from the repository root):
#   bench/knowledge/run.sh eval                 # ATEC retrieval eval (hybrid / BM25 / dense), ~2 min
#   bench/knowledge/run.sh scale [multiplier]   # synthetic N× knowledge base: build rate, heap, latency, watcher (default 10)
#   bench/knowledge/run.sh scale 10 --reuse     # same, reopening the previous run's index (steady-state latency)
#   bench/knowledge/run.sh sweep                # fusion lab: dump embeddings, then python3 bench/knowledge/fusion_lab.py
# DATA defaults to ../shared/data/retrieval-atec (never copied into the repository).
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${DATA:-../shared/data/retrieval-atec}
WORK=${WORK:-/tmp/baton-knowledge-bench}
mvn -q -o -pl knowledge compile dependency:build-classpath -Dmdep.outputFile="$WORK.cp" -Dmdep.includeScope=test >/dev/null
CP="knowledge/target/classes:$(cat "$WORK.cp")"
mkdir -p "$WORK/classes"
javac -nowarn -d "$WORK/classes" -cp "$CP" bench/knowledge/*.java
CP="$WORK/classes:$CP"
case "${1:-eval}" in
  eval)  java -Xmx2g -cp "$CP" dev.baton.knowledge.eval.RetrievalEvalMain "$DATA/knowledge" "$DATA/cases.jsonl" --json ;;
  scale) java -Xmx2g -cp "$CP" KnowledgeBench "$DATA/knowledge/faq.csv" "$DATA/cases.jsonl" "${2:-10}" "$WORK/scale" ${3:-} ;;
  sweep) java -Xmx2g -cp "$CP" EmbeddingDump "$DATA/knowledge/faq.csv" "$DATA/cases.jsonl" "$WORK/sweep-index" "$WORK/lab"
         python3 bench/knowledge/fusion_lab.py "$WORK/lab" ;;
  *) echo "usage: $0 eval|scale [multiplier]|sweep" >&2; exit 2 ;;
esac
