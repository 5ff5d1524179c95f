package org.bootctl.api.device;

/** Who closes the pressure loop. */
public enum RegulationMode {
    /** The host regulates: the device takes pump duty and a valve state per channel (RB2, the simulator). */
    HOST,
    /** The device regulates: it takes a pressure setpoint per channel (RB1). */
    DEVICE
}
