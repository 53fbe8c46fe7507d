package dev.vigil.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The history of one series: raw samples plus two rollup tiers, in growable ring buffers of
 * primitives. Times are seconds relative to the first sample, so they fit in an {@code int}.
 * Not thread-safe by itself: every method is synchronized.
 *
 * <p>A range is read from the finest tier that still covers its start, and reduced in place into a
 * {@link WindowSummary}: one for the whole range ({@link #summarize}) or one per step ({@link #query}).
 */
final class SeriesData {

    private final SeriesKey key;
    private final long rawRetention;
    private final long mediumRetention;
    private final long coarseRetention;
    private final Tier raw;
    private final Tier medium;
    private final Tier coarse;
    private long base = Long.MIN_VALUE;
    private long lastTime = Long.MIN_VALUE;
    private double lastValue;

    SeriesData(SeriesKey key, MetricsSettings settings) {
        this.key = key;
        this.rawRetention = settings.rawRetention().getSeconds();
        this.mediumRetention = settings.mediumRetention().getSeconds();
        this.coarseRetention = settings.retention().getSeconds();
        this.raw = new Tier(settings.rawCapacity(), 0, false);
        this.medium = new Tier(settings.mediumCapacity(), settings.mediumStep().getSeconds(), true);
        this.coarse = new Tier(settings.coarseCapacity(), settings.coarseStep().getSeconds(), true);
    }

    SeriesKey key() {
        return key;
    }

    synchronized void add(long time, double value, long now) {
        if (base == Long.MIN_VALUE) {
            base = time;
        }
        if (time < lastTime || time < base) {
            return; // out of order: history is append-only
        }
        int rel = (int) (time - base);
        if (time == lastTime) {
            raw.replaceLast(value);
        } else {
            raw.append(rel, value, value, value);
        }
        medium.accumulate(rel, base, value);
        coarse.accumulate(rel, base, value);
        lastTime = time;
        lastValue = value;
        int nowRel = (int) Math.min(Integer.MAX_VALUE, now - base);
        raw.expire(nowRel - rawRetention);
        medium.expire(nowRel - mediumRetention);
        coarse.expire(nowRel - coarseRetention);
    }

    synchronized Optional<LatestValue> latest() {
        return lastTime == Long.MIN_VALUE
                ? Optional.empty()
                : Optional.of(new LatestValue(key, Instant.ofEpochSecond(lastTime), lastValue));
    }

    /** The points between {@code from} and {@code to} (epoch seconds, inclusive), one per non-empty step from {@code from}. */
    synchronized List<Point> query(long from, long to, long step, Aggregation aggregation, long now) {
        if (base == Long.MIN_VALUE) {
            return List.of();
        }
        Tier tier = tier(from, now);
        List<Point> points = new ArrayList<>();
        WindowSummary bucket = new WindowSummary();
        for (int i = tier.firstIndexAtOrAfter(rel(from)); i < tier.end(); ) {
            long time = base + tier.time(i);
            if (time > to) {
                break;
            }
            long bucketStart = from + (time - from) / step * step;
            long bucketEnd = to - bucketStart < step ? to : bucketStart + step - 1;
            bucket.reset(bucketEnd);
            i = addUntil(tier, i, bucketEnd, bucket);
            points.add(new Point(Instant.ofEpochSecond(bucketStart), bucket.value(aggregation), bucket.min(), bucket.max()));
        }
        return points;
    }

    /** Summarises the points between {@code from} and {@code to} (epoch seconds, inclusive) into {@code into}; whether there were any. */
    synchronized boolean summarize(long from, long to, long now, WindowSummary into) {
        into.reset(to);
        if (base == Long.MIN_VALUE) {
            return false;
        }
        Tier tier = tier(from, now);
        addUntil(tier, tier.firstIndexAtOrAfter(rel(from)), to, into);
        return into.count() > 0;
    }

    /** The finest tier that still holds {@code from}. */
    private Tier tier(long from, long now) {
        return from >= now - rawRetention ? raw : from >= now - mediumRetention ? medium : coarse;
    }

    private int rel(long time) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, time - base));
    }

    /** Adds the points of {@code tier} from index {@code index} on, up to time {@code until}; returns the index of the first one left. */
    private int addUntil(Tier tier, int index, long until, WindowSummary into) {
        int i = index;
        if (i < tier.size) {
            int slot = tier.slot(i);
            for (; i < tier.size; i++) {
                long time = base + tier.times[slot];
                if (time > until) {
                    return i;
                }
                into.add(time, tier.value(slot), tier.min(slot), tier.max(slot));
                if (++slot == tier.times.length) {
                    slot = 0;
                }
            }
        }
        if (i < tier.end()) { // the open rollup bucket: newer than every entry of the ring
            long time = base + tier.openStart;
            if (time > until) {
                return i;
            }
            into.add(time, tier.openSum / tier.openCount, tier.openMin, tier.openMax);
            i++;
        }
        return i;
    }

    synchronized long arrayBytes() {
        return raw.arrayBytes() + medium.arrayBytes() + coarse.arrayBytes();
    }

    /** One resolution: a ring of (time, value[, min, max]) that grows up to its capacity. */
    private static final class Tier {
        private final int capacity;
        private final long step;
        private final boolean rollup;
        private int[] times = new int[0];
        private double[] exact = new double[0]; // raw samples: kept exactly
        private float[] values = new float[0]; // rollup means: float is plenty for charts
        private float[] mins = new float[0];
        private float[] maxs = new float[0];
        private int head;
        private int size;
        // the rollup bucket being filled
        private int openStart = -1;
        private double openSum;
        private int openCount;
        private double openMin;
        private double openMax;

        Tier(int capacity, long step, boolean rollup) {
            this.capacity = capacity;
            this.step = step;
            this.rollup = rollup;
        }

        int slot(int index) {
            return (head + index) % times.length;
        }

        /**
         * Index of the oldest point at or after relative time {@code rel}, the open bucket counting as
         * index {@code size} (binary search: points are in time order, the open bucket newest).
         */
        int firstIndexAtOrAfter(int rel) {
            int low = 0;
            int high = size;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (times[slot(mid)] < rel) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low == size && hasOpen() && openStart < rel ? size + 1 : low;
        }

        boolean hasOpen() {
            return openCount > 0;
        }

        /** Number of points: the ring's entries, then the open bucket if one is being filled. */
        int end() {
            return hasOpen() ? size + 1 : size;
        }

        /** Relative time of point {@code index}. */
        int time(int index) {
            return index < size ? times[slot(index)] : openStart;
        }

        void accumulate(int rel, long base, double value) {
            int bucket = (int) (Math.floorDiv(base + rel, step) * step - base);
            if (openCount > 0 && bucket != openStart) {
                append(openStart, openSum / openCount, openMin, openMax);
                openCount = 0;
            }
            if (openCount == 0) {
                openStart = bucket;
                openSum = 0;
                openMin = value;
                openMax = value;
            }
            openSum += value;
            openMin = Math.min(openMin, value);
            openMax = Math.max(openMax, value);
            openCount++;
        }

        double value(int slot) {
            return rollup ? values[slot] : exact[slot];
        }

        double min(int slot) {
            return rollup ? mins[slot] : exact[slot];
        }

        double max(int slot) {
            return rollup ? maxs[slot] : exact[slot];
        }

        void append(int time, double value, double min, double max) {
            if (size == times.length && times.length < capacity) {
                grow();
            }
            if (size == times.length) { // full: overwrite the oldest
                int slot = head;
                write(slot, time, value, min, max);
                head = (head + 1) % times.length;
            } else {
                write(slot(size), time, value, min, max);
                size++;
            }
        }

        void replaceLast(double value) {
            if (size > 0) {
                int slot = slot(size - 1);
                exact[slot] = value;
            }
        }

        private void write(int slot, int time, double value, double min, double max) {
            times[slot] = time;
            if (rollup) {
                values[slot] = (float) value;
                mins[slot] = (float) min;
                maxs[slot] = (float) max;
            } else {
                exact[slot] = value;
            }
        }

        private void grow() {
            int length = Math.min(capacity, Math.max(16, times.length * 2));
            int[] newTimes = new int[length];
            double[] newExact = rollup ? exact : new double[length];
            float[] newValues = rollup ? new float[length] : values;
            float[] newMins = rollup ? new float[length] : mins;
            float[] newMaxs = rollup ? new float[length] : maxs;
            for (int i = 0; i < size; i++) {
                int slot = slot(i);
                newTimes[i] = times[slot];
                if (rollup) {
                    newValues[i] = values[slot];
                    newMins[i] = mins[slot];
                    newMaxs[i] = maxs[slot];
                } else {
                    newExact[i] = exact[slot];
                }
            }
            times = newTimes;
            exact = newExact;
            values = newValues;
            mins = newMins;
            maxs = newMaxs;
            head = 0;
        }

        void expire(long oldestKept) {
            while (size > 0 && times[head] < oldestKept) {
                head = (head + 1) % times.length;
                size--;
            }
            if (openCount > 0 && openStart + step < oldestKept) {
                openCount = 0;
            }
        }

        long arrayBytes() {
            return times.length * 4L + exact.length * 8L + values.length * 4L + mins.length * 4L + maxs.length * 4L;
        }

        @Override
        public String toString() {
            return "Tier[size=" + size + ", capacity=" + capacity + ", times=" + Arrays.toString(times) + "]";
        }
    }
}
