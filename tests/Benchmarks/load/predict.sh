#!/usr/bin/env bash
# A predict load run against a running platform: wrk, one finance instance per request, with the
# deployment's API key. Prints requests/s and latency percentiles.
#   predict.sh <base-url> <deployment> <api-key> [connections=16] [seconds=10]
# The base URL is Inference's own address (what the service costs) or the gateway's (what a customer sees).
set -euo pipefail
base=$1 deployment=$2 key=$3 connections=${4:-16} seconds=${5:-10}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
export PREDICT_PATH="/api/deployments/$deployment/predict" API_KEY="$key"
threads=$(( connections < 2 ? connections : 2 ))
wrk -t"$threads" -c"$connections" -d"${seconds}s" -s "$(dirname "$0")/predict.lua" "$base"
