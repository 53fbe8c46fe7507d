package dev.vigil.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns JMH's JSON results ({@code -rf json}) into one Markdown table per benchmark class: score,
 * error, bytes allocated per operation (when run with {@code -prof gc}) and, for benchmarks with a
 * {@code variant} parameter, each variant against the baseline ({@code raw}, {@code none} or {@code memory}) measured
 * with the same other parameters in the same run: the ratio of the scores, and what the variant adds
 * in time and bytes (the clearer figure when the baseline itself is a few nanoseconds).
 *
 * <pre>{@code java -cp target/benchmarks.jar dev.vigil.benchmarks.Summary target/jmh-*.json}</pre>
 */
public final class Summary {

    /** Values of the {@code variant} parameter that the others are compared to (the memory store for the stores). */
    static final Set<String> BASELINES = Set.of("raw", "none", "memory");

    /** Budgets stated for benchmarks that have one, by benchmark method. */
    static final Map<String, String> TARGETS = Map.of(
            "AlertEngineBenchmark.evaluate", "<= 10 ms",
            "AlertEngineStoreBenchmark.evaluate", "<= 10 ms",
            "HistoryStoreBenchmark.chart", "<= 5 ms",
            "ErrorIngestBenchmark.ingest", "p99 < 100 ms");

    private Summary() {
    }

    /** Prints the tables of the given result files, in order. */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: Summary <jmh-result.json>...");
            System.exit(2);
        }
        ObjectMapper json = new ObjectMapper();
        for (String file : args) {
            JsonNode results = json.readTree(Path.of(file).toFile());
            Map<String, List<Row>> byClass = new LinkedHashMap<>();
            for (JsonNode result : results) {
                Row row = Row.of(result);
                byClass.computeIfAbsent(row.className, k -> new ArrayList<>()).add(row);
            }
            byClass.forEach((className, rows) -> print(file, className, rows));
        }
    }

    private static void print(String file, String className, List<Row> rows) {
        boolean variants = rows.stream().anyMatch(row -> row.variant != null);
        boolean allocation = rows.stream().anyMatch(row -> !Double.isNaN(row.bytesPerOp));
        boolean targets = rows.stream().anyMatch(row -> TARGETS.containsKey(row.qualifiedMethod()));
        boolean percentiles = rows.stream().anyMatch(row -> !Double.isNaN(row.p99));
        System.out.println("### " + className + " (" + file + ")");
        System.out.println();
        StringBuilder header = new StringBuilder("| benchmark | params |");
        StringBuilder rule = new StringBuilder("|---|---|");
        if (variants) {
            header.append(" variant |");
            rule.append("---|");
        }
        header.append(" score | error (99.9%) | unit |");
        rule.append("---:|---:|---|");
        if (percentiles) { // SampleTime: the latency distribution, in the score's unit
            header.append(" p50 | p99 | p99.9 |");
            rule.append("---:|---:|---:|");
        }
        if (variants) {
            header.append(" × baseline | + vs baseline |");
            rule.append("---:|---:|");
        }
        if (allocation) {
            header.append(" alloc B/op |");
            rule.append("---:|");
        }
        if (allocation && variants) {
            header.append(" + B/op vs baseline |");
            rule.append("---:|");
        }
        if (targets) {
            header.append(" target |");
            rule.append("---|");
        }
        System.out.println(header);
        System.out.println(rule);
        for (Row row : rows) {
            StringBuilder line = new StringBuilder("| ").append(row.method).append(" | ")
                    .append(row.otherParams.isEmpty() ? "" : row.otherParams).append(" |");
            if (variants) {
                line.append(' ').append(row.variant == null ? "" : row.variant).append(" |");
            }
            line.append(' ').append(number(row.score)).append(" | ").append(Double.isNaN(row.error) ? "n/a" : "± " + number(row.error))
                    .append(" | ").append(row.unit).append(" |");
            if (percentiles) {
                line.append(' ').append(number(row.p50)).append(" | ").append(number(row.p99)).append(" | ")
                        .append(number(row.p999)).append(" |");
            }
            Row baseline = variants ? baseline(rows, row) : null;
            if (variants) {
                line.append(' ').append(baseline == null ? "" : ratio(row.score / baseline.score))
                        .append(" | ").append(baseline == null ? "" : signed(row.score - baseline.score)).append(" |");
            }
            if (allocation) {
                line.append(' ').append(Double.isNaN(row.bytesPerOp) ? "" : number(row.bytesPerOp)).append(" |");
            }
            if (allocation && variants) {
                line.append(' ').append(baseline == null || Double.isNaN(row.bytesPerOp) ? ""
                        : signed(row.bytesPerOp - baseline.bytesPerOp)).append(" |");
            }
            if (targets) {
                line.append(' ').append(TARGETS.getOrDefault(row.qualifiedMethod(), "")).append(" |");
            }
            System.out.println(line);
        }
        System.out.println();
    }

    private static Row baseline(List<Row> rows, Row row) {
        for (Row candidate : rows) {
            if (candidate.method.equals(row.method) && candidate.otherParams.equals(row.otherParams)
                    && BASELINES.contains(candidate.variant)) {
                return candidate;
            }
        }
        return null;
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%,.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, value);
    }

    private static String signed(double value) {
        if (value == 0) {
            return "0";
        }
        String text = number(value);
        return value > 0 ? "+" + text : text;
    }

    private static String ratio(double value) {
        if (value > 0 && value < 0.1) { // a store's throughput against memory's: two significant digits
            return new BigDecimal(value).round(new MathContext(2)).toPlainString();
        }
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : value >= 10 ? "%.1f" : "%.2f", value);
    }

    private static double doubleOf(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return Double.NaN;
        }
        return node.isNumber() ? node.doubleValue() : Double.parseDouble(node.asText()); // JMH writes "NaN" as a string
    }

    /** One result: a benchmark method with one set of parameters. */
    private record Row(String className, String method, String variant, String otherParams, double score, double error,
            String unit, double bytesPerOp, double p50, double p99, double p999) {

        static Row of(JsonNode result) {
            String benchmark = result.path("benchmark").asText();
            int dot = benchmark.lastIndexOf('.');
            String className = benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot);
            String variant = null;
            StringBuilder other = new StringBuilder();
            for (Map.Entry<String, JsonNode> param : result.path("params").properties()) {
                if (param.getKey().equals("variant")) {
                    variant = param.getValue().asText();
                } else {
                    other.append(other.length() == 0 ? "" : ", ").append(param.getKey()).append('=')
                            .append(param.getValue().asText());
                }
            }
            JsonNode primary = result.path("primaryMetric");
            JsonNode secondary = result.path("secondaryMetrics");
            JsonNode allocation = secondary.has("gc.alloc.rate.norm") ? secondary.path("gc.alloc.rate.norm")
                    : secondary.path("·gc.alloc.rate.norm");
            return new Row(className, benchmark.substring(dot + 1), variant, other.toString(),
                    doubleOf(primary.path("score")), doubleOf(primary.path("scoreError")),
                    primary.path("scoreUnit").asText(), doubleOf(allocation.path("score")),
                    percentile(result, "50.0"), percentile(result, "99.0"), percentile(result, "99.9"));
        }

        /** A percentile of a SampleTime result (other modes' percentiles are over iterations, not operations). */
        private static double percentile(JsonNode result, String which) {
            return result.path("mode").asText().equals("sample")
                    ? doubleOf(result.path("primaryMetric").path("scorePercentiles").path(which)) : Double.NaN;
        }

        String qualifiedMethod() {
            return className + "." + method;
        }
    }
}
