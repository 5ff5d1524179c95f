package org.bootctl.api.device;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A unit the engine regulates ({@link RegulationMode#HOST}): on every tick the engine decides the
 * pump duty and which valve of each channel is open, from the pressures the unit reports. The
 * unit's firmware only applies them and keeps its own safety cut-offs. Registered as a
 * {@link BootConnection} service (see there for the rules every connection follows).
 */
@ConsumerType
public interface HostRegulatedConnection extends BootConnection {

    /**
     * The pump duty and the valves to apply now. Called on every tick of the device's loop, from
     * the loop's thread; it only queues the command for the driver's writer and returns within
     * 100 ms (see {@link BootConnection}).
     *
     * @param pumpDuty 0 (off) to 255 (full duty)
     * @param valves   one valve state per channel in the description's channel order, never null;
     *                 the engine's own array, to be copied if kept beyond the call
     */
    void actuate(int pumpDuty, Valve[] valves);

    /**
     * Checks a command against the contract of {@link #actuate}, for an implementation to call
     * before it queues one: a command the engine would never send is refused, not half applied.
     *
     * @param description the unit's description: its channel count, and its model for the message
     * @param pumpDuty    must be 0 to 255
     * @param valves      must hold one non-null valve state per channel
     * @throws IllegalArgumentException naming what is wrong with the command
     * @since 2.0
     */
    static void checkCommand(DeviceDescription description, int pumpDuty, Valve[] valves) {
        if (pumpDuty < 0 || pumpDuty > 255) {
            throw new IllegalArgumentException("pump duty is 0..255, not " + pumpDuty);
        }
        if (valves.length != description.channelCount()) {
            throw new IllegalArgumentException(description.model() + " has " + description.channelCount()
                    + " channels, not " + valves.length);
        }
        for (Valve valve : valves) {
            if (valve == null) {
                throw new IllegalArgumentException("every channel needs a valve state");
            }
        }
    }
}
