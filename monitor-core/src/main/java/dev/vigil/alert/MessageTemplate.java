package dev.vigil.alert;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import dev.vigil.internal.HumanText;
import org.jspecify.annotations.Nullable;

/**
 * A parsed alert message template (see {@link AlertRules} for the placeholders). Parsed once when the
 * rule is built, so a typo fails at startup and rendering is a single pass over the segments.
 */
final class MessageTemplate {

    /** What a placeholder renders. */
    enum Field {
        VALUE("value"), VALUE_PERCENT("value%"), VALUE_MS("value:ms"),
        LIMIT("limit"), LIMIT_PERCENT("limit%"), LIMIT_MS("limit:ms"),
        BASELINE("baseline"), BASELINE_PERCENT("baseline%"), BASELINE_MS("baseline:ms"),
        METRIC("metric"), SERIES("series"), LABELS("labels"), WINDOW("window"), ETA("eta"),
        LABEL("label:"), TEXT("");

        final String token;

        Field(String token) {
            this.token = token;
        }
    }

    /** Placeholders every metric rule understands. */
    static final Set<Field> COMMON = EnumSet.of(Field.VALUE, Field.VALUE_PERCENT, Field.VALUE_MS, Field.LIMIT,
            Field.LIMIT_PERCENT, Field.LIMIT_MS, Field.METRIC, Field.SERIES, Field.LABELS, Field.WINDOW, Field.LABEL);

    private record Segment(Field field, String text) {
    }

    private static final String MISSING_LABEL = "(none)";
    private static final MathContext THREE_DIGITS = new MathContext(3);
    /** 10^0 .. 10^22: the powers of ten a double holds exactly. */
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private final String template;
    private final Segment[] segments;

    private MessageTemplate(String template, List<Segment> segments) {
        this.template = template;
        this.segments = segments.toArray(Segment[]::new);
    }

