package org.bootctl.api.device;

/**
 * Who closes the pressure loop, as a {@link DeviceDescription} says. It must match the kind of the
 * unit's connection: {@link HostRegulatedConnection} for HOST, {@link DeviceRegulatedConnection}
 * for DEVICE; the engine refuses a connection whose kind and mode disagree.
 */
public enum RegulationMode {
    /** The host regulates: the device takes pump duty and a valve state per channel (RB2, the simulator);
     * its connection is a {@link HostRegulatedConnection}. */
    HOST,
    /** The device regulates: it takes a pressure setpoint per channel (RB1); its connection
     * is a {@link DeviceRegulatedConnection}. */
    DEVICE
}
