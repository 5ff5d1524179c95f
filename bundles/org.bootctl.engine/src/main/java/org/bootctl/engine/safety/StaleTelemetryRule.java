package org.bootctl.engine.safety;

import org.bootctl.api.session.Fault;

/** {@code S-STALE-TELEMETRY} (docs/DESIGN.md): Stale telemetry: no sample for max(250 ms, 3 sample periods). */
public final class StaleTelemetryRule implements SafetyRule {

    private final long thresholdNanos;

    public StaleTelemetryRule(int sampleRateHz) {
        thresholdNanos = thresholdNanos(sampleRateHz);
    }

    public static long thresholdNanos(int sampleRateHz) {
        return Math.max(250_000_000L, 3 * 1_000_000_000L / sampleRateHz);
    }

    @Override
    public Fault check(SafetyInputs in) {
        long silence = in.nowNanos() - in.lastSampleNanos();
        if (silence < thresholdNanos) {
            return null;
        }
        String detail = ": no sample for " + silence / 1_000_000 + " ms"
                + (in.hasSample() ? "" : " since the device connected");
        return FaultMessages.withHighest(in.device(), "stale telemetry", detail, in::tripPressure);
    }
}
