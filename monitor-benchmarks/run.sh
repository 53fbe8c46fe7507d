#!/usr/bin/env bash
# Builds the JMH uber-jar and runs Vigil's benchmarks, then prints one Markdown table per benchmark
# (score, error, bytes allocated per operation, ratio to the baseline variant), also written to
# monitor-benchmarks/target/benchmarks.md. Raw results: target/jmh-<name>.json, logs: target/jmh-<name>.log.
#
# Usage: monitor-benchmarks/run.sh [name...]
#   names: jdbc-stub jdbc-h2 filter filter-http alert alert-store store-write history ingest footprint
#          (default: all of these, about 35 minutes on 2 cores), and store-request (not in the default: about
#          10 minutes), the filter and JDBC wrapper benchmarks with a Monitor on the memory store and on the JDBC store
# Environment:
#   JMH_OPTS    run settings, default "-f 1 -wi 3 -w 2s -i 5 -r 2s" (sized for a 2-core machine);
#               a smoke run: JMH_OPTS="-f 1 -wi 1 -w 1s -i 1 -r 1s"
#   STORE_OPTS  run settings of alert-store and store-write, default "-f 1 -wi 6 -w 5s -i 5 -r 3s": the JDBC
#               stores (H2, the PostgreSQL driver, Jackson) need about 30 s of warm-up here before they settle
#   SKIP_BUILD  1 to reuse target/benchmarks.jar
# Numbers are only comparable within one run on a quiet machine: stop other builds first.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/.."
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    mvn -B -q -pl monitor-benchmarks -am package -DskipTests >&2
fi
cd "$here"

jar=target/benchmarks.jar
read -r -a opts <<< "${JMH_OPTS:--f 1 -wi 3 -w 2s -i 5 -r 2s}"
read -r -a store_opts <<< "${STORE_OPTS:--f 1 -wi 6 -w 5s -i 5 -r 3s}"
names=("$@")
if ((${#names[@]} == 0)); then
    names=(jdbc-stub jdbc-h2 filter filter-http alert alert-store store-write history ingest footprint)
fi

results=()
footprint=""

# run NAME CLASS [jmh options...]: one benchmark class with the settings in $settings, failing on the first
# benchmark error.
run() {
    local name=$1 class=$2
    shift 2
    echo "== $name ($class): log in target/jmh-$name.log" >&2
    if ! java -jar "$jar" "\\.$class\\." "${settings[@]}" -foe true -jvmArgsAppend "-Xms2g -Xmx2g" "$@" \
            -rf json -rff "target/jmh-$name.json" > "target/jmh-$name.log" 2>&1; then
        tail -n 40 "target/jmh-$name.log" >&2
        echo "== $name failed" >&2
        exit 1
    fi
    results+=("target/jmh-$name.json")
}

mkdir -p target
for name in "${names[@]}"; do
    settings=("${opts[@]}")
    case "$name" in
        jdbc-stub) run jdbc-stub JdbcStubBenchmark -prof gc ;;
        jdbc-h2) run jdbc-h2 JdbcRoundTripBenchmark -prof gc ;;
        filter) run filter RequestFilterBenchmark -prof gc ;;
        filter-http) run filter-http RequestFilterHttpBenchmark -prof gc ;;
        alert) run alert AlertEngineBenchmark -prof gc ;;
        alert-store)
            settings=("${store_opts[@]}")
            run alert-store AlertEngineStoreBenchmark -prof gc
            ;;
        store-write)
            settings=("${store_opts[@]}")
            run store-write StoreWriteBenchmark -prof gc
            ;;
        store-request)
            monitored="none,vigil,vigil-memory-store,vigil-jdbc-store"
            run filter-store RequestFilterBenchmark -p variant="$monitored" -prof gc
            run jdbc-stub-store JdbcStubBenchmark -p variant="${monitored/none/raw}" -prof gc
            run jdbc-h2-store JdbcRoundTripBenchmark -p variant="${monitored/none/raw}" -prof gc
            ;;
        history) run history HistoryStoreBenchmark -prof gc ;;
        ingest) run ingest ErrorIngestBenchmark -prof gc ;;
        footprint)
            echo "== footprint (HistoryFootprint)" >&2
            footprint="$(java -Djdk.attach.allowAttachSelf=true -Xmx2g -cp "$jar" dev.vigil.benchmarks.metrics.HistoryFootprint)"
            ;;
        *)
            echo "unknown benchmark '$name' (jdbc-stub jdbc-h2 filter filter-http alert alert-store store-write history ingest footprint store-request)" >&2
            exit 2
            ;;
    esac
done

{
    if ((${#results[@]})); then
        java -cp "$jar" dev.vigil.benchmarks.Summary "${results[@]}"
    fi
    if [[ -n "$footprint" ]]; then
        echo "$footprint"
    fi
} | tee target/benchmarks.md
