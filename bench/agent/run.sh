#!/usr/bin/env bash
# LLM calls and prompt tokens per customer turn over 50 scripted conversations against a stub model (WireMock).
# Usage: bench/agent/run.sh        (from the repository root; builds plugin-core's test classes offline)
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -o -pl .,plugin-core test-compile
mvn -q -o -pl plugin-core dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
    -Dmdep.includeScope=test >/dev/null
CP="plugin-core/target/classes:plugin-core/target/test-classes:$(cat plugin-core/target/bench.classpath)"
exec java -cp "$CP" -Dai.djl.offline=true -DOPT_OUT_TRACKING=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dlogback.configurationFile=bench/agent/logback.xml \
    dev.baton.core.agent.bench.AgentBench
