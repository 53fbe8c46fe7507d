package dev.vigil.metrics;

/** How several samples of a series become one value of a chart step or a rule window. */
public enum Aggregation {
    /** The mean of the samples (of the rollup means, for rolled-up history). */
    AVG,
    /** The smallest sample. */
    MIN,
    /** The largest sample. */
    MAX,
    /** The newest sample. */
    LAST,
    /** The sum of the samples: for per-interval counts, the total over the step. */
    SUM
}
