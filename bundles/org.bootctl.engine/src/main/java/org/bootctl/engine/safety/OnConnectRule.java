package org.bootctl.engine.safety;

import org.bootctl.api.session.Fault;

/**
 * {@code S-ON-CONNECT} (docs/DESIGN.md): On connect: a device found pressurised (above 5 mmHg on any channel) with no session is vented
 * at once and the fault shown until a person clears it. (A fault its firmware latched is the
 * {@link DeviceFaultRule}'s.) Looks at the first sample only.
 */
public final class OnConnectRule implements SafetyRule {

    public static final double PRESSURISED_MMHG = 5;

    private boolean checked;

    /** Whether the first sample has been looked at: sessions start only after that. */
    public boolean checked() {
        return checked;
    }

    @Override
    public Fault check(SafetyInputs in) {
        if (checked || !in.hasSample()) {
            return null;
        }
        checked = true;
        if (in.sessionActive()) {
            return null;
        }
        int channel = FaultMessages.highest(in.device().channelCount(), in::tripPressure);
        double pressure = in.tripPressure(channel);
        return pressure > PRESSURISED_MMHG
                ? FaultMessages.atChannel(in.device(), "found pressurised on connect", channel, pressure, null)
                : null;
    }
}
