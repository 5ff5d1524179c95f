package org.bootctl.tools.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges regulation from the true chamber pressures, observed often (every simulated
 * millisecond) while a session runs. Per channel, a <em>segment</em> is a stretch with one
 * target above zero. In a segment that starts below 98 % of its target (a fill):
 * <ul>
 *   <li>the fill ends when the pressure first reaches 98 % of the target (interpolated between
 *       the two physics samples around it); channels whose fills begin at the same moment fill
 *       together, and their group's fill time is that of the slowest, held against the
 *       simulator's physical minimum for the same group, start pressure and end pressure;</li>
 *   <li>holding begins once the pressure stops rising after that (the peak), and lasts until the
 *       target changes; a segment that starts at its target holds from its start.</li>
 * </ul>
 * Overshoot is the worst rise above target in any segment; the hold error is time-weighted RMS
 * of pressure minus target over every holding stretch; the band share is the percentage of the
 * observations while holding whose pressure is within a band around the target.
 */
final class FillAnalysis {

    /** A fill is done at this share of its target. */
    static final double FILL_DONE = 0.98;

    /** The physical minimum for a group of channels filling together. */
    @FunctionalInterface
    interface Minimum {
        long nanos(int[] channels, double fromMmHg, double toMmHg);
    }

    /** What a run of segments showed. */
    record Figures(double overshootMaxMmHg, double holdRmsMmHg, double fillRatioMedian, int fills, int unreached,
                   double holdSeconds, double heldWithinBandPct) {
    }

    private final int channels;
    private final Minimum minimum;
    private final double bandMmHg;
    private final double[] target;
    private final boolean[] filling;
    private final boolean[] holding;
    private final long[] crossedAt;
    private final double[] distinct;
    private final long[] distinctAt;
    private final double[] observed;
    private final Map<GroupKey, Group> groups = new LinkedHashMap<>();
    private final Group[] groupOf;
    private final List<Double> ratios = new ArrayList<>();
    private long previous = Long.MIN_VALUE;
    private double worst = Double.NEGATIVE_INFINITY;
    private double squares;
    private long holdNanos;
    private int unreached;
    private long heldSamples;
    private long heldWithinBand;

    private record GroupKey(long start, double target) {
    }

    private static final class Group {
        final long start;
        final double target;
        final List<Integer> members = new ArrayList<>();
        double startSum;
        long lastCrossing;
        int crossed;
        boolean failed;

        Group(long start, double target) {
            this.start = start;
            this.target = target;
        }
    }

    FillAnalysis(int channels, Minimum minimum, double bandMmHg) {
        this.channels = channels;
        this.minimum = minimum;
        this.bandMmHg = bandMmHg;
        target = new double[channels];
        filling = new boolean[channels];
        holding = new boolean[channels];
        crossedAt = new long[channels];
        distinct = new double[channels];
        distinctAt = new long[channels];
        observed = new double[channels];
        groupOf = new Group[channels];
    }

    /** One observation at {@code nanos}: every channel's target (0 = none) and true pressure. */
    void observe(long nanos, double[] targets, double[] pressures) {
        long dt = previous == Long.MIN_VALUE ? 0 : nanos - previous;
        for (int c = 0; c < channels; c++) {
            if (holding[c] && dt > 0) {
                double error = observed[c] - target[c];
                squares += error * error * dt;
                holdNanos += dt;
                heldSamples++;
                if (Math.abs(error) <= bandMmHg) {
                    heldWithinBand++;
                }
            }
            double p = pressures[c];
            if (targets[c] != target[c]) {
                endSegment(c);
                beginSegment(c, nanos, targets[c], p);
            } else if (target[c] > 0) {
                follow(c, nanos, p);
            }
            observed[c] = p;
        }
        previous = nanos;
    }

    private void beginSegment(int c, long nanos, double newTarget, double p) {
        target[c] = newTarget;
        distinct[c] = p;
        distinctAt[c] = nanos;
        crossedAt[c] = -1;
        if (newTarget <= 0) {
            filling[c] = holding[c] = false;
            return;
        }
        worst = Math.max(worst, p - newTarget);
        filling[c] = p < FILL_DONE * newTarget;
        holding[c] = !filling[c];
        if (filling[c]) {
            Group group = groups.computeIfAbsent(new GroupKey(nanos, newTarget), k -> new Group(k.start(), k.target()));
            group.members.add(c);
            group.startSum += p;
            groupOf[c] = group;
        }
    }

    private void follow(int c, long nanos, double p) {
        worst = Math.max(worst, p - target[c]);
        if (p == distinct[c]) {
            return; // no physics step since the last observation
        }
        if (filling[c] && crossedAt[c] < 0 && p >= FILL_DONE * target[c]) {
            double before = distinct[c];
            double share = p > before ? (FILL_DONE * target[c] - before) / (p - before) : 1;
            crossedAt[c] = distinctAt[c] + Math.round(Math.max(0, Math.min(1, share)) * (nanos - distinctAt[c]));
            crossed(c);
        } else if (filling[c] && crossedAt[c] >= 0 && !holding[c] && p <= distinct[c]) {
            holding[c] = true; // the peak has passed: the fill is over
        }
        distinct[c] = p;
        distinctAt[c] = nanos;
    }

    private void crossed(int c) {
        Group group = groupOf[c];
        group.crossed++;
        group.lastCrossing = Math.max(group.lastCrossing, crossedAt[c]);
        if (group.crossed == group.members.size() && !group.failed) {
            int[] members = group.members.stream().mapToInt(Integer::intValue).toArray();
            long least = minimum.nanos(members, group.startSum / members.length, FILL_DONE * group.target);
            if (least > 0 && least != Long.MAX_VALUE) {
                ratios.add((double) (group.lastCrossing - group.start) / least);
            }
            groups.values().remove(group);
        }
    }

    private void endSegment(int c) {
        if (filling[c] && crossedAt[c] < 0) {
            Group group = groupOf[c];
            if (!group.failed) {
                group.failed = true;
                unreached++;
                groups.values().remove(group);
            }
        }
        filling[c] = holding[c] = false;
        groupOf[c] = null;
    }

    /** The figures so far. */
    Figures figures() {
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted.length == 0 ? Double.NaN
                : sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        double rms = holdNanos == 0 ? Double.NaN : Math.sqrt(squares / holdNanos);
        double withinBand = heldSamples == 0 ? Double.NaN : 100.0 * heldWithinBand / heldSamples;
        return new Figures(worst, rms, median, sorted.length, unreached, holdNanos / 1e9, withinBand);
    }

    @Override
    public String toString() {
        return figures() + " ratios " + Arrays.toString(ratios.toArray());
    }
}
