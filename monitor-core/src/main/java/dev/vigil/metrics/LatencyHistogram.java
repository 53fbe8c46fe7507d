package dev.vigil.metrics;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A cheap, lock-free latency histogram with fixed log-linear buckets, for percentiles on a hot path.
 *
 * <p>Values are bucketed in microseconds with 16 sub-buckets per power of two, so a percentile read
 * from the buckets is within 6.25% of the true value, from 1 µs up to about 71 minutes (larger values
 * land in the last bucket). Recording is one array increment and one adder update: no allocation,
 * no lock, no percentile arithmetic. Counts are cumulative; {@link Snapshot#minus(Snapshot)} gives
 * the distribution of any interval between two snapshots, so readers never reset (and never race
 * with) writers. Size: {@value #BUCKETS} counters, about 3.7 KB.
 */
public final class LatencyHistogram {

    private static final int SUB_BUCKET_BITS = 4;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    private static final int MAX_EXPONENT = 32; // 2^32 µs ≈ 71.6 minutes
    /** Number of buckets. */
    public static final int BUCKETS = (MAX_EXPONENT - SUB_BUCKET_BITS + 1) * SUB_BUCKETS + 1; // + overflow

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final LongAdder totalNanos = new LongAdder();

    /** Records one duration in nanoseconds; negative values count as zero. */
    public void record(long nanos) {
        long value = nanos <= 0 ? 0 : nanos;
        counts.incrementAndGet(bucketOf(value / 1000));
        totalNanos.add(value);
    }

    /** The cumulative counts so far. */
    public Snapshot snapshot() {
        long[] copy = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            copy[i] = counts.get(i);
        }
        return new Snapshot(copy, totalNanos.sum());
    }

    static int bucketOf(long micros) {
        if (micros < SUB_BUCKETS) {
            return (int) micros;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(micros); // >= SUB_BUCKET_BITS
        if (exponent >= MAX_EXPONENT) {
            return BUCKETS - 1;
        }
        int sub = (int) (micros >>> (exponent - SUB_BUCKET_BITS)) & (SUB_BUCKETS - 1);
        return (exponent - SUB_BUCKET_BITS + 1) * SUB_BUCKETS + sub;
    }

    /** Lowest value in microseconds that falls into {@code bucket}. */
    static long lowerBoundMicros(int bucket) {
        if (bucket < SUB_BUCKETS) {
            return bucket;
        }
        int exponent = bucket / SUB_BUCKETS + SUB_BUCKET_BITS - 1;
        int sub = bucket % SUB_BUCKETS;
        return (long) (SUB_BUCKETS + sub) << (exponent - SUB_BUCKET_BITS);
    }

    /** Highest value in microseconds that falls into {@code bucket}. */
    static long upperBoundMicros(int bucket) {
        return bucket == BUCKETS - 1 ? lowerBoundMicros(bucket) : lowerBoundMicros(bucket + 1) - 1;
    }

    /** Counts of a histogram at one moment, or of the interval between two moments. */
    public static final class Snapshot {

        private static final Snapshot EMPTY = new Snapshot(new long[BUCKETS], 0);

        private final long[] counts;
        private final long totalNanos;
        private final long count;

        private Snapshot(long[] counts, long totalNanos) {
            this.counts = counts;
            this.totalNanos = totalNanos;
            long sum = 0;
            for (long c : counts) {
                sum += c;
            }
            this.count = sum;
        }

        /** A snapshot with no values. */
        public static Snapshot empty() {
            return EMPTY;
        }

        /** The values recorded after {@code earlier} and up to this snapshot. */
        public Snapshot minus(Snapshot earlier) {
            long[] diff = Arrays.copyOf(counts, BUCKETS);
            for (int i = 0; i < BUCKETS; i++) {
                diff[i] -= earlier.counts[i];
            }
            return new Snapshot(diff, totalNanos - earlier.totalNanos);
        }

        /** The values of this snapshot and of {@code other} together (e.g. several histograms summed). */
        public Snapshot plus(Snapshot other) {
            long[] sum = Arrays.copyOf(counts, BUCKETS);
            for (int i = 0; i < BUCKETS; i++) {
                sum[i] += other.counts[i];
            }
            return new Snapshot(sum, totalNanos + other.totalNanos);
        }

        /** Number of values. */
        public long count() {
            return count;
        }

        /** Mean in milliseconds; 0 when empty. */
        public double meanMillis() {
            return count == 0 ? 0 : totalNanos / 1e6 / count;
        }

        /**
         * The value at quantile {@code q} (0..1) in milliseconds, read from the buckets (the bucket's
         * midpoint, so within 6.25% of the true value); 0 when empty.
         */
        public double percentileMillis(double q) {
            if (q < 0 || q > 1) {
                throw new IllegalArgumentException("quantile must be within 0..1, was " + q);
            }
            if (count == 0) {
                return 0;
            }
            long rank = Math.max(1, (long) Math.ceil(q * count));
            long seen = 0;
            for (int i = 0; i < BUCKETS; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return (lowerBoundMicros(i) + upperBoundMicros(i)) / 2.0 / 1000.0;
                }
            }
            return upperBoundMicros(BUCKETS - 1) / 1000.0;
        }

        /** Upper bound of the highest non-empty bucket in milliseconds (the maximum, within 6.25%); 0 when empty. */
        public double maxMillis() {
            for (int i = BUCKETS - 1; i >= 0; i--) {
                if (counts[i] > 0) {
                    return upperBoundMicros(i) / 1000.0;
                }
            }
            return 0;
        }
    }
}
