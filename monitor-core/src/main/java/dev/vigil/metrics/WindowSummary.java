package dev.vigil.metrics;

/**
 * What the points of one series in a time range add up to: their count, sum, extremes, newest value
 * and a least-squares line. Filled by {@link SeriesCursor#summarize} straight from the store's
 * primitive arrays, so that alert rules, which reduce windows of every series every evaluation, get
 * their numbers without a {@link Point} per sample.
 *
 * <p>The points are those {@link TimeSeriesStore#query} returns at a one-second step (raw samples, or
 * rollup buckets for older ranges), and {@link #value(Aggregation)} is what {@code query} returns for a
 * step spanning the whole range. Mutable and meant to be reused from one range to the next; not
 * thread-safe.
 */
public final class WindowSummary {

    private long end;
    private int count;
    private double sum;
    private double min;
    private double max;
    private double last;
    private long firstSecond;
    private long lastSecond;
    // least-squares sums, x in seconds before the range's end: small numbers, precise
    private double sumX;
    private double sumXX;
    private double sumXY;

    /** An empty summary. */
    public WindowSummary() {
        reset(0);
    }

    /** Empties this summary for a range ending at epoch second {@code end}. */
    void reset(long end) {
        this.end = end;
        count = 0;
        sum = 0;
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
        last = Double.NaN;
        firstSecond = 0;
        lastSecond = 0;
        sumX = 0;
        sumXX = 0;
        sumXY = 0;
    }

    /** Adds the next point (points come oldest first). */
    void add(long second, double value, double pointMin, double pointMax) {
        if (count == 0) {
            firstSecond = second;
        }
        count++;
        sum += value;
        min = Math.min(min, pointMin);
        max = Math.max(max, pointMax);
        last = value;
        lastSecond = second;
        double x = second - end;
        sumX += x;
        sumXX += x * x;
        sumXY += x * value;
    }

    /** Number of points; 0 when the range holds none (every other value is then meaningless). */
    public int count() {
        return count;
    }

    /** The sum of the points' values. */
    public double sum() {
        return sum;
    }

    /** The mean of the points' values (of rollup means, for rolled-up history). */
    public double mean() {
        return sum / count;
    }

    /** The smallest sample summarised (a rollup bucket's minimum, not its mean). */
    public double min() {
        return min;
    }

    /** The largest sample summarised. */
    public double max() {
        return max;
    }

    /** The newest point's value. */
    public double last() {
        return last;
    }

    /** Time of the oldest point, in epoch seconds. */
    public long firstSecond() {
        return firstSecond;
    }

    /** Time of the newest point, in epoch seconds. */
    public long lastSecond() {
        return lastSecond;
    }

    /** The range reduced to one value, as {@link TimeSeriesStore#query} aggregates a step. */
    public double value(Aggregation aggregation) {
        return switch (aggregation) {
            case AVG -> mean();
            case SUM -> sum;
            case MIN -> min;
            case MAX -> max;
            case LAST -> last;
        };
    }

    /**
     * The slope of the least-squares line through the points, per second; NaN when the points do not
     * span two distinct seconds.
     */
    public double slope() {
        double denominator = count * sumXX - sumX * sumX;
        return denominator == 0 ? Double.NaN : (count * sumXY - sumX * sum) / denominator;
    }

    /** The least-squares line's value at the end of the range; NaN where {@link #slope()} is. */
    public double fittedAtEnd() {
        return (sum - slope() * sumX) / count;
    }
}
