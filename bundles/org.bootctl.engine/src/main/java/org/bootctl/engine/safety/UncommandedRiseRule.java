package org.bootctl.engine.safety;

import org.bootctl.api.device.Valve;
import org.bootctl.api.session.Fault;

/**
 * {@code S-UNCOMMANDED-RISE} (docs/DESIGN.md): Uncommanded rise: a channel that is not being filled rising above the lowest pressure it read
 * since it stopped being filled (never looser than the pressure at that moment). Air only comes in
 * through a fill valve stuck open.
 * <ul>
 * <li>{@link #hostRegulated}: a channel whose valve is CLOSED or VENT rising more than
 *     {@link #HOST_RISE_MMHG} (docs/DESIGN.md's safety table).</li>
 * <li>{@link #deviceRegulated} (RB1, where the host sees no valves): a zone whose setpoint is 0 (the
 *     firmware vents it, docs/protocols/rb1-line.md) rising more than {@link #VENTED_RISE_MMHG}. With its vent open
 *     a sound zone only falls; with a fill valve stuck open it takes the pump's air from the zone that
 *     is filling (which the setpoint-response rules would otherwise blame: docs/SAFETY.md, finding 4).
 *     Stricter than the host-regulated 8 mmHg so that it names the stuck zone before the starved
 *     zone's shortfall trips: a zone commanded to vent has no settling air to allow for, only a
 *     command that arrives late (a line resent after 250 ms: about 3 mmHg more of a 10 mmHg/s fill).</li>
 * </ul>
 */
public final class UncommandedRiseRule implements SafetyRule {

    public static final double HOST_RISE_MMHG = 8;
    public static final double VENTED_RISE_MMHG = 4;

    private final boolean byValve;
    private final double riseMmHg;
    private final boolean[] tracking;
    private final double[] lowest;

    private UncommandedRiseRule(boolean byValve, double riseMmHg, int channels) {
        this.byValve = byValve;
        this.riseMmHg = riseMmHg;
        tracking = new boolean[channels];
        lowest = new double[channels];
    }

    public static UncommandedRiseRule hostRegulated(int channels) {
        return new UncommandedRiseRule(true, HOST_RISE_MMHG, channels);
    }

    public static UncommandedRiseRule deviceRegulated(int channels) {
        return new UncommandedRiseRule(false, VENTED_RISE_MMHG, channels);
    }

    @Override
    public Fault check(SafetyInputs in) {
        if (!in.hasSample()) {
            return null;
        }
        Fault fault = null;
        for (int c = 0; c < tracking.length; c++) {
            double pressure = in.tripPressure(c);
            if (filled(in, c)) {
                tracking[c] = false;
            } else if (!tracking[c]) {
                tracking[c] = true;
                lowest[c] = pressure;
            } else {
                lowest[c] = Math.min(lowest[c], pressure);
                if (fault == null && pressure > lowest[c] + riseMmHg) {
                    fault = FaultMessages.atChannel(in.device(), "uncommanded pressure rise", c, pressure,
                            ", " + FaultMessages.mmHg(pressure - lowest[c]) + (byValve
                                    ? " mmHg above where its valve closed (valve stuck open?)"
                                    : " mmHg above its lowest since it was set to vent (fill valve stuck open?)"));
                }
            }
        }
        return fault;
    }

    private boolean filled(SafetyInputs in, int c) {
        return byValve ? in.valve(c) == Valve.FILL : in.setpoint(c) > 0;
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(tracking, false);
    }
}
