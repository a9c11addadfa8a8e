#!/usr/bin/env bash
# The JMH micro-benchmarks of the hot paths (src/jmh/java): serde, windowing, ONNX scoring at batch
# 1/8/64/256, threshold updates. See BENCHMARKS.md, "Micro-benchmarks (JMH)".
# Usage: bench/jmh.sh [JMH options and benchmark regexps]
#   no arguments: the whole suite with the settings of BENCHMARKS.md (-wi 3 -i 5 -f 1 -w 1s -r 1s)
#   otherwise the arguments go to JMH as they are, e.g. bench/jmh.sh ScoringBenchmark -p batch=64,
#   or bench/jmh.sh -h for JMH's options
set -euo pipefail
cd "$(dirname "$0")/.."
# The benchmarks are test sources (build-helper adds src/jmh/java), so test-compile builds them and
# JMH's annotation processor writes their harness and META-INF/BenchmarkList into target/test-classes.
mvn -B -q test-compile 1>&2
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh-cp.txt 1>&2
if [ "$#" -eq 0 ]; then
  set -- -wi 3 -i 5 -f 1 -w 1s -r 1s
fi
exec java -cp "target/test-classes:target/classes:$(cat target/jmh-cp.txt)" org.openjdk.jmh.Main "$@"
