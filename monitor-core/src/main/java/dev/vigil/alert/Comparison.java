package dev.vigil.alert;

/** Which side of a limit is a problem: above it (error rates, latency, usage) or below it (throughput, free space). */
public enum Comparison {
    /** The condition holds when the value is strictly greater than the limit. */
    ABOVE,
    /** The condition holds when the value is strictly less than the limit. */
    BELOW;

    /** Whether {@code value} is on the wrong side of {@code limit}; false for NaN. */
    public boolean test(double value, double limit) {
        return this == ABOVE ? value > limit : value < limit;
    }

    /** {@code above} or {@code below}, for messages. */
    public String word() {
        return this == ABOVE ? "above" : "below";
    }
}
