package org.bootctl.engine.safety;

/**
 * The fills of one step (or fit-check zone) that must reach their target in time: what the
 * sequencer or the fit check expects, enforced by the supervisor's {@link FillTimeoutRule}.
 * Immutable: a fill reached gives a new value without it.
 */
public final class ExpectedFills {

    /** Why fills are expected: it decides the words of the fault. */
    public enum Purpose { STEP, FIT_CHECK }

    /** No fill expected. */
    public static final ExpectedFills NONE = new ExpectedFills(Purpose.STEP, 0, 0, new double[0]);

    private final Purpose purpose;
    private final long startNanos;
    private final long limitNanos;
    /** Per channel, the target to reach; NaN where no fill is expected. */
    private final double[] targets;

    private ExpectedFills(Purpose purpose, long startNanos, long limitNanos, double[] targets) {
        this.purpose = purpose;
        this.startNanos = startNanos;
        this.limitNanos = limitNanos;
        this.targets = targets;
    }

    /**
     * Fills begun together at {@code startNanos}, each to reach its target within {@code limitNanos}.
     *
     * @param targets per channel, mmHg; NaN where no fill is expected (copied)
     */
    public static ExpectedFills of(Purpose purpose, long startNanos, long limitNanos, double[] targets) {
        return new ExpectedFills(purpose, startNanos, limitNanos, targets.clone());
    }

    /** These fills but the channel's, which has reached its target. */
    public ExpectedFills reached(int channel) {
        if (!active(channel)) {
            return this;
        }
        double[] left = targets.clone();
        left[channel] = Double.NaN;
        return new ExpectedFills(purpose, startNanos, limitNanos, left);
    }

    /** Whether a fill of this channel is expected. */
    public boolean active(int channel) {
        return channel < targets.length && !Double.isNaN(targets[channel]);
    }

    public double target(int channel) {
        return targets[channel];
    }

    public long startNanos() {
        return startNanos;
    }

    public long limitNanos() {
        return limitNanos;
    }

    public Purpose purpose() {
        return purpose;
    }
}
