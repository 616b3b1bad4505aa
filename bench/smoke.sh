#!/usr/bin/env bash
# Every benchmark at a tiny size, so that CI notices a benchmark that no longer runs. The figures mean nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_EVENTS=5000 BENCH_STORE_EVENTS=2000 BENCH_SUBJECTS=2000 BENCH_COLD_RUNS=1 BENCH_WARM_RUNS=5 \
  BENCH_KAFKA_EVENTS=5000 BENCH_TREND_EVENTS=5000 BENCH_TREND_SECONDS=1 BENCH_POLL_SECONDS=1 \
  BENCH_UTILITY_SIZES=300
node bench/run.js
