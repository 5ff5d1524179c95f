package org.bootctl.engine.loop;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.session.Fault;
import org.bootctl.engine.safety.FaultMessages;
import org.bootctl.engine.safety.ExpectedFills;
import org.bootctl.engine.safety.Reach;

/**
 * The fit check before a program starts.
 * <ol>
 *   <li>Settle: every zone vented for at least 1 s and until every reading is steady (moves less
 *       than 0.5 mmHg in 0.5 s), at most 5 s.</li>
 *   <li>Zero: each channel's mean reading over 0.25 s is its zero; a zero more than 5 mmHg off
 *       is a sensor fault. The session subtracts these offsets from then on.</li>
 *   <li>Fill: zone after zone (all its channels) to 20 mmHg, the others vented. A zone that has
 *       not reached it within 10 s is "not connected or leaking": the supervisor's fill-timeout
 *       rule says so, with the fit check's words. Each zone's fill time goes into the record.</li>
 * </ol>
 */
final class FitCheck {

    static final double FILL_MMHG = 20;
    static final long FILL_LIMIT_NANOS = 10_000_000_000L;
    static final double ZERO_LIMIT_MMHG = 5;
    static final long SETTLE_MIN_NANOS = 1_000_000_000L;
    static final long SETTLE_MAX_NANOS = 5_000_000_000L;
    static final long STEADY_WINDOW_NANOS = 500_000_000L;
    static final double STEADY_MMHG = 0.5;
    static final long ZERO_NANOS = 250_000_000L;

    enum Phase { SETTLE, ZERO, FILL, DONE, FAILED }

    private final DeviceDescription device;
    private final ChannelMap map;
    private final double[] checkpoint;
    private final double[] zeroSum;
    private final Map<String, Long> fillMs = new LinkedHashMap<>();
    private Phase phase = Phase.SETTLE;
    private long phaseStart;
    private long checkpointAt;
    private boolean steady;
    private int zeroTicks;
    private int zone;
    private Fault fault;

    FitCheck(DeviceDescription device, ChannelMap map) {
        this.device = device;
        this.map = map;
        checkpoint = new double[map.channels()];
        zeroSum = new double[map.channels()];
    }

    /** Begins settling: a new step with every zone vented, no fill expected. */
    Intent begin(long now, Readings readings, Intent from) {
        phase = Phase.SETTLE;
        phaseStart = now;
        markCheckpoint(now, readings);
        return from.step(new double[checkpoint.length], ExpectedFills.NONE);
    }

    /**
     * One tick of the check ({@link #phase()} says where it is).
     *
     * @return what the session intends now: {@code from}, or a zone's fill, or every zone vented once done
     */
    Intent tick(long now, Readings readings, Intent from) {
        return switch (phase) {
            case SETTLE -> {
                settle(now, readings);
                yield from;
            }
            case ZERO -> zero(now, readings, from);
            case FILL -> fill(now, readings, from);
            default -> from;
        };
    }

    Phase phase() {
        return phase;
    }

    private void settle(long now, Readings readings) {
        if (now - checkpointAt >= STEADY_WINDOW_NANOS) {
            steady = true;
            for (int c = 0; c < checkpoint.length; c++) {
                steady &= Math.abs(readings.raw(c) - checkpoint[c]) < STEADY_MMHG;
            }
            markCheckpoint(now, readings);
        }
        long settled = now - phaseStart;
        if (settled >= SETTLE_MAX_NANOS || settled >= SETTLE_MIN_NANOS && steady) {
            phase = Phase.ZERO;
            phaseStart = now;
            Arrays.fill(zeroSum, 0);
            zeroTicks = 0;
        }
    }

    private Intent zero(long now, Readings readings, Intent from) {
        for (int c = 0; c < zeroSum.length; c++) {
            zeroSum[c] += readings.raw(c);
        }
        zeroTicks++;
        if (now - phaseStart < ZERO_NANOS) {
            return from;
        }
        double[] offsets = new double[zeroSum.length];
        int worst = 0;
        for (int c = 0; c < offsets.length; c++) {
            offsets[c] = zeroSum[c] / zeroTicks;
            if (Math.abs(offsets[c]) > Math.abs(offsets[worst])) {
                worst = c;
            }
        }
        if (Math.abs(offsets[worst]) > ZERO_LIMIT_MMHG) {
            fault = FaultMessages.atChannel(device, "sensor zero off", worst, offsets[worst],
                    " with every zone vented (more than " + (int) ZERO_LIMIT_MMHG + " mmHg off)");
            phase = Phase.FAILED;
            return from;
        }
        readings.setOffsets(offsets);
        return enterZone(1, now, from);
    }

    private Intent fill(long now, Readings readings, Intent from) {
        Intent intent = from;
        boolean all = true;
        for (int c : map.channelsOf(zone)) {
            if (intent.fills().active(c)) {
                if (Reach.reached(readings.pressure(c), FILL_MMHG)) {
                    intent = intent.reached(c);
                } else {
                    all = false;
                }
            }
        }
        if (!all) {
            return intent;
        }
        fillMs.put(Integer.toString(zone), (now - phaseStart) / 1_000_000);
        if (zone < map.zones()) {
            return enterZone(zone + 1, now, intent);
        }
        phase = Phase.DONE;
        return intent.vent();
    }

    private Intent enterZone(int z, long now, Intent from) {
        phase = Phase.FILL;
        phaseStart = now;
        zone = z;
        double[] targets = new double[checkpoint.length];
        double[] fills = new double[checkpoint.length];
        Arrays.fill(fills, Double.NaN);
        for (int c : map.channelsOf(z)) {
            targets[c] = FILL_MMHG;
            fills[c] = FILL_MMHG;
        }
        return from.step(targets, ExpectedFills.of(ExpectedFills.Purpose.FIT_CHECK, now, FILL_LIMIT_NANOS, fills));
    }

    private void markCheckpoint(long now, Readings readings) {
        for (int c = 0; c < checkpoint.length; c++) {
            checkpoint[c] = readings.raw(c);
        }
        checkpointAt = now;
    }

    /** Fill time per zone ("1" to ms), in zone order. */
    Map<String, Long> fillMs() {
        return fillMs;
    }

    /** The sensor fault found at zeroing, or null. */
    Fault fault() {
        return fault;
    }
}
