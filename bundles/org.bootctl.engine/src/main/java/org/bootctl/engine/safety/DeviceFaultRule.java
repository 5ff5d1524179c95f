package org.bootctl.engine.safety;

import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.session.Fault;

/**
 * {@code S-DEVICE-FAULT} (docs/DESIGN.md): Device-reported faults: one the device announces through its listener, or one its firmware
 * has latched and reports in every sample (also found that way on connect).
 */
public final class DeviceFaultRule implements SafetyRule {

    @Override
    public Fault check(SafetyInputs in) {
        DeviceFault reported = in.reportedFault();
        if (reported != null) {
            return FaultMessages.fromDevice(in.device(), reported, in::tripPressure);
        }
        DeviceFault latched = in.sampleFault();
        return latched == null ? null : FaultMessages.fromDevice(in.device(), latched, in::tripPressure);
    }
}
