package org.bootctl.api.device;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A unit that regulates its own pressure ({@link RegulationMode#DEVICE}): the engine tells each
 * channel's firmware regulator the pressure to hold, and the firmware runs pump and valves.
 * Registered as a {@link BootConnection} service (see there for the rules every connection follows).
 */
@ConsumerType
public interface DeviceRegulatedConnection extends BootConnection {

    /**
     * The pressure each channel's firmware regulates to from now on. Called on every tick of the
     * device's loop, from the loop's thread; it only queues the command and returns within 100 ms
     * (see {@link BootConnection}).
     *
     * @param mmHg one setpoint per channel in the description's channel order, in mmHg, 0 to vent
     *             (the engine checks every plan target against the session limit and 10 mmHg under
     *             the hard limit before a session starts; the fit check asks for 20 mmHg). The
     *             engine's own array, to be copied if kept beyond the call
     */
    void setpoints(double[] mmHg);
}