    /**
     * Parses {@code template}, accepting the placeholders in {@code allowed}.
     *
     * @throws IllegalArgumentException naming an unknown or unsupported placeholder
     */
    static MessageTemplate parse(String template, Set<Field> allowed) {
        Objects.requireNonNull(template, "messageTemplate");
        List<Segment> segments = new ArrayList<>();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                segments.add(new Segment(Field.TEXT, template.substring(i)));
                break;
            }
            int close = template.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("message template '" + template + "' has an unclosed '{'");
            }
            if (open > i) {
                segments.add(new Segment(Field.TEXT, template.substring(i, open)));
            }
            String token = template.substring(open + 1, close);
            Segment segment = placeholder(token);
            if (segment == null || !allowed.contains(segment.field())) {
                throw new IllegalArgumentException("message template '" + template + "': unknown placeholder {" + token
                        + "}; this rule understands " + allowed.stream().filter(f -> f != Field.TEXT)
                                .map(f -> "{" + (f == Field.LABEL ? "label:<name>" : f.token) + "}")
                                .collect(Collectors.joining(", ")));
            }
            segments.add(segment);
            i = close + 1;
        }
        return new MessageTemplate(template, segments);
    }

    private static @Nullable Segment placeholder(String token) {
        if (token.startsWith(Field.LABEL.token) && token.length() > Field.LABEL.token.length()) {
            return new Segment(Field.LABEL, token.substring(Field.LABEL.token.length()));
        }
        for (Field field : Field.values()) {
            if (field != Field.LABEL && field != Field.TEXT && field.token.equals(token)) {
                return new Segment(field, "");
            }
        }
        return null;
    }

    /**
     * Renders the message.
     *
     * @param metric the metric name
     * @param labels the series' tags
     * @param value the value that crossed the limit
     * @param limit the limit (the factor, for a spike)
     * @param baseline the usual value (spikes), else NaN
     * @param window the window, max age or lookback
     * @param eta time until the limit is reached (trends), else null
     */
    String render(String metric, Map<String, String> labels, double value, double limit, double baseline,
            Duration window, @Nullable Duration eta) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        for (Segment segment : segments) {
            switch (segment.field()) {
                case TEXT -> out.append(segment.text());
                case VALUE -> appendNumber(out, value);
                case VALUE_PERCENT -> out.append(percent(value));
                case VALUE_MS -> out.append(millis(value));
                case LIMIT -> appendNumber(out, limit);
                case LIMIT_PERCENT -> out.append(percent(limit));
                case LIMIT_MS -> out.append(millis(limit));
                case BASELINE -> appendNumber(out, baseline);
                case BASELINE_PERCENT -> out.append(percent(baseline));
                case BASELINE_MS -> out.append(millis(baseline));
                case METRIC -> out.append(metric);
                case SERIES -> appendSeries(out, metric, labels);
                case LABELS -> out.append(labelText(labels));
                case WINDOW -> out.append(duration(window));
                case ETA -> out.append(eta == null ? "" : eta(eta));
                case LABEL -> out.append(labels.getOrDefault(segment.text(), MISSING_LABEL));
                default -> throw new IllegalStateException(segment.field().name());
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return template;
    }

    /** A number with three significant digits at most, whole from 100 on: {@code 0.0123}, {@code 1.53}, {@code 5230}. */
    static String number(double value) {
        StringBuilder out = new StringBuilder(8);
        appendNumber(out, value);
        return out.toString();
    }

    /**
     * Appends {@link #number(double)}. Below 100 that is the exact value rounded half-up to three
     * significant digits, trailing zeros stripped, as {@link BigDecimal} rounds it. Rules render a
     * message for every condition at every evaluation, so the digits are computed in a double where
     * that is provably the same (one rounding error, far from a tie), and with BigDecimal only near a
     * tie or for tiny numbers.
     */
    static void appendNumber(StringBuilder out, double value) {
        if (Double.isNaN(value)) {
            out.append("n/a");
            return;
        }
        if (Double.isInfinite(value)) {
            out.append(value > 0 ? "infinity" : "-infinity");
            return;
        }
        if (Math.abs(value) >= 100) {
            out.append(Math.round(value));
            return;
        }
        if (value == 0) {
            out.append('0');
            return;
        }
        double magnitude = Math.abs(value);
        int scale = 2 - (int) Math.floor(Math.log10(magnitude)); // decimals that leave three digits before the point
        if (scale < POWERS_OF_TEN.length - 1) {
            double scaled = magnitude * POWERS_OF_TEN[scale]; // one rounding: off by at most 1.2e-13 below 1000
            if (scaled < 100) { // log10 may be a little off next to a power of ten
                scaled = magnitude * POWERS_OF_TEN[++scale];
            } else if (scaled >= 1000) {
                scaled = magnitude * POWERS_OF_TEN[--scale];
            }
            double whole = Math.floor(scaled);
            double fraction = scaled - whole;
            if (Math.abs(fraction - 0.5) > 1e-9) {
                appendDigits(out, value < 0, (long) whole + (fraction > 0.5 ? 1 : 0), scale);
                return;
            }
        }
        out.append(new BigDecimal(value).round(THREE_DIGITS).stripTrailingZeros().toPlainString());
    }

    /** Appends ±{@code digits} × 10^-{@code scale} (digits 100..1000) without trailing zeros, as {@link BigDecimal#toPlainString()} would. */
    private static void appendDigits(StringBuilder out, boolean negative, long digits, int scale) {
        long unscaled = digits;
        int decimals = scale;
        while (unscaled % 10 == 0) {
            unscaled /= 10;
            decimals--;
        }
        if (negative) {
            out.append('-');
        }
        int start = out.length();
        out.append(unscaled);
        if (decimals <= 0) {
            for (int i = decimals; i < 0; i++) {
                out.append('0');
            }
            return;
        }
        int length = out.length() - start;
        if (length > decimals) {
            out.insert(out.length() - decimals, '.');
            return;
        }
        for (int i = length; i < decimals; i++) {
            out.insert(start, '0');
        }
        out.insert(start, "0.");
    }

    /** A ratio as a percentage with at most one decimal: {@code 0.124} is {@code 12.4%}. */
    static String percent(double ratio) {
        return Double.isFinite(ratio) ? HumanText.percent(ratio) : number(ratio);
    }

    /** Milliseconds as a duration: {@code 850ms}, {@code 5.2s}, {@code 2m}. */
    static String millis(double millis) {
        return Double.isFinite(millis) && millis >= 0 ? HumanText.duration(Duration.ofMillis(Math.round(millis)))
                : number(millis) + "ms";
    }

    /** A configured duration in its largest whole unit: {@code 90s}, {@code 5m}, {@code 1h}, {@code 72h}, {@code 7d}. */
    static String duration(Duration duration) {
        long seconds = duration.getSeconds();
        if (duration.getNano() != 0 || seconds == 0) {
            return duration.toMillis() + "ms";
        }
        if (seconds % 86_400 == 0 && seconds >= 2 * 86_400) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    /** A prediction: {@code in about 41 hours}, {@code in about 50 minutes}, {@code in about 5 days}, {@code within a minute}. */
    static String eta(Duration eta) {
        long minutes = Math.round(eta.getSeconds() / 60.0);
        if (minutes < 1) {
            return "within a minute";
        }
        if (minutes < 120) {
            return "in about " + plural(minutes, "minute");
        }
        long hours = Math.round(eta.getSeconds() / 3600.0);
        if (hours < 72) {
            return "in about " + plural(hours, "hour");
        }
        return "in about " + plural(Math.round(eta.getSeconds() / 86_400.0), "day");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    /** {@code metric{key=value, ...}} as {@code metric + labels} prints it, but without the intermediate strings. */
    private static void appendSeries(StringBuilder out, String metric, Map<String, String> labels) {
        out.append(metric);
        if (labels.isEmpty()) {
            return;
        }
        out.append('{');
        String separator = "";
        for (Map.Entry<String, String> label : labels.entrySet()) {
            out.append(separator).append(label.getKey()).append('=').append(label.getValue());
            separator = ", ";
        }
        out.append('}');
    }

    private static String labelText(Map<String, String> labels) {
        StringBuilder out = new StringBuilder();
        labels.forEach((key, value) -> {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(key).append('=').append(value);
        });
        return out.toString();
    }
}
