package org.bootctl.engine.record;

import org.bootctl.api.device.Channel;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.Valve;
import org.bootctl.api.session.SessionState;

/**
 * The pressure trace CSV (docs/TRACE.md): a header, then one row per tick —
 * {@code t_ms,state,cycle,step,pump,<ch>_p...,<ch>_sp...[,<ch>_v...]}. Rows are formatted as ASCII
 * bytes into the trace's own buffer without allocating: this runs on the control loop.
 */
public final class TraceFormat {

    private TraceFormat() {
    }

    /** The header row (no line end). Valve columns only for host-regulated devices. */
    public static String header(DeviceDescription device, boolean valves) {
        StringBuilder sb = new StringBuilder("t_ms,state,cycle,step,pump");
        for (Channel c : device.channels()) {
            sb.append(',').append(c.id()).append("_p");
        }
        for (Channel c : device.channels()) {
            sb.append(',').append(c.id()).append("_sp");
        }
        if (valves) {
            for (Channel c : device.channels()) {
                sb.append(',').append(c.id()).append("_v");
            }
        }
        return sb.toString();
    }

    /**
     * Appends one row (no line end). The row is stored in one pass into room reserved for its
     * longest form: this is the loop's costliest formatting, done for every tick.
     *
     * @param pump   duty 0..255, or -1 where the device regulates (written empty)
     * @param valves null where the device regulates
     */
    public static void appendRow(TraceBytes out, long tMs, SessionState state, int cycle, int step, int pump,
                                 double[] pressures, double[] targets, Valve[] valves) {
        String name = state.name();
        int longest = 4 * (TraceBytes.MAX_LONG + 1) + name.length()
                + (pressures.length + targets.length) * (TraceBytes.MAX_TENTHS + 2)
                + (valves == null ? 0 : 2 * valves.length);
        byte[] b = out.reserve(longest);
        int at = TraceBytes.putLong(b, out.length(), tMs);
        b[at++] = ',';
        at = TraceBytes.putAscii(b, at, name);
        b[at++] = ',';
        at = TraceBytes.putLong(b, at, cycle);
        b[at++] = ',';
        at = TraceBytes.putLong(b, at, step);
        b[at++] = ',';
        if (pump >= 0) {
            at = TraceBytes.putLong(b, at, pump);
        }
        for (double p : pressures) {
            b[at++] = ',';
            at = putTenths(b, at, p);
        }
        for (double t : targets) {
            b[at++] = ',';
            at = putTenths(b, at, t);
        }
        if (valves != null) {
            for (Valve v : valves) {
                b[at++] = ',';
                b[at++] = (byte) v.letter();
            }
        }
        out.end(at);
    }

    /** {@code 82.4}, {@code -0.3}, {@code 0.0}: one decimal, half away from zero, no locale. */
    public static void appendTenths(TraceBytes out, double value) {
        out.end(putTenths(out.reserve(TraceBytes.MAX_TENTHS + 1), out.length(), value));
    }

    private static int putTenths(byte[] b, int at, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return TraceBytes.putAscii(b, at, "NaN");
        }
        long tenths = Math.round(Math.abs(value) * 10);
        if (value < 0 && tenths != 0) {
            b[at++] = '-';
        }
        return TraceBytes.putTenths(b, at, tenths);
    }
}
