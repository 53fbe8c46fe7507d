#!/usr/bin/env bash
# End-to-end cost of Vigil in the Spring Boot demo (examples/demo-service).
#
# Usage: monitor-benchmarks/e2e.sh [load]          throughput and p99 with monitoring on vs off (about 10 minutes)
#        monitor-benchmarks/e2e.sh idle [minutes]  CPU of the idle demo: off, default intervals, demo intervals (default 10 minutes, plus 1 to start)
#
# load: starts the demo jar with monitoring on (its application.yml) and off (--monitor.enabled=false),
# one at a time, alternating which goes first in each round, and drives GET $ROUTE with wrk (installed
# from Debian's packages when missing). Each run warms up, then measures; the report gives the median
# over the rounds of requests per second and of the p99 latency, and the ratios on / off. On a machine
# with 2 or more cores the server is pinned to one core and wrk to another, so they do not steal each
# other's CPU. Each run is a fresh JVM, and runs of the same build differ by several percent, so the
# report also gives the ratio within each round (two runs next to each other) and its spread; read the
# spread before reading a difference of a percent or two. Output also goes to monitor-benchmarks/target/e2e.md.
# Environment: ROUNDS (5), DURATION (30s), WARMUP (20s), CONNECTIONS (16), ROUTE (/portal), SKIP_BUILD (1 to reuse the jars).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/.."
jar="$root/examples/demo-service/target/demo-service.jar"
mode="${1:-load}"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    (cd "$root" && mvn -B -q -pl examples/demo-service,monitor-benchmarks -am package -DskipTests >&2)
fi
mkdir -p "$here/target"

if [[ "$mode" == idle ]]; then
    java -cp "$here/target/benchmarks.jar" dev.vigil.benchmarks.idle.DemoIdleCost "$jar" "${2:-10}" | tee "$here/target/e2e-idle.md"
    exit 0
elif [[ "$mode" != load ]]; then
    echo "unknown mode '$mode' (load, idle)" >&2
    exit 2
fi

rounds="${ROUNDS:-5}"
duration="${DURATION:-30s}"
warmup="${WARMUP:-20s}"
connections="${CONNECTIONS:-16}"
route="${ROUTE:-/portal}"

need=()
command -v wrk > /dev/null || need+=(wrk)
command -v curl > /dev/null || need+=(curl)
if ((${#need[@]})); then
    echo "== installing ${need[*]} from Debian's packages" >&2
    sudo_cmd=()
    [[ $(id -u) == 0 ]] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${need[@]}" >&2
fi

server_cpu=()
client_cpu=()
wrk_threads=2
if (($(nproc) >= 2)) && command -v taskset > /dev/null; then
    server_cpu=(taskset -c 1)
    client_cpu=(taskset -c 0)
    wrk_threads=1
fi

free_port() {
    java -cp "$here/target/benchmarks.jar" dev.vigil.benchmarks.FreePort
}

server_pid=""
stop_server() {
    if [[ -n "$server_pid" ]]; then
        kill "$server_pid" 2> /dev/null || true
        wait "$server_pid" 2> /dev/null || true
        server_pid=""
    fi
}
trap stop_server EXIT

# to_ms VALUE: a wrk latency such as 812.00us, 1.25ms or 1.02s, in milliseconds
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0
        if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n *= 1; else if (v ~ /s$/) n *= 1000
        printf "%.3f", n }'
}

# run on|off: one server, warm-up, measurement; appends "mode rps p99ms" to $results
run() {
    local monitoring=$1 port args=()
    port=$(free_port)
    [[ $monitoring == off ]] && args+=(--monitor.enabled=false)
    "${server_cpu[@]}" java -Xms512m -Xmx512m -jar "$jar" --server.port="$port" \
        --management.server.port="$(free_port)" --logging.level.root=WARN "${args[@]}" \
        > "$here/target/e2e-server-$monitoring.log" 2>&1 &
    server_pid=$!
    local deadline=$((SECONDS + 120))
    until curl -fs -o /dev/null "http://127.0.0.1:$port$route"; do
        if ((SECONDS > deadline)) || ! kill -0 "$server_pid" 2> /dev/null; then
            echo "== the demo (monitoring $monitoring) did not start; see target/e2e-server-$monitoring.log" >&2
            exit 1
        fi
        sleep 0.5
    done
    "${client_cpu[@]}" wrk -t"$wrk_threads" -c"$connections" -d"$warmup" "http://127.0.0.1:$port$route" > /dev/null
    local out rps p99
    out=$("${client_cpu[@]}" wrk -t"$wrk_threads" -c"$connections" -d"$duration" --latency "http://127.0.0.1:$port$route")
    if grep -q "Non-2xx" <<< "$out"; then
        echo "$out" >&2
        echo "== non-2xx answers from $route (monitoring $monitoring)" >&2
        exit 1
    fi
    rps=$(awk '/^Requests\/sec:/ { print $2 }' <<< "$out")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<< "$out")")
    echo "$monitoring $rps $p99" >> "$results"
    printf '== round %d, monitoring %-3s: %10.1f requests/s, p99 %7.3f ms\n' "$round" "$monitoring" "$rps" "$p99" >&2
    stop_server
}

results="$here/target/e2e-runs.txt"
: > "$results"
for ((round = 1; round <= rounds; round++)); do
    if ((round % 2)); then
        run on
        run off
    else
        run off
        run on
    fi
done

# median MODE COLUMN
median() {
    awk -v m="$1" -v c="$2" '$1 == m { print $c }' "$results" | sort -g \
        | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# per round, the ratio on / off of COLUMN between the two runs of that round: "median min max"
round_ratios() {
    awk -v c="$1" '{ v[$1] = $c } NR % 2 == 0 { print v["on"] / v["off"] }' "$results" | sort -g \
        | awk '{ r[NR] = $1 } END { m = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
                                   printf "%.3f %.3f %.3f", m, r[1], r[NR] }'
}

on_rps=$(median on 2)
off_rps=$(median off 2)
on_p99=$(median on 3)
off_p99=$(median off 3)
{
    echo "| GET $route, $rounds rounds × $duration, $connections connections | monitoring off (median) | Vigil on (median) | on / off of the medians | on / off within a round: median (min - max) |"
    echo "|---|---:|---:|---:|---:|"
    read -r rps_median rps_min rps_max <<< "$(round_ratios 2)"
    read -r p99_median p99_min p99_max <<< "$(round_ratios 3)"
    awk -v on="$on_rps" -v off="$off_rps" -v m="$rps_median" -v lo="$rps_min" -v hi="$rps_max" \
        'BEGIN { printf "| requests per second | %.0f | %.0f | **%.3f** | %s (%s - %s) |\n", off, on, on / off, m, lo, hi }'
    awk -v on="$on_p99" -v off="$off_p99" -v m="$p99_median" -v lo="$p99_min" -v hi="$p99_max" \
        'BEGIN { printf "| p99 latency, ms | %.3f | %.3f | **%.3f** | %s (%s - %s) |\n", off, on, on / off, m, lo, hi }'
    echo
    echo "Every run (monitoring, requests/s, p99 ms): $(tr '\n' ';' < "$results" | sed 's/;$//; s/;/; /g')"
    echo "# $(date -u +%FT%TZ), $(nproc) cores, server ${server_cpu[*]:-unpinned}, wrk ${client_cpu[*]:-unpinned} -t$wrk_threads, $(java -version 2>&1 | head -n 1)"
} | tee "$here/target/e2e.md"
