package org.bootctl.engine.loop;

import java.util.Arrays;
import org.bootctl.api.device.Valve;

/**
 * Pressure regulation for host-regulated devices (RB2, the simulator): per channel a fill, hold or
 * vent valve, and one pump duty for all.
 *
 * <ul>
 *   <li>Fill: the valve stays open until the pressure, plus the rise still to come after it
 *       closes (the channel's rise rate × {@link #LEAD_S}), reaches the target.</li>
 *   <li>Hold: closed; topped up when it falls {@link #TOP_UP_BELOW_MMHG} under the target,
 *       vented down when it is more than {@link #VENT_ABOVE_MMHG} above, to within
 *       {@link #VENT_DOWN_TO_MMHG}.</li>
 *   <li>Pump: full while any filling channel is far from its target, tapered near it (never
 *       below {@link #MIN_DUTY}, so a stuck fill still shows), off when nothing fills.</li>
 *   <li>Shared manifold: the fill valves open onto one manifold, so a chamber filled together
 *       with a lower one would empty into it. A fill under way finishes first; chambers join it
 *       only within {@link #SHARE_BAND_MMHG} of its pressure. With none under way, the lowest
 *       chambers wanting air start (those within the band of the lowest); the others wait closed.</li>
 * </ul>
 * A later issue tunes this toward the physical limit; the overshoot budget here is under 5 mmHg.
 */
final class HostRegulator implements Regulator {

    static final double LEAD_S = 0.08;
    static final double TOP_UP_BELOW_MMHG = 2.0;
    static final double VENT_ABOVE_MMHG = 3.0;
    static final double VENT_DOWN_TO_MMHG = 0.5;
    static final double TAPER_MMHG = 12;
    static final int MIN_DUTY = 150;
    static final int FULL_DUTY = 255;
    static final double SHARE_BAND_MMHG = 3.0;
    private static final double RATE_SMOOTHING = 0.35;

    private final Valve[] mode;
    private final boolean[] underWay;
    private final double[] rate;
    private final double[] lastPressure;
    private long lastSample = -1;
    private long lastSampleTimeMs;
    private long lastSampleNanos;

    HostRegulator(int channels) {
        mode = new Valve[channels];
        underWay = new boolean[channels];
        rate = new double[channels];
        lastPressure = new double[channels];
        reset();
    }

    @Override
    public void reset() {
        Arrays.fill(mode, Valve.VENT);
        Arrays.fill(rate, 0);
        lastSample = -1;
    }

    @Override
    public void regulate(double[] targets, Readings readings, long nowNanos, Command command) {
        if (!readings.hasSample()) {
            command.ventAll();
            return;
        }
        updateRates(readings, nowNanos);
        // which chambers may take air this tick: a fill under way finishes first, and only chambers
        // at about the same pressure share the manifold with it
        double lowestUnderWay = Double.POSITIVE_INFINITY;
        double lowestWanting = Double.POSITIVE_INFINITY;
        for (int c = 0; c < targets.length; c++) {
            Valve wanted = next(mode[c], targets[c], readings.pressure(c), rate[c]);
            double p = readings.pressure(c);
            if (wanted == Valve.FILL) {
                lowestWanting = Math.min(lowestWanting, p);
                if (mode[c] == Valve.FILL) {
                    lowestUnderWay = Math.min(lowestUnderWay, p);
                }
            }
            underWay[c] = wanted == Valve.FILL && mode[c] == Valve.FILL;
            mode[c] = wanted;
        }
        boolean fillUnderWay = lowestUnderWay != Double.POSITIVE_INFINITY;
        double base = fillUnderWay ? lowestUnderWay : lowestWanting;
        double largestFillError = 0;
        for (int c = 0; c < targets.length; c++) {
            double p = readings.pressure(c);
            if (mode[c] == Valve.FILL && !underWay[c] && (p > base + SHARE_BAND_MMHG
                    || fillUnderWay && p < base - SHARE_BAND_MMHG)) {
                mode[c] = Valve.CLOSED; // waits: opened now it would empty into a lower chamber, or drain a higher one
            }
            if (mode[c] == Valve.FILL) {
                largestFillError = Math.max(largestFillError, targets[c] - p);
            }
            command.valves[c] = mode[c];
            command.setpoints[c] = targets[c];
        }
        command.pump = pumpDuty(largestFillError, anyFilling());
    }

    private static Valve next(Valve current, double target, double p, double rate) {
        if (target <= 0) {
            return Valve.VENT;
        }
        double predicted = p + Math.max(rate, 0) * LEAD_S;
        return switch (current) {
            case FILL -> predicted >= target ? Valve.CLOSED : Valve.FILL;
            case VENT -> p > target + VENT_DOWN_TO_MMHG ? Valve.VENT
                    : p < target - TOP_UP_BELOW_MMHG ? Valve.FILL : Valve.CLOSED;
            case CLOSED -> p > target + VENT_ABOVE_MMHG ? Valve.VENT
                    : p < target - TOP_UP_BELOW_MMHG && predicted < target ? Valve.FILL : Valve.CLOSED;
        };
    }

    private boolean anyFilling() {
        for (Valve v : mode) {
            if (v == Valve.FILL) {
                return true;
            }
        }
        return false;
    }

    private static int pumpDuty(double largestError, boolean filling) {
        if (!filling) {
            return 0;
        }
        if (largestError >= TAPER_MMHG) {
            return FULL_DUTY;
        }
        double share = Math.max(0, largestError) / TAPER_MMHG;
        return (int) Math.round(MIN_DUTY + share * (FULL_DUTY - MIN_DUTY));
    }

    /** Rise rate per channel from consecutive samples, by the device's own clock where it ticks. */
    private void updateRates(Readings readings, long nowNanos) {
        if (readings.count() == lastSample) {
            return;
        }
        long deviceMs = readings.sample().deviceTimeMs();
        double dt = lastSample < 0 ? 0
                : deviceMs > lastSampleTimeMs ? (deviceMs - lastSampleTimeMs) / 1000.0
                : (nowNanos - lastSampleNanos) / 1e9;
        for (int c = 0; c < rate.length; c++) {
            double p = readings.pressure(c);
            if (dt > 0 && dt < 1) {
                double instant = (p - lastPressure[c]) / dt;
                rate[c] += RATE_SMOOTHING * (instant - rate[c]);
            }
            lastPressure[c] = p;
        }
        lastSample = readings.count();
        lastSampleTimeMs = deviceMs;
        lastSampleNanos = nowNanos;
    }
}
