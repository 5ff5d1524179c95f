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
     * Appends one row (no line end).
     *
     * @param pump   duty 0..255, or -1 where the device regulates (written empty)
     * @param valves null where the device regulates
     */
    public static void appendRow(TraceBytes out, long tMs, SessionState state, int cycle, int step, int pump,
                                 double[] pressures, double[] targets, Valve[] valves) {
        out.append(tMs).append(',').append(state.name()).append(',').append(cycle).append(',').append(step)
                .append(',');
        if (pump >= 0) {
            out.append(pump);
        }
        for (double p : pressures) {
            appendTenths(out.append(','), p);
        }
        for (double t : targets) {
            appendTenths(out.append(','), t);
        }
        if (valves != null) {
            for (Valve v : valves) {
                out.append(',').append(v.letter());
            }
        }
    }

    /** {@code 82.4}, {@code -0.3}, {@code 0.0}: one decimal, half away from zero, no locale. */
    public static void appendTenths(TraceBytes out, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            out.append("NaN");
            return;
        }
        long tenths = Math.round(Math.abs(value) * 10);
        if (value < 0 && tenths != 0) {
            out.append('-');
        }
        out.appendTenths(tenths);
    }
}
