package org.bootctl.engine.safety;

import java.util.ArrayList;
import java.util.List;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.RegulationMode;
import org.bootctl.api.session.Fault;

/**
 * The safety supervisor of one device: runs first on every tick, asks every rule of docs/DESIGN.md's
 * safety table, and reports the first fault. It never acts itself; the loop vents and latches.
 * Not pluggable: the rules are fixed here. Emergency stop and the end-of-session vent are the
 * loop's and the session's, they need no detection.
 */
public final class Supervisor {

    private final OnConnectRule onConnect = new OnConnectRule();
    private final SafetyRule[] rules;

    public Supervisor(DeviceDescription device) {
        int channels = device.channelCount();
        List<SafetyRule> rules = new ArrayList<>();
        // order decides only which sentence wins when several rules trip on one tick
        rules.add(new StaleTelemetryRule(device.sampleRateHz()));
        rules.add(new DeviceFaultRule());
        rules.add(new SensorRangeRule());
        rules.add(onConnect);
        rules.add(new AbsoluteTripRule());
        rules.add(new ChannelTripRule());
        if (device.regulation() == RegulationMode.HOST) {
            rules.add(UncommandedRiseRule.hostRegulated(channels));
            rules.add(new SensorResponseRule(channels));
            rules.add(new FillStallRule(channels));
        } else {
            rules.add(UncommandedRiseRule.deviceRegulated(channels));
            rules.add(new SetpointResponseRule(channels));
            rules.add(SustainedOffsetRule.shortfall(channels));
            rules.add(SustainedOffsetRule.excess(channels));
        }
        rules.add(new FillTimeoutRule());
        this.rules = rules.toArray(SafetyRule[]::new);
    }

    /** Every rule looks at this tick; the first fault found, or null. */
    public Fault check(SafetyInputs in) {
        Fault first = null;
        for (SafetyRule rule : rules) {
            Fault fault = rule.check(in);
            if (first == null) {
                first = fault;
            }
        }
        return first;
    }

    /** Whether the device's first sample has been checked (the on-connect rule). */
    public boolean connectChecked() {
        return onConnect.checked();
    }

    /** After a fault was cleared: every rule forgets what it learnt. */
    public void reset() {
        for (SafetyRule rule : rules) {
            rule.reset();
        }
    }
}
