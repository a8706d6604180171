#!/usr/bin/env bash
# LLM calls and prompt tokens per customer turn over 50 scripted conversations against a stub model (WireMock).
# Usage: bench/agent/run.sh        (from the repository root; builds the tools module offline, see tools/README.md)
set -euo pipefail
cd "$(dirname "$0")/../.."
exec tools/run.sh -Dai.djl.offline=true -DOPT_OUT_TRACKING=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dlogback.configurationFile=bench/agent/logback.xml \
    agent.AgentBench
