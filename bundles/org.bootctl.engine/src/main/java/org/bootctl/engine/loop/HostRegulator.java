package org.bootctl.engine.loop;

import java.util.Arrays;
import org.bootctl.api.device.Valve;

/**
 * Pressure regulation for host-regulated devices (RB2, the simulator): per channel a fill, hold or
 * vent valve, and one pump duty for all. Fills run the pump at full duty to the end, so each is as
 * fast as the pump allows; accuracy comes from closing at the right tick:
 *
 * <ul>
 *   <li>Prediction: each channel's pressure and rise rate are fitted to its recent samples
 *       ({@link PressureTrend}). The pressure a close sent now would leave is the fitted one plus
 *       the rise still to come before the valve acts: from the sample until now, and
 *       {@link #ACTUATION_NANOS} after.</li>
 *   <li>Close now, or at the next tick: whichever lands nearer the target. The rise over the next
 *       tick counts the others that close now: chambers filling together share the pump, so each
 *       one that closes speeds up the rest.</li>
 *   <li>Right after the valves or the pump change, the samples describe the old flow; until a
 *       few new ones arrive, the rate is the one expected: the previous rate scaled by the chambers
 *       now sharing the pump, or for a chamber that opens, what it took alone at the end of its
 *       last fill.</li>
 *   <li>Hold: closed; topped up once the fitted pressure falls {@link #TOP_UP_BELOW_MMHG} under the
 *       target (by a fill the prediction closes again, typically after one tick), vented down when
 *       it is more than {@link #VENT_ABOVE_MMHG} above, to within {@link #VENT_DOWN_TO_MMHG}.</li>
 *   <li>Gentle fills (the fit check, {@code gentle}): the pump tapers from full duty
 *       {@link #TAPER_MMHG} under the target down to {@link #MIN_DUTY}.</li>
 *   <li>Shared manifold: the fill valves open onto one manifold, so a chamber filled together
 *       with a lower one would empty into it. A fill under way finishes first; chambers join it
 *       only within {@link #SHARE_BAND_MMHG} of its pressure. With none under way, the lowest
 *       chambers wanting air start (those within the band of the lowest); the others wait closed.</li>
 * </ul>
 * Safety is not here: the supervisor judges every tick before and independently of this.
 */
final class HostRegulator implements Regulator {

    /** From a command to the valves and pump acting on it: about 15 ms on RB2 units and the simulator. */
    static final long ACTUATION_NANOS = 15_000_000L;
    static final double TOP_UP_BELOW_MMHG = 0.4;
    static final double VENT_ABOVE_MMHG = 3.0;
    static final double VENT_DOWN_TO_MMHG = 0.5;
    static final int FULL_DUTY = 255;
    static final double SHARE_BAND_MMHG = 3.0;
    static final double TAPER_MMHG = 12;
    static final int MIN_DUTY = 150;
    /** A chamber's rise rate alone at full duty before one was seen, mmHg/s: high, so a guess errs toward closing early. */
    static final double UNKNOWN_RATE = 60;
    private static final long DEFAULT_TICK_NANOS = 20_000_000L;

    private final Valve[] mode;
    private final Valve[] wanted;
    private final boolean[] underWay;
    private final PressureTrend trend;
    private final double[] prior;
    private final double[] aloneRate;
    private final double[] estimate;
    private final double[] rate;
    private final double[] predicted;
    private long lastSample = -1;
    private long lastNow = Long.MIN_VALUE;
    private long tickNanos = DEFAULT_TICK_NANOS;
    private int pump;

    HostRegulator(int channels) {
        mode = new Valve[channels];
        wanted = new Valve[channels];
        underWay = new boolean[channels];
        trend = new PressureTrend(channels);
        prior = new double[channels];
        aloneRate = new double[channels];
        estimate = new double[channels];
        rate = new double[channels];
        predicted = new double[channels];
        reset();
    }

    @Override
    public void reset() {
        Arrays.fill(mode, Valve.VENT);
        Arrays.fill(prior, 0);
        Arrays.fill(aloneRate, UNKNOWN_RATE);
        for (int c = 0; c < mode.length; c++) {
            trend.restart(c, Long.MIN_VALUE);
        }
        lastSample = -1;
        lastNow = Long.MIN_VALUE;
        pump = 0;
    }

    @Override
    public void regulate(double[] targets, boolean gentle, Readings readings, long nowNanos, Command command) {
        if (!readings.hasSample()) {
            command.ventAll();
            return;
        }
        if (lastNow != Long.MIN_VALUE && nowNanos > lastNow) {
            tickNanos = Math.max(5_000_000L, Math.min(100_000_000L, nowNanos - lastNow));
        }
        lastNow = nowNanos;
        estimate(targets, readings, nowNanos);
        decide(targets, nowNanos);
        shareManifold();
        int filling = 0;
        double largestShortfall = 0;
        for (int c = 0; c < mode.length; c++) {
            if (wanted[c] == Valve.FILL) {
                filling++;
                largestShortfall = Math.max(largestShortfall, targets[c] - estimate[c]);
            }
        }
        int duty = filling == 0 ? 0 : gentle ? taperedDuty(largestShortfall) : FULL_DUTY;
        boolean changed = duty != pump;
        for (int c = 0; c < mode.length; c++) {
            changed |= wanted[c] != mode[c];
        }
        if (changed) {
            flowChanges(nowNanos, filling, duty);
        }
        pump = duty;
        for (int c = 0; c < mode.length; c++) {
            mode[c] = wanted[c];
            command.valves[c] = mode[c];
            command.setpoints[c] = targets[c];
        }
        command.pump = duty;
    }

