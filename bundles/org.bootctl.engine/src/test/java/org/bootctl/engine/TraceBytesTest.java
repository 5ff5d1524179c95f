package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bootctl.api.device.Valve;
import org.bootctl.api.session.SessionState;
import org.bootctl.engine.record.TraceBytes;
import org.bootctl.engine.record.TraceFormat;
import org.junit.jupiter.api.Test;

/**
 * Trace rows formatted as bytes are the same bytes the trace had when rows were formatted as text
 * through a {@code StringBuilder}: the reference below is that formatter, kept as it was.
 */
class TraceBytesTest {

    /** The formatter rows went through before (docs/TRACE.md's numbers), unchanged. */
    private static void referenceTenths(StringBuilder sb, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            sb.append("NaN");
            return;
        }
        long tenths = Math.round(Math.abs(value) * 10);
        if (value < 0 && tenths != 0) {
            sb.append('-');
        }
        if (tenths < 10_000) {
            int t = (int) tenths;
            int whole = t / 10;
            if (whole >= 100) {
                sb.append((char) ('0' + whole / 100));
            }
            if (whole >= 10) {
                sb.append((char) ('0' + whole / 10 % 10));
            }
            sb.append((char) ('0' + whole % 10)).append('.').append((char) ('0' + t % 10));
            return;
        }
        sb.append(tenths / 10).append('.').append(tenths % 10);
    }

    private static String tenths(double value) {
        TraceBytes out = new TraceBytes(1);
        TraceFormat.appendTenths(out, value);
        return out.toString();
    }

    @Test
    void edgeCasesReadAsTheyAlwaysDid() {
        assertEquals("0.0", tenths(-0.0));
        assertEquals("0.0", tenths(-0.04));
        assertEquals("-0.1", tenths(-0.05));
        assertEquals("0.1", tenths(0.05));
        assertEquals("0.2", tenths(0.15), "binary 0.15 times ten rounds to 1.5, half away from zero");
        assertEquals("82.4", tenths(82.44));
        assertEquals("999.9", tenths(999.94));
        assertEquals("1000.0", tenths(999.95));
        assertEquals("-1234567.9", tenths(-1234567.89));
        assertEquals("NaN", tenths(Double.NaN));
        assertEquals("NaN", tenths(Double.POSITIVE_INFINITY));
        assertEquals("NaN", tenths(Double.NEGATIVE_INFINITY));
        assertEquals("922337203685477580.7", tenths(1e300), "beyond a long: as Math.round saturates");
        assertEquals("-922337203685477580.7", tenths(-Double.MAX_VALUE));
    }

    @Test
    void everyNumberIsTheReferencesBytes() {
        List<Double> values = new ArrayList<>(List.of(-0.0, 0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 0.05, -0.05,
                0.049999999999999996, 0.95, 9.95, 99.95, 999.95, 9999.95, 1e15, -1e15, 1e18, 1e19, Double.MAX_VALUE,
                -Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Long.MAX_VALUE / 10.0, Math.nextDown(0.05), Math.nextUp(0.05), Math.nextDown(-0.05)));
        for (int tenths = -20_000; tenths <= 20_000; tenths++) {
            double x = tenths / 10.0;
            values.add(x);
            values.add(x + 0.05);
            values.add(Math.nextUp(x + 0.05));
            values.add(Math.nextDown(x + 0.05));
            values.add(x - 0.05);
        }
        SplittableRandom random = new SplittableRandom(18);
        for (int i = 0; i < 200_000; i++) {
            values.add(random.nextDouble(-400, 400));
            values.add(random.nextDouble(-1e7, 1e7));
            values.add(Double.longBitsToDouble(random.nextLong()));
        }
        TraceBytes all = new TraceBytes(16);
        StringBuilder expected = new StringBuilder();
        for (double v : values) {
            TraceFormat.appendTenths(all.append(','), v);
            referenceTenths(expected.append(','), v);
        }
        assertEquals(expected.toString(), all.toString());
    }

    @Test
    void wholeNumbersAreLongToString() {
        long[] edge = {0, 1, -1, 9, 10, 99, 100, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Integer.MIN_VALUE,
                Integer.MIN_VALUE - 1L, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L, Long.MAX_VALUE,
                Long.MIN_VALUE, Long.MIN_VALUE + 1};
        TraceBytes out = new TraceBytes(4);
        StringBuilder expected = new StringBuilder();
        for (long v : edge) {
            out.append(v).append(',');
            expected.append(v).append(',');
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            long v = random.nextLong() >> random.nextInt(64);
            out.append(v).append(',');
            expected.append(v).append(',');
        }
        assertEquals(expected.toString(), out.toString());
        assertThrows(IllegalArgumentException.class, () -> out.appendTenths(-1));
    }

    @Test
    void aRowIsTheSameBytesAsTheTextRowInUtf8() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        TraceBytes rows = new TraceBytes(64);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            long t = i * 20L + random.nextInt(3);
            SessionState state = SessionState.values()[random.nextInt(SessionState.values().length)];
            int cycle = random.nextInt(100);
            int step = random.nextInt(-1, 12);
            int pump = i % 3 == 0 ? -1 : random.nextInt(256);
            double[] p = random.doubles(10, -2, 120).toArray();
            double[] sp = random.doubles(10, 0, 120).toArray();
            Valve[] v = i % 3 == 0 ? null : new Valve[10];
            if (v != null) {
                for (int k = 0; k < v.length; k++) {
                    v[k] = Valve.values()[random.nextInt(Valve.values().length)];
                }
            }
            TraceFormat.appendRow(rows, t, state, cycle, step, pump, p, sp, v);
            rows.append('\n');
            expected.append(t).append(',').append(state.name()).append(',').append(cycle).append(',').append(step)
                    .append(',');
            if (pump >= 0) {
                expected.append(pump);
            }
            for (double x : p) {
                referenceTenths(expected.append(','), x);
            }
            for (double x : sp) {
                referenceTenths(expected.append(','), x);
            }
            if (v != null) {
                for (Valve valve : v) {
                    expected.append(',').append(valve.letter());
                }
            }
            expected.append('\n');
        }
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        rows.writeTo(written);
        assertEquals(expected.length(), rows.length());
        assertArrayEquals(expected.toString().getBytes(StandardCharsets.UTF_8),
                written.toByteArray());
    }
}
