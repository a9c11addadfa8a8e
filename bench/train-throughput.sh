#!/usr/bin/env bash
# Training throughput of the Java trainer (dense 64-32-8-32-64 or a conv autoencoder, batch 256, Adam,
# one thread), in samples per CPU-second; one JSON line per repetition. See BENCHMARKS.md.
# Usage: bench/train-throughput.sh [repetitions] [dense|conv] [epochs warmup trainRows seed]
set -euo pipefail
cd "$(dirname "$0")/.."
reps="${1:-3}"
shift || true
# Maven output goes to stderr so stdout holds only the JSON lines.
mvn -B -o -q test-compile 1>&2
mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt 1>&2
for ((i = 1; i <= reps; i++)); do
  # Serial GC: no parallel collector threads beside the one measured; the heap is tiny anyway.
  java -XX:+UseSerialGC -Xms256m -Xmx256m \
    -cp "target/test-classes:target/classes:$(cat target/bench-cp.txt)" \
    io.latentwatch.bench.TrainingThroughputBench "$@"
done
