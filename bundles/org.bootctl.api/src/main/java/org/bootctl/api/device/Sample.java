package org.bootctl.api.device;

/**
 * One telemetry reading of every channel, and optionally what the link can tell about it (frame
 * counter, what the device applied). Immutable: arrays are copied in and never handed out. A driver
 * makes one per reading and hands it to {@link BootConnection.Listener#sample}.
 *
 * <p>What the engine does with it: it regulates and judges safety on these pressures (a reading
 * below -10 mmHg or above the sensor's full scale is a fault), and a latched fault in a sample
 * latches the device until a person clears it.
 */
public final class Sample {

    /** {@link #frame()} of a device that does not number its telemetry. */
    public static final long NO_FRAME = -1;

    private final long deviceTimeMs;
    private final double[] pressures;
    private final DeviceFault latchedFault;
    private final long frame;
    private final int appliedPump;
    private final Valve[] appliedValves;

    /**
     * A sample of pressures alone: no frame counter, nothing reported applied.
     *
     * @param deviceTimeMs the device's own clock (uptime), ms, for the log
     * @param pressures    mmHg per channel in device order, one per channel of the description (copied)
     * @param latchedFault the fault the device's firmware has latched, or null
     */
    public Sample(long deviceTimeMs, double[] pressures, DeviceFault latchedFault) {
        this(deviceTimeMs, pressures, latchedFault, NO_FRAME, -1, null);
    }

    /**
     * A sample with what the link can tell besides pressures: how the device numbers its
     * telemetry (so a gap shows frames lost on the way) and what it reports having applied (so
     * the time from a command to its effect can be measured).
     *
     * @param deviceTimeMs  the device's own clock (uptime), ms, for the log
     * @param pressures     mmHg per channel in device order, one per channel of the description (copied)
     * @param latchedFault  the fault the device's firmware has latched, or null
     * @param frame         the device's telemetry counter as it reports it (RB2: TELEMETRY's
     *                      {@code count}, which wraps at 65536), or {@link #NO_FRAME}
     * @param appliedPump   the pump duty 0..255 the device reports applied, or -1
     * @param appliedValves the valves the device reports applied, per channel (copied), or null
     */
    public Sample(long deviceTimeMs, double[] pressures, DeviceFault latchedFault, long frame, int appliedPump,
                  Valve[] appliedValves) {
        this.deviceTimeMs = deviceTimeMs;
        this.pressures = pressures.clone();
        this.latchedFault = latchedFault;
        this.frame = frame;
        this.appliedPump = appliedPump;
        this.appliedValves = appliedValves == null ? null : appliedValves.clone();
    }

    /**
     * The device's own clock.
     *
     * @return its uptime in ms as it reported it; for the log only, the engine times nothing by it
     */
    public long deviceTimeMs() {
        return deviceTimeMs;
    }

    /**
     * How many pressures the sample holds.
     *
     * @return the length of the pressure array given
     */
    public int channelCount() {
        return pressures.length;
    }

    /**
     * The pressure on one channel.
     *
     * @param channel 0 to {@link #channelCount()} - 1
     * @return mmHg as the sensor read it
     */
    public double pressure(int channel) {
        return pressures[channel];
    }

    /**
     * Every channel's pressure.
     *
     * @return a new copy, mmHg in device order
     */
    public double[] pressures() {
        return pressures.clone();
    }

    /**
     * The fault latched by the firmware.
     *
     * @return the fault, or null when none is latched
     */
    public DeviceFault latchedFault() {
        return latchedFault;
    }

    /**
     * The device's telemetry counter.
     *
     * @return the counter as the device reports it, or {@link #NO_FRAME} where it reports none
     */
    public long frame() {
        return frame;
    }

    /**
     * The pump duty the device reports applied.
     *
     * @return 0..255, or -1 where it does not say
     */
    public int appliedPump() {
        return appliedPump;
    }

    /**
     * Whether the device reports the valves it applied.
     *
     * @return true when {@link #appliedValve} answers for every channel
     */
    public boolean reportsApplied() {
        return appliedValves != null;
    }

    /**
     * The valve the device reports applied on a channel.
     *
     * @param channel 0 to {@link #channelCount()} - 1
     * @return the valve, or null where the device does not say
     */
    public Valve appliedValve(int channel) {
        return appliedValves == null ? null : appliedValves[channel];
    }
}
