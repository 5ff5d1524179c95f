package org.bootctl.api.device;

/**
 * Who closes the pressure loop, as a {@link DeviceDescription} says: it decides which of
 * {@link BootConnection#actuate} and {@link BootConnection#setpoints} the engine calls.
 */
public enum RegulationMode {
    /** The host regulates: the device takes pump duty and a valve state per channel (RB2, the simulator);
     * the engine calls {@link BootConnection#actuate}. */
    HOST,
    /** The device regulates: it takes a pressure setpoint per channel (RB1); the engine calls
     * {@link BootConnection#setpoints}. */
    DEVICE
}
