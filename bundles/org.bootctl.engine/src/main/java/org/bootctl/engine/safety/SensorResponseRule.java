package org.bootctl.engine.safety;

import org.bootctl.api.device.Valve;
import org.bootctl.api.session.Fault;

/**
 * {@code S-SENSOR-RESPONSE} (docs/DESIGN.md): Sensor plausibility, response (host-regulated devices): a channel filling with the pump above
 * half duty that moves less than 0.5 mmHg in 2 s. Judged in consecutive 2 s windows of one
 * uninterrupted fill.
 */
public final class SensorResponseRule implements SafetyRule {

    public static final long WINDOW_NANOS = 2_000_000_000L;
    public static final double MIN_MOVE_MMHG = 0.5;
    public static final int HALF_DUTY = 127;

    private final long[] since;
    private final double[] from;

    public SensorResponseRule(int channels) {
        since = new long[channels];
        from = new double[channels];
        reset();
    }

    @Override
    public Fault check(SafetyInputs in) {
        long now = in.nowNanos();
        Fault fault = null;
        for (int c = 0; c < since.length; c++) {
            double pressure = in.pressure(c);
            if (!in.hasSample() || in.valve(c) != Valve.FILL || in.pump() <= HALF_DUTY) {
                since[c] = -1;
            } else if (since[c] < 0) {
                since[c] = now;
                from[c] = pressure;
            } else if (now - since[c] >= WINDOW_NANOS) {
                double moved = Math.abs(pressure - from[c]);
                if (moved < MIN_MOVE_MMHG && fault == null) {
                    fault = fault(in, c, pressure, moved, now - since[c]);
                }
                since[c] = now;
                from[c] = pressure;
            }
        }
        return fault;
    }

    private static Fault fault(SafetyInputs in, int c, double pressure, double moved, long nanos) {
        return FaultMessages.notRising(in, c, pressure, "pressure not rising while filling",
                "moved " + FaultMessages.mmHg(moved) + " mmHg in " + FaultMessages.seconds(nanos) + " with the pump on",
                "chamber not connected, hose off, pump or sensor fault");
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(since, -1);
    }
}
