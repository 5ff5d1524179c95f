package org.bootctl.engine.safety;

import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.Valve;

/**
 * What the supervisor sees on one tick of one device. The device loop provides it; it is valid
 * only during that tick, on the loop's thread.
 */
public interface SafetyInputs {

    DeviceDescription device();

    /** The loop's time at the start of this tick. */
    long nowNanos();

    /** Whether any sample has arrived since the device connected. */
    boolean hasSample();

    /** When the newest sample arrived (or the device connected, before the first), on the loop's clock. */
    long lastSampleNanos();

    /** Pressure per channel as the engine uses it: the reading less the fit check's zero offset. */
    double pressure(int channel);

    /** The sensor's own reading. */
    double rawPressure(int channel);

    /** What over-pressure rules compare: the higher of reading and corrected pressure, never the lower. */
    default double tripPressure(int channel) {
        return Math.max(pressure(channel), rawPressure(channel));
    }

    /** The fault latched in the newest sample by the device's firmware, or null; the same all tick. */
    DeviceFault sampleFault();

    /** The first fault the device reported through its listener since the last tick, or null; the same all tick. */
    DeviceFault reportedFault();

    /** The valve commanded on the previous tick (host-regulated devices), never null there. */
    Valve valve(int channel);

    /** The pump duty commanded on the previous tick; 0 on device-regulated devices. */
    int pump();

    /** The setpoint commanded on the previous tick (device-regulated devices: what the firmware regulates to); 0 when venting. */
    double setpoint(int channel);

    /** Whether a session (fit check included) is under way. */
    boolean sessionActive();

    /** The session's limit for this channel's zone (cap, or cap + boost), or NaN with no session. */
    double sessionLimit(int channel);

    /** The highest target each channel had in its current and previous step, as the session last said. */
    StepLimits stepLimits();

    /** The fills the session expects to reach their target in time, as it last said. */
    ExpectedFills expectedFills();
}
