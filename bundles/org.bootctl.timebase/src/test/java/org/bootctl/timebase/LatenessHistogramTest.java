package org.bootctl.timebase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The lateness histogram: buckets, percentiles read as upper bounds, merging. */
class LatenessHistogramTest {

    @Test
    void bucketsAreFineThenCoarseThenOneForEverythingLater() {
        assertEquals(0, LatenessHistogram.bucket(-5));
        assertEquals(0, LatenessHistogram.bucket(9_999));
        assertEquals(1, LatenessHistogram.bucket(10_000));
        assertEquals(999, LatenessHistogram.bucket(9_999_999));
        assertEquals(1000, LatenessHistogram.bucket(10_000_000));
        assertEquals(LatenessHistogram.BUCKETS - 1, LatenessHistogram.bucket(Long.MAX_VALUE));
        for (long nanos : new long[] {0, 12_345, 9_999_999, 10_000_000, 123_456_789, 999_999_999}) {
            int b = LatenessHistogram.bucket(nanos);
            assertEquals(true, nanos < LatenessHistogram.bucketUpperNanos(b), nanos + " below its bucket's bound");
            assertEquals(true, b == 0 || nanos >= LatenessHistogram.bucketUpperNanos(b - 1), nanos + " above the one before");
        }
    }

    @Test
    void percentilesAreUpperBoundsButNeverAboveTheMaximum() {
        long[] counts = new long[LatenessHistogram.BUCKETS];
        counts[LatenessHistogram.bucket(15_000)] = 98;
        counts[LatenessHistogram.bucket(700_000)] = 1;
        counts[LatenessHistogram.bucket(3_210_000)] = 1;
        LatenessHistogram t = new LatenessHistogram("d", counts, 3_210_000);
        assertEquals(100, t.ticks());
        assertEquals(0.02, t.latenessMillis(0.5), 1e-9);
        assertEquals(0.71, t.latenessMillis(0.99), 1e-9);
        assertEquals(3.21, t.latenessMillis(1.0), 1e-9, "the last bucket's bound is cut to the maximum");
        assertThrows(IllegalArgumentException.class, () -> t.latenessMillis(1.5));
        assertEquals(0, new LatenessHistogram("e", new long[LatenessHistogram.BUCKETS], 0).latenessMillis(0.99));
    }

    @Test
    void mergedLoopsCountEveryTickOfEach() {
        long[] a = new long[LatenessHistogram.BUCKETS];
        long[] b = new long[LatenessHistogram.BUCKETS];
        a[0] = 10;
        b[5] = 30;
        LatenessHistogram all = LatenessHistogram.merged(List.of(new LatenessHistogram("a", a, 5_000), new LatenessHistogram("b", b, 55_000)));
        assertEquals(40, all.ticks());
        assertEquals(0.055, all.maxLatenessMillis(), 1e-9);
        assertEquals(0.055, all.latenessMillis(0.5), 1e-9);
        assertEquals(null, all.deviceId());
    }
}
