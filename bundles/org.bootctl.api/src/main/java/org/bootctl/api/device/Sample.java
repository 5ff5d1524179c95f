package org.bootctl.api.device;

/**
 * One telemetry reading of every channel. Immutable: the array is copied in and never handed out.
 */
public final class Sample {

    private final long deviceTimeMs;
    private final double[] pressures;
    private final DeviceFault latchedFault;

    /**
     * @param deviceTimeMs the device's own clock (uptime), for the log
     * @param pressures    mmHg per channel in device order
     * @param latchedFault the fault the device's firmware has latched, or null
     */
    public Sample(long deviceTimeMs, double[] pressures, DeviceFault latchedFault) {
        this.deviceTimeMs = deviceTimeMs;
        this.pressures = pressures.clone();
        this.latchedFault = latchedFault;
    }

    public long deviceTimeMs() {
        return deviceTimeMs;
    }

    public int channelCount() {
        return pressures.length;
    }

    /** mmHg on one channel. */
    public double pressure(int channel) {
        return pressures[channel];
    }

    /** A copy of every channel's pressure. */
    public double[] pressures() {
        return pressures.clone();
    }

    /** The fault latched by the firmware, or null. */
    public DeviceFault latchedFault() {
        return latchedFault;
    }
}