    private static int taperedDuty(double shortfall) {
        if (shortfall >= TAPER_MMHG) {
            return FULL_DUTY;
        }
        return (int) Math.round(MIN_DUTY + Math.max(0, shortfall) / TAPER_MMHG * (FULL_DUTY - MIN_DUTY));
    }

    /** Pressure, rate and the pressure a close sent now would leave, per channel. */
    private void estimate(double[] targets, Readings readings, long now) {
        long sampled = readings.arrivalNanos() == Readings.UNKNOWN ? now : readings.arrivalNanos();
        boolean fresh = readings.count() != lastSample;
        lastSample = readings.count();
        for (int c = 0; c < mode.length; c++) {
            if (fresh) {
                trend.add(c, sampled, readings.pressure(c));
            }
            if (targets[c] <= 0 && mode[c] != Valve.FILL) {
                estimate[c] = predicted[c] = readings.pressure(c); // venting: nothing to predict
                rate[c] = 0;
                continue;
            }
            long at;
            if (trend.fitted(c)) {
                estimate[c] = trend.level(c);
                rate[c] = trend.slope(c);
                at = trend.levelAt(c);
            } else {
                estimate[c] = readings.pressure(c);
                rate[c] = prior[c];
                at = sampled;
            }
            double acting = Math.max(0, now + ACTUATION_NANOS - Math.max(at, trend.from(c))) / 1e9;
            predicted[c] = estimate[c] + (mode[c] == Valve.FILL ? Math.max(0, rate[c]) * acting : 0);
        }
    }

    /** What each channel wants, before the manifold is shared out. */
    private void decide(double[] targets, long now) {
        int open = 0;
        for (int c = 0; c < mode.length; c++) {
            open += mode[c] == Valve.FILL ? 1 : 0;
        }
        // fills: close now or at the next tick, whichever lands nearer; a chamber that closes speeds up the rest
        int closing = 0;
        for (int pass = 0; pass < 3; pass++) {
            int closed = 0;
            for (int c = 0; c < mode.length; c++) {
                if (mode[c] == Valve.FILL && targets[c] > 0) {
                    double next = Math.max(0, rate[c]) * open / Math.max(1, open - closing);
                    boolean close = predicted[c] + next * tickNanos / 2e9 >= targets[c];
                    wanted[c] = close ? Valve.CLOSED : Valve.FILL;
                    closed += close ? 1 : 0;
                }
            }
            if (closed == closing) {
                break;
            }
            closing = closed;
        }
        for (int c = 0; c < mode.length; c++) {
            double target = targets[c];
            double p = predicted[c];
            if (target <= 0) {
                wanted[c] = Valve.VENT;
            } else if (mode[c] == Valve.VENT) {
                wanted[c] = p > target + VENT_DOWN_TO_MMHG ? Valve.VENT : needsAir(c, target) ? Valve.FILL : Valve.CLOSED;
            } else if (mode[c] == Valve.CLOSED) {
                wanted[c] = p > target + VENT_ABOVE_MMHG ? Valve.VENT : needsAir(c, target) ? Valve.FILL : Valve.CLOSED;
            }
        }
    }

    /**
     * A closed chamber takes air when it is short by more than half of what one tick of filling
     * adds (at least {@link #TOP_UP_BELOW_MMHG}), judged on a settled fit; a large shortfall at once.
     */
    private boolean needsAir(int c, double target) {
        if (target - estimate[c] > VENT_ABOVE_MMHG) {
            return true;
        }
        double oneTick = aloneRate[c] * tickNanos / 1e9;
        return trend.fitted(c) && target - trend.mean(c) > Math.max(TOP_UP_BELOW_MMHG, oneTick / 2);
    }

    /** Chambers at about the same pressure share the manifold; a fill under way finishes first. */
    private void shareManifold() {
        double lowestUnderWay = Double.POSITIVE_INFINITY;
        double lowestWanting = Double.POSITIVE_INFINITY;
        for (int c = 0; c < mode.length; c++) {
            if (wanted[c] == Valve.FILL) {
                lowestWanting = Math.min(lowestWanting, estimate[c]);
                if (mode[c] == Valve.FILL) {
                    lowestUnderWay = Math.min(lowestUnderWay, estimate[c]);
                }
            }
            underWay[c] = wanted[c] == Valve.FILL && mode[c] == Valve.FILL;
        }
        boolean fillUnderWay = lowestUnderWay != Double.POSITIVE_INFINITY;
        double base = fillUnderWay ? lowestUnderWay : lowestWanting;
        for (int c = 0; c < mode.length; c++) {
            double p = estimate[c];
            if (wanted[c] == Valve.FILL && !underWay[c] && (p > base + SHARE_BAND_MMHG
                    || fillUnderWay && p < base - SHARE_BAND_MMHG)) {
                wanted[c] = Valve.CLOSED; // waits: opened now it would empty into a lower chamber, or drain a higher one
            }
        }
    }

    /**
     * The valves or the pump change now, acting {@link #ACTUATION_NANOS} from now: every fit starts
     * afresh from then, and until it has enough samples each channel's rate is the one expected.
     */
    private void flowChanges(long now, int filling, int duty) {
        int before = 0;
        for (Valve v : mode) {
            before += v == Valve.FILL ? 1 : 0;
        }
        for (int c = 0; c < mode.length; c++) {
            boolean was = mode[c] == Valve.FILL && pump > 0;
            boolean will = wanted[c] == Valve.FILL && duty > 0;
            if (was && rate[c] > 0) {
                aloneRate[c] = rate[c] * before; // what it takes with the pump to itself, near this pressure
            }
            prior[c] = !will ? 0 : was ? Math.max(0, rate[c]) * before / filling : aloneRate[c] / filling;
            trend.restart(c, now + ACTUATION_NANOS);
        }
    }
}
