package org.bootctl.engine.safety;

import org.bootctl.api.session.Fault;

/**
 * {@code S-FILL-TIMEOUT} (docs/DESIGN.md): Fill timeout: a watched fill not reached within its time limit (a step's, 20 s by default; the
 * fit check's 10 s). Names the channel of the zone that got least far.
 */
public final class FillTimeoutRule implements SafetyRule {

    @Override
    public Fault check(SafetyInputs in) {
        ExpectedFills watch = in.expectedFills();
        long now = in.nowNanos();
        int worst = -1;
        for (int c = 0, channels = in.device().channelCount(); c < channels; c++) {
            if (watch.active(c) && now - watch.startNanos() >= watch.limitNanos()
                    && !Reach.reached(in.pressure(c), watch.target(c))
                    && (worst < 0 || in.pressure(c) < in.pressure(worst))) {
                worst = c;
            }
        }
        return worst < 0 ? null : fault(in, worst);
    }

    private static Fault fault(SafetyInputs in, int c) {
        ExpectedFills watch = in.expectedFills();
        double pressure = in.pressure(c);
        String reached = "reached only " + FaultMessages.mmHg(pressure) + " mmHg of "
                + FaultMessages.mmHg(watch.target(c)) + " mmHg in " + FaultMessages.seconds(watch.limitNanos());
        String zone = in.device().describe(c);
        return watch.purpose() == ExpectedFills.Purpose.FIT_CHECK
                ? FaultMessages.fault(in.device(), "fit check", c, pressure,
                        "fit check: " + zone + " not connected or leaking: " + reached)
                : FaultMessages.fault(in.device(), "fill timeout", c, pressure,
                        "fill timeout: " + zone + " " + reached + " — leak or garment not connected");
    }
}
