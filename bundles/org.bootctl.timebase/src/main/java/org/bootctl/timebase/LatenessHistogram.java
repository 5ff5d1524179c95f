package org.bootctl.timebase;

import java.util.Arrays;
import java.util.List;
import org.bootctl.api.session.LoopTiming;

/**
 * A {@link LoopTiming} from a histogram of lateness, the time from when a tick was due to when it
 * began. Immutable.
 *
 * <p>Buckets are {@value #FINE_NANOS} ns wide up to {@value #FINE_LIMIT_NANOS} ns, then
 * {@value #COARSE_NANOS} ns wide up to {@value #COARSE_LIMIT_NANOS} ns; later ticks fall into
 * the last bucket. Percentiles are read as a bucket's upper bound (never flattering); the
 * maximum is exact. Made by the engine's loop statistics and the benchmarks' timer probe.
 */
public final class LatenessHistogram implements LoopTiming {

    /** The width of a fine bucket: 10 µs, in ns. */
    public static final long FINE_NANOS = 10_000;
    /** Where fine buckets end: 10 ms, in ns. */
    public static final long FINE_LIMIT_NANOS = 10_000_000;
    /** The width of a coarse bucket: 1 ms, in ns. */
    public static final long COARSE_NANOS = 1_000_000;
    /** Where coarse buckets end: 1 s, in ns; later ticks share the last bucket. */
    public static final long COARSE_LIMIT_NANOS = 1_000_000_000;
    private static final int FINE = (int) (FINE_LIMIT_NANOS / FINE_NANOS);
    /** The number of buckets: fine, coarse, and one for everything later. */
    public static final int BUCKETS = FINE + (int) ((COARSE_LIMIT_NANOS - FINE_LIMIT_NANOS) / COARSE_NANOS) + 1;

    private final String deviceId;
    private final long ticks;
    private final long[] counts;
    private final long maxLatenessNanos;

    /**
     * A timing from a histogram.
     *
     * @param deviceId         the device, or null for several loops together
     * @param counts           ticks per bucket, {@link #BUCKETS} long (copied)
     * @param maxLatenessNanos the latest tick's lateness, ns
     * @throws IllegalArgumentException for counts of another length
     */
    public LatenessHistogram(String deviceId, long[] counts, long maxLatenessNanos) {
        if (counts.length != BUCKETS) {
            throw new IllegalArgumentException("a lateness histogram has " + BUCKETS + " buckets, not " + counts.length);
        }
        this.deviceId = deviceId;
        this.counts = counts.clone();
        this.ticks = Arrays.stream(this.counts).sum();
        this.maxLatenessNanos = maxLatenessNanos;
    }

    /**
     * The bucket a tick this late belongs in; cheap and allocation-free, for the tick path.
     *
     * @param latenessNanos how late the tick began, ns (negative counts as 0)
     * @return 0 to {@link #BUCKETS} - 1
     */
    public static int bucket(long latenessNanos) {
        if (latenessNanos < FINE_LIMIT_NANOS) {
            return (int) (Math.max(0, latenessNanos) / FINE_NANOS);
        }
        if (latenessNanos < COARSE_LIMIT_NANOS) {
            return FINE + (int) ((latenessNanos - FINE_LIMIT_NANOS) / COARSE_NANOS);
        }
        return BUCKETS - 1;
    }

    /**
     * The lateness up to which a bucket counts ticks (its upper bound).
     *
     * @param bucket 0 to {@link #BUCKETS} - 1
     * @return ns; {@link Long#MAX_VALUE} for the last bucket
     */
    public static long bucketUpperNanos(int bucket) {
        if (bucket < FINE) {
            return (bucket + 1) * FINE_NANOS;
        }
        if (bucket < BUCKETS - 1) {
            return FINE_LIMIT_NANOS + (bucket - FINE + 1) * COARSE_NANOS;
        }
        return Long.MAX_VALUE;
    }

    /**
     * Several loops as one: every tick of each, the latest of their maxima.
     *
     * @param timings the loops' timings, not null
     * @return a timing with no device id
     */
    public static LatenessHistogram merged(List<LatenessHistogram> timings) {
        long[] sum = new long[BUCKETS];
        long max = 0;
        for (LatenessHistogram t : timings) {
            for (int b = 0; b < BUCKETS; b++) {
                sum[b] += t.counts[b];
            }
            max = Math.max(max, t.maxLatenessNanos);
        }
        return new LatenessHistogram(null, sum, max);
    }

    /**
     * The device.
     *
     * @return the device id, or null for several loops together
     */
    @Override
    public String deviceId() {
        return deviceId;
    }

    /**
     * How many ticks were counted.
     *
     * @return the sum of the buckets
     */
    @Override
    public long ticks() {
        return ticks;
    }

    /**
     * The latest tick's lateness.
     *
     * @return ms
     */
    @Override
    public double maxLatenessMillis() {
        return maxLatenessNanos / 1e6;
    }

    /**
     * The lateness that a share {@code quantile} (0..1) of the ticks did not exceed, ms, read as
     * the upper bound of its bucket but never above the maximum; 0 without ticks.
     *
     * @param quantile 0..1, e.g. 0.99
     * @return ms
     * @throws IllegalArgumentException for a quantile outside 0..1
     */
    @Override
    public double latenessMillis(double quantile) {
        if (!(quantile >= 0 && quantile <= 1)) {
            throw new IllegalArgumentException("a quantile is 0..1, not " + quantile);
        }
        if (ticks == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * ticks));
        long seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            seen += counts[b];
            if (seen >= rank) {
                return Math.min(bucketUpperNanos(b), maxLatenessNanos) / 1e6;
            }
        }
        return maxLatenessMillis();
    }

    /**
     * Ticks per bucket.
     *
     * @return a copy, {@link #BUCKETS} long
     */
    public long[] counts() {
        return counts.clone();
    }
}
