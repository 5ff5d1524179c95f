package org.bootctl.engine.safety;

import java.util.Arrays;
import org.bootctl.api.device.Valve;
import org.bootctl.api.session.Fault;

/**
 * {@code S-FILL-STALL} (docs/DESIGN.md): Sensor response scaled to the chamber (host-regulated devices), stricter than the 2 s rule of
 * {@link SensorResponseRule}, which it adds to: a small chamber filling at full duty passes its
 * hard limit well within 2 s (an arm chamber of RB2-A4 rises about 40 mmHg a second), so a sensor
 * that sticks mid-fill would hide it that long. While the valves and the pump stay as they are (one
 * "flow"), a filling chamber's rise rate changes only slowly; so once its rise rate is known, a
 * reading that moves less than {@link SensorResponseRule#MIN_MOVE_MMHG} in the time that rate needs
 * for {@link #EXPECTED_MMHG} is a fault. The rate expected is the fastest this chamber rose in the
 * present flow, over {@link #SPAN_NANOS} (long enough that the sensor's noise cannot fake it), or,
 * at full duty before that is known, half of what this chamber took in earlier flows at full duty,
 * shared by the chambers now filling (a sensor that stuck while the chamber held, then a top-up).
 * Below {@link #MIN_RATE} the 2 s rule is quick enough and this one does not judge. Judged on
 * the samples' arrival times, once per new sample: samples that come late (up to the stale-telemetry
 * limit) are not a chamber that stopped rising.
 */
public final class FillStallRule implements SafetyRule {

    private static final int FULL_DUTY = 255;

    /** Readings this soon after a change of valves or pump still describe the old flow (valve delay ~15 ms, a few samples). */
    public static final long SETTLE_NANOS = 60_000_000L;
    /** A rise rate is measured over this span: 0.2 s, so noise of 0.15 mmHg moves it by about 1 mmHg/s. */
    public static final long SPAN_NANOS = 200_000_000L;
    /** The window is the time the expected rate takes for this rise: 8 times the move that passes, and far above noise. */
    public static final double EXPECTED_MMHG = 4;
    /** Below this expected rate (mmHg/s) the 2 s rule reacts within 20 mmHg; this one leaves it to that. */
    public static final double MIN_RATE = 10;
    /** The shortest window: several samples. */
    public static final long MIN_WINDOW_NANOS = 100_000_000L;
    /** What an earlier flow's rate counts for in a new one, before this one's is known. */
    public static final double EARLIER_SHARE = 0.5;

    private final RecentReadings recent;
    private final boolean[] filling;
    private final double[] fastest;
    private final double[] firstReading;
    private final long[] firstNanos;
    private final double[] lastReading;
    private final long[] lastNanos;
    /** Per channel, the slowest rate it had at full duty in an earlier flow, times the chambers that shared the pump; NaN none yet. */
    private final double[] alone;

    private int pump = -1;
    private int open;
    private long flowStart;

    public FillStallRule(int channels) {
        recent = new RecentReadings(channels);
        filling = new boolean[channels];
        fastest = new double[channels];
        firstReading = new double[channels];
        firstNanos = new long[channels];
        lastReading = new double[channels];
        lastNanos = new long[channels];
        alone = new double[channels];
        reset();
    }

    @Override
    public Fault check(SafetyInputs in) {
        long now = in.nowNanos();
        int pumpBefore = pump;
        int openBefore = open;
        if (flowChanged(in)) {
            endFlow(pumpBefore, openBefore);
            flowStart = now;
        }
        Fault fault = null;
        long sampled = in.lastSampleNanos();
        for (int c = 0; c < filling.length; c++) {
            if (!in.hasSample() || !filling[c] || pump <= SensorResponseRule.HALF_DUTY
                    || sampled - flowStart < SETTLE_NANOS || !recent.isEmpty(c) && sampled <= lastNanos[c]) {
                continue; // not filling, the old flow's samples, or no new sample since the last judgement
            }
            double reading = in.pressure(c);
            if (recent.isEmpty(c)) {
                firstReading[c] = reading;
                firstNanos[c] = sampled;
            }
            lastReading[c] = reading;
            lastNanos[c] = sampled;
            recent.add(c, sampled, reading);
            long spanStart = recent.timeAt(c, sampled - SPAN_NANOS);
            if (spanStart != Long.MIN_VALUE) {
                fastest[c] = Math.max(fastest[c], (reading - recent.at(c, sampled - SPAN_NANOS)) / ((sampled - spanStart) / 1e9));
            }
            double expected = fastest[c];
            if (pump >= FULL_DUTY && !Double.isNaN(alone[c])) {
                expected = Math.max(expected, EARLIER_SHARE * alone[c] / open);
            }
            if (fault == null && expected >= MIN_RATE) {
                long window = Math.max(MIN_WINDOW_NANOS, Math.min(SensorResponseRule.WINDOW_NANOS,
                        Math.round(EXPECTED_MMHG / expected * 1e9)));
                double moved = Math.abs(reading - recent.at(c, sampled - window)); // NaN while younger: no judgement
                if (moved < SensorResponseRule.MIN_MOVE_MMHG) {
                    fault = fault(in, c, reading, moved, sampled - recent.timeAt(c, sampled - window), expected);
                }
            }
        }
        return fault;
    }

    /** Whether the valves or the pump differ from the previous tick's; takes the new ones. */
    private boolean flowChanged(SafetyInputs in) {
        boolean changed = in.pump() != pump;
        int count = 0;
        for (int c = 0; c < filling.length; c++) {
            boolean fills = in.valve(c) == Valve.FILL;
            changed |= fills != filling[c];
            filling[c] = fills;
            count += fills ? 1 : 0;
        }
        pump = in.pump();
        open = count;
        return changed;
    }

    /**
     * A flow ends: what each chamber took in it at full duty (its average rise, times the chambers
     * that shared the pump) is kept for the next flows; the slowest such rate counts.
     */
    private void endFlow(int flowPump, int flowOpen) {
        for (int c = 0; c < filling.length; c++) {
            if (!recent.isEmpty(c) && flowPump >= FULL_DUTY && lastNanos[c] - firstNanos[c] >= SPAN_NANOS
                    && lastReading[c] - firstReading[c] >= EXPECTED_MMHG / 2) {
                double rate = (lastReading[c] - firstReading[c]) / ((lastNanos[c] - firstNanos[c]) / 1e9) * flowOpen;
                alone[c] = Double.isNaN(alone[c]) ? rate : Math.min(alone[c], rate);
            }
            recent.clear(c);
            fastest[c] = 0;
        }
    }

    private static Fault fault(SafetyInputs in, int c, double pressure, double moved, long nanos, double expected) {
        return FaultMessages.notRising(in, c, pressure, "pressure not rising while filling",
                "moved " + FaultMessages.mmHg(moved) + " mmHg in " + FaultMessages.seconds(nanos)
                        + " with the pump on, where it was rising " + FaultMessages.mmHg(expected) + " mmHg/s",
                "sensor stuck, hose off, chamber or pump fault");
    }

    @Override
    public void reset() {
        recent.clearAll();
        Arrays.fill(filling, false);
        Arrays.fill(fastest, 0);
        Arrays.fill(alone, Double.NaN);
        pump = -1;
        open = 0;
    }
}
