package org.bootctl.sim;

/**
 * The physical minimum fill time of a model: pump at full duty, ideal valves (no delay, no
 * restriction, so every filling chamber is at the manifold's pressure), no leaks.
 * t = integral from p0 to p1 of (chambers * C(p)) / Q_pump(p) dp.
 */
final class FillTime {

    private static final double STEP_MMHG = 0.05;

    private FillTime() {
    }

    /** Seconds, 0 when there is nothing to fill, infinite when the pump cannot reach {@code toMmHg}. */
    static double minimumSeconds(SimModel model, int chambers, double fromMmHg, double toMmHg) {
        if (!Double.isFinite(fromMmHg) || !Double.isFinite(toMmHg)) {
            throw new IllegalArgumentException("pressures must be finite: " + fromMmHg + " to " + toMmHg);
        }
        double from = Math.max(0, fromMmHg);
        if (chambers == 0 || toMmHg <= from) {
            return 0;
        }
        if (toMmHg >= model.pumpStall()) {
            return Double.POSITIVE_INFINITY;
        }
        int steps = (int) Math.ceil((toMmHg - from) / STEP_MMHG);
        double dp = (toMmHg - from) / steps;
        double seconds = 0;
        for (int k = 0; k < steps; k++) {
            double p = from + (k + 0.5) * dp; // midpoint rule
            double flow = model.pumpFlow() * (1 - p / model.pumpStall());
            seconds += chambers * model.bladder().compliance(p) * dp / flow;
        }
        return seconds;
    }
}
