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
}
