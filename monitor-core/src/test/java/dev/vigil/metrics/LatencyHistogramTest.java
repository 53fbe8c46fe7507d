package dev.vigil.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void bucketsAreContiguousAndMonotonic() {
        long previousUpper = -1;
        for (int bucket = 0; bucket < LatencyHistogram.BUCKETS; bucket++) {
            long lower = LatencyHistogram.lowerBoundMicros(bucket);
            assertThat(lower).isEqualTo(previousUpper + 1);
            assertThat(LatencyHistogram.bucketOf(lower)).isEqualTo(bucket);
            long upper = LatencyHistogram.upperBoundMicros(bucket);
            if (bucket < LatencyHistogram.BUCKETS - 1) {
                assertThat(LatencyHistogram.bucketOf(upper)).isEqualTo(bucket);
            }
            previousUpper = upper;
        }
    }

    @Test
    void percentilesAreWithinTheBucketError() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int ms = 1; ms <= 1000; ms++) {
            histogram.record(TimeUnit.MILLISECONDS.toNanos(ms));
        }

        LatencyHistogram.Snapshot snapshot = histogram.snapshot();

        assertThat(snapshot.count()).isEqualTo(1000);
        assertThat(snapshot.percentileMillis(0.50)).isCloseTo(500, within(500 * 0.0625));
        assertThat(snapshot.percentileMillis(0.95)).isCloseTo(950, within(950 * 0.0625));
        assertThat(snapshot.percentileMillis(0.99)).isCloseTo(990, within(990 * 0.0625));
        assertThat(snapshot.meanMillis()).isCloseTo(500.5, within(0.001));
        assertThat(snapshot.maxMillis()).isCloseTo(1000, within(1000 * 0.0625));
    }

    @Test
    void intervalIsTheDifferenceOfTwoSnapshots() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(TimeUnit.SECONDS.toNanos(5));
        LatencyHistogram.Snapshot before = histogram.snapshot();
        for (int i = 0; i < 10; i++) {
            histogram.record(TimeUnit.MILLISECONDS.toNanos(20));
        }

        LatencyHistogram.Snapshot interval = histogram.snapshot().minus(before);

        assertThat(interval.count()).isEqualTo(10);
        assertThat(interval.percentileMillis(0.99)).isCloseTo(20, within(20 * 0.0625));
        assertThat(interval.maxMillis()).isLessThan(22);
    }

    @Test
    void sumOfTwoHistogramsHoldsTheValuesOfBoth() {
        LatencyHistogram fast = new LatencyHistogram();
        LatencyHistogram slow = new LatencyHistogram();
        for (int i = 0; i < 90; i++) {
            fast.record(TimeUnit.MILLISECONDS.toNanos(2));
        }
        for (int i = 0; i < 10; i++) {
            slow.record(TimeUnit.MILLISECONDS.toNanos(400));
        }

        LatencyHistogram.Snapshot sum = fast.snapshot().plus(slow.snapshot());

        assertThat(sum.count()).isEqualTo(100);
        assertThat(sum.meanMillis()).isCloseTo((90 * 2 + 10 * 400) / 100.0, within(0.001));
        assertThat(sum.percentileMillis(0.5)).isCloseTo(2, within(2 * 0.0625));
        assertThat(sum.percentileMillis(0.95)).isCloseTo(400, within(400 * 0.0625));
        assertThat(sum.minus(slow.snapshot()).count()).isEqualTo(90);
    }

    @Test
    void emptyAndExtremeValues() {
        LatencyHistogram histogram = new LatencyHistogram();
        assertThat(histogram.snapshot().percentileMillis(0.99)).isZero();

        histogram.record(-5);
        histogram.record(Long.MAX_VALUE / 2);

        LatencyHistogram.Snapshot snapshot = histogram.snapshot();
        assertThat(snapshot.count()).isEqualTo(2);
        assertThat(snapshot.percentileMillis(0)).isLessThan(0.001);
        assertThat(snapshot.percentileMillis(1)).isGreaterThan(60 * 60 * 1000.0);
    }
}
