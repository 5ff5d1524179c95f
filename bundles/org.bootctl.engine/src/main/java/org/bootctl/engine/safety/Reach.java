package org.bootctl.engine.safety;

/** docs/DESIGN.md's "reached": a zone has reached its target when its pressure is at least target − max(4 mmHg, 10 %). */
public final class Reach {

    private Reach() {
    }

    public static double tolerance(double target) {
        return Math.max(4, 0.1 * target);
    }

    /** Also true for a pressure above the target: a fill to a lower target counts as reached at once. */
    public static boolean reached(double pressure, double target) {
        return pressure >= target - tolerance(target);
    }
}
