package org.bootctl.engine.safety;

import org.bootctl.api.session.Fault;

/**
 * {@code S-SUSTAINED-OFFSET} (docs/DESIGN.md): A device-regulated zone (RB1) whose reading has stayed outside the firmware's hold band for the
 * whole of a window, all its readings in that time within {@link SensorResponseRule#MIN_MOVE_MMHG}
 * of each other: a sound unit would have moved it back toward its setpoint. Judged once per new
 * sample, on the sensor's own reading (what the firmware regulates on), against the whole-mmHg
 * setpoint the firmware was given (RB1 takes whole mmHg and a host rounds down, docs/protocols/rb1-line.md: a
 * sound zone set to 92.7 may hold down to 89 mmHg). Two sides, one rule each:
 * <ul>
 * <li>{@link #shortfall}: more than {@link #BAND_MMHG} under for {@link #SHORTFALL_WINDOW_NANOS}.
 *     Stricter than {@link SetpointResponseRule} (which stays). A sensor stuck there is what the
 *     firmware fills on for ever, its hard limit trusting the same reading: the true pressure runs
 *     away (docs/SAFETY.md, open finding 5). The simulated RB1-L4: no sound zone stays more than
 *     1.7 mmHg under for 0.5 s while moving less than 0.5 mmHg, in every built-in program at every
 *     level.</li>
 * <li>{@link #excess}: more than {@link #BAND_MMHG} over, and above {@link #EXCESS_FLOOR_MMHG},
 *     for {@link #EXCESS_WINDOW_NANOS}. Stuck above its setpoint a sensor makes the firmware vent,
 *     which is safe; but the next setpoint just above the stuck reading would have the firmware
 *     fill on it for ever, unseen, so a sensor that does not follow a vent ends the session now
 *     (a sound vent is fast: the simulated RB1-L4 empties 100 → 5 mmHg in 3.6 s).</li>
 * </ul>
 */
public final class SustainedOffsetRule extends StuckReadingRule {

    /** The firmware's hold band, 3 mmHg, and half a mmHg for the noise on the reading it acts on. */
    public static final double BAND_MMHG = 3.5;
    /**
     * Long enough for a sound unit to start a fill and move it by half a mmHg (the simulated RB1-L4:
     * under 0.5 s from a new setpoint); short enough that a chamber filled on a sensor stuck from
     * 3.5 mmHg under a 110 mmHg setpoint is vented before it passes the 120 mmHg hard limit.
     */
    public static final long SHORTFALL_WINDOW_NANOS = 500_000_000L;
    /**
     * A vented zone at rest reads its sensor's zero offset, which the fit check accepts up to 5 mmHg;
     * above 10 mmHg a sound vent still falls several mmHg a second.
     */
    public static final double EXCESS_FLOOR_MMHG = 10;
    /** Nothing to hurry over the setpoint: a zone there is vented by the firmware. */
    public static final long EXCESS_WINDOW_NANOS = 2_000_000_000L;

    private final boolean under;
    private final long windowNanos;

    private SustainedOffsetRule(boolean under, long windowNanos, int channels) {
        super(channels);
        this.under = under;
        this.windowNanos = windowNanos;
    }

    /** A zone held under its setpoint without moving. */
    public static SustainedOffsetRule shortfall(int channels) {
        return new SustainedOffsetRule(true, SHORTFALL_WINDOW_NANOS, channels);
    }

    /** A zone held over its setpoint without moving. */
    public static SustainedOffsetRule excess(int channels) {
        return new SustainedOffsetRule(false, EXCESS_WINDOW_NANOS, channels);
    }

    /** The run of readings outside the band, for as long as it lasts. */
    @Override
    boolean watches(SafetyInputs in, int channel, double reading) {
        return outsideTheBand(reading, Math.floor(in.setpoint(channel)));
    }

    @Override
    Fault judge(SafetyInputs in, int channel, double reading, long sampled) {
        long from = sampled - windowNanos;
        if (recent.oldest(channel) <= from) { // outside for the whole window
            double span = recent.span(channel, from);
            if (span < SensorResponseRule.MIN_MOVE_MMHG) {
                return fault(in, channel, Math.floor(in.setpoint(channel)), span, sampled - recent.timeAt(channel, from));
            }
        }
        return null;
    }

    private boolean outsideTheBand(double reading, double setpoint) {
        return under ? setpoint > 0 && setpoint - reading > BAND_MMHG
                : reading > EXCESS_FLOOR_MMHG && reading - setpoint > BAND_MMHG;
    }

    private Fault fault(SafetyInputs in, int c, double setpoint, double span, long nanos) {
        if (under) {
            return SetpointResponseRule.fault(in, c, setpoint, span, nanos);
        }
        return FaultMessages.atChannel(in.device(), "pressure not falling toward its setpoint", c, in.pressure(c),
                ", setpoint " + FaultMessages.mmHg(setpoint) + " mmHg, moved " + FaultMessages.mmHg(span) + " mmHg in "
                        + FaultMessages.seconds(nanos) + " (sensor stuck or vent blocked)");
    }
}
